"""Box-office tickets: one per seat with the event, performance, zone/row/seat, tariff,
price, order number and a QR code of the ticket's id; as a PDF (reportlab, already used
for the reports) and as a QR matrix the client paints in its print preview."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Ticket
from app.domain.actors import Actor
from app.domain.enums import TicketState
from app.domain.errors import RuleViolation
from app.services import journal
from app.i18n import N_, _, amount

from .orders import TicketLine, _order, ticket_lines


@dataclass(frozen=True)
class PrintedTicket(TicketLine):
    """A ticket line with the mentions the arrêté of 8 March 1993 asks for (issue 17)."""

    operation_no: int | None = None  # the operation that issued it
    venue: str = ""
    sold_at: datetime | None = None
    sold_where: str = ""  # point of sale (channel)
    print_no: int | None = None  # this print's (or reprint's) operation

    @property
    def advance_sale(self) -> bool:
        return self.sold_at is not None and f"{self.sold_at:%Y-%m-%d}" < self.performance[:10]

    @property
    def price_text(self) -> str:
        return f"{amount(self.price, 'fr')} EUR" if self.price else "Exonéré / Gratuit"  # the ticket speaks French

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


def order_tickets(db: Database, ref: str | int, ticket_ids: list[int] | None = None, *,
                  actor: Actor | None = None, record: bool = True) -> list[PrintedTicket]:
    """The live tickets of an order (or the named ones) to print or reprint, each with the
    number of the operation that issued it. With `record` the print (or reprint) is journalled
    now, in the name of `actor` (refused to an auditor) — the command line, which writes the
    PDF at once; the client shows a preview first (`record=False`, nothing journalled, no
    actor needed) and journals when the tickets are really printed or saved
    (`record_printing`)."""
    if record:
        assert actor is not None, "order_tickets(record=True) journals a print: who prints is needed (actor=)"
        actor.require_writer(N_("print tickets"))
    with db.write() if record else db.read() as s:
        order = _order(s, ref)
        where = [Ticket.order_id == order.id, Ticket.state != TicketState.CANCELLED]
        if ticket_ids:
            where.append(Ticket.id.in_(ticket_ids))
        lines = ticket_lines(s, where)
        if not lines:
            raise RuleViolation(_("order {reference} has no valid ticket to print").format(reference=order.reference))
        prints = journal.record_prints(s, [t.id for t in lines], operator=actor.login) if record else None
        return _with_mentions(s, lines, prints)


def record_printing(db: Database, actor: Actor, tickets: list[PrintedTicket]) -> list[PrintedTicket]:
    """Journal the printing (or saving as PDF) of tickets shown in a preview — a print, or a
    reprint of a ticket printed before — and return them with this print's operation number.
    An auditor changes nothing: refused. A ticket cancelled since the preview is refused too."""
    actor.require_writer(N_("print tickets"))
    ids = [t.id for t in tickets]
    with db.write() as s:
        live = set(s.scalars(select(Ticket.id).where(Ticket.id.in_(ids), Ticket.state != TicketState.CANCELLED)))
        gone = [str(i) for i in ids if i not in live]
        if gone:
            raise RuleViolation(_("ticket(s) {ids} were cancelled since the preview: nothing printed").format(
                ids=", ".join(gone)))
        prints = journal.record_prints(s, ids, operator=actor.login)
    return [replace(t, print_no=prints.get(t.id)) for t in tickets]


def _with_mentions(s, lines: list[TicketLine], prints: dict[int, int] | None = None) -> list[PrintedTicket]:
    m = journal.ticket_mentions(s, [t.id for t in lines])
    out = []
    for t in lines:
        x = m.get(t.id)
        out.append(PrintedTicket(*(getattr(t, f) for f in TicketLine.__dataclass_fields__),
                                 operation_no=x.operation_no if x else None, venue=x.venue if x else "",
                                 sold_at=x.sold_at if x else None,
                                 sold_where=f"{x.point_of_sale} ({x.channel})" if x else "",
                                 print_no=(prints or {}).get(t.id)))
    return out


def ticket_view(db: Database, ticket_id: int) -> PrintedTicket:
    """One ticket, whatever its state, with its mentions, to look at (the journal screen, `ticket
    decode`): read only, nothing journalled — looking at a ticket is not printing it."""
    from app.domain.errors import NotFound

    with db.read() as s:
        lines = ticket_lines(s, [Ticket.id == ticket_id])
        if not lines:
            raise NotFound(_("no ticket n° {id}").format(id=ticket_id))
        return _with_mentions(s, lines)[0]


def decode(db: Database, text: str) -> dict:
    """A ticket's coded mentions in clear, from its QR text (the ticket id)."""
    from app.domain.errors import InputError

    try:
        ticket_id = int(text.strip())
    except ValueError:
        raise InputError(_("QR text {text!r}: expected a ticket number").format(text=text)) from None
    t = ticket_view(db, ticket_id)
    return {"ticket": t.id, "operation_no": t.operation_no, "venue": t.venue, "show": t.event,
            "performance": t.performance, "seat": " / ".join(x for x in seat_text(t) if x), "category": t.category,
            "tariff": t.tariff, "price": t.price_text, "order": t.order_reference, "state": t.state.value,
            "sold_at": f"{t.sold_at:%Y-%m-%d %H:%M}" if t.sold_at else "", "sold_where": t.sold_where,
            "advance_sale": t.advance_sale}


