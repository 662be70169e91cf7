"""Helpers shared by the sales-file parsers: reading, decoding, amounts, duplicate ticket ids."""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.domain.errors import InputError
from app.domain.sales import LineError, SaleAction, SaleLine
from app.i18n import _

UTF8_BOM = b"\xef\xbb\xbf"


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or an InputError naming the file and why it cannot be read."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(_("{p}: no such file").format(p=p)) from None
    except IsADirectoryError:
        raise InputError(_("{p} is a folder, not a sales file").format(p=p)) from None
    except PermissionError:
        raise InputError(_("{p} cannot be read: permission denied").format(p=p)) from None
    except OSError as exc:
        raise InputError(_("{p} cannot be read: {error}").format(p=p, error=exc.strerror or str(exc))) from None
    if not data.strip():
        raise InputError(_("{p} is empty: there is no sales line to read").format(p=p))
    return data


UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def utf16_encoding(raw: bytes) -> str | None:
    """The UTF-16 variant of a file: by its byte-order mark, else by NUL bytes every other
    byte (what "Unicode text" from a spreadsheet looks like); None for 8-bit text."""
    for bom, encoding in UTF16_BOMS:
        if raw.startswith(bom):
            return encoding
    head = raw[:4096]
    if len(head) >= 4 and b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
            return "utf-16-be"
    return None


