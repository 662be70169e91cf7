"""An interface's mappings loaded once, both ways: local → external ids for the export,
external codes → local objects for the reintegration.

Two refinements of docs/domain.md are honoured: a *generic* mapping by code (`object_id` NULL,
`object_code` "Cat1") stands for every object with that code, and one local object may map
to several external codes written `15|20|22` (the first is the one we send). A missing
mapping is never guessed: the callers turn a `None` into a Mapping error naming the object
or the code and the line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Block, Mapping, Performance, Product, SeatCategory, Tariff, Zone
from app.domain.enums import MappedObject, MappingKind

PRODUCT_OBJECTS = (MappedObject.EVENT, MappedObject.DATED_PASS, MappedObject.UNDATED_PASS,
                   MappedObject.SERVICE, MappedObject.ARTICLE)


def split_codes(external_id: str) -> list[str]:
    """`"15|20|22"` → `["15", "20", "22"]` (blank parts dropped)."""
    return [c.strip() for c in (external_id or "").split("|") if c.strip()]


@dataclass
class MappingResolver:
    interface_id: int
    # local → external: (object type, local id) and (object type, code) for generic rows
    out_by_id: dict[tuple[MappedObject, int], list[str]] = field(default_factory=dict)
    out_by_code: dict[tuple[MappedObject, str], list[str]] = field(default_factory=dict)
    # external → local candidates: (kind, external code) → [(object type, id or None, code)]
    inbound: dict[tuple[MappingKind, str], list[tuple[MappedObject, int | None, str]]] = field(
        default_factory=lambda: defaultdict(list))
    # small reference tables the generic mappings need
    category_by_code: dict[str, int] = field(default_factory=dict)
    tariff_by_code: dict[str, int] = field(default_factory=dict)
    category_code: dict[int, str] = field(default_factory=dict)
    tariff_code: dict[int, str] = field(default_factory=dict)

    # --- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, s: Session, interface_id: int) -> "MappingResolver":
        r = cls(interface_id)
        for cid, code in s.execute(select(SeatCategory.id, SeatCategory.code)):
            r.category_by_code[code] = cid
            r.category_code[cid] = code
        for tid, code in s.execute(select(Tariff.id, Tariff.code)):
            r.tariff_by_code[code] = tid
            r.tariff_code[tid] = code
        rows = s.execute(select(Mapping.kind, Mapping.object_type, Mapping.object_id, Mapping.object_code,
                                Mapping.external_id).where(Mapping.interface_id == interface_id)
                         .order_by(Mapping.id))
        for kind, otype, oid, ocode, ext in rows:
            codes = split_codes(ext)
            if not codes:
                continue
            if oid is not None:
                r.out_by_id.setdefault((otype, oid), codes)
            elif ocode:
                r.out_by_code.setdefault((otype, ocode), codes)
            else:
                continue
            for code in codes:
                r.inbound[(kind, code)].append((otype, oid, ocode))
        return r

    # --- local → external (export) --------------------------------------------------------

    def external(self, otype: MappedObject, local_id: int | None, code: str = "") -> str | None:
        """The external id we send for a local object: its own mapping first, else the
        generic one for its code."""
        codes = self.out_by_id.get((otype, local_id)) if local_id is not None else None
        if codes is None and code:
            codes = self.out_by_code.get((otype, code))
        return codes[0] if codes else None

    def category_external(self, category_id: int) -> str | None:
        return self.external(MappedObject.SEAT_CATEGORY, category_id, self.category_code.get(category_id, ""))

    def tariff_external(self, tariff_id: int) -> str | None:
        return self.external(MappedObject.TARIFF, tariff_id, self.tariff_code.get(tariff_id, ""))

    # --- external → local (reintegration) -------------------------------------------------

    def candidates(self, kind: MappingKind, external: str) -> list[tuple[MappedObject, int | None, str]]:
        return self.inbound.get((kind, (external or "").strip()), [])

    def category(self, external: str) -> int | None:
        for otype, oid, ocode in self.candidates(MappingKind.SEAT_CATEGORY, external):
            if otype is MappedObject.SEAT_CATEGORY:
                cid = oid if oid is not None else self.category_by_code.get(ocode)
                if cid is not None:
                    return cid
        return None

    def tariff(self, external: str) -> int | None:
        for otype, oid, ocode in self.candidates(MappingKind.TARIFF, external):
            if otype is MappedObject.TARIFF:
                tid = oid if oid is not None else self.tariff_by_code.get(ocode)
                if tid is not None:
                    return tid
        return None

    def performance(self, external: str) -> int | None:
        for otype, oid, _ in self.candidates(MappingKind.PRODUCT, external):
            if otype is MappedObject.PERFORMANCE and oid is not None:
                return oid
        return None

    def products(self, external: str) -> list[tuple[int | None, str]]:
        """Products (events, passes…) an external event id stands for: (id, code) pairs."""
        return [(oid, ocode) for otype, oid, ocode in self.candidates(MappingKind.PRODUCT, external)
                if otype in PRODUCT_OBJECTS]

    def places(self, external: str) -> list[tuple[MappedObject, int | None, str]]:
        """Zones and blocks an external zone code stands for (filtered by hall by the caller)."""
        return [c for c in self.candidates(MappingKind.ZONE, external)
                if c[0] in (MappedObject.ZONE, MappedObject.BLOCK)]


@dataclass(frozen=True)
class HallPlaces:
    """The zones and blocks of one hall, to scope zone mappings and name objects."""

    hall_id: int
    zone_code: dict[int, str]
    zone_numbered: dict[int, bool]
    zone_by_code: dict[str, int]
    block_zone: dict[int, int]
    block_code: dict[int, str]
    blocks_of_zone: dict[int, list[int]]

    @classmethod
    def load(cls, s: Session, hall_id: int) -> "HallPlaces":
        zone_code, numbered, by_code = {}, {}, {}
        for zid, code, num in s.execute(select(Zone.id, Zone.code, Zone.numbered).where(Zone.hall_id == hall_id)):
            zone_code[zid], numbered[zid], by_code[code] = code, bool(num), zid
        block_zone, block_code, of_zone = {}, {}, defaultdict(list)
        for bid, zid, code in s.execute(select(Block.id, Block.zone_id, Block.code).join(Zone, Zone.id == Block.zone_id)
                                        .where(Zone.hall_id == hall_id)):
            block_zone[bid], block_code[bid] = zid, code
            of_zone[zid].append(bid)
        return cls(hall_id, zone_code, numbered, by_code, block_zone, block_code, dict(of_zone))

    def block_label(self, block_id: int) -> str:
        return f"{self.zone_code[self.block_zone[block_id]]}/{self.block_code[block_id]}"

    def block_external(self, r: MappingResolver, block_id: int) -> str | None:
        """A block's external code: its own mapping, else its zone's when the zone has only
        this block (otherwise row and number would not name one seat)."""
        ext = r.external(MappedObject.BLOCK, block_id)
        if ext is None:
            zid = self.block_zone[block_id]
            if len(self.blocks_of_zone.get(zid, ())) == 1:
                ext = r.external(MappedObject.ZONE, zid, self.zone_code[zid])
        return ext

    def resolve_place(self, r: MappingResolver, external: str) -> tuple[str, int] | None:
        """An external zone code → ("block", id) or ("zone", id) within this hall."""
        found: list[tuple[str, int]] = []
        for otype, oid, ocode in r.places(external):
            if otype is MappedObject.BLOCK and oid in self.block_zone:
                found.append(("block", oid))
            elif otype is MappedObject.ZONE:
                zid = oid if oid is not None else self.zone_by_code.get(ocode)
                if zid in self.zone_code:
                    found.append(("zone", zid))
        found = list(dict.fromkeys(found))
        blocks = [f for f in found if f[0] == "block"]
        return (blocks or found or [None])[0]


def performance_label(s: Session, performance_id: int) -> str:
    row = s.execute(select(Product.code, Performance.starts_at).join(Product, Product.id == Performance.product_id)
                    .where(Performance.id == performance_id)).first()
    return f"{row[0]}@{row[1]:%Y-%m-%d %H:%M}" if row else f"performance #{performance_id}"


def generate_event_mappings(s: Session, interface_id: int, event_code: str, *,
                            tariffs: dict[str, str] | None = None) -> int:
    """Give an interface the usual mappings of one event (as the demo seed does): the event,
    its performances (`CODE-YYYYMMDDHHMM`), zones (`Z`), blocks (`Z-B`), generic categories by
    code, and tariffs (their codes unless `tariffs` says otherwise). Existing rows are kept.
    Returns how many rows were added. Used by the stadium bench and the tests."""
    from app.db.models import Season

    event = s.scalars(select(Product).where(Product.code == event_code)).first()
    if event is None:
        raise ValueError(f"no event {event_code!r}")
    season_id = event.season_id or s.scalar(select(Season.id))
    have = {(t, i, c) for t, i, c in s.execute(select(Mapping.object_type, Mapping.object_id, Mapping.object_code)
                                               .where(Mapping.interface_id == interface_id))}
    rows = [(MappingKind.PRODUCT, MappedObject.EVENT, event.id, "", event.code)]
    halls = set()
    for perf in event.performances:
        rows.append((MappingKind.PRODUCT, MappedObject.PERFORMANCE, perf.id, "", f"{event.code}-{perf.starts_at:%Y%m%d%H%M}"))
        halls.add(perf.hall_id)
    for hall_id in halls:
        for zone in s.scalars(select(Zone).where(Zone.hall_id == hall_id)):
            rows.append((MappingKind.ZONE, MappedObject.ZONE, zone.id, "", zone.code))
            for block in zone.blocks:
                rows.append((MappingKind.ZONE, MappedObject.BLOCK, block.id, "", f"{zone.code}-{block.code}"))
    for code, in s.execute(select(SeatCategory.code)):
        rows.append((MappingKind.SEAT_CATEGORY, MappedObject.SEAT_CATEGORY, None, code, code))
    for tid, code in s.execute(select(Tariff.id, Tariff.code)):
        rows.append((MappingKind.TARIFF, MappedObject.TARIFF, tid, "", (tariffs or {}).get(code, code)))
    added = 0
    for kind, otype, oid, ocode, ext in rows:
        if (otype, oid, ocode) in have:
            continue
        s.add(Mapping(interface_id=interface_id, kind=kind, object_type=otype, object_id=oid, object_code=ocode,
                      season_id=season_id, external_id=ext))
        have.add((otype, oid, ocode))
        added += 1
    s.flush()
    return added
