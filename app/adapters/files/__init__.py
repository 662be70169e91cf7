"""Sales files a venue reintegrates by hand: Fnac CSV, Ticketnet fixed width, Guichet CSV and
XLSX. Pure parsers (no database) that turn a file into `ParsedSales`, and writers for tests,
the simulator and the demo. The formats as implemented: docs/protocols/files.md."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from app.adapters.files import fnac_csv, guichet_csv, ticketnet, xlsx
from app.adapters.files._common import UTF8_BOM, NoSalesLine, decode_utf16, read_bytes, utf16_encoding
from app.adapters.files.fnac_csv import parse_fnac_csv, write_fnac_csv
from app.adapters.files.guichet_csv import parse_guichet_csv, write_guichet_csv
from app.adapters.files.ticketnet import parse_ticketnet, write_ticketnet
from app.adapters.files.xlsx import parse_xlsx, write_xlsx
from app.domain.errors import InputError
from app.domain.sales import ParsedSales
from app.i18n import N_, _, exception_text

FORMATS = [fnac_csv.FORMAT, ticketnet.FORMAT, guichet_csv.FORMAT, xlsx.FORMAT]

_PARSERS: dict[str, Callable[[bytes, str], ParsedSales]] = {
    fnac_csv.FORMAT: fnac_csv.parse_fnac_bytes,
    ticketnet.FORMAT: ticketnet.parse_ticketnet_bytes,
    guichet_csv.FORMAT: guichet_csv.parse_guichet_csv_bytes,
    xlsx.FORMAT: xlsx.parse_xlsx_bytes,
}

__all__ = [
    "FORMATS",
    "detect_format",
    "parse_sales_bytes",
    "parse_sales_file",
    "parse_fnac_csv",
    "parse_guichet_csv",
    "parse_ticketnet",
    "parse_xlsx",
    "write_fnac_csv",
    "write_guichet_csv",
    "write_ticketnet",
    "write_xlsx",
]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls
_SNIFF_BYTES = 256 * 1024


def parse_sales_file(path: str | Path, format: str | None = None) -> ParsedSales:
    """Read a distributor's sales file. `format` is one of FORMATS, or None to tell it from
    the file. Raises InputError (naming the file) when the file cannot be read, its format
    cannot be told, or the file as a whole is refused (e.g. a Fnac total that disagrees);
    unreadable lines are returned in `errors`, non-ticket lines in `ignored`."""
    return parse_sales_bytes(read_bytes(path), str(path), format)


def parse_sales_bytes(data: bytes, source: str, format: str | None = None) -> ParsedSales:
    """The same as `parse_sales_file`, for a file's content received otherwise; `source`
    names it in every message."""
    if not data.strip():
        raise InputError(_("{source} is empty: there is no sales line to read").format(source=source))
    given = format is not None
    if format is None:
        format = detect_format(data, source)
    parser = _PARSERS.get(format)
    if parser is None:
        raise InputError(_("unknown sales-file format {format!r}: choose one of {formats}").format(
            format=format, formats=", ".join(FORMATS)))
    try:
        return parser(data, source)
    except NoSalesLine as exc:
        if not given:
            raise
        try:
            actual = detect_format(data, source)
        except InputError:
            raise exc from None
        if actual == format:
            raise
        raise InputError(_("{refused}; it looks like {actual_label} ({actual}), not {given_label} ({given}): is the "
                           "format right?").format(refused=exception_text(exc), actual_label=_(FORMAT_LABELS[actual]),
                                                    actual=actual, given_label=_(FORMAT_LABELS[format]),
                                                    given=format)) from None


FORMAT_LABELS = {
    fnac_csv.FORMAT: N_("a Fnac statement"),  # through _() where shown
    ticketnet.FORMAT: N_("a Ticketnet statement"),
    guichet_csv.FORMAT: N_("a Guichet sales file"),
    xlsx.FORMAT: N_("a Guichet sales workbook"),
}


def detect_format(data: bytes, source: str) -> str:
    """Which of FORMATS a file's content is in, by its name and its first lines:
    a zip (.xlsx) workbook; a CSV whose header has ticket_id and action (Guichet); `;`-separated
    lines of 24 cells or more, or a Fnac lookup-section title (Fnac); lines of 215 or 107–108
    characters carrying a performance date-time at 10–26 (Ticketnet)."""
    name = Path(source).name
    suffix = Path(source).suffix.lower()
    if data.startswith(_ZIP):
        return xlsx.FORMAT
    if data.startswith(_OLE):
        raise InputError(_("{name} is an old-style Excel .xls workbook: save it as .xlsx, then import it").format(name=name))
    if suffix in (".xlsx", ".xlsm"):
        raise InputError(_("{name} is named like an Excel workbook but is not one (not a zip/.xlsx file)").format(name=name))
    sample = data[:_SNIFF_BYTES]
    utf16 = utf16_encoding(sample)
    if utf16:
        text = decode_utf16(sample[: len(sample) & ~1], utf16, name) if len(data) <= _SNIFF_BYTES else \
            sample[: len(sample) & ~1].decode(utf16, errors="ignore").lstrip("\ufeff")
    else:
        if sample.startswith(UTF8_BOM):
            sample = sample[len(UTF8_BOM) :]
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A cut multi-byte character at the end of the sample is still UTF-8.
            text = sample.decode("utf-8" if exc.start >= len(sample) - 3 else "latin-1", errors="ignore")
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise InputError(_("{name} line {line}: a NUL byte (0x00): this is not a text file (a UTF-16 file "
                               "without its byte-order mark, or a damaged file?)").format(name=name, line=line))
    lines = re.split(r"\r\n|\r|\n", text)
    if len(data) > _SNIFF_BYTES:
        lines = lines[:-1]  # the last one may be cut
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise InputError(_("{name} is empty: there is no sales line to read").format(name=name))

    first = lines[0]
    for delimiter in (",", ";"):
        cells = {c.strip().lower() for c in next(csv.reader([first], delimiter=delimiter), [])}
        if {"ticket_id", "action"} <= cells:
            return guichet_csv.FORMAT
    titles = {**fnac_csv._SECTIONS_BY_TITLE, fnac_csv._HEADER: ""}
    for cells in csv.reader(lines, delimiter=";"):
        if len(cells) >= fnac_csv.WIDTH or (cells and fnac_csv._normalize_title(cells[0]) in titles):
            return fnac_csv.FORMAT
    for line in lines:
        if (len(line) == ticketnet.LONG or len(line) in ticketnet.SHORT) and ticketnet.parse_performance_datetime(
            line[slice(*ticketnet.PERFORMANCE_AT)]
        ):
            return ticketnet.FORMAT
    raise InputError(
        _("cannot tell the format of {name}: it is not an .xlsx workbook, a Guichet CSV (header ticket_id,action,…), "
          "a Fnac statement (';'-separated, 24 columns or more) nor a Ticketnet statement (lines of 215 or 107–108 "
          "characters); choose its format ({formats})").format(name=name, formats=", ".join(FORMATS))
    )
