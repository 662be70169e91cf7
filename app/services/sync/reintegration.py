"""Sales reintegration: the tickets a distributor sold become local orders, exactly once.

Every line is resolved through the interface's mappings (an unmapped code is a Mapping
error naming the line and the code), checked against the seat's state (it must exist, be in
the distributor's contingent and not be sold by someone else — otherwise an External error
for that line, never an overwrite) and priced by the reseller-price policy.

A batch (an HTTP page, or a file, or `batch_size` lines of a file) is one transaction:
orders, tickets, seat history, reintegrated-line keys and — for online reintegration — the
interface's sales cursor are committed together or not at all. The unique key
(interface, external ticket id, action) of `reintegrated_lines` makes a rerun skip what was
applied; the cursor saved with its batch means a crash at any instant followed by a rerun
gives the result of one clean run. A batch with any error applies nothing.

Speed: lookups are dicts loaded once per run (the hall's seats, categories, prices); per
batch, only the touched seats' state is read with chunked IN queries, and rows are written
with executemany inserts — no ORM object per line."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import DateTime, Enum as SAEnum, Numeric, case, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from app.adapters.base import DistributorError
from app.db.bulk import bulk_insert
from app.db.engine import Database
from app.db.models import (
    DistributorInterface, ExportedSeat, HeldLine, Order, Performance, PerformanceSeat, PerformanceZone, Price, Product, ReintegratedLine,
    Seat, SeatHistory, Ticket, ZoneAllocation, utcnow,
)
from app.domain.actors import Actor
from app.domain.enums import (
    ErrorClass, ExecutionStatus, HeldStatus, LogLevel, OrderStatus, PricePolicy, SeatAction, SyncFunction, TicketState, Trigger,
)
from app.domain.errors import InputError
from app.domain.sales import ParsedSales, SaleAction, SaleLine

from .executions import ExecutionRecorder, RunResult, create_execution, performance_ids, reap_interrupted
from app.services.inventory.state import bump_revision, chunks
from .mapping_resolver import HallPlaces, MappingResolver
from .common import InterfaceInfo, classify, load_interface, open_adapter, waiting_payment_mode

DEFAULT_PAGE = 1000
MAX_LOGGED_ERRORS = 200  # per batch; the rest are summed up in one line
RETRIES_ON_CONFLICT = 3
between_check_and_write = None  # a test seam: called with the plan, inside the batch's transaction


def norm(value) -> str:
    """Rows and numbers compare without padding or case: "0012" == "12", "a" == "A"."""
    text = str(value if value is not None else "").strip()
    return str(int(text)) if text.isdigit() else text.upper()


# --- static lookups (loaded once per run) ----------------------------------------------------


@dataclass
class HallData:
    places: HallPlaces
    seat_by_block: dict[tuple[int, str, str], int]
    seat_by_zone: dict[tuple[int, str, str], int]  # -1 when a zone-level key is ambiguous
    seat_info: dict[int, tuple[int, str, int]]  # seat id → (block id, row, number)

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


@dataclass
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


@dataclass
class Held:
    """A line of an online batch that cannot be applied: stored as a held line, the feed
    goes on with the lines after it."""

    line: SaleLine
    error_class: ErrorClass
    cause: str


@dataclass
class Plan:
    """What a batch would write, or why it cannot."""

    tickets: list[dict] = field(default_factory=list)  # planned sale tickets (with "_line")
    db_cancels: list[tuple[int, SaleLine]] = field(default_factory=list)  # (ticket id, line)
    batch_cancels: list[tuple[int, SaleLine]] = field(default_factory=list)  # (index in tickets, line)
    noop_cancels: list[tuple[int, SaleLine]] = field(default_factory=list)  # already cancelled here
    issues: list[Issue] = field(default_factory=list)
    cascades: list[Issue] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)  # online batches: lines held, the rest applied
    reclaimed: list[tuple[int, int, str, str]] = field(default_factory=list)  # (perf, seat, old, label)
    warnings: list[Issue] = field(default_factory=list)
    lines: int = 0
    already: int = 0
    performances: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def sales(self) -> int:
        return len(self.tickets)

    @property
    def cancellations(self) -> int:
        return len(self.db_cancels) + len(self.batch_cancels) + len(self.noop_cancels)

    @property
    def amount(self) -> Decimal:
        return sum((t["price"] for t in self.tickets), Decimal(0))


class _Refused(Exception):
    def __init__(self, plan: Plan):
        super().__init__("batch refused")
        self.plan = plan


class _CursorMoved(Exception):
    pass


class Reintegrator:
    """One run's resolution context for one interface."""

    def __init__(self, db: Database, actor: Actor, info: InterfaceInfo, resolver: MappingResolver,
                 execution_id: int | None, *, default_performance: int | None = None):
        self.db, self.actor, self.info, self.resolver = db, actor, info, resolver
        self.execution_id = execution_id
        self.default_performance = default_performance
        self.halls: dict[int, HallData] = {}
        self.perfs: dict[int, PerfData] = {}
        self.perf_at: dict[tuple[int, datetime], int] = {}
        self.product_by_code: dict[str, int] = {}
        self.contingents = set(info.contingent_ids)
        with db.read() as s:
            for pid, product_id, starts_at in s.execute(select(Performance.id, Performance.product_id,
                                                               Performance.starts_at)):
                self.perf_at[(product_id, starts_at.replace(second=0, microsecond=0))] = pid
            self.product_by_code = {c: i for i, c in s.execute(select(Product.id, Product.code))}
            self.payment_mode_id = waiting_payment_mode(s, info.point_of_sale_id)

    # loading
    def hall(self, s, hall_id: int) -> HallData:
        h = self.halls.get(hall_id)
        if h is None:
            places = HallPlaces.load(s, hall_id)
            by_block, by_zone, info = {}, {}, {}
            for sid, bid, row, number in s.execute(select(Seat.id, Seat.block_id, Seat.row, Seat.number)
                                                   .where(Seat.hall_id == hall_id)):
                r, n = norm(row), norm(number)
                by_block[(bid, r, n)] = sid
                zk = (places.block_zone[bid], r, n)
                by_zone[zk] = -1 if zk in by_zone else sid
                info[sid] = (bid, row, number)
            h = self.halls[hall_id] = HallData(places, by_block, by_zone, info)
        return h

    def perf(self, s, perf_id: int) -> PerfData:
        p = self.perfs.get(perf_id)
        if p is None:
            row = s.execute(select(Performance.hall_id, Product.code, Performance.starts_at)
                            .join(Product, Product.id == Performance.product_id)
                            .where(Performance.id == perf_id)).one()
            hall = self.hall(s, row.hall_id)
            cats = dict(s.execute(select(PerformanceSeat.seat_id, PerformanceSeat.category_id)
                                  .where(PerformanceSeat.performance_id == perf_id)).all())
            zcats = dict(s.execute(select(PerformanceZone.zone_id, PerformanceZone.category_id)
                                   .where(PerformanceZone.performance_id == perf_id)).all())
            prices = {(c, t): a for c, t, a in s.execute(select(Price.category_id, Price.tariff_id, Price.amount)
                                                         .where(Price.performance_id == perf_id))}
            p = self.perfs[perf_id] = PerfData(perf_id, f"{row.code}@{row.starts_at:%Y-%m-%d %H:%M}", hall, cats,
                                               zcats, prices)
        return p

    # resolution of one line (pure dict work once the performance is loaded)
    def _performance_of(self, line: SaleLine) -> tuple[int | None, Issue | None]:
        where = _where(line)
        pid = None
        if line.performance:
            pid = self.resolver.performance(line.performance)
            if pid is None:
                return None, Issue(ErrorClass.MAPPING, f"no mapping for performance code {line.performance!r}", where)
        elif line.event and line.performance_at:
            products = self.resolver.products(line.event)
            if not products:
                return None, Issue(ErrorClass.MAPPING, f"no mapping for event code {line.event!r}", where)
            when = line.performance_at.replace(second=0, microsecond=0, tzinfo=None)
            for oid, code in products:
                product_id = oid if oid is not None else self.product_by_code.get(code)
                pid = self.perf_at.get((product_id, when))
                if pid is not None:
                    break
            if pid is None:
                return None, Issue(ErrorClass.EXTERNAL, f"event {line.event!r} has no performance on "
                                                        f"{when:%Y-%m-%d %H:%M}", where)
        if pid is None:
            if self.default_performance is None:
                return None, Issue(ErrorClass.MAPPING, "the line names no performance (give the performance "
                                                       "of the file: --performance)", where)
            return self.default_performance, None
        if self.default_performance is not None and pid != self.default_performance:
            return None, Issue(ErrorClass.EXTERNAL, f"the line is for another performance than the one given "
                                                    f"(#{pid}, not #{self.default_performance})", where)
        return pid, None

    def resolve(self, s, line: SaleLine, policy: PricePolicy) -> tuple[Resolved | None, list[Issue]]:
        where = _where(line)
        pid, issue = self._performance_of(line)
        if issue:
            return None, [issue]
        perf = self.perf(s, pid)
        hall = perf.hall
        issues: list[Issue] = []
        place = hall.places.resolve_place(self.resolver, line.zone) if line.zone else None
        seat_id, zone_id, category_id = None, None, None
        if place is None:
            issues.append(Issue(ErrorClass.MAPPING, f"no mapping for zone code {line.zone!r} in the hall of "
                                                    f"{perf.label}" if line.zone else "the line has no zone code",
                                where))
        else:
            kind, pid_ = place
            zone_id = pid_ if kind == "zone" else hall.places.block_zone[pid_]
            if hall.places.zone_numbered.get(zone_id, True):
                if not line.numbered:
                    issues.append(Issue(ErrorClass.EXTERNAL, f"zone {line.zone!r} is numbered but the line has "
                                                             "no row and seat", where))
                else:
                    key = (pid_, norm(line.row), norm(line.seat))
                    seat_id = (hall.seat_by_block if kind == "block" else hall.seat_by_zone).get(key)
                    if seat_id is None or seat_id == -1:
                        why = "names several seats" if seat_id == -1 else "does not exist"
                        issues.append(Issue(ErrorClass.EXTERNAL, f"seat {line.zone} row {line.row} number "
                                                                 f"{line.seat} {why} in the hall of {perf.label}", where))
                        seat_id = None
                    else:
                        category_id = perf.seat_category.get(seat_id)
                        if category_id is None:
                            issues.append(Issue(ErrorClass.EXTERNAL, f"seat {hall.label(seat_id)} is not on the plan "
                                                                     f"of {perf.label}", where))
            else:
                category_id = perf.zone_category.get(zone_id)
                if category_id is None:
                    issues.append(Issue(ErrorClass.EXTERNAL, f"zone {line.zone!r} is not on sale for {perf.label}",
                                        where))
        if line.seat_category:
            cat = self.resolver.category(line.seat_category)
            if cat is None:
                issues.append(Issue(ErrorClass.MAPPING, f"no mapping for seat category code {line.seat_category!r}",
                                    where))
            elif category_id is not None and cat != category_id:
                issues.append(Issue(ErrorClass.EXTERNAL, f"category {line.seat_category!r} differs from the seat's "
                                                         f"({self.resolver.category_code.get(category_id)})", where))
        tariff_id = self.resolver.tariff(line.tariff) if line.tariff else None
        if tariff_id is None:
            issues.append(Issue(ErrorClass.MAPPING, f"no mapping for tariff code {line.tariff!r}" if line.tariff
                                else "the line has no tariff code", where))
        if issues:
            return None, issues
        ours = perf.prices.get((category_id, tariff_id))
        theirs = line.price
        if ours is None:
            return None, [Issue(ErrorClass.CONFIGURATION, f"no price for category "
                                f"{self.resolver.category_code.get(category_id)} and tariff "
                                f"{self.resolver.tariff_code.get(tariff_id)} on {perf.label}", where)]
        if policy is PricePolicy.TAKE_THEIRS and theirs is not None:
            price = theirs
        elif policy is PricePolicy.ERROR_IF_DIFFERENT and theirs is not None and theirs != ours:
            return None, [Issue(ErrorClass.EXTERNAL, f"the distributor's price {theirs:.2f} differs from ours "
                                                     f"{ours:.2f} (policy: error if different)", where)]
        else:
            price = ours
        return Resolved(pid, seat_id, zone_id, category_id, tariff_id, Decimal(price)), []

    # one batch ---------------------------------------------------------------------------

    def plan(self, s, lines: list[SaleLine], *, lock: bool, hold: bool = False,
             retrying: frozenset[int] = frozenset()) -> Plan:
        """What the batch's lines, applied one by one in feed order, would write. With `hold`
        (online feeds), a line that cannot be applied is held and the others go on; without
        (sales files), any such line refuses the whole batch."""
        plan = Plan(lines=len(lines))
        conn = s.connection()  # Core reads: no ORM result processing per row
        iid = self.info.id
        seen: dict[tuple[str, str], str] = {}
        ids = list({l.external_ticket_id for l in lines})
        done: dict[tuple[str, str], int | None] = {}
        for part in chunks(ids):
            for ext, action, tid in conn.execute(select(ReintegratedLine.external_ticket_id, ReintegratedLine.action,
                                                     ReintegratedLine.ticket_id)
                                              .where(ReintegratedLine.interface_id == iid,
                                                     ReintegratedLine.external_ticket_id.in_(part))):
                done[(ext, action)] = tid
        held_before: dict[str, tuple[int, ErrorClass]] = {}  # sales held by earlier batches
        for part in chunks(ids):
            for hid, ext, cls in conn.execute(select(HeldLine.id, HeldLine.external_ticket_id, HeldLine.error_class)
                                           .where(HeldLine.interface_id == iid, HeldLine.action == "sale",
                                                  HeldLine.status == HeldStatus.HELD,
                                                  HeldLine.external_ticket_id.in_(part))):
                if hid not in retrying:
                    held_before[ext] = (hid, cls)
        dup: set[int] = set()  # indexes of lines sent twice in this batch (the first one stands)
        resolved: list[Resolved | None] = []
        for line in lines:
            key = (line.external_ticket_id, line.action.value)
            if not line.external_ticket_id:
                plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, "the line has no ticket id", _where(line))))
                resolved.append(None)
                continue
            if key in seen:
                dup.add(len(resolved))
                plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, f"ticket {line.external_ticket_id} sent twice "
                                         f"({line.action.value}; first at {seen[key]})", _where(line))))
                resolved.append(None)
                continue
            seen[key] = _where(line)
            if line.action is SaleAction.SALE:
                r, issues = self.resolve(s, line, self.info.price_policy)
                plan.issues += [_at(line, i) for i in issues]
                resolved.append(r)
                if r is not None:
                    plan.performances.add(r.performance_id)
            else:
                resolved.append(None)
        # Performances touched by cancellations of tickets we already hold.
        old_sale_ids = [done[(l.external_ticket_id, "sale")] for l in lines
                        if l.action is SaleAction.CANCEL and (l.external_ticket_id, "sale") in done
                        and (l.external_ticket_id, "cancel") not in done]
        old_tickets: dict[int, tuple] = {}
        for part in chunks([t for t in old_sale_ids if t is not None]):
            for row in conn.execute(select(Ticket.id, Ticket.state, Ticket.order_id, Ticket.performance_id,
                                        Ticket.seat_id, Ticket.zone_id).where(Ticket.id.in_(part))):
                old_tickets[row[0]] = row
                plan.performances.add(row[3])
        prev_seat: dict[int, tuple] = {}  # tickets of lines sold before: a resent id must name the same seat
        again = [done[(l.external_ticket_id, "sale")] for l in lines
                 if l.action is SaleAction.SALE and (l.external_ticket_id, "sale") in done]
        for part in chunks([t for t in again if t is not None]):
            for tid, pid, sid, zid in conn.execute(select(Ticket.id, Ticket.performance_id, Ticket.seat_id,
                                                       Ticket.zone_id).where(Ticket.id.in_(part))):
                prev_seat[tid] = (pid, sid, zid)
        if lock:  # serialise with box-office sales of the same performances (see bump_revision)
            for pid in sorted(plan.performances):
                bump_revision(s, pid)
        # Current state of the touched seats and zones.
        seats_by_perf: dict[int, set[int]] = defaultdict(set)
        zones: set[tuple[int, int]] = set()
        for r in resolved:
            if r is not None:
                if r.seat_id is not None:
                    seats_by_perf[r.performance_id].add(r.seat_id)
                else:
                    zones.add((r.performance_id, r.zone_id))
        state: dict[tuple[int, int], tuple] = {}
        taken: dict[tuple[int, int], str] = {}
        exported: set[tuple[int, int]] = set()  # in the last allotment exported to this distributor
        for pid, sids in seats_by_perf.items():
            for part in chunks(sids):
                for sid, cont, blocked, invalid in conn.execute(
                        select(PerformanceSeat.seat_id, PerformanceSeat.contingent_id, PerformanceSeat.blocked,
                               PerformanceSeat.invalid)
                        .where(PerformanceSeat.performance_id == pid, PerformanceSeat.seat_id.in_(part))):
                    state[(pid, sid)] = (cont, bool(blocked), bool(invalid))
                for sid, tid, ref in conn.execute(
                        select(Ticket.seat_id, Ticket.id, Order.reference).join(Order, Order.id == Ticket.order_id)
                        .where(Ticket.performance_id == pid, Ticket.seat_id.in_(part),
                               Ticket.state != TicketState.CANCELLED)):
                    taken[(pid, sid)] = f"order {ref}"
                exported.update((pid, sid) for (sid,) in conn.execute(
                    select(ExportedSeat.seat_id).where(ExportedSeat.interface_id == iid,
                                                       ExportedSeat.performance_id == pid,
                                                       ExportedSeat.seat_id.in_(part))))
        room: dict[tuple[int, int], int] = {}
        if zones and self.contingents:
            for pid, zid in zones:
                alloc = s.scalar(select(func.coalesce(func.sum(ZoneAllocation.quantity), 0)).where(
                    ZoneAllocation.performance_id == pid, ZoneAllocation.zone_id == zid,
                    ZoneAllocation.contingent_id.in_(self.contingents))) or 0
                used = s.scalar(select(func.count(Ticket.id)).where(
                    Ticket.performance_id == pid, Ticket.zone_id == zid, Ticket.seat_id.is_(None),
                    Ticket.state != TicketState.CANCELLED, Ticket.contingent_id.in_(self.contingents))) or 0
                room[(pid, zid)] = int(alloc) - int(used)
        default_cont = self.info.contingent_ids[0] if self.info.contingent_ids else None
        batch_sale: dict[str, int | None] = {}  # ext id → index in plan.tickets, None if refused
        cancelled_later = {l.external_ticket_id for l in lines if l.action is SaleAction.CANCEL}
        failed_sales: set[str] = set()
        now = utcnow()
        for idx, (line, r) in enumerate(zip(lines, resolved)):
            where = _where(line)
            ext = line.external_ticket_id
            if idx in dup:
                continue
            if line.action is SaleAction.SALE:
                if r is None:
                    failed_sales.add(ext)
                    continue
                if (ext, "sale") in done:
                    prev = prev_seat.get(done[(ext, "sale")])
                    same = prev is None or prev == (r.performance_id, r.seat_id, r.zone_id)
                    if not same:
                        plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, f"ticket {ext} was already reintegrated for "
                                                 "another seat: the distributor sent one ticket id twice", where)))
                    else:
                        plan.already += 1
                    continue
                perf = self.perfs[r.performance_id]
                cont = None
                if r.seat_id is not None:
                    k = (r.performance_id, r.seat_id)
                    cont, blocked, invalid = state.get(k, (None, False, False))
                    label = perf.hall.label(r.seat_id)
                    overlay = k in taken and ext in cancelled_later
                    if k in taken and not overlay:
                        plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, f"seat {label} of {perf.label} is already sold "
                                                 f"({taken[k]}): sold locally first; the distributor's sale is refused, "
                                                 "nothing overwritten", where)))
                        failed_sales.add(ext)
                        continue
                    if (cont not in self.contingents or blocked or invalid) and k in exported:
                        # A distributor's sale is a fact: the seat was in the last allotment we
                        # sent it; the local change since (blocked, taken back) was never exported.
                        was = "blocked" if blocked else "invalid" if invalid else (
                            "in no contingent" if cont is None else "in another contingent")
                        plan.reclaimed.append((r.performance_id, r.seat_id, was, label))
                        plan.warnings.append(Issue(ErrorClass.EXTERNAL, f"seat {label} of {perf.label} was {was} "
                                                   f"locally after the last export, but {self.info.name} sold it "
                                                   f"(ticket {ext}): it is now sold to {self.info.name}", where))
                        cont = default_cont
                        blocked = invalid = False
                    if cont not in self.contingents:
                        held = "in no contingent" if cont is None else "held by another contingent"
                        plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, f"seat {label} of {perf.label} is outside the "
                                                 f"distributor's contingent ({held})", where)))
                        failed_sales.add(ext)
                        continue
                    if blocked or invalid:
                        plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, f"seat {label} of {perf.label} is "
                                                 f"{'blocked' if blocked else 'invalid'}: it was not for sale", where)))
                        failed_sales.add(ext)
                        continue
                    if not overlay:  # else sold and refunded in this batch while the seat is another's now
                        taken[k] = f"ticket {ext} of this batch"
                else:
                    k = (r.performance_id, r.zone_id)
                    if room.get(k, 0) <= 0:
                        plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, f"no place left in the distributor's allocation "
                                                 f"of zone {perf.hall.places.zone_code.get(r.zone_id)} of {perf.label}",
                                                 where)))
                        failed_sales.add(ext)
                        continue
                    room[k] -= 1
                    cont = default_cont
                batch_sale[ext] = len(plan.tickets)
                plan.tickets.append({
                    "performance_id": r.performance_id, "seat_id": r.seat_id, "zone_id": r.zone_id,
                    "category_id": r.category_id, "tariff_id": r.tariff_id, "contingent_id": cont,
                    "price": r.price, "state": TicketState.SOLD, "controlled": False, "external_ticket_id": ext,
                    "created_at": now, "cancelled_at": None, "_line": line,
                })
            else:  # cancellation
                if (ext, "cancel") in done:
                    plan.already += 1
                    continue
                if ext in batch_sale:
                    i = batch_sale[ext]
                    t = plan.tickets[i]
                    t["state"], t["cancelled_at"] = TicketState.CANCELLED, now
                    if t["seat_id"] is not None:
                        if taken.get((t["performance_id"], t["seat_id"])) == f"ticket {ext} of this batch":
                            taken.pop((t["performance_id"], t["seat_id"]))
                    else:
                        room[(t["performance_id"], t["zone_id"])] = room.get((t["performance_id"], t["zone_id"]), 0) + 1
                    plan.batch_cancels.append((i, line))
                elif ext in failed_sales:
                    plan.cascades.append(_at(line, Issue(ErrorClass.CASCADE, f"cancellation of ticket {ext} not applied: "
                                                                   "its sale above was refused", where)))
                elif ext in held_before and (ext, "sale") not in done:
                    hid, hcls = held_before[ext]
                    plan.issues.append(_at(line, Issue(hcls, f"cancellation of ticket {ext}, whose sale is held (held "
                                                             f"line #{hid}): held with it", where)))
                elif (ext, "sale") in done:
                    tid = done[(ext, "sale")]
                    row = old_tickets.get(tid)
                    if row is None or row[1] is TicketState.CANCELLED or row[1] == TicketState.CANCELLED.value:
                        plan.noop_cancels.append((tid, line))
                    else:
                        plan.db_cancels.append((tid, line))
                        if row[4] is not None:
                            taken.pop((row[3], row[4]), None)
                        else:
                            room[(row[3], row[5])] = room.get((row[3], row[5]), 0) + 1
                else:
                    plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, f"cancellation of ticket {ext}, which was never "
                                                                  "reintegrated (unknown ticket id)", where)))
        if hold:
            _hold(plan)
        return plan

    def apply(self, s, plan: Plan, *, cursor: str | None = None) -> dict:
        """Write a planned batch (inside the caller's transaction)."""
        info, now = self.info, utcnow()
        actor_id = self.actor.operator_id
        # Orders as the distributor made them: one per distributor order (its id, else buyer
        # and sale time), whatever the paging — the reference is derived from that key, so a
        # later batch adds its tickets to the order an earlier one opened.
        orders, owner = [], []
        index: dict[str, int] = {}
        for t in plan.tickets:
            ref = _order_reference(info.id, t["_line"])
            i = index.get(ref)
            if i is None:
                i = index[ref] = len(orders)
                orders.append({"reference": ref, "created_at": now,
                               "operator_id": actor_id, "channel_id": info.channel_id,
                               "point_of_sale_id": info.point_of_sale_id, "contact_id": info.contact_id,
                               "payment_mode_id": self.payment_mode_id, "interface_id": info.id,
                               "execution_id": self.execution_id, "status": OrderStatus.PAID, "total": Decimal(0),
                               "_live": 0})
            o = orders[i]
            if t["state"] is TicketState.SOLD:
                o["total"] += t["price"]
                o["_live"] += 1
            owner.append(i)
        for o in orders:
            if not o.pop("_live"):
                o["status"] = OrderStatus.CANCELLED
        # Cancellations of tickets we hold go first: a seat refunded and resold in one batch
        # is free again before its new ticket is inserted (lines apply in feed order).
        touched_orders: set[int] = set()
        reint, history = [], []
        if plan.db_cancels:
            ids = [tid for tid, _ in plan.db_cancels]
            olds = {}
            for part in chunks(ids):
                s.execute(update(Ticket).where(Ticket.id.in_(part), Ticket.state != TicketState.CANCELLED)
                          .values(state=TicketState.CANCELLED, cancelled_at=now),
                          execution_options={"synchronize_session": False})
                for tid, oid, pid, sid, zid, ref in s.execute(
                        select(Ticket.id, Ticket.order_id, Ticket.performance_id, Ticket.seat_id, Ticket.zone_id,
                               Order.reference).join(Order, Order.id == Ticket.order_id).where(Ticket.id.in_(part))):
                    olds[tid] = (oid, pid, sid, zid, ref)
            for tid, line in plan.db_cancels:
                oid, pid, sid, zid, ref = olds[tid]
                touched_orders.add(oid)
                reint.append({"interface_id": info.id, "external_ticket_id": line.external_ticket_id,
                              "action": "cancel", "ticket_id": tid, "execution_id": self.execution_id, "at": now})
                history.append({"at": now, "operator_id": actor_id, "performance_id": pid, "seat_id": sid,
                                "zone_id": zid, "action": SeatAction.CANCEL, "old_value": "sold", "new_value": "",
                                "quantity": 1, "reference": ref})
        if plan.reclaimed:  # seats a distributor sold from its last allotment come back to it
            target, code = info.contingent_ids[0], info.contingent_codes[0]
            per_perf: dict[int, list[int]] = defaultdict(list)
            for pid, sid, _was, _label in plan.reclaimed:
                per_perf[pid].append(sid)
            for pid, sids in per_perf.items():
                for part in chunks(sids):
                    s.execute(update(PerformanceSeat).where(PerformanceSeat.performance_id == pid,
                                                            PerformanceSeat.seat_id.in_(part))
                              .values(contingent_id=target, blocked=False),
                              execution_options={"synchronize_session": False})
            history += [{"at": now, "operator_id": actor_id, "performance_id": pid, "seat_id": sid, "zone_id": None,
                         "action": SeatAction.ASSIGN, "old_value": was[:80], "new_value": code, "quantity": 1,
                         "reference": f"sold by {info.name} from the last export"[:80]}
                        for pid, sid, was, _label in plan.reclaimed]
        # Plain executemany inserts (RETURNING with ordered ids degrades to a statement per
        # row on SQLite); the new ids are read back by their unique keys: order references
        # are deterministic, and a batch holds one sale per external ticket id.
        conn = s.connection()  # Core inserts: no ORM bookkeeping per row
        order_ids: list[int] = []
        new: list[dict] = []
        if orders:
            by_ref: dict[str, int] = {}
            refs = [o["reference"] for o in orders]
            for part in chunks(refs):
                by_ref.update(s.execute(select(Order.reference, Order.id).where(Order.reference.in_(part))).all())
            existing = set(by_ref)
            new = [o for o in orders if o["reference"] not in existing]
            if new:
                _write(s, Order.__table__, new)
                for part in chunks([o["reference"] for o in new]):
                    by_ref.update(s.execute(select(Order.reference, Order.id).where(Order.reference.in_(part))).all())
            order_ids = [by_ref[r] for r in refs]
            touched_orders.update(by_ref[r] for r in existing)  # their totals are summed again below
        ticket_rows = []
        for t, oi in zip(plan.tickets, owner):
            row = {k: v for k, v in t.items() if k != "_line"}
            row["order_id"] = order_ids[oi]
            ticket_rows.append(row)
        ticket_ids: list[int] = []
        if ticket_rows:
            _write(s, Ticket.__table__, ticket_rows)
            by_ext: dict[str, int] = {}
            for part in chunks(sorted(set(order_ids))):
                by_ext.update(s.execute(select(Ticket.external_ticket_id, Ticket.id)
                                        .where(Ticket.order_id.in_(part))).all())
            ticket_ids = [by_ext[r["external_ticket_id"]] for r in ticket_rows]
        for t, tid, oi in zip(plan.tickets, ticket_ids, owner):
            reint.append({"interface_id": info.id, "external_ticket_id": t["external_ticket_id"], "action": "sale",
                          "ticket_id": tid, "execution_id": self.execution_id, "at": now})
            history.append({"at": now, "operator_id": actor_id, "performance_id": t["performance_id"],
                            "seat_id": t["seat_id"], "zone_id": t["zone_id"], "action": SeatAction.SELL,
                            "old_value": "", "new_value": self.resolver.tariff_code.get(t["tariff_id"], ""),
                            "quantity": 1, "reference": orders[oi]["reference"]})
        for i, line in plan.batch_cancels:
            t = plan.tickets[i]
            reint.append({"interface_id": info.id, "external_ticket_id": line.external_ticket_id, "action": "cancel",
                          "ticket_id": ticket_ids[i], "execution_id": self.execution_id, "at": now})
            history.append({"at": now, "operator_id": actor_id, "performance_id": t["performance_id"],
                            "seat_id": t["seat_id"], "zone_id": t["zone_id"], "action": SeatAction.CANCEL,
                            "old_value": "sold", "new_value": "", "quantity": 1,
                            "reference": orders[owner[i]]["reference"]})
        for tid, line in plan.noop_cancels:
            reint.append({"interface_id": info.id, "external_ticket_id": line.external_ticket_id, "action": "cancel",
                          "ticket_id": tid, "execution_id": self.execution_id, "at": now})
        if reint:
            _write(s, ReintegratedLine.__table__, reint)
        if plan.held:
            conn.execute(insert(HeldLine.__table__), [
                {"interface_id": info.id, "execution_id": self.execution_id, "external_ticket_id":
                 h.line.external_ticket_id[:80], "action": h.line.action.value, "raw": line_to_raw(h.line),
                 "cause": h.cause, "error_class": h.error_class, "where": _where(h.line)[:200],
                 "status": HeldStatus.HELD, "reason": "", "created_at": now, "resolved_at": None,
                 "resolved_execution_id": None} for h in plan.held])
        if history:
            _write(s, SeatHistory.__table__, history)
        for part in chunks(sorted(touched_orders)):
            live = (select(func.coalesce(func.sum(Ticket.price), 0)).where(
                Ticket.order_id == Order.id, Ticket.state != TicketState.CANCELLED).scalar_subquery())
            any_live = exists().where(Ticket.order_id == Order.id, Ticket.state != TicketState.CANCELLED)
            s.execute(update(Order).where(Order.id.in_(part)).values(
                total=live, status=case((any_live, OrderStatus.PAID.value), else_=OrderStatus.CANCELLED.value)),
                execution_options={"synchronize_session": False})
        if cursor is not None:
            s.execute(update(DistributorInterface).where(DistributorInterface.id == info.id)
                      .values(sales_cursor=cursor))
        return {"orders": len(new), "tickets": len(ticket_rows)}  # orders opened by this batch


