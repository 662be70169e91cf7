"""Helpers shared by the sales-file parsers: reading, decoding, amounts, duplicate ticket ids."""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.domain.errors import InputError
from app.domain.sales import LineError, SaleAction, SaleLine

UTF8_BOM = b"\xef\xbb\xbf"


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or an InputError naming the file and why it cannot be read."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p} is a folder, not a sales file") from None
    except PermissionError:
        raise InputError(f"{p} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p} cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(f"{p} is empty: there is no sales line to read")
    return data


def decode(raw: bytes, legacy: str, name: str) -> tuple[str, str]:
    """(text, encoding used). Distributors send `legacy` (cp1252, ISO-8859-1); a file re-saved
    as UTF-8 (a BOM, or valid UTF-8 with non-ASCII bytes) is read as UTF-8: a genuine
    legacy-encoded accented name is practically never valid UTF-8, so the test is safe."""
    if raw.startswith(UTF8_BOM):
        try:
            return raw[len(UTF8_BOM) :].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            raise _decode_error(raw, exc, "UTF-8", name) from None
    if not raw.isascii():
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode(legacy), legacy
    except UnicodeDecodeError as exc:
        raise _decode_error(raw, exc, legacy, name) from None


def _decode_error(raw: bytes, exc: UnicodeDecodeError, encoding: str, name: str) -> InputError:
    line = raw.count(b"\n", 0, exc.start) + 1
    byte = raw[exc.start : exc.start + 1].hex()
    return InputError(f"{name} line {line}: byte 0x{byte} is not {encoding} text; is this the right file and format?")


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
            what = "sold" if action is SaleAction.SALE else "cancelled"
            return LineError(where, f"ticket {ticket_id} is {what} twice in this file (first at {first})")
        self._seen[key] = where
        return None


def check_lines(lines, what: str) -> list[SaleLine]:
    """The lines as a list of SaleLine, or a ValueError for the writers' callers."""
    out = list(lines)
    for line in out:
        if not isinstance(line, SaleLine):
            raise ValueError(f"{what}: expected SaleLine objects, got {type(line).__name__}")
    return out


def fit(value: str, width: int, field: str, line: SaleLine) -> str:
    """`value` left-aligned in `width` characters; refuses to cut it (writers never lose data)."""
    if len(value) > width:
        raise ValueError(
            f"ticket {line.external_ticket_id}: {field} {value!r} is longer than {width} characters"
        )
    return value.ljust(width)
