"""The one Excel table writer: typed cells (dates as dates, amounts as numbers in a currency
format), a styled and frozen header, column widths, empty cells to fill highlighted, and
totals as SUM formulas, so that a sheet stays a live spreadsheet rather than printed text."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from app.i18n import _
from app.domain.errors import InputError

TEXT, CODE, INT, MONEY, PERCENT, DATE, DATETIME, TIME = (
    "text", "code", "int", "money", "percent", "date", "datetime", "time")
NUMERIC_KINDS = frozenset({INT, MONEY, PERCENT})

HEADER_FILL = "1F4E79"
HEADER_FONT = "FFFFFF"
TO_FILL = "FFF2CC"  # the pale yellow of "a cell for you to fill"
TOTAL_FILL = "DDEBF7"
MARK_FILL = "FFC7CE"  # the pale red of "look here" (an execution's first error)


@dataclass(frozen=True)
class Column:
    """One column of a table. `kind` types its cells; `total` puts a SUM under it;
    `fill` highlights its empty cells (an external id still to be given)."""

    header: str
    kind: str = TEXT
    width: float | None = None  # in Excel characters; None = from the content
    min_width: float = 0  # the least width "from the content" may give
    total: bool = False
    fill: bool = False


@dataclass(frozen=True)
class WrittenTable:
    header_row: int
    first_row: int
    last_row: int  # last data row (== header_row when there is none)
    total_row: int | None


def number_formats(lang: str = "en", currency: str = "EUR") -> dict[str, str]:
    """Excel number formats per column kind. Excel localises separators itself; the date
    order and the currency symbol's place follow the language."""
    try:
        from babel.numbers import get_currency_symbol

        symbol = get_currency_symbol(currency, locale="fr_FR" if lang == "fr" else "en_GB")
    except Exception:  # noqa: BLE001 - an unknown currency code keeps its code
        symbol = currency
    money = f'#,##0.00\\ "{symbol}"' if lang == "fr" else f'"{symbol}"#,##0.00'
    day = "dd/mm/yyyy" if lang == "fr" else "yyyy-mm-dd"
    return {INT: "#,##0", MONEY: money, PERCENT: "0.00", DATE: day, DATETIME: f"{day} hh:mm", TIME: "hh:mm",
            CODE: "@", TEXT: "General"}


def _typed(value, kind: str):
    if value is None or value == "":
        return None
    if kind in (MONEY, PERCENT):
        return float(value) if isinstance(value, (Decimal, int, float)) else value
    if kind == INT:
        return int(value) if isinstance(value, (int, Decimal, float)) else value
    if kind == DATE and isinstance(value, datetime):
        return value.date()
    if kind == TIME and isinstance(value, datetime):
        return value.time()
    if kind in (TEXT, CODE) and not isinstance(value, str):
        return str(value)
    return value


def _shown_length(value, kind: str) -> int:
    if value is None:
        return 0
    if kind == DATETIME:
        return 16
    if kind == DATE:
        return 10
    if kind == TIME:
        return 5
    if kind in NUMERIC_KINDS:
        return len(f"{value:,.2f}") + 2 if isinstance(value, (float, Decimal)) else len(f"{value:,}")
    return max((len(part) for part in str(value).splitlines()), default=0)