def _write(s, table, rows: list[dict]) -> None:
    """Insert dict rows (same keys) at the driver's speed (app/db/bulk.py): SQLAlchemy's per-row
    parameter processing cost more than the database here. Values are put in the form
    SQLAlchemy itself would bind (enum values; on SQLite, Decimal as float and datetimes as
    its text format)."""
    cols = list(rows[0])
    sqlite = s.get_bind().dialect.name == "sqlite"
    convs = []  # one converter per column, from its type (None: the value goes as it is)
    for c in cols:
        t = table.c[c].type
        if isinstance(t, SAEnum):
            convs.append(lambda v: v.value if isinstance(v, enum.Enum) else v)
        elif sqlite and isinstance(t, Numeric):
            convs.append(lambda v: None if v is None else float(v))
        elif sqlite and isinstance(t, DateTime):
            convs.append(lambda v: None if v is None else v.strftime("%Y-%m-%d %H:%M:%S.%f"))
        else:
            convs.append(None)
    if all(f is None for f in convs):
        data = [tuple(r[c] for c in cols) for r in rows]
    else:
        pairs = list(zip(cols, convs))
        data = [tuple(r[c] if f is None else f(r[c]) for c, f in pairs) for r in rows]
    try:
        bulk_insert(s, table, cols, data)
    except Exception as exc:  # the raw driver's errors, as SQLAlchemy's (the caller retries on these)
        dbapi = s.get_bind().dialect.dbapi
        if isinstance(exc, dbapi.IntegrityError):
            raise IntegrityError(f"INSERT INTO {table.name}", None, exc) from exc
        if isinstance(exc, dbapi.OperationalError):
            raise OperationalError(f"INSERT INTO {table.name}", None, exc) from exc
        raise


