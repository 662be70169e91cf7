"""The Excel round trip of an interface's mappings: export (one row per mapping, a sheet of
the objects still unmapped for the distributor to fill, an About sheet) through the one table
writer, and an import that validates every row of every sheet carrying the mapping columns
(the Mappings and Unmapped sheets, a sale sheet's tables) and saves nothing unless all rows
are valid, each error named Sheet!Cell."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Mapping, Season
from app.domain.actors import Actor
from app.domain.enums import MappedObject, MappingKind
from app.domain.errors import InputError
from app.services.excel_table import CODE, TEXT, Column, new_workbook, save_workbook, write_pairs, write_table
from app.services.lookup import find_interface

from app.i18n import N_, _
from .mappings import (
    GENERIC_TYPES, KIND_OF, MappableObject, MappingInput, MappingRow, _rows, catalogue, generic_object,
    normalize_external_id,
)

log = logging.getLogger("guichet.mappings")

MAPPINGS_SHEET = "Mappings"
UNMAPPED_SHEET = "Unmapped"
ABOUT_SHEET = "About"
# The least width of each column (in Excel characters); longer content widens it up to 60.
WIDTHS = {"kind": 22, "object_type": 22, "season": 10, "object": 34, "local_name": 40, "external_id": 18,
          "generic": 10}
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


@dataclass(frozen=True)
class WorkbookError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column}{self.row}: {self.message}" if self.column.isalpha() and len(self.column) <= 3 \
            else _("{sheet}, row {row}, {column}: {message}").format(sheet=self.sheet, row=self.row, column=self.column,
                                                                     message=self.message)


class WorkbookErrors(InputError):
    """The workbook was refused as a whole; `errors` says where and why."""

    def __init__(self, path: str, errors: list[WorkbookError]):
        self.errors = errors
        head = _("{path}: {n} error(s), nothing imported").format(path=path, n=len(errors))
        shown = "\n".join(f"  {e}" for e in errors[:50])
        more = "\n  " + _("… and {n} more").format(n=len(errors) - 50) if len(errors) > 50 else ""
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


def _columns() -> list[Column]:
    # External ids are text (CODE): "007" and "15|20|22" must stay as typed.
    kinds = {"local_name": TEXT}
    return [Column(title, kinds.get(key, CODE), min_width=WIDTHS[key]) for key, title, _aliases in COLUMNS]


def export_mappings(db: Database, interface: str | int, path: str | Path) -> ExportResult:
    """One row per mapping, plus a sheet of the objects still unmapped for the distributor
    to fill (its empty external ids highlighted). Never contains the password."""
    with db.read() as s:
        iface = find_interface(s, interface)
        objects = catalogue(s)
        rows = _rows(s, iface.id, {o.key: o for o in objects})
        name = iface.name_fr
    unmapped = _unmapped(rows, objects)
    wb = new_workbook()
    columns = _columns()
    to_fill = [replace(c, fill=True) if key == "external_id" else c for c, (key, _t, _a) in zip(columns, COLUMNS)]
    ws = wb.active
    ws.title = MAPPINGS_SHEET
    write_table(ws, columns, [[r.kind.value, r.object_type.value, r.season_code, r.reference, r.local_name,
                               r.external_id, "yes" if r.generic else ""] for r in rows])
    write_table(wb.create_sheet(UNMAPPED_SHEET), to_fill,
                [[o.kind.value, o.object_type.value, o.season_code, o.reference, o.name, "", ""] for o in unmapped])
    write_pairs(wb.create_sheet(ABOUT_SHEET), [
        ("Interface", name),
        ("Exported at", datetime.now().replace(second=0, microsecond=0)),
        ("Kinds", ", ".join(k.value for k in MappingKind)),
        ("Object types", ", ".join(o.value for o in MappedObject)),
        ("Several external codes", "write them separated by | (e.g. 15|20|22)"),
        ("Generic", "'yes' on a seat_category row maps that code in every logical configuration"),
        ("Unmapped", f"fill the External id column of sheet {UNMAPPED_SHEET}; rows left empty are ignored"),
    ], widths=(24, 90))
    wb.properties.title = f"Mappings of {name}"
    path = save_workbook(wb, path)
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
        raise InputError(_("{path}: no such file").format(path=path)) from None
    except Exception as exc:  # noqa: BLE001 - zipfile/openpyxl raise many kinds
        raise InputError(_("{path}: not a readable Excel workbook (.xlsx): {exc}").format(path=path, exc=exc)) from None
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
                errors.append(WorkbookError(sheet_name, 1, "-", _("missing column(s): {columns}").format(
                    columns=", ".join(missing))))
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
                err("kind", _("unknown kind {kind!r} (expected one of: {known})").format(
                    kind=kind_text, known=", ".join(k.value for k in MappingKind)))
            if otype is None:
                err("object_type", _("unknown object type {type!r} (expected one of: {known})").format(
                    type=type_text, known=", ".join(o.value for o in MappedObject)))
            elif kind is not None and KIND_OF[otype] is not kind:
                err("object_type", _("a {type} is mapped with kind {expected}, not {kind}").format(
                    type=otype.value, expected=KIND_OF[otype].value, kind=kind.value))
            season_text = at(values, "season")
            season_id = seasons.get(season_text) if season_text else None
            if season_text and season_id is None:
                err("season", _("unknown season {season!r} (known: {known})").format(
                    season=season_text, known=", ".join(sorted(seasons)) or _("none")))
            generic_text = at(values, "generic").lower()
            if generic_text not in _YES | _NO:
                err("generic", _("{value!r}: expected yes or empty").format(value=generic_text))
            generic = generic_text in _YES
            ext, ext_err = normalize_external_id(ext_raw)
            if ext_err:
                err("external_id", ext_err)
            reference = at(values, "object")
            obj: MappableObject | None = None
            if not reference:
                err("object", _("the object is empty"))
            elif otype is not None:
                if generic:
                    if otype not in GENERIC_TYPES:
                        err("generic", _("only seat categories have generic mappings, not a {type}").format(
                            type=otype.value))
                    elif reference not in categories:
                        err("object", _("no seat category with code {code!r}").format(code=reference))
                    else:
                        obj = generic_object(categories[reference])
                else:
                    found = by_ref.get((otype, reference), [])
                    if len(found) > 1 and season_id is not None:
                        found = [o for o in found if o.season_id == season_id]
                    if not found:
                        err("object", _("no {type} {reference!r} here").format(type=otype.value.replace("_", " "),
                                                                               reference=reference))
                    elif len(found) > 1:
                        err("season", _("{reference!r} exists in several seasons: say which").format(reference=reference))
                    else:
                        obj = found[0]
                        if season_id is not None and obj.season_id is not None and obj.season_id != season_id:
                            err("season", _("{reference!r} belongs to season {season}, not {given}").format(
                                reference=reference, season=obj.season_code, given=season_text))
            if obj is not None and not row_errors:
                first = seen.get(obj.key)
                if first is not None:
                    err("object", _("duplicate: {reference!r} is already mapped on {sheet} row {row}").format(
                        reference=reference, sheet=first[0], row=first[1]))
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
        raise WorkbookErrors(str(path), [WorkbookError(MAPPINGS_SHEET, 0, "-", _("no sheet named {name!r} (sheets: {sheets})").format(
            name=MAPPINGS_SHEET, sheets=", ".join(wb.sheetnames)))])
    return valid, errors, empty_unmapped


def import_mappings(db: Database, actor: Actor, interface: str | int, path: str | Path, *,
                    replace: bool = False) -> ImportResult:
    """All rows valid, or nothing saved (WorkbookErrors lists each error with sheet/row/column).
    A row updates the interface's mapping of the same object or creates one; with `replace`,
    mappings absent from the workbook are deleted."""
    actor.require_manager(N_("import mappings"))
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
    "ABOUT_SHEET", "COLUMNS", "MAPPINGS_SHEET", "REQUIRED_COLUMNS", "UNMAPPED_SHEET", "ExportResult", "ImportResult",
    "WorkbookError", "WorkbookErrors", "export_mappings", "import_mappings", "read_workbook",
]
