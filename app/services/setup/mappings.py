"""Mappings ("correspondances") of a distributor interface: the catalogue of mappable
objects, the list with its filters, the editor, generic mappings by code. The Excel round
trip is `mappings_excel`, which builds on this module (never the reverse)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Block,
    Hall,
    LogicalConfiguration,
    LogicalConfigurationSeat,
    LogicalConfigurationZone,
    Mapping,
    Performance,
    Price,
    Product,
    Season,
    SeatCategory,
    Tariff,
    Zone,
)
from app.domain.actors import Actor
from app.domain.enums import MappedObject, MappingKind, ProductKind
from app.domain.errors import NotFound

from app.services.lookup import find_interface
from app.services.validation import Checker, FieldErrors
from app.i18n import N_, _

log = logging.getLogger("guichet.mappings")

KIND_OF: dict[MappedObject, MappingKind] = {
    MappedObject.EVENT: MappingKind.PRODUCT,
    MappedObject.DATED_PASS: MappingKind.PRODUCT,
    MappedObject.UNDATED_PASS: MappingKind.PRODUCT,
    MappedObject.SERVICE: MappingKind.PRODUCT,
    MappedObject.ARTICLE: MappingKind.PRODUCT,
    MappedObject.PERFORMANCE: MappingKind.PRODUCT,
    MappedObject.ZONE: MappingKind.ZONE,
    MappedObject.BLOCK: MappingKind.ZONE,
    MappedObject.SEAT_CATEGORY: MappingKind.SEAT_CATEGORY,
    MappedObject.LOGICAL_CONFIGURATION: MappingKind.LOGICAL_CONFIGURATION,
    MappedObject.TARIFF: MappingKind.TARIFF,
}
PRODUCT_TYPES = {ProductKind.EVENT: MappedObject.EVENT, ProductKind.DATED_PASS: MappedObject.DATED_PASS,
                 ProductKind.UNDATED_PASS: MappedObject.UNDATED_PASS, ProductKind.SERVICE: MappedObject.SERVICE,
                 ProductKind.ARTICLE: MappedObject.ARTICLE}
# Only seat categories have generic mappings (by code, for every logical configuration).
GENERIC_TYPES = frozenset({MappedObject.SEAT_CATEGORY})


@dataclass(frozen=True)
class MappableObject:
    """A local object a mapping can point at. `reference` is how the workbook names it:
    a product code, `EVENT@YYYY-MM-DD HH:MM`, `HALL/ZONE`, `HALL/ZONE/BLOCK`, `HALL/CONFIG`,
    a category or tariff code."""

    object_type: MappedObject
    object_id: int | None
    reference: str
    name: str
    season_id: int | None = None
    season_code: str = ""
    code: str = ""  # the code a generic mapping uses

    @property
    def kind(self) -> MappingKind:
        return KIND_OF[self.object_type]

    @property
    def key(self) -> tuple[MappedObject, int | None, str]:
        return (self.object_type, self.object_id, "" if self.object_id else self.code)


@dataclass(frozen=True)
class MappingRow:
    id: int | None
    interface_id: int
    kind: MappingKind
    object_type: MappedObject
    object_id: int | None
    object_code: str
    season_id: int | None
    season_code: str
    reference: str
    local_name: str
    external_id: str

    @property
    def generic(self) -> bool:
        return self.object_id is None

    @property
    def external_ids(self) -> tuple[str, ...]:
        return tuple(self.external_id.split("|"))

    def identity(self) -> tuple:
        return (self.kind, self.object_type, self.object_id, self.object_code, self.season_id, self.external_id)


@dataclass(frozen=True)
class MappingInput:
    object_type: MappedObject
    object_id: int | None
    external_id: str
    season_id: int | None = None
    object_code: str = ""  # generic mapping: object_id None and this code
    id: int | None = None


# --- The catalogue of mappable objects -------------------------------------------------

def catalogue(s: Session) -> list[MappableObject]:
    seasons = {x.id: x.code for x in s.scalars(select(Season))}
    halls = {h.id: h.code for h in s.scalars(select(Hall))}
    out: list[MappableObject] = []
    products = {}
    for p in s.scalars(select(Product).order_by(Product.season_id, Product.kind, Product.code)):
        products[p.id] = p
        out.append(MappableObject(PRODUCT_TYPES[p.kind], p.id, p.code, p.name_fr, p.season_id,
                                  seasons.get(p.season_id, ""), p.code))
    for perf in s.scalars(select(Performance).join(Product).order_by(Product.code, Performance.starts_at)):
        p = products[perf.product_id]
        out.append(MappableObject(MappedObject.PERFORMANCE, perf.id, f"{p.code}@{perf.starts_at:%Y-%m-%d %H:%M}",
                                  f"{p.name_fr} {perf.starts_at:%d.%m.%Y %H:%M}", p.season_id,
                                  seasons.get(p.season_id, "")))
    zones = {}
    for z in s.scalars(select(Zone).order_by(Zone.hall_id, Zone.sort)):
        zones[z.id] = z
        out.append(MappableObject(MappedObject.ZONE, z.id, f"{halls[z.hall_id]}/{z.code}", z.name, code=z.code))
    for b in s.scalars(select(Block).order_by(Block.zone_id, Block.sort)):
        z = zones[b.zone_id]
        out.append(MappableObject(MappedObject.BLOCK, b.id, f"{halls[z.hall_id]}/{z.code}/{b.code}",
                                  f"{z.name} — {b.name}", code=b.code))
    for c in s.scalars(select(SeatCategory).order_by(SeatCategory.sort)):
        out.append(MappableObject(MappedObject.SEAT_CATEGORY, c.id, c.code, c.name, code=c.code))
    for lc in s.scalars(select(LogicalConfiguration).order_by(LogicalConfiguration.hall_id, LogicalConfiguration.code)):
        out.append(MappableObject(MappedObject.LOGICAL_CONFIGURATION, lc.id, f"{halls[lc.hall_id]}/{lc.code}",
                                  lc.name, lc.season_id, seasons.get(lc.season_id, "") if lc.season_id else "",
                                  lc.code))
    for t in s.scalars(select(Tariff).order_by(Tariff.sort)):
        out.append(MappableObject(MappedObject.TARIFF, t.id, t.code, t.name_fr, code=t.code))
    return out


def generic_object(obj: MappableObject) -> MappableObject:
    """The generic form (by code) of a category: stands for it in every logical configuration."""
    return MappableObject(obj.object_type, None, obj.code, obj.name, code=obj.code)


def list_objects(db: Database, kind: MappingKind | None = None) -> list[MappableObject]:
    with db.read() as s:
        return [o for o in catalogue(s) if kind is None or o.kind is kind]


def list_seasons(db: Database) -> list[tuple[int, str, str]]:
    with db.read() as s:
        return [(x.id, x.code, x.name) for x in s.scalars(select(Season).order_by(Season.code))]


def product_scope(s: Session, product_id: int) -> set[tuple[MappedObject, int | None, str]]:
    """Every object a distributor needs to sell this product: itself, its performances,
    their logical configurations, halls' zones and blocks, categories and priced tariffs."""
    p = s.get(Product, product_id)
    if p is None:
        return set()
    scope = {(PRODUCT_TYPES[p.kind], p.id, "")}
    perfs = list(s.scalars(select(Performance).where(Performance.product_id == p.id)))
    for perf in perfs:
        scope.add((MappedObject.PERFORMANCE, perf.id, ""))
        scope.add((MappedObject.LOGICAL_CONFIGURATION, perf.logical_config_id, ""))
    configs = {perf.logical_config_id for perf in perfs}
    halls = {perf.hall_id for perf in perfs}
    for zid in s.scalars(select(Zone.id).where(Zone.hall_id.in_(halls))):
        scope.add((MappedObject.ZONE, zid, ""))
    for bid in s.scalars(select(Block.id).join(Zone).where(Zone.hall_id.in_(halls))):
        scope.add((MappedObject.BLOCK, bid, ""))
    cat_ids = set(s.scalars(select(LogicalConfigurationSeat.category_id).where(
        LogicalConfigurationSeat.config_id.in_(configs)).distinct()))
    cat_ids |= set(s.scalars(select(LogicalConfigurationZone.category_id).where(
        LogicalConfigurationZone.config_id.in_(configs)).distinct()))
    for c in s.scalars(select(SeatCategory).where(SeatCategory.id.in_(cat_ids))):
        scope.add((MappedObject.SEAT_CATEGORY, c.id, ""))
        scope.add((MappedObject.SEAT_CATEGORY, None, c.code))
    for tid in s.scalars(select(Price.tariff_id).where(Price.performance_id.in_([x.id for x in perfs])).distinct()):
        scope.add((MappedObject.TARIFF, tid, ""))
    return scope


