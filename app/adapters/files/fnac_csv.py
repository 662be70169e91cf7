"""Fnac / France Billet sales statement: `;`-separated CSV in Windows-1252 with lookup sections
(docs/protocols/files.md §1: what is accepted and refused)."""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from app.adapters.files._common import (
    NoSalesLine,
    TicketIds,
    check_lines,
    check_single_line_cells,
    decimals_problem,
    decode,
    format_amount,
    parse_amount,
    quote_error,
    read_bytes,
)
from app.domain.errors import InputError
from app.i18n import _, joined
from app.domain.sales import LineError, ParsedSales, SaleAction, SaleLine

FORMAT = "fnac-csv"
ENCODING = "cp1252"


class FnacDialect(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True  # a quote left open at the end of the file is an error, not a silent cell


csv.register_dialect("fnac", FnacDialect)

# Column numbers (0-based) of a ticket line.
ACTION, SOLD_AT, TARIFF, CATEGORY, ZONE = 1, 2, 5, 6, 8
LAST_NAME, FIRST_NAME, POSTAL_CODE, COUNTRY = 10, 11, 12, 13
TICKET_ID, ROW, SEAT, PRICE = 15, 17, 18, 23
WIDTH = 24

# Lookup sections: key → the title written in the file.
SECTION_TITLES = {
    "tariff": "Type de tarif",
    "customer_category": "Categorie Client",
    "zone": "Genre de Zone",
}
_LABEL_KEYS = {"tariff": "tariff_label", "customer_category": "customer_category_label", "zone": "zone_label"}


def _normalize_title(text: str) -> str:
    """'Catégorie  client' → 'categorie client': titles are matched without accents or case."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


_SECTIONS_BY_TITLE = {_normalize_title(t): key for key, t in SECTION_TITLES.items()}
# The statement's title line names its performance: `Relevé des ventes;EVENTCODE;DD/MM/YYYY HH:MM`.
HEADER_TITLE = "Relevé des ventes"
_HEADER = _normalize_title(HEADER_TITLE)
_DIGIT = re.compile(r"\d")
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?")


@functools.lru_cache(maxsize=4096)  # sales come in bursts within the same minutes
def parse_sale_datetime(text: str) -> datetime | None:
    """`DD/MM/YYYY HH:MM` (seconds `:SS` tolerated); None when absent or impossible."""
    m = _DATE.fullmatch(text)
    if not m:
        return None
    d, mo, y, h, mi, s = m.groups()
    try:
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return None


def parse_fnac_csv(path: str | Path) -> ParsedSales:
    return parse_fnac_bytes(read_bytes(path), str(path))


def parse_fnac_bytes(raw: bytes, source: str) -> ParsedSales:
    """Parse a Fnac statement's bytes. Ticket lines become SaleLines, unreadable ticket lines
    LineErrors, lines that are neither tickets, totals nor lookups are reported in `ignored`.
    Raises InputError when the file's total line disagrees with its sale lines."""
    name = Path(source).name
    text, _encoding = decode(raw, ENCODING, name, legacy_label="Windows-1252")
    lookups: dict[str, dict[str, str]] = {key: {} for key in SECTION_TITLES}
    section: str | None = None  # the lookup section being read; "" for one we do not use
    tickets: list[tuple[str, SaleAction, datetime, list[str], Decimal]] = []
    totals: list[tuple[str, Decimal]] = []
    errors: list[LineError] = []
    ignored: list[LineError] = []
    ids = TicketIds()
    header: tuple[str, str, datetime] | None = None  # (where, event code, performance date-time)

    reader = csv.reader(io.StringIO(text, newline=""), dialect=FnacDialect)
    lineno = 1
    at = _("{name} line {n}")  # translated once, formatted per line
    try:
        for cells in reader:
            where = at.format(name=name, n=lineno)
            lineno = reader.line_num + 1
            check_single_line_cells(cells, where, ";")
            cells = [c.strip() for c in cells]
            if not any(cells):
                continue  # blank lines separate nothing
            if len(cells) < WIDTH:
                cells.extend([""] * (WIDTH - len(cells)))
            ticket_id, price_text = cells[TICKET_ID], cells[PRICE]
            amount = parse_amount(price_text) if price_text else None

            if ticket_id:
                section = None
                problems = []
                marker = cells[ACTION]
                action = SaleAction.SALE if marker.upper() == "V" else SaleAction.CANCEL
                if not marker:
                    problems.append(_("column 1 is empty: neither V (sale) nor a cancellation mark"))
                sold_at = parse_sale_datetime(cells[SOLD_AT])
                if sold_at is None:
                    if cells[SOLD_AT]:
                        problems.append(_("sale date {date!r} is not a possible DD/MM/YYYY HH:MM").format(
                            date=cells[SOLD_AT]))
                    else:
                        problems.append(_("no sale date in column 2"))
                if amount is None:
                    problems.append(_("price {price!r} is not an amount").format(price=price_text) if price_text
                                    else _("no price in column 23"))
                elif amount <= 0:
                    problems.append(_("price {price} is not an amount above 0").format(price=price_text))
                elif problem := decimals_problem(amount, price_text):
                    problems.append(problem)
                if problems:
                    if not _DIGIT.search(ticket_id + price_text + cells[SOLD_AT]):
                        # A column header: its ticket-id cell reads "N° billet", nothing has a digit.
                        ignored.append(LineError(where, _("a header line (no ticket id, date or amount in it)")))
                        continue
                    errors.append(LineError(where, _("ticket {ticket}: {problems}").format(ticket=ticket_id,
                                                                                           problems=joined(problems))))
                    continue
                dup = ids.duplicate(ticket_id, action, where)
                if dup:
                    errors.append(dup)
                    continue
                tickets.append((where, action, sold_at, cells, amount))
                continue

            if amount is not None:
                section = None
                if problem := decimals_problem(amount, price_text):
                    errors.append(LineError(where, _("total: {problem}").format(problem=problem)))
                    continue
                totals.append((where, amount))
                continue

            first = cells[0]
            if first and _normalize_title(first) == _HEADER:
                section = None
                header = _statement_header(header, cells, where)
                continue
            if first:
                key = _SECTIONS_BY_TITLE.get(_normalize_title(first))
                if key is not None:
                    section = key
                elif not any(cells[1:]):
                    section = ""
                    ignored.append(LineError(where, _("lookup section {title!r} is not one Guichet reads; its entries are "
                                                      "not used").format(title=first)))
                else:
                    section = None
                    ignored.append(LineError(where, _("not a ticket, total or lookup line")))
                continue

            if section == "":
                continue  # an entry of a section reported at its title
            if section is not None:
                label, code = cells[1], cells[2]
                title = SECTION_TITLES[section]
                if not code:
                    ignored.append(LineError(where, _("entry {label!r} of section {title!r} has no code").format(
                        label=label, title=title)))
                    continue
                table = lookups[section]
                if code in table and table[code] != label:
                    ignored.append(
                        LineError(where, _("{title} {code} is already {first!r}; this second label {label!r} is not "
                                           "used").format(title=title, code=code, first=table[code], label=label))
                    )
                    continue
                table[code] = label
                continue
            ignored.append(LineError(where, _("not a ticket, total or lookup line")))
    except csv.Error as exc:
        raise quote_error(at.format(name=name, n=lineno), exc, _("a ';'-separated Fnac statement")) from None

    computed = sum((t[4] for t in tickets if t[1] is SaleAction.SALE), Decimal(0))
    for where, declared in totals:
        if declared != computed:
            refused = _("{name}: refused, the total at {where} is {declared} but the sale lines add up to {computed}").format(
                name=name, where=where, declared=format_amount(declared), computed=format_amount(computed))
            if errors:
                refused = _("{refused} ({n} ticket line(s) could not be read, first {where}: {message})").format(
                    refused=refused, n=len(errors), where=errors[0].where, message=errors[0].message)
            raise InputError(refused)

    if not tickets and not errors:
        if not totals:
            raise NoSalesLine(name, _("a Fnac statement"), _("no ticket line (a ticket id in column 15 and a price in "
                                                            "column 23) and no total line"))
        # else a valid empty statement: its total lines say 0 (any other total was refused above)
    event, performance_at = (header[1], header[2]) if header else ("", None)
    lines = [_sale_line(where, action, sold_at, cells, amount, lookups, event, performance_at)
             for where, action, sold_at, cells, amount in tickets]
    return ParsedSales(
        source=source,
        format=FORMAT,
        lines=lines,
        errors=errors,
        ignored=ignored,
        declared_total=totals[-1][1] if totals else None,
        event=event,
        performance_at=performance_at,
    )


def _statement_header(previous, cells: list[str], where: str) -> tuple[str, str, datetime]:
    """The title line `Relevé des ventes;EVENTCODE;DD/MM/YYYY HH:MM`: the statement's performance."""
    code, when_text = cells[1], cells[2]
    when = parse_sale_datetime(when_text)
    if not code or when is None:
        raise InputError(_("{where}: refused, the statement title names no performance: expected "
                           "{title};EVENTCODE;DD/MM/YYYY HH:MM, got {got!r}").format(
            where=where, title=HEADER_TITLE, got=";".join(cells[:3])))
    if previous is not None and (previous[1], previous[2]) != (code, when):
        raise InputError(_("{where}: refused, a second statement title names another performance ({code} {when}) "
                           "than {first} ({first_code} {first_when})").format(
            where=where, code=code, when=when_text, first=previous[0], first_code=previous[1],
            first_when=f"{previous[2]:%d/%m/%Y %H:%M}"))
    return previous or (where, code, when)


def _sale_line(where, action, sold_at, cells, amount, lookups, event="", performance_at=None) -> SaleLine:
    extra = {"tariff_code": cells[TARIFF], "action_code": cells[ACTION]}
    for key, col in (("tariff", TARIFF), ("customer_category", CATEGORY), ("zone", ZONE)):
        label = lookups[key].get(cells[col])
        if label is not None:
            extra[_LABEL_KEYS[key]] = label
    return SaleLine(
        external_ticket_id=cells[TICKET_ID],
        action=action,
        where=where,
        sold_at=sold_at,
        event=event,
        performance_at=performance_at,
        zone=cells[ZONE],
        row=cells[ROW],
        seat=cells[SEAT],
        tariff=cells[CATEGORY],  # customer category: what maps onto our audience sub-categories
        price=amount,
        buyer_last_name=cells[LAST_NAME],
        buyer_first_name=cells[FIRST_NAME],
        buyer_postal_code=cells[POSTAL_CODE],
        buyer_country=cells[COUNTRY],
        extra=extra,
    )


def write_fnac_csv(
    path: str | Path,
    lines: Iterable[SaleLine],
    *,
    lookups: Mapping[str, Mapping[str, str]] | None = None,
    total: bool = True,
    performance: tuple[str, datetime] | None = None,
) -> None:
    """Write a Fnac statement (cp1252, CRLF): the lookup sections, the ticket lines, then a
    total line of the sales when `total`. `lookups` maps "tariff" / "customer_category" /
    "zone" to {code: label}; by default they are taken from the lines (their `extra` labels,
    else the code itself). The tariff code is `extra["tariff_code"]`, the customer category
    `line.tariff`. Times are written to the minute. Raises ValueError for a line without a
    price or sale date, or a character cp1252 cannot hold. `performance` (event code, date-time)
    writes the title line `Relevé des ventes;CODE;DD/MM/YYYY HH:MM` first."""
    rows = check_lines(lines, "write_fnac_csv")
    if lookups is None:
        derived: dict[str, dict[str, str]] = {key: {} for key in SECTION_TITLES}
        for line in rows:
            for key, code in (
                ("tariff", line.extra.get("tariff_code", "")),
                ("customer_category", line.tariff),
                ("zone", line.zone),
            ):
                if code:
                    derived[key].setdefault(code, line.extra.get(_LABEL_KEYS[key], code))
        lookups = derived
    out = io.StringIO()
    writer = csv.writer(out, dialect=FnacDialect)
    if performance is not None:
        writer.writerow([HEADER_TITLE, performance[0], performance[1].strftime("%d/%m/%Y %H:%M")])
    for key, title in SECTION_TITLES.items():
        table = lookups.get(key) or {}
        if table:
            writer.writerow([title, "", ""])
            for code, label in table.items():
                writer.writerow(["", label, code])
    sales_total = Decimal(0)
    for line in rows:
        if line.price is None or line.sold_at is None:
            raise ValueError(_("ticket {ticket}: a Fnac line needs a price and a sale date").format(
                ticket=line.external_ticket_id))
        cells = [""] * WIDTH
        if line.action is SaleAction.SALE:
            cells[ACTION] = "V"
            sales_total += line.price
        else:
            code = line.extra.get("action_code", "A")
            cells[ACTION] = "A" if code.upper() in ("", "V") else code
        cells[SOLD_AT] = line.sold_at.strftime("%d/%m/%Y %H:%M")
        cells[TARIFF] = line.extra.get("tariff_code", "")
        cells[CATEGORY] = line.tariff
        cells[ZONE] = line.zone
        cells[LAST_NAME], cells[FIRST_NAME] = line.buyer_last_name, line.buyer_first_name
        cells[POSTAL_CODE], cells[COUNTRY] = line.buyer_postal_code, line.buyer_country
        cells[TICKET_ID] = line.external_ticket_id
        cells[ROW], cells[SEAT] = line.row, line.seat
        cells[PRICE] = format_amount(line.price, ",")
        writer.writerow(cells)
    if total:
        cells = [""] * WIDTH
        cells[0] = "Total"
        cells[PRICE] = format_amount(sales_total, ",")
        writer.writerow(cells)
    text = out.getvalue()
    try:
        data = text.encode(ENCODING)
    except UnicodeEncodeError as exc:
        lineno = text.count("\n", 0, exc.start) + 1
        raise ValueError(_("line {n}: {char!r} cannot be written in Windows-1252").format(
            n=lineno, char=text[exc.start])) from None
    Path(path).write_bytes(data)
