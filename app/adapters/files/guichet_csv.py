"""Guichet's own sales file: a UTF-8 CSV with a header row (docs/protocols/files.md §3; the same columns
are read from an .xlsx sheet by `xlsx.py`). What is accepted and refused: docs/protocols/files.md."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.adapters.files._common import (
    UTF8_BOM,
    NoSalesLine,
    TicketIds,
    check_lines,
    check_single_line_cells,
    decimals_problem,
    decode_utf16,
    is_currency,
    parse_amount,
    quote_error,
    read_bytes,
    utf16_encoding,
)
from app.domain.errors import InputError
from app.i18n import _, joined
from app.domain.sales import LineError, ParsedSales, SaleAction, SaleLine

FORMAT = "guichet-csv"
COLUMNS = (
    "ticket_id",
    "action",
    "sold_at",
    "event_code",
    "performance_at",
    "zone",
    "row",
    "seat",
    "seat_category",
    "tariff",
    "price",
    "currency",
    "buyer_last_name",
    "buyer_first_name",
    "buyer_postal_code",
    "buyer_country",
)
_ACTIONS = {a.value: a for a in SaleAction}


class GuichetDialect(csv.excel):
    """Comma-separated, CRLF, minimal quoting (what spreadsheets and Python write)."""

    strict = True  # a quote left open to the end of the file is an error, not one long cell


class GuichetSemicolonDialect(GuichetDialect):
    """The same file as a French-locale spreadsheet saves it."""

    delimiter = ";"


def header_index(cells: Sequence[object], where: str) -> dict[str, int]:
    """Column name → position, or an InputError naming the missing, unknown or repeated columns.
    Names are matched without case or surrounding spaces; the order is free."""
    names = [str(c).strip().lower() if c is not None else "" for c in cells]
    while names and not names[-1]:
        names.pop()  # trailing empty cells are no column
    index: dict[str, int] = {}
    repeated, unknown = [], []
    for pos, col in enumerate(names):
        if col in index:
            repeated.append(col)
        elif col not in COLUMNS:
            unknown.append(col or _("(empty, position {n})").format(n=pos + 1))
        else:
            index[col] = pos
    missing = [c for c in COLUMNS if c not in index]
    if missing or unknown or repeated:
        parts = []
        if missing:
            parts.append(_("missing columns: {columns}").format(columns=", ".join(missing)))
        if unknown:
            parts.append(_("unknown columns: {columns}").format(columns=", ".join(unknown)))
        if repeated:
            parts.append(_("repeated columns: {columns}").format(columns=", ".join(repeated)))
        raise InputError(_("{where}: not a Guichet sales header ({problems}); expected: {columns}").format(
            where=where, problems=joined(parts), columns=",".join(COLUMNS)))
    return index


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a spreadsheet turns 12 into 12.0
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).strip()


def _local_naive(value: datetime) -> datetime:
    """Aware date-times are brought to this computer's local time, as the other formats are."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def _datetime(value: object) -> datetime | None | str:
    """A date-time, None when empty, or the text that is not one (for the message)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _local_naive(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = _text(value)
    try:
        return _local_naive(datetime.fromisoformat(text))
    except ValueError:
        return text


def _price(value: object) -> Decimal | None | str:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    amount = parse_amount(str(value))
    return amount if amount is not None else str(value).strip()


_POS = {c: i for i, c in enumerate(COLUMNS)}


def row_to_line(values: Sequence[object], index: dict[str, int], where: str) -> tuple[SaleLine | None, LineError | None]:
    """One data row (strings from a CSV, typed cells from a sheet) → a SaleLine or a LineError."""
    n = len(values)
    raw = [values[index[c]] if index[c] < n else None for c in COLUMNS]
    # Strings (every CSV cell) take the short way; typed sheet cells go through _text.
    t = [v.strip() if v.__class__ is str else _text(v) for v in raw]

    def text(col: str) -> str:
        return t[_POS[col]]

    ticket_id = text("ticket_id")
    problems = []
    if not ticket_id:
        problems.append(_("no ticket_id"))
    action_text = text("action").lower()
    action = _ACTIONS.get(action_text)
    if action is None:
        problems.append(_("action {action!r} is neither 'sale' nor 'cancel'").format(action=action_text) if action_text
                        else _("no action"))
    is_sale = action is SaleAction.SALE
    dates = {}
    for col in ("sold_at", "performance_at"):
        value = _datetime(raw[_POS[col]])
        if isinstance(value, str):
            problems.append(_("{column} {value!r} is not an ISO 8601 date-time").format(column=col, value=value))
            value = None
        elif value is None and is_sale:
            problems.append(_("no {column}").format(column=col))
        dates[col] = value
    event = text("event_code")
    if not event and is_sale:
        problems.append(_("no event_code"))
    price = _price(raw[_POS["price"]])
    if isinstance(price, str):
        problems.append(_("price {price!r} is not an amount").format(price=price))
        price = None
    elif price is None and is_sale:
        problems.append(_("no price"))
    elif price is not None and price < 0 and is_sale:
        problems.append(_("price {price} is negative").format(price=price))
    elif price is not None and (problem := decimals_problem(price, str(price))):
        problems.append(problem)
    currency = text("currency").upper() or "EUR"
    if not is_currency(currency):
        problems.append(_("currency {code!r} is not a three-letter code").format(code=text("currency")))
    if problems:
        if ticket_id:
            return None, LineError(where, _("ticket {ticket}: {problems}").format(ticket=ticket_id,
                                                                                   problems=joined(problems)))
        return None, LineError(where, joined(problems))
    return (
        SaleLine(
            external_ticket_id=ticket_id,
            action=action,
            where=where,
            sold_at=dates["sold_at"],
            event=event,
            performance_at=dates["performance_at"],
            zone=t[5],
            row=t[6],
            seat=t[7],
            seat_category=t[8],
            tariff=t[9],
            price=price,
            currency=currency,
            buyer_last_name=t[12],
            buyer_first_name=t[13],
            buyer_postal_code=t[14],
            buyer_country=t[15],
        ),
        None,
    )


def collect(rows: Iterable[tuple[int, Sequence[object]]], name: str, unit: str, source: str, fmt: str) -> ParsedSales:
    """Header then data rows (numbered as the user sees them) → ParsedSales."""
    result = ParsedSales(source=source, format=fmt)
    ids = TicketIds()
    index: dict[str, int] | None = None
    at = _("{name} line {n}") if unit == "line" else _("{name} row {n}")  # translated once, formatted per row
    for number, values in rows:
        if all(v is None or (v.__class__ is str and not v.strip()) for v in values):
            continue
        where = at.format(name=name, n=number)
        if index is None:
            index = header_index(values, where)
            continue
        sale, error = row_to_line(values, index, where)
        if error is None:
            error = ids.duplicate(sale.external_ticket_id, sale.action, where)
        if error is not None:
            result.errors.append(error)
        else:
            result.lines.append(sale)
    if index is None:
        raise InputError(_("{name} has no header row: expected {columns}").format(name=name, columns=",".join(COLUMNS)))
    if not result.lines and not result.errors:
        raise NoSalesLine(name, _("a Guichet sales file"),
                          _("a header row and no sale or cancellation line") if unit == "line"
                          else _("a header row and no sale or cancellation row"))
    return result


def parse_guichet_csv(path: str | Path) -> ParsedSales:
    return parse_guichet_csv_bytes(read_bytes(path), str(path))


def parse_guichet_csv_bytes(raw: bytes, source: str) -> ParsedSales:
    name = Path(source).name
    utf16 = utf16_encoding(raw)
    if utf16:
        text = decode_utf16(raw, utf16, name)
    else:
        start = len(UTF8_BOM) if raw.startswith(UTF8_BOM) else 0
        try:
            text = raw[start:].decode("utf-8")
        except UnicodeDecodeError as exc:
            pos = start + exc.start
            line = raw.count(b"\n", 0, pos) + 1
            raise InputError(_("{name} line {line}: byte 0x{byte} is not UTF-8 text (a Guichet sales file is "
                               "UTF-8)").format(name=name, line=line, byte=raw[pos:pos + 1].hex())) from None
        nul = text.find("\x00")
        if nul >= 0:
            raise InputError(_("{name} line {line}: a NUL byte (0x00): this is not a text file (a UTF-16 file "
                               "without its byte-order mark, or a damaged file?)").format(
                name=name, line=text.count(chr(10), 0, nul) + 1))
    first = text.lstrip("\r\n").split("\n", 1)[0]
    dialect = GuichetSemicolonDialect if ";" in first and "," not in first else GuichetDialect
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)

    start = 1
    at = _("{name} line {n}")

    def numbered():
        nonlocal start
        for cells in reader:
            if "\n" in "".join(cells) or "\r" in "".join(cells):  # only a cell holding a line break can swallow lines
                check_single_line_cells(cells, at.format(name=name, n=start), dialect.delimiter)
            yield start, cells
            start = reader.line_num + 1

    try:
        return collect(numbered(), name, "line", source, FORMAT)
    except csv.Error as exc:
        raise quote_error(_("{name} line {n}").format(name=name, n=start), exc, "CSV") from None


def line_values(line: SaleLine) -> list[object]:
    """A SaleLine as the row of typed values the writers put under COLUMNS."""
    return [
        line.external_ticket_id,
        line.action.value,
        line.sold_at,
        line.event,
        line.performance_at,
        line.zone,
        line.row,
        line.seat,
        line.seat_category,
        line.tariff,
        line.price,
        line.currency,
        line.buyer_last_name,
        line.buyer_first_name,
        line.buyer_postal_code,
        line.buyer_country,
    ]


def write_guichet_csv(path: str | Path, lines: Iterable[SaleLine]) -> None:
    """Write a Guichet sales file: UTF-8, header row, dates in ISO 8601, price with `.`."""
    out = io.StringIO()
    writer = csv.writer(out, dialect=GuichetDialect)
    writer.writerow(COLUMNS)
    for line in check_lines(lines, "write_guichet_csv"):
        row = line_values(line)
        writer.writerow(
            [
                v.isoformat() if isinstance(v, datetime) else ("" if v is None else str(v))
                for v in row
            ]
        )
    Path(path).write_bytes(out.getvalue().encode("utf-8"))
