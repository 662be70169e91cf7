"""Box-office tickets: one per seat with the event, performance, zone/row/seat, tariff,
price, order number and a QR code of the ticket's id; as a PDF (reportlab, already used
for the reports) and as a QR matrix the client paints in its print preview."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO


from app.db.engine import Database
from app.db.models import Ticket
from app.domain.enums import TicketState
from app.domain.errors import RuleViolation
from app.i18n import _

from .orders import TicketLine, _order, ticket_lines

# A ticket is a 80 × 150 mm coupon (a common thermal-printer stock), one per PDF page.
TICKET_MM = (80.0, 150.0)


def qr_text(ticket_id: int) -> str:
    """What the QR holds: the ticket's id, which the entry control looks up."""
    return str(ticket_id)


def qr_matrix(text: str) -> list[list[bool]]:
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, c)) for c in range(n)] for r in range(n)]


def seat_text(t: TicketLine) -> list[str]:
    """The seat's lines as printed: zone, then block / row / seat (numbered places only)."""
    if t.number is None:
        return [t.zone]
    return [t.zone, t.block, f"Rang {t.row} · Place {t.number}"]


def order_tickets(db: Database, ref: str | int, ticket_ids: list[int] | None = None) -> list[TicketLine]:
    """The live tickets of an order (or the named ones) to print or reprint."""
    with db.read() as s:
        order = _order(s, ref)
        where = [Ticket.order_id == order.id, Ticket.state != TicketState.CANCELLED]
        if ticket_ids:
            where.append(Ticket.id.in_(ticket_ids))
        lines = ticket_lines(s, where)
        if not lines:
            raise RuleViolation(_("order {reference} has no valid ticket to print").format(reference=order.reference))
        return lines


def write_pdf(tickets: list[TicketLine], out: str | Path | BinaryIO, venue: str = "") -> None:
    """One page per ticket. `out` is a path or a binary file object."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    w, h = TICKET_MM[0] * mm, TICKET_MM[1] * mm
    c = Canvas(out if not isinstance(out, Path) else str(out), pagesize=(w, h))
    c.setTitle("Billets" + (f" {tickets[0].order_reference}" if tickets else ""))
    for t in tickets:
        y = h - 12 * mm
        if venue:
            c.setFont("Helvetica", 8)
            c.drawString(6 * mm, y, venue)
            y -= 7 * mm
        c.setFont("Helvetica-Bold", 14)
        c.drawString(6 * mm, y, t.event)
        y -= 7 * mm
        c.setFont("Helvetica", 10)
        c.drawString(6 * mm, y, t.performance)
        y -= 9 * mm
        c.setFont("Helvetica-Bold", 11)
        for line in seat_text(t):
            c.drawString(6 * mm, y, line)
            y -= 6 * mm
        c.setFont("Helvetica", 10)
        c.drawString(6 * mm, y, f"{t.category} — {t.tariff}")
        y -= 6 * mm
        c.setFont("Helvetica-Bold", 12)
        c.drawString(6 * mm, y, f"{t.price:.2f} EUR")
        matrix = qr_matrix(qr_text(t.id))
        n = len(matrix) + 8  # a quiet zone of 4 modules each side
        size = 50 * mm
        cell = size / n
        x0, y0 = (w - size) / 2, 22 * mm
        c.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(matrix):
            for col, dark in enumerate(row):
                if dark:
                    c.rect(x0 + (col + 4) * cell, y0 + size - (r + 5) * cell, cell, cell, stroke=0, fill=1)
        c.setFont("Helvetica", 8)
        c.drawString(6 * mm, 14 * mm, f"Commande {t.order_reference}")
        c.drawString(6 * mm, 9 * mm, f"Billet n° {t.id}")
        c.showPage()
    c.save()