def _at(line: SaleLine, issue: Issue) -> Issue:
    issue.line = line
    return issue


def _hold(plan: Plan) -> None:
    """Online feeds: the lines in error become held lines (one per line, its causes joined),
    a cancellation of a refused sale is held with it; the rest of the batch is applied."""
    by_line: dict[int, Held] = {}
    sale_class: dict[str, ErrorClass] = {}
    for issue in plan.issues:
        key = id(issue.line)
        h = by_line.get(key)
        if h is None:
            by_line[key] = h = Held(issue.line, issue.error_class, issue.message)
            if issue.line.action is SaleAction.SALE:
                sale_class.setdefault(issue.line.external_ticket_id, issue.error_class)
        else:
            h.cause += "; " + issue.message
    for c in plan.cascades:
        cls = sale_class.get(c.line.external_ticket_id, ErrorClass.EXTERNAL)
        by_line[id(c.line)] = Held(c.line, cls, f"cancellation of ticket {c.line.external_ticket_id}, whose sale "
                                               "above is held: held with it")
    order = {id(l): i for i, l in enumerate(h.line for h in by_line.values())}
    plan.held = sorted(by_line.values(), key=lambda h: order[id(h.line)])
    plan.issues, plan.cascades = [], []


def line_to_raw(line: SaleLine) -> dict:
    """A sale line as JSON (the held line's raw content)."""
    out = {}
    for k, v in dataclasses.asdict(line).items():
        if isinstance(v, datetime):
            v = v.isoformat()
        elif isinstance(v, Decimal):
            v = str(v)
        elif isinstance(v, SaleAction):
            v = v.value
        out[k] = v
    return out


