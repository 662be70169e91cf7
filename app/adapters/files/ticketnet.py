"""Ticketnet sales statement: fixed-width lines in ISO-8859-1, 215 characters (long form) or
107–108 (short form) (docs/protocols/files.md §2: what is accepted and refused)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from app.adapters.files._common import (
    NoSalesLine,
    TicketIds,
    check_lines,
    decimals_problem,
    decode,
    fit,
    is_currency,
    parse_amount,
    read_bytes,
)
from app.domain.sales import LineError, ParsedSales, SaleAction, SaleLine
from app.i18n import _, joined

FORMAT = "ticketnet"
ENCODING = "iso-8859-1"
LONG = 215
SHORT = (107, 108)

# [start, end) character ranges, 0-based (_parse_line slices them inline, for speed).
EVENT = (0, 10)
PERFORMANCE_AT = (10, 26)
CANCEL = (26, 27)
SEAT_CATEGORY = (27, 29)
TARIFF = (29, 39)
FISCAL_NUMBER = (39, 49)
ZONE = (49, 53)
ROW = (53, 57)
SEAT = (57, 61)
PRICE = (61, 71)
CURRENCY = (71, 74)
TICKET_ID = (74, 90)
LAST_NAME = (106, 138)
FIRST_NAME = (138, 170)
CITY = (170, 195)
POSTAL_CODE = (195, 200)
COUNTRY = (200, 207)
PAYMENT_REF = (207, 213)

# The performance date-time field (16 characters, surrounding spaces ignored), one of:
#   DD/MM/YYYY HH:MM   (also `-` or `.` between date parts, `T` or nothing before the time,
#                       `h` instead of `:`: 20/11/2025 20:30, 20.11.2025T20h30)
#   YYYY-MM-DD HH:MM   (also `T` before the time: 2025-11-20T20:30)
#   YYYYMMDDHHMM[SS]   (compact: 202511202030, 20251120203000)
_DAY_FIRST = re.compile(r"(\d{2})[/.-](\d{2})[/.-](\d{4})[ T]?(\d{2})[:hH](\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?")
# The trailer line: `FIN 000007 LIGNES`, the number of ticket lines.
_TRAILER = re.compile(r"FIN\s+(\d+)\s+LIGNES?", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # a statement repeats a few performances many times
def parse_performance_datetime(text: str) -> datetime | None:
    """The performance date-time in one of the forms above; None when absent or impossible."""
    s = text.strip()
    if m := _DAY_FIRST.fullmatch(s):
        d, mo, y, h, mi = m.groups()
        sec = "0"
    elif m := _YEAR_FIRST.fullmatch(s):
        y, mo, d, h, mi = m.groups()
        sec = "0"
    elif m := _COMPACT.fullmatch(s):
        y, mo, d, h, mi, sec = m.groups()
    else:
        return None
    try:
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(sec or 0))
    except ValueError:
        return None


def parse_ticketnet(path: str | Path) -> ParsedSales:
    return parse_ticketnet_bytes(read_bytes(path), str(path))


def parse_ticketnet_bytes(raw: bytes, source: str) -> ParsedSales:
    """Parse a Ticketnet statement's bytes. Blank lines are skipped; lines of another length
    are reported in `ignored`, unless they look like a cut or padded ticket (an error then). A
    trailer `FIN n LIGNES` must count the ticket lines."""
    name = Path(source).name
    text, encoding = decode(raw, ENCODING, name)
    # Split on CR/LF only: ISO-8859-1 byte 0x85 decodes to NEL, which str.splitlines() would cut at.
    physical = re.split(r"\r\n|\r|\n", text)
    if physical and physical[-1] == "":
        physical.pop()
    result = ParsedSales(source=source, format=FORMAT)
    ids = TicketIds()
    trailers: list[tuple[str, int]] = []
    at = _("{name} line {n}")  # translated once, formatted per line
    for lineno, line in enumerate(physical, start=1):
        if not line.strip():
            continue
        where = at.format(name=name, n=lineno)
        n = len(line)
        if n == LONG or n in SHORT:
            sale, error = _parse_line(line, where, n == LONG)
            if error is None:
                error = ids.duplicate(sale.external_ticket_id, sale.action, where)
            if error is not None:
                result.errors.append(error)
            else:
                result.lines.append(sale)
            continue
        if n >= PERFORMANCE_AT[1] and parse_performance_datetime(line[slice(*PERFORMANCE_AT)]):
            ticket = line[slice(*TICKET_ID)].strip()
            result.errors.append(
                LineError(
                    where,
                    (_("a ticket line (ticket {ticket}) of {n} characters, not {long} (long form) or {short0}–{short1} "
                       "(short form): the line was cut or padded") if ticket else
                     _("a ticket line of {n} characters, not {long} (long form) or {short0}–{short1} (short form): "
                       "the line was cut or padded")).format(ticket=ticket, n=n, long=LONG, short0=SHORT[0],
                                                             short1=SHORT[1]),
                )
            )
            continue
        if m := _TRAILER.fullmatch(line.strip()):
            trailers.append((where, int(m.group(1))))
            result.ignored.append(LineError(where, _("trailer: {n} ticket line(s)").format(n=int(m.group(1)))))
            continue
        if n >= TICKET_ID[1] and line[slice(*TICKET_ID)].strip() and parse_amount(line[slice(*PRICE)]) is not None:
            result.errors.append(
                LineError(
                    where,
                    _("{n} characters, not {long} (long form) or {short0}–{short1} (short form), yet it looks like "
                      "ticket {ticket}: was the line cut or padded?").format(
                        n=n, long=LONG, short0=SHORT[0], short1=SHORT[1], ticket=line[slice(*TICKET_ID)].strip()),
                )
            )
        else:
            result.ignored.append(LineError(where, _("not a ticket line ({n} characters): {start!r}").format(
                n=n, start=line.strip()[:40])))
    tickets = len(result.lines) + len(result.errors)
    for where, count in trailers:
        if count != tickets:
            result.errors.append(LineError(where, _("the trailer counts {count} ticket line(s), the file has "
                                                    "{tickets}: lines are missing or were added").format(
                count=count, tickets=tickets)))
    if not tickets and not any(count == 0 for _, count in trailers):
        raise NoSalesLine(name, _("a Ticketnet statement"), _(
            "no line of {long} or {short0}–{short1} characters with a performance date-time at {at0}–{at1}").format(
            long=LONG, short0=SHORT[0], short1=SHORT[1], at0=PERFORMANCE_AT[0], at1=PERFORMANCE_AT[1]))
    return result


def _parse_line(line: str, where: str, long_form: bool) -> tuple[SaleLine | None, LineError | None]:
    ticket_id = line[74:90].strip()
    perf_text = line[10:26].strip()
    price_text = line[61:71].strip()
    currency_text = line[71:74].strip()
    problems = []
    if not ticket_id:
        problems.append(_("no ticket id in characters {first}–{last}").format(first=TICKET_ID[0], last=TICKET_ID[1]))
    action = SaleAction.CANCEL if line[26] in "Aa" else SaleAction.SALE
    performance_at = parse_performance_datetime(perf_text)
    if performance_at is None:
        problems.append(_("performance date-time {text!r} is not a possible date and time").format(text=perf_text))
    price = parse_amount(price_text)
    if price is None:
        problems.append(_("price {price!r} is not an amount").format(price=price_text) if price_text else _("no price"))
    elif price < 0 and action is SaleAction.SALE:
        problems.append(_("price {price} is negative").format(price=price_text))
    elif problem := decimals_problem(price, price_text):
        problems.append(problem)
    currency = currency_text.upper() or "EUR"
    if not is_currency(currency):
        problems.append(_("currency {code!r} is not a three-letter code").format(code=currency_text))
    if problems:
        if ticket_id:
            return None, LineError(where, _("ticket {ticket}: {problems}").format(ticket=ticket_id,
                                                                                   problems=joined(problems)))
        return None, LineError(where, joined(problems))
    extra = {"fiscal_number": line[39:49].strip(), "form": "long" if long_form else "short"}
    if long_form:
        extra["buyer_city"] = line[170:195].strip()
        extra["payment_ref"] = line[207:213].strip()
    return (
        SaleLine(
            external_ticket_id=ticket_id,
            action=action,
            where=where,
            event=line[0:10].strip(),
            performance_at=performance_at,
            zone=line[49:53].strip(),
            row=line[53:57].strip().lstrip("0"),  # zero padding; '0000' is a non-numbered place
            seat=line[57:61].strip().lstrip("0"),
            seat_category=line[27:29].strip(),
            tariff=line[29:39].strip(),
            price=price,
            currency=currency,
            buyer_last_name=line[106:138].strip() if long_form else "",
            buyer_first_name=line[138:170].strip() if long_form else "",
            buyer_postal_code=line[195:200].strip() if long_form else "",
            buyer_country=line[200:207].strip() if long_form else "",
            extra=extra,
        ),
        None,
    )


def _price(line: SaleLine) -> str:
    if line.price.as_tuple().exponent < -2 and line.price != line.price.quantize(Decimal("0.01")):
        raise ValueError(_("ticket {ticket}: price {price} has more than two decimals").format(
            ticket=line.external_ticket_id, price=line.price))
    return f"{line.price:010.2f}"


def write_ticketnet(path: str | Path, lines: Iterable[SaleLine], long_form: bool = True) -> None:
    """Write a Ticketnet statement (ISO-8859-1, CRLF), 215-character lines or 107-character
    short ones. The date-time is written `DD/MM/YYYY HH:MM`, the price `0000025.50`; the fiscal
    number, city and payment reference come from `extra`. Raises ValueError when a value does
    not fit its field (nothing is cut), a line has no price or performance date-time, or a
    character is not ISO-8859-1."""
    out = []
    for line in check_lines(lines, "write_ticketnet"):
        if line.price is None or line.performance_at is None:
            raise ValueError(_("ticket {ticket}: a Ticketnet line needs a price and a performance date-time").format(
                ticket=line.external_ticket_id))
        for what, value in (("row", line.row), ("seat", line.seat)):
            if value.startswith("0"):
                raise ValueError(_("ticket {ticket}: {what} {value!r} would lose its zeros in a zero-padded field").format(
                    ticket=line.external_ticket_id, what=what, value=value))
        parts = [
            fit(line.event, 10, "event", line),
            line.performance_at.strftime("%d/%m/%Y %H:%M"),
            "A" if line.action is SaleAction.CANCEL else " ",
            fit(line.seat_category, 2, "seat category", line),
            fit(line.tariff, 10, "tariff", line),
            fit(str(line.extra.get("fiscal_number", "")), 10, "fiscal number", line),
            fit(line.zone, 4, "zone", line),
            fit(line.row.rjust(4, "0") if line.row else "", 4, "row", line),
            fit(line.seat.rjust(4, "0") if line.seat else "", 4, "seat", line),
            fit(_price(line), 10, "price", line),
            fit(line.currency, 3, "currency", line),
            fit(line.external_ticket_id, 16, "ticket id", line),
        ]
        if line.performance_at.second or line.performance_at.microsecond:
            raise ValueError(_("ticket {ticket}: the performance time has seconds, the format has minutes").format(
                ticket=line.external_ticket_id))
        text = "".join(parts)
        if long_form:
            text = text.ljust(LAST_NAME[0]) + "".join(
                [
                    fit(line.buyer_last_name, 32, "last name", line),
                    fit(line.buyer_first_name, 32, "first name", line),
                    fit(str(line.extra.get("buyer_city", "")), 25, "city", line),
                    fit(line.buyer_postal_code, 5, "postal code", line),
                    fit(line.buyer_country, 7, "country", line),
                    fit(str(line.extra.get("payment_ref", "")), 6, "payment reference", line),
                ]
            )
            text = text.ljust(LONG)
        else:
            text = text.ljust(SHORT[0])
        try:
            text.encode(ENCODING)
        except UnicodeEncodeError as exc:
            raise ValueError(
                _("ticket {ticket}: {char!r} cannot be written in ISO-8859-1").format(ticket=line.external_ticket_id,
                                                                                      char=text[exc.start])
            ) from None
        out.append(text)
    Path(path).write_bytes("".join(t + "\r\n" for t in out).encode(ENCODING))