# --- List, edit, delete ----------------------------------------------------------------

def _rows(s: Session, interface_id: int, objects: dict | None = None) -> list[MappingRow]:
    objects = objects if objects is not None else {o.key: o for o in catalogue(s)}
    seasons = {x.id: x.code for x in s.scalars(select(Season))}
    out = []
    for m in s.scalars(select(Mapping).where(Mapping.interface_id == interface_id).order_by(Mapping.id)):
        obj = objects.get((m.object_type, m.object_id, "" if m.object_id else m.object_code))
        if m.object_id is None:
            cat = next((o for o in objects.values() if o.object_type is m.object_type and o.code == m.object_code
                        and o.object_id is not None), None)
            reference, name = m.object_code, (cat.name if cat else "")
        else:
            reference = obj.reference if obj else f"#{m.object_id} (deleted)"
            name = obj.name if obj else ""
        out.append(MappingRow(m.id, m.interface_id, m.kind, m.object_type, m.object_id, m.object_code,
                              m.season_id, seasons.get(m.season_id, "") if m.season_id else "",
                              reference, name, m.external_id))
    kinds = list(MappingKind)
    out.sort(key=lambda r: (kinds.index(r.kind), r.season_code, r.reference))
    return out


def list_mappings(db: Database, interface: str | int, *, kind: MappingKind | None = None,
                  season_id: int | None = None, product_id: int | None = None,
                  external_id: str = "") -> list[MappingRow]:
    with db.read() as s:
        iface = find_interface(s, interface)
        rows = _rows(s, iface.id)
        scope = product_scope(s, product_id) if product_id else None
    needle = external_id.strip().lower()
    return [r for r in rows
            if (kind is None or r.kind is kind)
            and (season_id is None or r.season_id == season_id)
            and (scope is None or (r.object_type, r.object_id, r.object_code if r.generic else "") in scope)
            and (not needle or needle in r.external_id.lower())]