def line_from_raw(raw: dict) -> SaleLine:
    kw = dict(raw)
    kw["action"] = SaleAction(kw["action"])
    for k in ("sold_at", "performance_at"):
        if kw.get(k):
            kw[k] = datetime.fromisoformat(kw[k])
    if kw.get("price") is not None:
        kw["price"] = Decimal(kw["price"])
    known = {f.name for f in dataclasses.fields(SaleLine)}
    return SaleLine(**{k: v for k, v in kw.items() if k in known})


def _where(line: SaleLine) -> str:
    return line.where or f"ticket {line.external_ticket_id}"


def _order_reference(interface_id: int, line: SaleLine) -> str:
    """The local order of a distributor's order: its order id, else its buyer and sale time,
    else (nothing to group by) its ticket alone."""
    if line.order_id:
        ref = f"R{interface_id}-C{line.order_id}"
        if len(ref) <= 40 and ref.isprintable():
            return ref
        key = f"C\x1f{line.order_id}"
    elif line.sold_at is not None:
        key = "\x1f".join(("B", line.sold_at.isoformat(), line.buyer_last_name, line.buyer_first_name,
                            line.buyer_postal_code))
    else:
        return _reference(interface_id, line.external_ticket_id)
    return f"R{interface_id}-O{hashlib.sha1(key.encode()).hexdigest()[:28]}"


