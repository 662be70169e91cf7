"""Guichet's sales columns read from (and written to) the first sheet of an .xlsx workbook."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from app.adapters.files._common import check_lines, read_bytes
from app.adapters.files.guichet_csv import COLUMNS, _local_naive, collect, line_values
from app.domain.errors import InputError
from app.domain.sales import ParsedSales, SaleLine
from app.i18n import _

FORMAT = "xlsx"


def parse_xlsx(path: str | Path) -> ParsedSales:
    return parse_xlsx_bytes(read_bytes(path), str(path))


def parse_xlsx_bytes(raw: bytes, source: str) -> ParsedSales:
    """Rows of the first sheet: a header row of COLUMNS (any order), then one sale per row.
    Typed cells are welcome (dates, numbers); errors name the row as the spreadsheet shows it."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = Path(source).name
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(_("{name} is not a readable .xlsx workbook ({exc})").format(name=name, exc=exc)) from None
    try:
        if not wb.worksheets:
            raise InputError(_("{name} has no sheet").format(name=name))
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # some writers store a wrong sheet size; read every row
        rows = enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)
        try:
            return collect(rows, _("{name} sheet {title!r}").format(name=name, title=ws.title), "row", source, FORMAT)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise InputError(_("{name}: the sheet {title!r} cannot be read ({exc})").format(name=name, title=ws.title, exc=exc)) from None
    finally:
        wb.close()


def write_xlsx(path: str | Path, lines: Iterable[SaleLine], *, sheet: str = "Sales") -> None:
    """Write the lines under a header row of COLUMNS on one sheet: dates as date cells
    (aware ones in local time), prices as numbers, codes and ids as text."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append(list(COLUMNS))
    for line in check_lines(lines, "write_xlsx"):
        ws.append([_local_naive(v) if isinstance(v, datetime) else v for v in line_values(line)])
    wb.save(str(path))