def normalize_external_id(text) -> tuple[str, str | None]:
    """'15 | 20|22' → '15|20|22'. Returns (value, error or None)."""
    if text is None:
        return "", _("the external id is empty")
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    value = str(text).strip()
    if not value:
        return "", _("the external id is empty")
    parts = [p.strip() for p in value.split("|")]
    if any(not p for p in parts):
        return value, _("{value!r}: an empty code between '|' (write several codes as 15|20|22)").format(value=value)
    if len(set(parts)) != len(parts):
        return value, _("{value!r}: the same code twice").format(value=value)
    joined = "|".join(parts)
    if len(joined) > 200:
        return joined, _("the external id is longer than 200 characters")
    return joined, None


def save_mapping(db: Database, actor: Actor, interface: str | int, data: MappingInput) -> MappingRow:
    actor.require_manager(N_("edit mappings"))
    c = Checker("mapping")
    ext, err = normalize_external_id(data.external_id)
    if err:
        c.add("external_id", err)
    generic = data.object_id is None
    if generic and data.object_type not in GENERIC_TYPES:
        c.add("object", _("choose the local object (only seat categories have generic mappings by code)"))
    if generic and not data.object_code.strip():
        c.add("object", _("choose the local object"))
    with db.write() as s:
        iface = find_interface(s, interface)
        objects = {o.key: o for o in catalogue(s)}
        key = (data.object_type, data.object_id, data.object_code.strip() if generic else "")
        obj = objects.get(key) if not generic else next(
            (o for o in objects.values() if o.object_type is data.object_type and o.code == key[2]), None)
        if obj is None and "object" not in c.errors:
            c.add("object", _("no {type} {object}").format(type=data.object_type.value.replace('_', ' '), object=data.object_id or repr(data.object_code)))
        if data.season_id is not None and s.get(Season, data.season_id) is None:
            c.add("season", _("this season no longer exists"))
        q = select(Mapping.id).where(Mapping.interface_id == iface.id, Mapping.object_type == data.object_type)
        q = q.where(Mapping.object_id.is_(None), Mapping.object_code == key[2]) if generic else \
            q.where(Mapping.object_id == data.object_id)
        clash = s.scalars(q).first()
        if clash is not None and clash != data.id:
            c.add("object", _("{object} already has a mapping on this interface").format(object=obj.reference if obj else _("this object")))
        c.done()
        m = s.get(Mapping, data.id) if data.id else Mapping(interface_id=iface.id)
        if m is None or m.interface_id != iface.id:
            raise NotFound(_("mapping {id} no longer exists").format(id=data.id))
        m.kind, m.object_type, m.object_id = KIND_OF[data.object_type], data.object_type, data.object_id
        m.object_code = key[2]
        m.season_id = data.season_id if data.season_id is not None else obj.season_id
        m.external_id = ext
        s.add(m)
        s.flush()
        return next(r for r in _rows(s, iface.id, objects) if r.id == m.id)


def delete_mappings(db: Database, actor: Actor, interface: str | int, ids: list[int]) -> int:
    actor.require_manager(N_("delete mappings"))
    with db.write() as s:
        iface = find_interface(s, interface)
        return s.execute(delete(Mapping).where(Mapping.interface_id == iface.id, Mapping.id.in_(ids))).rowcount


__all__ = [
    "FieldErrors", "GENERIC_TYPES", "KIND_OF", "MappableObject", "MappingInput", "MappingRow", "catalogue",
    "delete_mappings", "generic_object", "list_mappings", "list_objects", "list_seasons", "normalize_external_id",
    "product_scope", "save_mapping",
]