def _reference(interface_id: int, external_ticket_id: str) -> str:
    """Deterministic: one distributor ticket opens at most one order reference."""
    ref = f"R{interface_id}-{external_ticket_id}"
    if len(ref) > 40 or not ref.isprintable():
        ref = f"R{interface_id}-H{hashlib.sha1(external_ticket_id.encode()).hexdigest()[:24]}"
    return ref


# --- running a batch inside an execution ------------------------------------------------------


def _log_refusal(rec: ExecutionRecorder, plan: Plan, label: str) -> None:
    for issue in plan.issues[:MAX_LOGGED_ERRORS]:
        rec.error(issue.error_class, issue.message, issue.where)
    if len(plan.issues) > MAX_LOGGED_ERRORS:
        kinds = Counter(i.error_class.value for i in plan.issues[MAX_LOGGED_ERRORS:])
        rec.error(plan.issues[MAX_LOGGED_ERRORS].error_class,
                  f"… and {len(plan.issues) - MAX_LOGGED_ERRORS} more refused line(s) "
                  f"({', '.join(f'{n} {k}' for k, n in kinds.items())})", label)
    for c in plan.cascades[:MAX_LOGGED_ERRORS]:
        rec.cascade(c.message, c.where)
    rec.cascade(f"nothing applied from this batch ({plan.lines} line(s)) because of the error(s) above; the database is "
                "as before this batch", label)
    rec.count("errors", len(plan.issues))


