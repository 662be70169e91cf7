"""Resolving a sale line: the distributor's codes become local ids (performance, seat or
zone, category, tariff, price), through the interface's mappings and the hall's seats.

Lookups are dicts loaded once per run (performances by product and time, products by code)
and once per performance (its hall's seats by block/zone, row and number; categories;
prices). Resolving a line is then dict work: no query per line."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from app.db.bulk import raw_rows
from app.db.models import Performance, PerformanceSeat, PerformanceZone, Price, Product, Seat
from app.domain.enums import ErrorClass, PricePolicy
from app.domain.sales import SaleLine
from app.i18n import _

from ..common import InterfaceInfo
from ..mapping_resolver import HallPlaces, MappingResolver


def seat_key(value) -> str:
    """A row or seat label as compared: without padding or case ("0012" == "12", "a" == "A")."""
    text = str(value if value is not None else "").strip()
    return str(int(text)) if text.isdigit() else text.upper()


def where_of(line: SaleLine) -> str:
    """Where a line is, for the log: its place in the file or page, else its ticket id."""
    return line.where or f"ticket {line.external_ticket_id}"


def where_said(line: SaleLine) -> str:
    """`where_of` as the log and the held lines keep it (in the reader's language): for the
    lines that make an issue, not the hot path."""
    return line.where or _("ticket {ticket}").format(ticket=line.external_ticket_id)


@dataclass
class HallData:
    places: HallPlaces
    seat_by_block: dict[tuple[int, str, str], int]
    seat_info: dict[int, tuple[int, str, int]]  # seat id → (block id, row, number)
    _by_zone: dict[tuple[int, str, str], int] | None = field(default=None, repr=False)

    @property
    def seat_by_zone(self) -> dict[tuple[int, str, str], int]:
        """(zone id, row, number) → seat id, -1 when that names several seats: made on first
        use (only a distributor whose codes map to zones rather than blocks needs it)."""
        if self._by_zone is None:
            by_zone: dict[tuple[int, str, str], int] = {}
            block_zone = self.places.block_zone
            for (bid, r, n), sid in self.seat_by_block.items():
                zk = (block_zone[bid], r, n)
                by_zone[zk] = -1 if zk in by_zone else sid
            self._by_zone = by_zone
        return self._by_zone

    def label(self, seat_id: int) -> str:
        block_id, row, number = self.seat_info[seat_id]
        return f"{self.places.block_label(block_id)} rang {row} place {number}"

    def zone_of(self, seat_id: int) -> int:
        return self.places.block_zone[self.seat_info[seat_id][0]]


@dataclass
class PerfData:
    id: int
    label: str
    hall: HallData
    seat_category: dict[int, int]
    zone_category: dict[int, int]  # non-numbered zones
    prices: dict[tuple[int, int], Decimal]


@dataclass(slots=True)
class Resolved:
    """A sale line in local terms."""

    performance_id: int
    seat_id: int | None
    zone_id: int
    category_id: int
    tariff_id: int
    price: Decimal


@dataclass
class Issue:
    error_class: ErrorClass
    message: str
    where: str
    line: SaleLine | None = field(default=None, compare=False, repr=False)



class LineResolver:
    """One run's resolution context: the interface, its mappings, and the caches of the
    halls and performances its lines name."""

    def __init__(self, s, info: InterfaceInfo, resolver: MappingResolver, *, default_performance: int | None = None):
        self.info, self.resolver = info, resolver
        self.default_performance = default_performance
        self.contingents = set(info.contingent_ids)
        self.halls: dict[int, HallData] = {}
        self.perfs: dict[int, PerfData] = {}
        self.perf_at: dict[tuple[int, datetime], int] = {}
        for pid, product_id, starts_at in s.execute(select(Performance.id, Performance.product_id,
                                                           Performance.starts_at)):
            self.perf_at[(product_id, starts_at.replace(second=0, microsecond=0))] = pid
        self.product_by_code: dict[str, int] = {c: i for i, c in s.execute(select(Product.id, Product.code))}
        # Per-batch repetition is the norm (a few performances, zones, tariffs, prices for
        # thousands of lines): each distinct key is resolved once per run, not once per line.
        self._pid_of: dict[tuple, int] = {}
        self._place_of: dict[tuple[int, str], tuple | None] = {}
        self._category_of: dict[str, int | None] = {}
        self._tariff_of: dict[str, int | None] = {}
        self._seat_keys: dict = {}

    def seat_places(self) -> Mapping[int, tuple[int, str, int]]:
        """Seat id → (block id, row, number) of the halls this run has loaded."""
        halls = list(self.halls.values())
        return halls[0].seat_info if len(halls) == 1 else ChainMap(*(h.seat_info for h in halls))

    # loading
    def hall(self, s, hall_id: int) -> HallData:
        h = self.halls.get(hall_id)
        if h is None:
            places = HallPlaces.load(s, hall_id)
            by_block, info = {}, {}
            key = self._key  # a hall's rows and numbers repeat: each keyed once
            for sid, bid, row, number in raw_rows(s, select(Seat.id, Seat.block_id, Seat.row, Seat.number)
                                                  .where(Seat.hall_id == hall_id)):
                by_block[(bid, key(row), key(number))] = sid
                info[sid] = (bid, row, number)
            h = self.halls[hall_id] = HallData(places, by_block, info)
        return h

    def perf(self, s, perf_id: int) -> PerfData:
        p = self.perfs.get(perf_id)
        if p is None:
            row = s.execute(select(Performance.hall_id, Product.code, Performance.starts_at)
                            .join(Product, Product.id == Performance.product_id)
                            .where(Performance.id == perf_id)).one()
            hall = self.hall(s, row.hall_id)
            cats = dict(raw_rows(s, select(PerformanceSeat.seat_id, PerformanceSeat.category_id)
                                 .where(PerformanceSeat.performance_id == perf_id)))
            zcats = dict(s.execute(select(PerformanceZone.zone_id, PerformanceZone.category_id)
                                   .where(PerformanceZone.performance_id == perf_id)).all())
            prices = {(c, t): a for c, t, a in s.execute(select(Price.category_id, Price.tariff_id, Price.amount)
                                                         .where(Price.performance_id == perf_id))}
            p = self.perfs[perf_id] = PerfData(perf_id, f"{row.code}@{row.starts_at:%Y-%m-%d %H:%M}", hall, cats,
                                               zcats, prices)
        return p

    # resolution of one line (pure dict work once the performance is loaded)
    def performance_of(self, line: SaleLine) -> tuple[int | None, Issue | None]:
        where = where_of(line)
        pid = None
        if line.performance:
            pid = self.resolver.performance(line.performance)
            if pid is None:
                return None, Issue(ErrorClass.MAPPING, _("no mapping for performance code {code!r}").format(
                    code=line.performance), where)
        elif line.event and line.performance_at:
            products = self.resolver.products(line.event)
            if not products:
                return None, Issue(ErrorClass.MAPPING, _("no mapping for event code {code!r}").format(code=line.event),
                                   where)
            when = line.performance_at.replace(second=0, microsecond=0, tzinfo=None)
            for oid, code in products:
                product_id = oid if oid is not None else self.product_by_code.get(code)
                pid = self.perf_at.get((product_id, when))
                if pid is not None:
                    break
            if pid is None:
                return None, Issue(ErrorClass.EXTERNAL, _("event {code!r} has no performance on {when}").format(
                    code=line.event, when=f"{when:%Y-%m-%d %H:%M}"), where)
        if pid is None:
            if self.default_performance is None:
                return None, Issue(ErrorClass.MAPPING, _("the line names no performance (give the performance "
                                                         "of the file: --performance)"), where)
            return self.default_performance, None
        if self.default_performance is not None and pid != self.default_performance:
            return None, Issue(ErrorClass.EXTERNAL, _("the line is for another performance than the one given "
                                                      "(#{found}, not #{given})").format(
                found=pid, given=self.default_performance), where)
        return pid, None

    def resolve(self, s, line: SaleLine, policy: PricePolicy) -> tuple[Resolved | None, list[Issue]]:
        """The line in local terms, or the issues that stop it (each naming the line)."""
        r = self._resolve_known(s, line, policy)
        if r is not None:
            return r, []
        return self._resolve_explained(s, line, policy)

    def _key(self, value) -> str:
        k = self._seat_keys.get(value)
        if k is None:
            k = self._seat_keys[value] = seat_key(value)
        return k

    def _resolve_known(self, s, line: SaleLine, policy: PricePolicy) -> Resolved | None:
        """The fast path: the line resolved through the per-run caches of its distinct keys,
        or None when anything is missing or refused (then `_resolve_explained` says why)."""
        pk = (line.performance, line.event, line.performance_at)
        pid = self._pid_of.get(pk)
        if pid is None:
            pid, issue = self.performance_of(line)
            if issue is not None:
                return None
            self._pid_of[pk] = pid
        perf = self.perfs.get(pid) or self.perf(s, pid)
        if not line.zone:
            return None
        zk = (pid, line.zone)
        place = self._place_of.get(zk, False)
        if place is False:
            places = perf.hall.places
            found = places.resolve_place(self.resolver, line.zone)
            if found is not None:
                kind, oid = found
                zone_id = oid if kind == "zone" else places.block_zone[oid]
                found = (kind, oid, zone_id, places.zone_numbered.get(zone_id, True))
            place = self._place_of[zk] = found
        if place is None:
            return None
        kind, oid, zone_id, numbered = place
        if numbered:
            if not line.numbered:
                return None
            hall = perf.hall
            seat_id = (hall.seat_by_block if kind == "block" else hall.seat_by_zone).get(
                (oid, self._key(line.row), self._key(line.seat)))
            if seat_id is None or seat_id == -1:
                return None
            category_id = perf.seat_category.get(seat_id)
        else:
            seat_id = None
            category_id = perf.zone_category.get(zone_id)
        if category_id is None:
            return None
        if line.seat_category:
            cat = self._category_of.get(line.seat_category, False)
            if cat is False:
                cat = self._category_of[line.seat_category] = self.resolver.category(line.seat_category)
            if cat != category_id:
                return None
        if not line.tariff:
            return None
        tariff_id = self._tariff_of.get(line.tariff, False)
        if tariff_id is False:
            tariff_id = self._tariff_of[line.tariff] = self.resolver.tariff(line.tariff)
        if tariff_id is None:
            return None
        ours = perf.prices.get((category_id, tariff_id))
        if ours is None:
            return None
        theirs = line.price
        if policy is PricePolicy.TAKE_THEIRS and theirs is not None:
            price = theirs
        elif policy is PricePolicy.ERROR_IF_DIFFERENT and theirs is not None and theirs != ours:
            return None
        else:
            price = ours
        return Resolved(pid, seat_id, zone_id, category_id, tariff_id,
                        price if type(price) is Decimal else Decimal(price))

    def _resolve_explained(self, s, line: SaleLine, policy: PricePolicy) -> tuple[Resolved | None, list[Issue]]:
        """The line resolved step by step, collecting every issue with its message."""
        where = where_of(line)
        pid, issue = self.performance_of(line)
        if issue:
            return None, [issue]
        perf = self.perf(s, pid)
        hall = perf.hall
        issues: list[Issue] = []
        place = hall.places.resolve_place(self.resolver, line.zone) if line.zone else None
        seat_id, zone_id, category_id = None, None, None
        if place is None:
            issues.append(Issue(ErrorClass.MAPPING, _("no mapping for zone code {code!r} in the hall of {label}").format(
                code=line.zone, label=perf.label) if line.zone else _("the line has no zone code"), where))
        else:
            kind, pid_ = place
            zone_id = pid_ if kind == "zone" else hall.places.block_zone[pid_]
            if hall.places.zone_numbered.get(zone_id, True):
                if not line.numbered:
                    issues.append(Issue(ErrorClass.EXTERNAL, _("zone {code!r} is numbered but the line has no row and "
                                                               "seat").format(code=line.zone), where))
                else:
                    key = (pid_, seat_key(line.row), seat_key(line.seat))
                    seat_id = (hall.seat_by_block if kind == "block" else hall.seat_by_zone).get(key)
                    if seat_id is None or seat_id == -1:
                        msg = _("seat {zone} row {row} number {seat} names several seats in the hall of {label}") \
                            if seat_id == -1 else _("seat {zone} row {row} number {seat} does not exist in the hall "
                                                    "of {label}")
                        issues.append(Issue(ErrorClass.EXTERNAL, msg.format(zone=line.zone, row=line.row, seat=line.seat,
                                                                            label=perf.label), where))
                        seat_id = None
                    else:
                        category_id = perf.seat_category.get(seat_id)
                        if category_id is None:
                            issues.append(Issue(ErrorClass.EXTERNAL, _("seat {seat} is not on the plan of {label}").format(
                                seat=hall.label(seat_id), label=perf.label), where))
            else:
                category_id = perf.zone_category.get(zone_id)
                if category_id is None:
                    issues.append(Issue(ErrorClass.EXTERNAL, _("zone {code!r} is not on sale for {label}").format(
                        code=line.zone, label=perf.label), where))
        if line.seat_category:
            cat = self.resolver.category(line.seat_category)
            if cat is None:
                issues.append(Issue(ErrorClass.MAPPING, _("no mapping for seat category code {code!r}").format(
                    code=line.seat_category), where))
            elif category_id is not None and cat != category_id:
                issues.append(Issue(ErrorClass.EXTERNAL, _("category {code!r} differs from the seat's ({seat_code})").format(
                    code=line.seat_category, seat_code=self.resolver.category_code.get(category_id)), where))
        tariff_id = self.resolver.tariff(line.tariff) if line.tariff else None
        if tariff_id is None:
            issues.append(Issue(ErrorClass.MAPPING, _("no mapping for tariff code {code!r}").format(code=line.tariff)
                                if line.tariff else _("the line has no tariff code"), where))
        if issues:
            return None, issues
        ours = perf.prices.get((category_id, tariff_id))
        theirs = line.price
        if ours is None:
            return None, [Issue(ErrorClass.CONFIGURATION, _("no price for category {category} and tariff {tariff} on "
                                                            "{label}").format(
                category=self.resolver.category_code.get(category_id), tariff=self.resolver.tariff_code.get(tariff_id),
                label=perf.label), where)]
        if policy is PricePolicy.TAKE_THEIRS and theirs is not None:
            price = theirs
        elif policy is PricePolicy.ERROR_IF_DIFFERENT and theirs is not None and theirs != ours:
            return None, [Issue(ErrorClass.EXTERNAL, _("the distributor's price {theirs:.2f} differs from ours "
                                                       "{ours:.2f} (policy: error if different)").format(
                theirs=theirs, ours=ours), where)]
        else:
            price = ours
        return Resolved(pid, seat_id, zone_id, category_id, tariff_id, Decimal(price)), []
