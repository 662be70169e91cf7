"""Mappings ("correspondances") of a distributor interface: the list with its filters, the
editor, and the Excel round trip (export with a sheet of the objects still unmapped; import
that validates every row and saves nothing unless all rows are valid)."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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
from app.domain.errors import InputError, NotFound

from app.services.lookup import find_interface
from app.services.validation import Checker, FieldErrors

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
        return "", "the external id is empty"
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    value = str(text).strip()
    if not value:
        return "", "the external id is empty"
    parts = [p.strip() for p in value.split("|")]
    if any(not p for p in parts):
        return value, f"{value!r}: an empty code between '|' (write several codes as 15|20|22)"
    if len(set(parts)) != len(parts):
        return value, f"{value!r}: the same code twice"
    joined = "|".join(parts)
    if len(joined) > 200:
        return joined, "the external id is longer than 200 characters"
    return joined, None


def save_mapping(db: Database, actor: Actor, interface: str | int, data: MappingInput) -> MappingRow:
    actor.require_manager("edit mappings")
    c = Checker("mapping")
    ext, err = normalize_external_id(data.external_id)
    if err:
        c.add("external_id", err)
    generic = data.object_id is None
    if generic and data.object_type not in GENERIC_TYPES:
        c.add("object", "choose the local object (only seat categories have generic mappings by code)")
    if generic and not data.object_code.strip():
        c.add("object", "choose the local object")
    with db.write() as s:
        iface = find_interface(s, interface)
        objects = {o.key: o for o in catalogue(s)}
        key = (data.object_type, data.object_id, data.object_code.strip() if generic else "")
        obj = objects.get(key) if not generic else next(
            (o for o in objects.values() if o.object_type is data.object_type and o.code == key[2]), None)
        if obj is None and "object" not in c.errors:
            c.add("object", f"no {data.object_type.value.replace('_', ' ')} {data.object_id or data.object_code!r}")
        if data.season_id is not None and s.get(Season, data.season_id) is None:
            c.add("season", "this season no longer exists")
        q = select(Mapping.id).where(Mapping.interface_id == iface.id, Mapping.object_type == data.object_type)
        q = q.where(Mapping.object_id.is_(None), Mapping.object_code == key[2]) if generic else \
            q.where(Mapping.object_id == data.object_id)
        clash = s.scalars(q).first()
        if clash is not None and clash != data.id:
            c.add("object", f"{obj.reference if obj else 'this object'} already has a mapping on this interface")
        c.done()
        m = s.get(Mapping, data.id) if data.id else Mapping(interface_id=iface.id)
        if m is None or m.interface_id != iface.id:
            raise NotFound(f"mapping {data.id} no longer exists")
        m.kind, m.object_type, m.object_id = KIND_OF[data.object_type], data.object_type, data.object_id
        m.object_code = key[2]
        m.season_id = data.season_id if data.season_id is not None else obj.season_id
        m.external_id = ext
        s.add(m)
        s.flush()
        return next(r for r in _rows(s, iface.id, objects) if r.id == m.id)


def delete_mappings(db: Database, actor: Actor, interface: str | int, ids: list[int]) -> int:
    actor.require_manager("delete mappings")
    with db.write() as s:
        iface = find_interface(s, interface)
        return s.execute(delete(Mapping).where(Mapping.interface_id == iface.id, Mapping.id.in_(ids))).rowcount


# --- Excel -----------------------------------------------------------------------------

MAPPINGS_SHEET = "Mappings"
UNMAPPED_SHEET = "Unmapped"
ABOUT_SHEET = "About"
# (key, header written, other headers accepted on import)
COLUMNS = [
    ("kind", "Kind", ("donnée", "donnee", "data")),
    ("object_type", "Object type", ("type d'objet", "type")),
    ("season", "Season", ("saison",)),
    ("object", "Object", ("objet",)),
    ("local_name", "Local name", ("nom local",)),
    ("external_id", "External id", ("id externe", "external id(s)")),
    ("generic", "Generic", ("générique", "generique")),
]
REQUIRED_COLUMNS = ("kind", "object_type", "object", "external_id")
WIDTHS = {"kind": 22, "object_type": 22, "season": 10, "object": 34, "local_name": 40, "external_id": 18,
          "generic": 10}


@dataclass(frozen=True)
class WorkbookError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column}{self.row}: {self.message}" if self.column.isalpha() and len(self.column) <= 3 \
            else f"{self.sheet}, row {self.row}, {self.column}: {self.message}"


class WorkbookErrors(InputError):
    """The workbook was refused as a whole; `errors` says where and why."""

    def __init__(self, path: str, errors: list[WorkbookError]):
        self.errors = errors
        head = f"{path}: {len(errors)} error(s), nothing imported"
        shown = "\n".join(f"  {e}" for e in errors[:50])
        more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{head}\n{shown}{more}")


@dataclass(frozen=True)
class ExportResult:
    path: str
    mappings: int
    unmapped: int


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    deleted: int = 0
    skipped_unmapped: int = 0  # rows of the Unmapped sheet left without an external id

    def message(self) -> str:
        return (f"{self.created} mapping(s) created, {self.updated} updated, {self.unchanged} unchanged"
                + (f", {self.deleted} deleted" if self.deleted else ""))


def _unmapped(rows: list[MappingRow], objects: list[MappableObject]) -> list[MappableObject]:
    mapped = {(r.object_type, r.object_id) for r in rows if not r.generic}
    generic_codes = {(r.object_type, r.object_code) for r in rows if r.generic}
    return [o for o in objects if (o.object_type, o.object_id) not in mapped
            and (o.object_type, o.code) not in generic_codes]


def export_mappings(db: Database, interface: str | int, path: str | Path) -> ExportResult:
    """One row per mapping, plus a sheet of the objects still unmapped for the distributor
    to fill. Never contains the password."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    with db.read() as s:
        iface = find_interface(s, interface)
        objects = catalogue(s)
        rows = _rows(s, iface.id, {o.key: o for o in objects})
        name = iface.name_fr
    unmapped = _unmapped(rows, objects)
    wb = Workbook()
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")

    def sheet(ws, title, data):
        ws.title = title
        ws.append([c[1] for c in COLUMNS])
        for cell in ws[1]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(vertical="center")
        for values in data:
            ws.append(values)
        for i, (key, _h, _a) in enumerate(COLUMNS, start=1):
            letter = get_column_letter(i)
            longest = max((len(str(v[i - 1] or "")) for v in data), default=0)
            ws.column_dimensions[letter].width = max(WIDTHS[key], min(longest + 2, 60))
        # External ids are text: "007" and "15|20|22" must stay as typed.
        ext_col = get_column_letter([c[0] for c in COLUMNS].index("external_id") + 1)
        for cell in ws[ext_col][1:]:
            cell.number_format = "@"
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"

    sheet(wb.active, MAPPINGS_SHEET, [
        [r.kind.value, r.object_type.value, r.season_code, r.reference, r.local_name, r.external_id,
         "yes" if r.generic else ""] for r in rows])
    sheet(wb.create_sheet(), UNMAPPED_SHEET, [
        [o.kind.value, o.object_type.value, o.season_code, o.reference, o.name, "", ""] for o in unmapped])
    about = wb.create_sheet(ABOUT_SHEET)
    for line in [
        ("Interface", name),
        ("Exported at", datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("Kinds", ", ".join(k.value for k in MappingKind)),
        ("Object types", ", ".join(o.value for o in MappedObject)),
        ("Several external codes", "write them separated by | (e.g. 15|20|22)"),
        ("Generic", "'yes' on a seat_category row maps that code in every logical configuration"),
        ("Unmapped", f"fill the External id column of sheet {UNMAPPED_SHEET}; rows left empty are ignored"),
    ]:
        about.append(list(line))
    about["A1"].font = Font(bold=True)
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 90
    wb.properties.title = f"Mappings of {name}"
    path = Path(path)
    try:
        wb.save(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    log.info("mappings of %s exported to %s (%d rows, %d unmapped)", name, path, len(rows), len(unmapped))
    return ExportResult(str(path), len(rows), len(unmapped))


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M")
    return str(v).strip()


_YES = {"yes", "y", "oui", "o", "true", "1", "x"}
_NO = {"", "no", "n", "non", "false", "0"}


def read_workbook(s: Session, path: str | Path) -> tuple[list[tuple[str, int, MappingInput]], list[WorkbookError], int]:
    """Parse and validate every row. Returns (valid rows as (sheet, row, input), errors,
    unmapped rows left empty)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - zipfile/openpyxl raise many kinds
        raise InputError(f"{path}: not a readable Excel workbook (.xlsx): {exc}") from None
    errors: list[WorkbookError] = []
    # Other sheets carrying the mapping columns (a sale sheet's tables) are read like the
    # Unmapped one: a row left without an external id is still to fill, not an error.
    others = [n for n in wb.sheetnames if n not in (MAPPINGS_SHEET, UNMAPPED_SHEET, ABOUT_SHEET)]
    read_sheets = 0
    objects = catalogue(s)
    by_ref: dict[tuple[MappedObject, str], list[MappableObject]] = defaultdict(list)
    for o in objects:
        by_ref[(o.object_type, o.reference)].append(o)
    categories = {o.code: o for o in objects if o.object_type is MappedObject.SEAT_CATEGORY}
    seasons = {x.code: x.id for x in s.scalars(select(Season))}
    valid: list[tuple[str, int, MappingInput]] = []
    seen: dict[tuple, tuple[str, int]] = {}
    empty_unmapped = 0
    for sheet_name in (MAPPINGS_SHEET, UNMAPPED_SHEET, *others):
        if sheet_name not in wb.sheetnames:
            continue
        optional = sheet_name in others
        ws = wb[sheet_name]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        cols: dict[str, int] = {}
        for i, h in enumerate(header):
            text = _cell_text(h).lower()
            for key, title, aliases in COLUMNS:
                if text == title.lower() or text in aliases:
                    cols.setdefault(key, i)
        missing = [title for key, title, _a in COLUMNS if key in REQUIRED_COLUMNS and key not in cols]
        if missing:
            if not optional:
                errors.append(WorkbookError(sheet_name, 1, "-", "missing column(s): " + ", ".join(missing)))
            continue
        read_sheets += 1
        letter = {key: get_column_letter(i + 1) for key, i in cols.items()}

        def at(values, key):
            i = cols.get(key)
            return _cell_text(values[i]) if i is not None and i < len(values) else ""

        for rownum, values in enumerate(rows, start=2):
            if values is None or all(_cell_text(v) == "" for v in values):
                continue
            row_errors: list[WorkbookError] = []

            def err(key, message):
                row_errors.append(WorkbookError(sheet_name, rownum, letter.get(key, key), message))

            ext_raw = values[cols["external_id"]] if cols["external_id"] < len(values) else None
            if sheet_name != MAPPINGS_SHEET and _cell_text(ext_raw) == "":
                empty_unmapped += 1
                continue
            kind_text, type_text = at(values, "kind"), at(values, "object_type")
            kind = next((k for k in MappingKind if k.value == kind_text.lower()), None)
            otype = next((o for o in MappedObject if o.value == type_text.lower()), None)
            if kind is None:
                err("kind", f"unknown kind {kind_text!r} (expected one of: {', '.join(k.value for k in MappingKind)})")
            if otype is None:
                err("object_type", f"unknown object type {type_text!r} "
                                   f"(expected one of: {', '.join(o.value for o in MappedObject)})")
            elif kind is not None and KIND_OF[otype] is not kind:
                err("object_type", f"a {otype.value} is mapped with kind {KIND_OF[otype].value}, not {kind.value}")
            season_text = at(values, "season")
            season_id = seasons.get(season_text) if season_text else None
            if season_text and season_id is None:
                err("season", f"unknown season {season_text!r} (known: {', '.join(sorted(seasons)) or 'none'})")
            generic_text = at(values, "generic").lower()
            if generic_text not in _YES | _NO:
                err("generic", f"{generic_text!r}: expected yes or empty")
            generic = generic_text in _YES
            ext, ext_err = normalize_external_id(ext_raw)
            if ext_err:
                err("external_id", ext_err)
            reference = at(values, "object")
            obj: MappableObject | None = None
            if not reference:
                err("object", "the object is empty")
            elif otype is not None:
                if generic:
                    if otype not in GENERIC_TYPES:
                        err("generic", f"only seat categories have generic mappings, not a {otype.value}")
                    elif reference not in categories:
                        err("object", f"no seat category with code {reference!r}")
                    else:
                        obj = generic_object(categories[reference])
                else:
                    found = by_ref.get((otype, reference), [])
                    if len(found) > 1 and season_id is not None:
                        found = [o for o in found if o.season_id == season_id]
                    if not found:
                        err("object", f"no {otype.value.replace('_', ' ')} {reference!r} here")
                    elif len(found) > 1:
                        err("season", f"{reference!r} exists in several seasons: say which")
                    else:
                        obj = found[0]
                        if season_id is not None and obj.season_id is not None and obj.season_id != season_id:
                            err("season", f"{reference!r} belongs to season {obj.season_code}, not {season_text}")
            if obj is not None and not row_errors:
                first = seen.get(obj.key)
                if first is not None:
                    err("object", f"duplicate: {reference!r} is already mapped on {first[0]} row {first[1]}")
                else:
                    seen[obj.key] = (sheet_name, rownum)
            if row_errors:
                errors.extend(row_errors)
            else:
                valid.append((sheet_name, rownum, MappingInput(
                    obj.object_type, obj.object_id, ext, season_id if season_id is not None else obj.season_id,
                    obj.code if obj.object_id is None else "")))
    wb.close()
    if not read_sheets and not errors:
        raise WorkbookErrors(str(path), [WorkbookError(MAPPINGS_SHEET, 0, "-", f"no sheet named {MAPPINGS_SHEET!r} "
                                                       f"(sheets: {', '.join(wb.sheetnames)})")])
    return valid, errors, empty_unmapped


def import_mappings(db: Database, actor: Actor, interface: str | int, path: str | Path, *,
                    replace: bool = False) -> ImportResult:
    """All rows valid, or nothing saved (WorkbookErrors lists each error with sheet/row/column).
    A row updates the interface's mapping of the same object or creates one; with `replace`,
    mappings absent from the workbook are deleted."""
    actor.require_manager("import mappings")
    with db.write() as s:
        iface = find_interface(s, interface)
        valid, errors, empty = read_workbook(s, path)
        if errors:
            raise WorkbookErrors(str(path), errors)
        existing = {(m.object_type, m.object_id, m.object_code if m.object_id is None else ""): m
                    for m in s.scalars(select(Mapping).where(Mapping.interface_id == iface.id))}
        created = updated = unchanged = 0
        keep = set()
        for _sheet, _row, d in valid:
            key = (d.object_type, d.object_id, d.object_code if d.object_id is None else "")
            keep.add(key)
            m = existing.get(key)
            if m is None:
                s.add(Mapping(interface_id=iface.id, kind=KIND_OF[d.object_type], object_type=d.object_type,
                              object_id=d.object_id, object_code=key[2], season_id=d.season_id,
                              external_id=d.external_id))
                created += 1
            elif (m.external_id, m.season_id, m.kind) != (d.external_id, d.season_id, KIND_OF[d.object_type]):
                m.external_id, m.season_id, m.kind = d.external_id, d.season_id, KIND_OF[d.object_type]
                updated += 1
            else:
                unchanged += 1
        deleted = 0
        if replace:
            for key, m in existing.items():
                if key not in keep:
                    s.delete(m)
                    deleted += 1
        s.flush()
        log.info("mappings of %s imported from %s: %d created, %d updated, %d deleted",
                 iface.name_fr, path, created, updated, deleted)
        return ImportResult(created, updated, unchanged, deleted, empty)


__all__ = [
    "FieldErrors", "KIND_OF", "MappableObject", "MappingInput", "MappingRow", "WorkbookError", "WorkbookErrors",
    "catalogue", "delete_mappings", "export_mappings", "import_mappings", "list_mappings", "list_objects",
    "save_mapping",
]