def _count_applied(rec: ExecutionRecorder, plan: Plan, written: dict) -> None:
    for w in plan.warnings[:MAX_LOGGED_ERRORS]:
        rec.warning(w.message, w.where)
    for h in plan.held[:MAX_LOGGED_ERRORS]:
        logged = rec.log(LogLevel.WARNING, f"line held ({h.error_class.value}): {h.cause}; the feed goes on "
                         "(guichet held-lines)", _where(h.line), h.error_class)
        if rec.first_error is None:  # the execution names its first held line, with its class
            rec.first_error = logged
    if len(plan.held) > MAX_LOGGED_ERRORS:
        rec.warning(f"… and {len(plan.held) - MAX_LOGGED_ERRORS} more held line(s) (guichet held-lines)")
    if plan.held:
        rec.count("held_lines", len(plan.held))
    rec.count("lines", plan.lines)
    rec.count("sales", plan.sales)
    rec.count("cancellations", plan.cancellations)
    rec.count("already_reintegrated", plan.already)
    rec.count("orders", written["orders"])
    rec.set("amount", str(Decimal(str(rec.counts.get("amount", "0"))) + plan.amount))


def _apply_batch(db: Database, r: Reintegrator, lines: list[SaleLine], *, expected_cursor: str | None = None,
                 new_cursor: str | None = None, hold: bool = False, retrying: frozenset[int] = frozenset(),
                 in_transaction=None) -> tuple[Plan, dict]:
    """Plan and write one batch in one transaction; raises _Refused (nothing written) when a
    line is in error, _CursorMoved when another run advanced the cursor meanwhile."""
    for attempt in range(RETRIES_ON_CONFLICT):
        try:
            with db.write() as s:
                if expected_cursor is not None:
                    q = select(DistributorInterface.sales_cursor).where(DistributorInterface.id == r.info.id)
                    current = s.scalar(q if db.is_sqlite else q.with_for_update())
                    if (current or "") != expected_cursor:
                        raise _CursorMoved(current or "")
                plan = r.plan(s, lines, lock=True, hold=hold, retrying=retrying)
                if not plan.ok:
                    raise _Refused(plan)
                if between_check_and_write is not None:  # tests: a writer that got past the state check
                    between_check_and_write(plan)
                written = r.apply(s, plan, cursor=new_cursor)
                if in_transaction is not None:
                    in_transaction(s, plan)
                return plan, written
        except IntegrityError:
            # A concurrent writer got there between our read and our insert (the database's
            # unique keys refused it); plan again on the new state.
            if attempt == RETRIES_ON_CONFLICT - 1:
                raise
        except OperationalError as exc:
            if "lock" not in str(exc).lower() or attempt == RETRIES_ON_CONFLICT - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def _start(db, actor, interface, function_trigger, execution_id, params, performance=None):
    with db.read() as s:
        info = load_interface(s, interface)
        perf_id = performance_ids(s, performance)
    reap_interrupted(db, info.id)
    if execution_id is None:
        import os
        import socket

        execution_id = create_execution(db, actor, info.id, SyncFunction.REINTEGRATE_SALES, function_trigger,
                                        performance_id=perf_id, status=ExecutionStatus.RUNNING,
                                        parameters={**params, "performance": perf_id,
                                                    "host": socket.gethostname(), "pid": os.getpid()})
    return info, perf_id, execution_id


