"""The tickets of a sale in a print preview: print them on the workstation's printer or save
them as a PDF (the same layout as app.services.inventory.tickets.write_pdf)."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.i18n import amount
from app.services.inventory.orders import TicketLine
from app.services.inventory.tickets import (
    TICKET_MM, PrintedTicket, qr_matrix, qr_text, record_printing, seat_text, write_pdf,
)
from app.ui.tasks import tasks
from app.ui.widgets import performance_text, show_error, venue_time


def ticket_page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QSizeF(*TICKET_MM), QPageSize.Unit.Millimeter, "Ticket"),
                       QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def paint_ticket(p: QPainter, t: TicketLine, dots_per_mm: float) -> None:
    """One ticket on the current page, laid out in millimetres like the PDF."""
    mm = lambda v: v * dots_per_mm  # noqa: E731
    w, h = TICKET_MM

    def text(y_mm: float, value: str, size_mm: float, bold: bool = False) -> None:
        f = QFont("Helvetica")
        f.setPixelSize(max(1, round(mm(size_mm))))
        f.setBold(bold)
        p.setFont(f)
        p.drawText(QRectF(mm(6), mm(y_mm) - mm(size_mm), mm(w - 12), mm(size_mm) * 1.3),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, value)

    p.fillRect(QRectF(0, 0, mm(w), mm(h)), QColor("white"))
    p.setPen(QColor("black"))
    mentions = isinstance(t, PrintedTicket)  # what the journal says of its issue, printed as on the PDF
    y = 14.0
    if mentions and t.venue:
        text(12.0, t.venue, 2.8)
        y = 19.0
    text(y, t.event, 5.0, True)
    y += 7
    text(y, t.performance, 3.6)
    y += 9
    for line in seat_text(t):
        text(y, line, 4.0, True)
        y += 6
    text(y, f"{t.category} — {t.tariff}", 3.6)
    y += 7
    text(y, t.price_text if mentions else f"{amount(t.price, 'fr')} EUR", 4.4, True)
    if mentions and t.advance_sale:
        text(y + 5, f"Vendu le {t.sold_at:%d/%m/%Y} à {t.sold_where}", 2.5)
    matrix = qr_matrix(qr_text(t.id))
    n = len(matrix) + 8
    size = 50.0
    cell = size / n
    x0, y0 = (w - size) / 2, h - 22 - size
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                p.fillRect(QRectF(mm(x0 + (c + 4) * cell), mm(y0 + (r + 4) * cell), mm(cell) + 0.5, mm(cell) + 0.5),
                           QColor("black"))
    text(h - 13, f"Commande {t.order_reference}", 3.0)
    text(h - 8, f"Billet n° {t.id}", 3.0)
    if mentions and t.operation_no:
        p.drawText(QRectF(mm(6), mm(h - 8) - mm(3.0), mm(w - 12), mm(3.0) * 1.3),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Opération n° {t.operation_no}")


def paint_tickets(printer, tickets: list[TicketLine]) -> None:
    p = QPainter(printer)
    dots_per_mm = printer.resolution() / 25.4
    for i, t in enumerate(tickets):
        if i:
            printer.newPage()
        paint_ticket(p, t, dots_per_mm)
    p.end()


class TicketsDialog(QDialog):
    saved = Signal(str)

    def __init__(self, tickets: list[TicketLine], parent=None, *, db=None, actor=None, view_only: bool = False, tz=None):
        """With `db` and `actor`, printing or saving journals the print (or reprint) first
        (`record_printing`); showing the preview journals nothing. `view_only` (the journal
        screen, any role): a ticket to look at, with its mentions beside it (times on the venue's
        clock, `tz`), and no way to print it."""
        super().__init__(parent)
        self.tickets = tickets
        self.db, self.actor = db, actor
        self.setObjectName("ticketsDialog")
        ref = tickets[0].order_reference if tickets else ""
        if view_only and len(tickets) == 1:
            self.setWindowTitle(self.tr("Ticket n° %1").replace("%1", str(tickets[0].id)))
        else:
            self.setWindowTitle(self.tr("Tickets of order %1").replace("%1", ref))
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageLayout(ticket_page_layout())
        self.preview = QPrintPreviewWidget(self.printer, self, objectName="ticketsPreview")
        self.preview.paintRequested.connect(lambda printer: paint_tickets(printer, self.tickets))
        # Tickets side by side, each whole: the zoom follows the dialog's size.
        self.preview.setViewMode(QPrintPreviewWidget.ViewMode.FacingPagesView)
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitInView)
        self.info = QLabel(self.tr("%n ticket(s)", "", len(tickets)), objectName="ticketsInfo")
        self.print_button = QPushButton(self.tr("Print…"), objectName="printTickets")
        self.save_button = QPushButton(self.tr("Save as PDF…"), objectName="saveTickets")
        close = QPushButton(self.tr("Close"), objectName="closeTickets")
        row = QHBoxLayout()
        row.addWidget(self.info, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        if view_only:
            self.print_button.hide()
            self.save_button.hide()
            self.mentions = QLabel(objectName="ticketMentions", wordWrap=True,
                                   textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
            self.mentions.setText(self.mentions_html(tickets, tz))
            self.mentions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            top = QHBoxLayout()
            top.addWidget(self.preview, 3)
            top.addWidget(self.mentions, 2)
            lay.addLayout(top, 1)
        else:
            lay.addWidget(self.preview, 1)
        lay.addLayout(row)
        if actor is not None and actor.is_auditor:  # the auditor sees the tickets; a print is an operation
            for button in (self.print_button, self.save_button):
                button.setEnabled(False)
                button.setToolTip(self.tr("An auditor views the tickets: printing them is a ticketing operation"))
        self.print_button.clicked.connect(self.print_tickets)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        close.clicked.connect(self.accept)
        self.resize(900, 700)

    def mentions_html(self, tickets: list[TicketLine], tz) -> str:
        """The mentions of each ticket in the user's language, as a small table (times on the
        venue's clock, `tz`)."""
        from html import escape

        from app.i18n import current_language
        from app.i18n.labels import label
        from app.services.excel_table import MONEY
        from app.services.reports.render import format_value

        lang = current_language()
        parts = []
        for t in tickets:
            rows = [(self.tr("Ticket"), str(t.id)), (self.tr("State"), label(t.state)),
                    (self.tr("Order"), t.order_reference), (self.tr("Show"), t.event),
                    (self.tr("Performance"), performance_text(t.performance)), (self.tr("Seat"), " / ".join(x for x in seat_text(t) if x)),
                    (self.tr("Category"), t.category), (self.tr("Tariff"), t.tariff)]
            if isinstance(t, PrintedTicket):
                price = format_value(t.price, MONEY, lang) if t.price else self.tr("Exempt / Free")
                rows += [(self.tr("Price"), price),
                         (self.tr("Issued by operation"), f"n° {t.operation_no}" if t.operation_no else "—"),
                         (self.tr("Venue"), t.venue), (self.tr("Sold at"), venue_time(t.sold_at, tz)),
                         (self.tr("Sold by"), t.sold_where)]
            parts.append("<table>" + "".join(
                f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(str(v))}</td></tr>" for k, v in rows)
                + "</table>")
        return "<hr>".join(parts)

    def _recorded(self):
        """The tickets with this print's operation numbers, the print journalled (in a task)."""
        tickets = list(self.tickets)
        if self.db is None:
            return tickets
        return record_printing(self.db, self.actor, tickets)

    def _printed(self, tickets) -> None:
        self.tickets = tickets
        self.preview.updatePreview()

    def print_tickets(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setObjectName("printDialog")
        dialog.accepted.connect(lambda: tasks().run(
            self._recorded, lambda t: (self._printed(t), paint_tickets(self.printer, t)),
            lambda e: show_error(self, self.tr("Tickets"), e)))
        dialog.open()

    def save_pdf(self, path: str | None = None) -> None:
        if path is None:
            ref = self.tickets[0].order_reference if self.tickets else "tickets"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the tickets"), f"billets-{ref}.pdf",
                                                  self.tr("PDF (*.pdf)"))
            if not path:
                return
        def job():
            tickets = self._recorded()
            write_pdf(tickets, path)
            return tickets

        tasks().run(job, lambda t: (self._printed(t), self.saved.emit(path)),
                    lambda e: show_error(self, self.tr("Tickets"), e))
