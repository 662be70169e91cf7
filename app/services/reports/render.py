"""The reports' two renderers: PDF (reportlab: title block, tables split over pages with
their header repeated, totals, "page X / Y", embedded fonts) and Excel (the one table writer,
one sheet per table after a title sheet). Numbers, amounts and dates are formatted by Babel
in the report's language."""

from __future__ import annotations

import io
from functools import lru_cache
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from app.i18n import _, babel_locale, number, plain_spaces
from app.domain.errors import InputError
from app.services.excel_table import (
    DATE, DATETIME, INT, MONEY, NUMERIC_KINDS, PERCENT, TEXT, TIME, new_workbook, save_workbook, write_file, write_pairs,
    write_table,
)

from .model import Report, Table, tr

FONT, FONT_BOLD = "GuichetSans", "GuichetSans-Bold"
_fonts_ready = False




def format_value(value, kind: str, lang: str, currency: str = "EUR") -> str:
    if value is None or value == "":
        return ""
    # A report repeats the same figures and dates thousands of times, and Babel parses its
    # pattern at every call: each (type, value) is formatted once.
    return _formatted(type(value), value, kind, lang, currency)


@lru_cache(maxsize=20_000)
def _formatted(_type: type, value, kind: str, lang: str, currency: str) -> str:
    from babel.dates import format_date, format_datetime, format_time
    from babel.numbers import format_currency, format_decimal

    loc = babel_locale(lang)
    if kind == MONEY and isinstance(value, (int, float, Decimal)):
        return plain_spaces(format_currency(value, currency, locale=loc))
    if kind == INT and isinstance(value, (int, Decimal)):
        return plain_spaces(format_decimal(value, locale=loc))
    if kind == PERCENT and isinstance(value, (int, float, Decimal)):
        return number(value, 2, lang) + "\u00a0%"
    if kind == DATETIME and isinstance(value, datetime):
        return format_datetime(value, "short", locale=loc)
    if kind == DATE and isinstance(value, (date, datetime)):
        return format_date(value, "short" if lang == "fr" else "medium", locale=loc)
    if kind == TIME and isinstance(value, (time, datetime)):
        return format_time(value, "short", locale=loc)
    return str(value)


def generated_line(report: Report) -> str:
    from babel.dates import format_datetime

    when = format_datetime(report.generated_at, "medium", locale=babel_locale(report.lang))
    who = report.operator or "—"
    return tr(report.lang, f"Generated on {when} by {who}", f"Établi le {when} par {who}")


# --- Excel -----------------------------------------------------------------------------

def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in name)[:31] or "Sheet"
    out, n = clean, 2
    while out in taken:
        out = f"{clean[:28]} {n}"
        n += 1
    taken.add(out)
    return out


def to_xlsx(report: Report, path: str | Path) -> Path:
    """A title sheet (the title block, notes, or the empty-period message), then one sheet
    per table; written to a temporary file first so a failure leaves nothing half-written."""
    from openpyxl.styles import Font

    wb = new_workbook()
    ws = wb.active
    taken: set[str] = set()
    ws.title = _sheet_name(tr(report.lang, "Report", "Rapport"), taken)
    ws["A1"] = report.venue
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = report.title
    ws["A2"].font = Font(bold=True, size=14)
    r = write_pairs(ws, report.filters, start_row=4, widths=(28, 60), lang=report.lang)
    ws.cell(row=r, column=1, value=generated_line(report))
    r += 2
    if report.empty:
        ws.cell(row=r, column=1, value=report.empty_message).font = Font(bold=True)
        r += 1
    for note in report.notes:
        ws.cell(row=r, column=1, value=note)
        r += 1
    total_label = tr(report.lang, "Total", "Total")
    if not report.empty:
        for table in report.tables:
            sheet = wb.create_sheet(_sheet_name(table.sheet, taken))
            write_table(sheet, table.columns, table.rows, lang=report.lang, currency=report.currency,
                        total_label=total_label)
    wb.properties.title = report.title
    return save_workbook(wb, path)