def _result(rec: ExecutionRecorder, status, dry_run: bool, preview: dict | None = None) -> RunResult:
    fe = rec.first_error
    return RunResult(rec.execution_id, SyncFunction.REINTEGRATE_SALES, status, dict(rec.counts),
                     fe.error_class if fe else None,
                     (f"{fe.where}: {fe.message}" if fe and fe.where else fe.message) if fe else "", dry_run,
                     preview or {})


def _preview(plan: Plan) -> dict:
    return {"lines": plan.lines, "sales": plan.sales, "cancellations": plan.cancellations,
            "already_reintegrated": plan.already, "amount": str(plan.amount),
            "errors": [{"class": i.error_class.value, "where": i.where, "message": i.message}
                       for i in plan.issues + plan.cascades]}


def _dry_run(db: Database, r: Reintegrator, rec: ExecutionRecorder, lines: list[SaleLine], label: str) -> dict:
    with db.read() as s:
        plan = r.plan(s, lines, lock=False)
    for i in plan.issues[:MAX_LOGGED_ERRORS]:
        rec.error(i.error_class, i.message, i.where)
    for c in plan.cascades[:MAX_LOGGED_ERRORS]:
        rec.cascade(c.message, c.where)
    rec.set("lines", plan.lines)
    rec.set("would_sell", plan.sales - len(plan.batch_cancels))
    rec.set("would_cancel", plan.cancellations)
    rec.set("already_reintegrated", plan.already)
    rec.set("amount", str(plan.amount))
    rec.set("errors", len(plan.issues))
    rec.info(f"{label}: {plan.lines} line(s): {plan.sales} sale(s), {plan.cancellations} cancellation(s), "
             f"{plan.already} already reintegrated, {len(plan.issues)} error(s); amount {plan.amount:.2f} "
             "— dry run, nothing written", label)
    return _preview(plan)


# --- online reintegration -----------------------------------------------------------------


def reintegrate_sales(db: Database, actor: Actor, interface, *, dry_run: bool = False, batch_size: int | None = None,
                      performance=None, trigger: Trigger = Trigger.MANUAL, execution_id: int | None = None,
                      adapter_factory=None, max_pages: int | None = None, echo=None) -> RunResult:
    """Fetch the distributor's sales since the interface's cursor and reintegrate them, one
    page per transaction (page size = `batch_size`, default 1000 lines)."""
    limit = int(batch_size or DEFAULT_PAGE)
    if limit <= 0:
        raise InputError(f"batch size {batch_size}: expected a positive number")
    info, perf_id, execution_id = _start(db, actor, interface, trigger, execution_id,
                                         {"dry_run": dry_run, "batch_size": batch_size}, performance)
    rec = ExecutionRecorder(db, execution_id, echo=echo)
    t0 = time.perf_counter()
    preview: dict = {}
    try:
        with db.read() as s:
            resolver = MappingResolver.load(s, info.id)
            cursor = s.scalar(select(DistributorInterface.sales_cursor)
                              .where(DistributorInterface.id == info.id)) or ""
        r = Reintegrator(db, actor, info, resolver, None if dry_run else execution_id, default_performance=perf_id)
        _check_setup(info, r, rec)
        if rec.errors:
            return _result(rec, rec.finish(), dry_run)
        adapter = open_adapter(info, adapter_factory)
        pool = None
        try:
            rec.set("cursor_before", cursor)
            pages, collected = 0, []
            # The next page is fetched while this one is written: the distributor's feed is
            # read-only for a cursor, so a prefetched page is simply dropped if we stop.
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guichet-fetch")
            ahead = pool.submit(adapter.fetch_sales, cursor, limit=limit)
            while True:
                try:
                    page = ahead.result()
                except Exception as exc:  # noqa: BLE001
                    cls, msg, where = classify(exc)
                    rec.error(cls, f"fetching sales after cursor {cursor!r} failed: {msg}", where or f"cursor {cursor!r}")
                    rec.cascade("reintegration stopped; what was applied before stays, the next run resumes here",
                                f"cursor {cursor!r}")
                    break
                pages += 1
                last = not page.more or bool(max_pages and pages >= max_pages)
                if not last:
                    ahead = pool.submit(adapter.fetch_sales, page.next_cursor, limit=limit)
                label = f"page {pages} (cursor {cursor!r})"
                lines = list(page.lines)
                if dry_run:
                    collected += lines
                else:
                    try:
                        plan, written = _apply_batch(db, r, lines, expected_cursor=cursor, new_cursor=page.next_cursor,
                                                     hold=True)
                    except _Refused as refused:
                        _log_refusal(rec, refused.plan, label)
                        rec.count("batches_refused")
                        break
                    except _CursorMoved as moved:
                        rec.warning(f"another reintegration moved the cursor to {moved} meanwhile; this run stops, "
                                    "nothing was applied twice", label)
                        break
                    rec.count("batches")
                    _count_applied(rec, plan, written)
                    if lines:
                        rec.info(f"{plan.lines} line(s): {plan.sales} sale(s), {plan.cancellations} "
                                 f"cancellation(s), {plan.already} already reintegrated, {len(plan.held)} held; "
                                 f"committed up to cursor {page.next_cursor!r}", label)
                        rec.flush()  # the batch is committed: its progress line is visible now
                    if plan.already:  # a feed never repeats a line after its cursor: say so, harmlessly
                        rec.warning(f"{plan.already} line(s) the distributor sent again were already reintegrated: "
                                    "skipped, nothing duplicated", label)
                    rec.set("cursor_after", page.next_cursor)
                cursor = page.next_cursor
                if last:
                    break
            pool.shutdown(wait=True, cancel_futures=True)
            if dry_run:
                preview = _dry_run(db, r, rec, collected, f"{pages} page(s) from the cursor")
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            try:
                adapter.close()
            except Exception:  # noqa: BLE001
                pass
    except Exception as exc:  # noqa: BLE001 - every failure ends in the log, classed
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where)
    rec.set("seconds", round(time.perf_counter() - t0, 3))
    return _result(rec, rec.finish(), dry_run, preview)