def write_pdf(tickets: list[TicketLine], out: str | Path | BinaryIO, venue: str = "") -> None:
    """One page per ticket. `out` is a path or a binary file object."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    w, h = TICKET_MM[0] * mm, TICKET_MM[1] * mm
    c = Canvas(out if not isinstance(out, Path) else str(out), pagesize=(w, h))
    c.setTitle("Billets" + (f" {tickets[0].order_reference}" if tickets else ""))
    for t in tickets:
        y = h - 12 * mm
        name = venue or getattr(t, "venue", "")
        if name:
            c.setFont("Helvetica", 8)
            c.drawString(6 * mm, y, name)
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
        mentions = isinstance(t, PrintedTicket)
        c.drawString(6 * mm, y, t.price_text if mentions else f"{amount(t.price, 'fr')} EUR")
        if mentions and t.advance_sale:
            c.setFont("Helvetica", 7)
            c.drawString(6 * mm, y - 5 * mm, f"Vendu le {t.sold_at:%d/%m/%Y} à {t.sold_where}")
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
        if isinstance(t, PrintedTicket) and t.operation_no:
            c.drawRightString(w - 6 * mm, 9 * mm, f"Opération n° {t.operation_no}")
        c.showPage()
    c.save()


def coupon_operations(db: Database, order_reference: str, ticket_ids=None) -> list[dict]:
    """The cancellation operations of an order (of the given tickets only, e.g. those one
    cancellation just refunded) from the journal: one management coupon each."""
    wanted = None if ticket_ids is None else set(ticket_ids)
    ops = [o for o in journal.operations(db, order_reference=order_reference) if o["kind"] in journal.CANCEL_KINDS
           and (wanted is None or o["ticket_id"] in wanted)]
    if not ops:
        raise RuleViolation(_("order {reference} has no cancellation: no management coupon to print").format(
            reference=order_reference))
    return ops


def write_coupon_pdf(operations: list[dict], out: str | Path | BinaryIO) -> None:
    """Management coupons ("coupons de gestion"): one per cancellation operation, crossed
    and titled so that no one takes it for an entry ticket."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    w, h = TICKET_MM[0] * mm, TICKET_MM[1] * mm
    c = Canvas(out if not isinstance(out, Path) else str(out), pagesize=(w, h))
    c.setTitle("Coupons de gestion")
    for o in operations:
        c.setFillColorRGB(0.85, 0.85, 0.85)
        c.rect(0, h - 30 * mm, w, 30 * mm, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica-Bold", 15)
        c.drawCentredString(w / 2, h - 14 * mm, "COUPON DE GESTION")
        c.setFont("Helvetica-Bold", 9)
        c.drawCentredString(w / 2, h - 22 * mm, "ANNULATION — NE DONNE PAS ACCÈS")
        y = h - 40 * mm
        c.setFont("Helvetica", 9)
        for line in (o["venue"], o["show"], o["performance"], o["seat"], f"{o['category']} — {o['tariff']}",
                     f"Remboursé : {amount(-o['price'], 'fr')} EUR ({o['payment']})", f"Commande {o['order_reference']}",
                     f"Billet n° {o['ticket_id']}", f"Opération n° {o['op_no']} (annule n° {o['corrects_no']})",
                     f"Le {o['at']:%d/%m/%Y %H:%M} UTC par {o['operator']}"):
            c.drawString(6 * mm, y, str(line))
            y -= 6 * mm
        c.setLineWidth(2)
        c.line(4 * mm, 6 * mm, w - 4 * mm, 40 * mm)
        c.line(4 * mm, 40 * mm, w - 4 * mm, 6 * mm)
        c.showPage()
    c.save()