def decode_utf16(raw: bytes, encoding: str, name: str) -> str:
    """A UTF-16 file's text (its BOM dropped), or an InputError naming the file as UTF-16."""
    start = 2 if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else 0
    try:
        text = raw[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        pos = start + exc.start
        line = raw[start:pos].decode(encoding, errors="replace").count("\n") + 1
        raise InputError(_("{name} is UTF-16 text ({encoding}) but is damaged at line {line} (byte offset {pos}); "
                           "save it again as UTF-8").format(name=name, encoding=encoding.upper(), line=line,
                                                            pos=pos)) from None
    return text


def decode(raw: bytes, legacy: str, name: str, *, legacy_label: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Distributors send `legacy` (cp1252, ISO-8859-1); a file re-saved
    as UTF-8 (a BOM, or valid UTF-8 with non-ASCII bytes) is read as UTF-8: a genuine
    legacy-encoded accented name is practically never valid UTF-8, so the test is safe. A
    UTF-16 file (a BOM, or NUL bytes every other byte) is read as UTF-16. NUL bytes in 8-bit
    text refuse the file: it is not a text file (or a damaged one)."""
    label = legacy_label or legacy
    utf16 = utf16_encoding(raw)
    if utf16:
        return decode_utf16(raw, utf16, name), utf16
    if raw.startswith(UTF8_BOM):
        try:
            return raw[len(UTF8_BOM) :].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            raise _decode_error(raw, len(UTF8_BOM) + exc.start, "UTF-8", name, _(
                "the file starts with a UTF-8 byte-order mark, yet holds {label} bytes?").format(label=label)) from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise InputError(_("{name} line {line}: a NUL byte (0x00): this is not a text file (a UTF-16 file "
                           "without its byte-order mark, or a damaged file?)").format(name=name, line=line))
    if not raw.isascii():
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode(legacy), legacy
    except UnicodeDecodeError as exc:
        raise _decode_error(raw, exc.start, label, name, None) from None


def _decode_error(raw: bytes, start: int, encoding: str, name: str, hint: str | None) -> InputError:
    line = raw.count(b"\n", 0, start) + 1
    byte = raw[start : start + 1].hex()
    if hint:
        return InputError(_("{name} line {line}: byte 0x{byte} is not {encoding} text ({hint})").format(
            name=name, line=line, byte=byte, encoding=encoding, hint=hint))
    return InputError(_("{name} line {line}: byte 0x{byte} is not {encoding} text; is this the right file and "
                        "format?").format(name=name, line=line, byte=byte, encoding=encoding))


def check_single_line_cells(cells: list[str], where: str, delimiter: str) -> None:
    """A quote opened and not closed on its line swallows the lines after it into one cell. A
    quoted cell may hold a line break ("Anne\nMarie"), but not one followed by what reads as
    more cells (the delimiter): that is the swallowed lines, and the file is refused."""
    for col, cell in enumerate(cells):
        if ("\n" in cell or "\r" in cell) and delimiter in cell:
            first = re.split(r"\r\n|\r|\n", cell, maxsplit=1)[0]
            raise InputError(_("{where}: refused, the quote opened in column {col} ({start!r}…) is not closed on its "
                               "line: it swallows the line(s) after it; close or remove the quote").format(
                where=where, col=col, start=first[:30]))


_AMOUNT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_SPACES = str.maketrans("", "", " \u00a0\u202f")


@functools.lru_cache(maxsize=4096)  # a file holds few distinct prices
def parse_amount(text: str) -> Decimal | None:
    """A decimal amount written with `,` or `.` (spaces as thousands separators allowed), or
    None when the text is not one."""
    s = text.strip().translate(_SPACES)
    if not s or not _AMOUNT.fullmatch(s):
        return None
    try:
        return Decimal(s.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        return None


def format_amount(value: Decimal, sep: str = ".") -> str:
    """Two decimals at least (25 → 25.00), more only when the value has them."""
    q = value if value.as_tuple().exponent < -2 else value.quantize(Decimal("0.01"))
    return format(q, "f").replace(".", sep)


def decimals_problem(amount: Decimal, text: str) -> str | None:
    """A price or total with more than 2 decimals (85.001) is not an amount in euros."""
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        return _("price {price} has more than 2 decimals").format(price=text.strip())
    return None


class NoSalesLine(InputError):
    """A file with no sales line at all: the wrong file, or the wrong format for it."""

    def __init__(self, name: str, fmt_label: str, why: str):
        super().__init__(_("{name}: refused, no sales line in this file read as {format} ({why})").format(
            name=name, format=fmt_label, why=why))
        self.name, self.fmt_label, self.why = name, fmt_label, why


def quote_error(where: str, exc: Exception, what: str) -> InputError:
    """A csv.Error as one line: a quote left open to the end of the file, or text after a closing quote."""
    text = str(exc)
    if "unexpected end of data" in text:
        return InputError(_("{where}: refused, a quote opened on this line is never closed (the rest of the file "
                            "would be one cell); close or remove the quote").format(where=where))
    return InputError(_("{where}: refused, not readable as {what} ({error})").format(where=where, what=what, error=text))


_CURRENCY = re.compile(r"[A-Z]{3}")


def is_currency(code: str) -> bool:
    return bool(_CURRENCY.fullmatch(code))


class TicketIds:
    """Refuses a ticket id seen twice with the same action in one file (a sale and its
    cancellation may both appear)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, SaleAction], str] = {}

    def duplicate(self, ticket_id: str, action: SaleAction, where: str) -> LineError | None:
        key = (ticket_id, action)
        first = self._seen.get(key)
        if first is not None:
            twice = _("ticket {ticket} is sold twice in this file (first at {first})") if action is SaleAction.SALE \
                else _("ticket {ticket} is cancelled twice in this file (first at {first})")
            return LineError(where, twice.format(ticket=ticket_id, first=first))
        self._seen[key] = where
        return None


def check_lines(lines, what: str) -> list[SaleLine]:
    """The lines as a list of SaleLine, or a ValueError for the writers' callers."""
    out = list(lines)
    for line in out:
        if not isinstance(line, SaleLine):
            raise ValueError(_("{what}: expected SaleLine objects, got {kind}").format(what=what, kind=type(line).__name__))
    return out


def fit(value: str, width: int, field: str, line: SaleLine) -> str:
    """`value` left-aligned in `width` characters; refuses to cut it (writers never lose data)."""
    if len(value) > width:
        raise ValueError(_("ticket {ticket}: {field} {value!r} is longer than {width} characters").format(
            ticket=line.external_ticket_id, field=field, value=value, width=width))
    return value.ljust(width)