def _check_setup(info: InterfaceInfo, r: Reintegrator, rec: ExecutionRecorder) -> None:
    if info.point_of_sale_id is None:
        rec.error(ErrorClass.CONFIGURATION, f"interface {info.name!r} has no point of sale: orders cannot be booked",
                  "interface")
    if info.contact_id is None:
        rec.error(ErrorClass.CONFIGURATION, f"interface {info.name!r} has no contact for its orders", "interface")
    if r.payment_mode_id is None:
        rec.error(ErrorClass.CONFIGURATION, "no waiting-account payment mode exists", "interface")
    if not info.contingent_ids:
        rec.error(ErrorClass.CONFIGURATION, f"no external contingent is bound to the channel of interface "
                                            f"{info.name!r}", "interface")


# --- sales files ----------------------------------------------------------------------------


def import_sales_file(db: Database, actor: Actor, interface, path: str | Path, format: str | None = None, *,
                      dry_run: bool = False, performance=None, batch_size: int | None = None,
                      trigger: Trigger = Trigger.FILE, execution_id: int | None = None, parsed: ParsedSales | None = None,
                      echo=None) -> RunResult:
    """Reintegrate a sales file by hand: all or nothing for the file (or per `batch_size`
    lines); importing the same file again creates nothing."""
    path = Path(path)
    if parsed is None and not path.is_file():
        raise InputError(f"sales file {path} does not exist or is not a file")
    if batch_size is not None and int(batch_size) <= 0:
        raise InputError(f"batch size {batch_size}: expected a positive number")
    info, perf_id, execution_id = _start(db, actor, interface, trigger, execution_id,
                                         {"dry_run": dry_run, "batch_size": batch_size, "file": str(path),
                                          "format": format}, performance)
    rec = ExecutionRecorder(db, execution_id, echo=echo)
    t0 = time.perf_counter()
    preview: dict = {}
    try:
        if parsed is None:
            from app.adapters.files import parse_sales_file

            try:
                parsed = parse_sales_file(path, format=format)
            except DistributorError:
                raise
            except InputError as exc:
                # the parsers' messages name the file already: not "x.csv: x.csv: refused"
                rec.error(ErrorClass.EXTERNAL, str(exc), "" if str(exc).startswith(path.name) else path.name)
                rec.cascade("file refused: nothing imported", path.name)
                return _result(rec, rec.finish(), dry_run)
        rec.set("file", path.name)
        rec.set("format", parsed.format)
        for ig in parsed.ignored:
            rec.warning(f"not a ticket line, ignored: {ig.message}", ig.where)
        refused = False
        for err in parsed.errors:
            rec.error(ErrorClass.EXTERNAL, err.message, err.where)
            refused = True
        if parsed.declared_total is not None and parsed.declared_total != parsed.sales_total:
            rec.error(ErrorClass.EXTERNAL, f"the file's total {parsed.declared_total:.2f} differs from the sum of its "
                                           f"sale lines {parsed.sales_total:.2f}", path.name)
            refused = True
        if refused:
            rec.cascade(f"file {path.name} refused: nothing imported ({len(parsed.lines)} readable line(s))", path.name)
            rec.set("lines", len(parsed.lines))
            return _result(rec, rec.finish(), dry_run)
        with db.read() as s:
            resolver = MappingResolver.load(s, info.id)
        r = Reintegrator(db, actor, info, resolver, None if dry_run else execution_id, default_performance=perf_id)
        _check_setup(info, r, rec)
        if rec.errors:
            return _result(rec, rec.finish(), dry_run)
        lines = parsed.lines
        if dry_run:
            preview = _dry_run(db, r, rec, lines, path.name)
            preview["ignored"] = [{"where": i.where, "message": i.message} for i in parsed.ignored]
        else:
            size = int(batch_size) if batch_size else max(1, len(lines))
            parts = [lines[i:i + size] for i in range(0, len(lines), size)] or [[]]
            for k, part in enumerate(parts, 1):
                label = path.name if len(parts) == 1 else f"{path.name} batch {k}/{len(parts)}"
                try:
                    plan, written = _apply_batch(db, r, part)
                except _Refused as ref:
                    _log_refusal(rec, ref.plan, label)
                    for j in range(k + 1, len(parts) + 1):
                        rec.cascade(f"{path.name} batch {j}/{len(parts)} not imported after the refusal above",
                                    f"{path.name} batch {j}")
                    break
                rec.count("batches")
                _count_applied(rec, plan, written)
                rec.info(f"{label}: {plan.lines} line(s): {plan.sales} sale(s), {plan.cancellations} cancellation(s), "
                         f"{plan.already} already reintegrated", label)
    except Exception as exc:  # noqa: BLE001
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where or path.name)
    rec.set("seconds", round(time.perf_counter() - t0, 3))
    return _result(rec, rec.finish(), dry_run, preview)