def write_table(ws, columns: list[Column], rows, *, start_row: int = 1, lang: str = "en", currency: str = "EUR",
                total_label: str = "Total", freeze: bool = True, auto_filter: bool = True,
                marked: Iterable[int] = ()) -> WrittenTable:
    """Write a header and `rows` (sequences in column order) from `start_row`; a totals row
    of formulas when any column has `total`; the data rows whose index (from 0) is in
    `marked` in bold on a pale red fill. Returns where everything went."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    formats = number_formats(lang, currency)
    head_font, head_fill = Font(bold=True, color=HEADER_FONT), PatternFill("solid", fgColor=HEADER_FILL)
    fill_me = PatternFill("solid", fgColor=TO_FILL)
    thin = Side(style="thin", color="BF9000")
    fill_border = Border(left=thin, right=thin, top=thin, bottom=thin)
    marked = set(marked)
    mark_font, mark_fill = Font(bold=True), PatternFill("solid", fgColor=MARK_FILL)
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=start_row, column=i, value=col.header)
        cell.font, cell.fill = head_font, head_fill
        cell.alignment = Alignment(vertical="center", horizontal="right" if col.kind in NUMERIC_KINDS else "left")
    longest = [len(c.header) for c in columns]
    r = start_row
    for n, values in enumerate(rows):
        r += 1
        for i, col in enumerate(columns):
            value = _typed(values[i] if i < len(values) else None, col.kind)
            cell = ws.cell(row=r, column=i + 1, value=value)
            cell.number_format = formats[col.kind]
            if col.fill and value is None:
                cell.fill, cell.border = fill_me, fill_border
            if n in marked:
                cell.font, cell.fill = mark_font, mark_fill
            longest[i] = max(longest[i], _shown_length(value, col.kind))
    last = r
    total_row = None
    if any(c.total for c in columns):
        total_row = last + 1
        bold, band = Font(bold=True), PatternFill("solid", fgColor=TOTAL_FILL)
        for i, col in enumerate(columns, start=1):
            cell = ws.cell(row=total_row, column=i)
            cell.font, cell.fill = bold, band
            if col.total:
                letter = get_column_letter(i)
                cell.value = f"=SUM({letter}{start_row + 1}:{letter}{last})" if last > start_row else 0
                cell.number_format = formats[col.kind]
        label_col = next((i for i, c in enumerate(columns, start=1) if not c.total), None)
        if label_col is not None:
            ws.cell(row=total_row, column=label_col, value=total_label)
    for i, col in enumerate(columns, start=1):
        width = col.width if col.width is not None else max(col.min_width, min(max(longest[i - 1] + 2, 8), 60))
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
    if freeze:
        ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    if auto_filter and columns:
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(columns))}{max(last, start_row)}"
    return WrittenTable(start_row, start_row + 1, last, total_row)



def write_pairs(ws, pairs, *, start_row: int = 1, widths: tuple[float, float] = (24, 80), lang: str = "en") -> int:
    """A block of (label, value) lines: labels in bold, values typed like table cells (a
    date stays a date cell). Returns the first row after it."""
    from openpyxl.styles import Font

    formats = number_formats(lang)
    bold = Font(bold=True)
    r = start_row
    for label, value in pairs:
        ws.cell(row=r, column=1, value=label).font = bold
        kind = (DATETIME if isinstance(value, datetime) else DATE if isinstance(value, date)
                else TIME if isinstance(value, time) else INT if isinstance(value, int) and not isinstance(value, bool)
                else MONEY if isinstance(value, Decimal) else TEXT)
        cell = ws.cell(row=r, column=2, value=_typed(value, kind))
        cell.number_format = formats[kind]
        r += 1
    for letter, width in zip("AB", widths):
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
    return r


def new_workbook():
    """An empty workbook whose first sheet is ready to write (openpyxl imported here: it
    costs a fifth of a second, paid only by who writes a workbook)."""
    from openpyxl import Workbook

    return Workbook()


def write_file(path: str | Path, write: Callable[[str], None]) -> Path:
    """Call `write(temporary path)` in the target folder, then rename: a failure leaves
    nothing half-written, and a missing folder or a refused write is one line."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(_("cannot write {path}: no folder {folder}").format(path=str(path), folder=str(folder)))
    fd, tmp = tempfile.mkstemp(prefix=".guichet-", suffix=path.suffix, dir=folder)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(_("cannot write {path}: {reason}").format(path=str(path), reason=exc.strerror or str(exc))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def save_workbook(wb, path: str | Path) -> Path:
    return write_file(path, wb.save)