# --- PDF -------------------------------------------------------------------------------

def _register_fonts() -> None:
    """Bitstream Vera, shipped inside reportlab, embedded as TrueType: accents and the euro
    sign print on any machine, whatever fonts it has."""
    global _fonts_ready
    if _fonts_ready:
        return
    import reportlab
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "VeraBd.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    _fonts_ready = True


def _numbered_canvas(footer: str):
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Pages are kept until the end so each can say "page X / Y"."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._pages = []

        def showPage(self):  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                w, _h = self._pagesize
                self.setFont(FONT, 7.5)
                self.setFillGray(0.35)
                self.drawString(36, 20, footer)
                self.drawRightString(w - 36, 20, f"page {self._pageNumber} / {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


FONT_SIZE = 8.0
PAD = 8.0


def _cell_texts(table: Table, report: Report, cols: list[int]) -> list[list[str]]:
    return [[format_value(row[i] if i < len(row) else None, table.columns[i].kind, report.lang, report.currency)
             for i in cols] for row in table.rows]


def _widths(header: list[str], body: list[list[str]], kinds: list[str], available: float) -> list[float]:
    """Natural widths (widest cell, header words may wrap), then the text columns shrink
    (and wrap) until the table fits the frame."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    n = len(header)
    natural, minimum = [], []
    for i in range(n):
        words = max((stringWidth(w, FONT_BOLD, FONT_SIZE) for w in header[i].split()), default=0)
        widest = max([stringWidth(r[i], FONT, FONT_SIZE) for r in body[:2000]] + [words], default=words)
        natural.append(widest + 2 * PAD)
        # A text column never gets narrower than its longest word (up to a limit): words
        # wrap whole rather than break in the middle.
        longest_word = max((stringWidth(w, FONT, FONT_SIZE) for r in body[:2000] for w in r[i].split()), default=0)
        minimum.append(max(words, min(longest_word, 110), stringWidth("0000000", FONT, FONT_SIZE)) + 2 * PAD)
    total = sum(natural)
    if total <= available:
        return natural
    widths = list(natural)
    # Only free text wraps: codes and ids stay whole on their line, numbers too.
    shrinkable = [i for i in range(n) if kinds[i] == TEXT]
    excess = total - available
    while excess > 0.5 and shrinkable:
        room = sum(widths[i] - minimum[i] for i in shrinkable)
        if room <= 0.5:
            break
        for i in shrinkable:
            widths[i] -= excess * (widths[i] - minimum[i]) / room
        excess = sum(widths) - available
    if sum(widths) > available:  # still too wide: scale everything
        f = available / sum(widths)
        widths = [w * f for w in widths]
    return widths


def _table_flowables(table: Table, report: Report, available: float, styles) -> list:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Spacer

    cols = [i for i in range(len(table.columns)) if i not in table.pdf_hidden]
    header = [table.columns[i].header for i in cols]
    kinds = [table.columns[i].kind for i in cols]
    body = _cell_texts(table, report, cols)
    totals = None
    if table.has_totals and table.rows:
        totals = [format_value(table.total(i), table.columns[i].kind, report.lang, report.currency)
                  if table.columns[i].total else "" for i in cols]
        first_text = next((k for k, i in enumerate(cols) if not table.columns[i].total), None)
        if first_text is not None:
            totals[first_text] = tr(report.lang, "Total", "Total")
    widths = _widths(header, body + ([totals] if totals else []), kinds, available)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=FONT_SIZE, leading=FONT_SIZE * 1.2)
    head = ParagraphStyle("head", parent=cell, fontName=FONT_BOLD, textColor=colors.white)
    head_r = ParagraphStyle("head_r", parent=head, alignment=TA_RIGHT)
    bold = ParagraphStyle("bold", parent=cell, fontName=FONT_BOLD)

    def wrap(text, width, style):
        # Paragraphs only where a text needs wrapping: plain strings are much faster.
        if stringWidth(text, style.fontName, FONT_SIZE) + 2 * PAD > width:
            return Paragraph(escape(text), style)
        return text

    data = [[Paragraph(escape(h), head_r if k in NUMERIC_KINDS else head) for h, k in zip(header, kinds)]]
    for row in body:
        data.append([wrap(t, widths[j], cell) if kinds[j] not in NUMERIC_KINDS else t for j, t in enumerate(row)])
    if totals:
        data.append([wrap(t, widths[j], bold) for j, t in enumerate(totals)])
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), FONT_SIZE * 1.2),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F4E79")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#BFBFBF")),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD / 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for j, k in enumerate(kinds):
        if k in NUMERIC_KINDS:
            style.append(("ALIGN", (j, 1), (j, -1), "RIGHT"))
    for r in range(2, len(body) + 1, 2):
        style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F2F2F2")))
    fill_cols = [j for j, i in enumerate(cols) if table.columns[i].fill]
    for r, row in enumerate(body, start=1):
        for j in fill_cols:
            if not row[j]:
                style.append(("BACKGROUND", (j, r), (j, r), colors.HexColor("#FFF2CC")))
                style.append(("BOX", (j, r), (j, r), 0.5, colors.HexColor("#BF9000")))
    if totals:
        style += [("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
                  ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#DDEBF7")),
                  ("LINEABOVE", (0, -1), (-1, -1), 0.75, colors.black)]
    out = [Paragraph(escape(table.title), styles["h2"])]
    if table.note:
        out.append(Paragraph(escape(table.note), styles["table_note"]))
    out += _chunks(data, widths, style)
    out.append(Spacer(1, 10))
    return out


CHUNK_ROWS = 10  # rows per chunk: small enough to always fit a page, many fewer than a page holds


def _chunks(data: list, widths: list[float], style: list) -> list:
    """The table as consecutive chunks of CHUNK_ROWS rows. Splitting one long table makes
    reportlab lay out all its remaining rows again at every page break; a chunk is laid out
    once, moves whole to the next page when it does not fit, and shows the header when it
    opens the table or a page. Style commands on rows (zebra, cells to fill, the totals row)
    move to their chunk."""
    header, rows = data[0], data[1:]
    whole = [c for c in style if c[1][1] == 0 and c[2][1] in (0, -1)]  # the header, or every row
    per_row = [c for c in style if c not in whole]
    out = []
    for n, start in enumerate(range(0, max(len(rows), 1), CHUNK_ROWS)):
        part = rows[start:start + CHUNK_ROWS]
        last = start + len(part)  # data index (1-based) of its last row
        cmds = []
        for name, (c0, r0), (c1, r1), *rest in per_row:
            a = len(data) - 1 if r0 == -1 else r0  # a -1 row is the table's last (the totals)
            b = len(data) - 1 if r1 == -1 else r1
            if a <= last and b > start:
                cmds.append((name, (c0, max(a, start + 1) - start), (c1, min(b, last) - start), *rest))
        out.append(_Chunk(header, part, widths, whole, cmds, opens_table=(n == 0)))
    return out


def _chunk_class():
    from reportlab.platypus import Table as RLTable, TableStyle
    from reportlab.platypus.flowables import Flowable

    class Chunk(Flowable):
        def __init__(self, header, rows, widths, whole, cmds, opens_table):
            super().__init__()
            self.header, self.rows, self.widths = header, rows, widths
            self.whole, self.cmds, self.opens_table = whole, cmds, opens_table
            self._tables = {}

        def _table(self, with_header: bool):
            if with_header not in self._tables:
                if with_header:
                    t = RLTable([self.header, *self.rows], colWidths=self.widths, repeatRows=1, hAlign="LEFT")
                    t.setStyle(TableStyle(self.whole + self.cmds))
                else:  # the header's commands dropped, the others one row up
                    body = [c for c in self.whole if c[2][1] == -1]
                    moved = [(name, (c0, r0 - 1), (c1, r1 - 1), *rest)
                             for name, (c0, r0), (c1, r1), *rest in self.cmds]
                    t = RLTable(list(self.rows), colWidths=self.widths, hAlign="LEFT")
                    t.setStyle(TableStyle(body + moved))
                self._tables[with_header] = t
            return self._tables[with_header]

        def _current(self):
            frame = getattr(self, "_frame", None)
            return self._table(self.opens_table or bool(frame is not None and frame._atTop))

        def wrap(self, avail_width, avail_height):
            self.table = self._current()
            return self.table.wrap(avail_width, avail_height)

        def split(self, avail_width, avail_height):
            # Whole to the next page; only a chunk taller than an empty page is cut.
            frame = getattr(self, "_frame", None)
            if frame is not None and frame._atTop:
                return self._table(True).split(avail_width, avail_height)
            return []

        def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - reportlab API
            self.table.drawOn(canvas, x, y, _sW)

    return Chunk


def _Chunk(*args, **kw):  # noqa: N802 - a flowable, built lazily (reportlab is imported on demand)
    global _CHUNK
    if _CHUNK is None:
        _CHUNK = _chunk_class()
    return _CHUNK(*args, **kw)


_CHUNK = None


def _is_wide(report: Report) -> bool:
    return any(len(t.columns) - len(t.pdf_hidden) >= 7 for t in report.tables)


def to_pdf_bytes(report: Report) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    _register_fonts()
    pagesize = landscape(A4) if _is_wide(report) else A4
    margin = 14 * mm
    styles = {
        "venue": ParagraphStyle("venue", fontName=FONT_BOLD, fontSize=10, leading=13,
                                textColor=colors.HexColor("#1F4E79")),
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4),
        "filter": ParagraphStyle("filter", fontName=FONT, fontSize=9, leading=12),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=4,
                             keepWithNext=1),
        "note": ParagraphStyle("note", fontName=FONT, fontSize=8, leading=10, textColor=colors.HexColor("#404040"),
                               spaceAfter=3),
        "table_note": ParagraphStyle("table_note", fontName=FONT, fontSize=8, leading=10,
                                     textColor=colors.HexColor("#404040"), spaceAfter=3, keepWithNext=1),
        "empty": ParagraphStyle("empty", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=12,
                                textColor=colors.HexColor("#7F6000")),
    }
    story = [Paragraph(escape(report.venue), styles["venue"]), Paragraph(escape(report.title), styles["title"])]
    for label, value in report.filters:
        story.append(Paragraph(f"<b>{escape(label)}</b> : {escape(value)}" if report.lang == "fr"
                               else f"<b>{escape(label)}</b>: {escape(value)}", styles["filter"]))
    story.append(Paragraph(escape(generated_line(report)), styles["filter"]))
    story.append(Spacer(1, 8))
    for note in report.notes:
        story.append(Paragraph(escape(note), styles["note"]))
    if report.empty:
        story.append(Paragraph(escape(report.empty_message), styles["empty"]))
    else:
        available = pagesize[0] - 2 * margin
        for table in report.tables:
            story += _table_flowables(table, report, available, styles)
    buf = io.BytesIO()
    canvas_class = _numbered_canvas(f"{report.venue} — {report.title}")
    doc = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=report.title, author=report.operator,
                            creator="Guichet")
    doc.build(story, canvasmaker=canvas_class)
    return buf.getvalue()


def save_pdf_bytes(data: bytes, path: str | Path) -> Path:
    """Write PDF bytes already made (the preview's) the same safe way."""
    return write_file(path, lambda tmp: Path(tmp).write_bytes(data))


def to_pdf(report: Report, path: str | Path) -> Path:
    return save_pdf_bytes(to_pdf_bytes(report), path)


def save(report: Report, path: str | Path, fmt: str | None = None) -> Path:
    """Write the report as PDF or XLSX (`fmt`, else the file's extension)."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt == "pdf":
        return to_pdf(report, path)
    if fmt == "xlsx":
        return to_xlsx(report, path)
    raise InputError(_("{path}: unknown report format {fmt!r} (expected pdf or xlsx)").format(path=str(path), fmt=fmt))
