"""Box-office orders after the sale: listing, the detail a ticket prints, cancellation
(refund) of a whole order or some of its tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import case, func, insert, select, update

from app.db.engine import Database
from app.db.models import (
    Block, Contact, Operator, Order, PaymentMode, Performance, PointOfSale, Product, Refund, Seat, SeatCategory,
    SeatHistory, Tariff, Ticket, Zone, utcnow,
)
from app.domain.actors import Actor
from app.domain.enums import OrderStatus, SeatAction, TicketState
from app.domain.errors import InputError, NotFound, PermissionDenied, RuleViolation

from .state import bump_revision
from app.services.lookup import find_performance
from app.services import journal
from app.i18n import N_, _
from .payment import find_payment_mode


@dataclass(frozen=True)
class TicketLine:
    id: int
    event: str
    performance: str  # "2014-12-07 20:00"
    zone: str
    block: str
    row: str
    number: int | None
    category: str
    tariff: str
    price: Decimal
    state: TicketState
    order_reference: str


@dataclass(frozen=True)
class RefundLine:
    at: datetime
    operator: str
    payment_mode: str
    amount: Decimal
    tickets: tuple[int, ...]


@dataclass(frozen=True)
class OrderSummary:
    id: int
    reference: str
    created_at: datetime
    operator: str
    point_of_sale: str
    payment_mode: str
    status: OrderStatus
    total: Decimal
    live_tickets: int
    tickets: int
    customer: str
    distributor: bool

    def as_dict(self) -> dict:
        return {"id": self.id, "reference": self.reference, "created_at": self.created_at.isoformat(),
                "operator": self.operator, "point_of_sale": self.point_of_sale, "payment_mode": self.payment_mode,
                "status": self.status.value, "total": str(self.total), "live_tickets": self.live_tickets,
                "tickets": self.tickets, "customer": self.customer, "distributor": self.distributor}


@dataclass(frozen=True)
class OrderDetail:
    summary: OrderSummary
    amount_given: Decimal | None
    customer_email: str
    tickets: tuple[TicketLine, ...]
    refunds: tuple[RefundLine, ...]

    def as_dict(self) -> dict:
        d = self.summary.as_dict()
        d["amount_given"] = str(self.amount_given) if self.amount_given is not None else None
        d["customer_email"] = self.customer_email
        d["tickets"] = [{"id": t.id, "seat": f"{t.zone} {t.block} {t.row}-{t.number}" if t.number else t.zone,
                         "category": t.category, "tariff": t.tariff, "price": str(t.price), "state": t.state.value}
                        for t in self.tickets]
        d["refunds"] = [{"at": r.at.isoformat(), "operator": r.operator, "payment_mode": r.payment_mode,
                         "amount": str(r.amount), "tickets": list(r.tickets)} for r in self.refunds]
        return d


@dataclass(frozen=True)
class CancelResult:
    order_reference: str
    ticket_ids: tuple[int, ...]
    seat_ids: tuple[int, ...]
    performance_ids: tuple[int, ...]
    refunded: Decimal
    payment_mode: str
    order_cancelled: bool

    def message(self) -> str:
        what = _("order cancelled") if self.order_cancelled else _("{n} ticket(s) cancelled").format(
            n=len(self.ticket_ids))
        return _("order {order}: {what}, {amount:.2f} EUR refunded ({payment})").format(
            order=self.order_reference, what=what, amount=self.refunded, payment=self.payment_mode)


def _summaries(s, where) -> list[OrderSummary]:
    live = func.sum(case((Ticket.state != TicketState.CANCELLED, 1), else_=0))
    q = (select(Order, Operator.login, PointOfSale.code, PaymentMode.code, Contact.name,
                func.count(Ticket.id), live)
         .join(Ticket, Ticket.order_id == Order.id)
         .join(PointOfSale, PointOfSale.id == Order.point_of_sale_id)
         .outerjoin(Operator, Operator.id == Order.operator_id)
         .outerjoin(PaymentMode, PaymentMode.id == Order.payment_mode_id)
         .outerjoin(Contact, Contact.id == Order.contact_id)
         .where(*where).group_by(Order.id, Operator.login, PointOfSale.code, PaymentMode.code, Contact.name)
         .order_by(Order.created_at.desc(), Order.id.desc()))
    return [OrderSummary(o.id, o.reference, o.created_at, login or "", pos, mode or "", o.status, o.total,
                         int(n_live or 0), int(n), contact or "", o.interface_id is not None)
            for o, login, pos, mode, contact, n, n_live in s.execute(q)]


def list_orders(db: Database, performance: str | int | None = None, *, limit: int = 500) -> list[OrderSummary]:
    """Box-office and reintegrated orders, newest first."""
    with db.read() as s:
        where = []
        if performance is not None:
            perf = find_performance(s, performance)
            where.append(Order.id.in_(select(Ticket.order_id).where(Ticket.performance_id == perf.id)))
        return _summaries(s, where)[:limit]


def _order(s, ref: str | int) -> Order:
    text = str(ref).strip()
    order = s.get(Order, int(text)) if text.isdigit() else None
    if order is None:
        order = s.scalars(select(Order).where(func.upper(Order.reference) == text.upper())).first()
    if order is None:
        raise NotFound(_("no order {text!r}").format(text=text))
    return order


def ticket_lines(s, where) -> list[TicketLine]:
    q = (select(Ticket, Order.reference, Product.name_fr, Performance.starts_at, Zone.name, Block.name, Seat.row,
                Seat.number, SeatCategory.name, Tariff.name_fr)
         .join(Order, Order.id == Ticket.order_id)
         .join(Performance, Performance.id == Ticket.performance_id)
         .join(Product, Product.id == Performance.product_id)
         .join(Zone, Zone.id == Ticket.zone_id)
         .outerjoin(Seat, Seat.id == Ticket.seat_id).outerjoin(Block, Block.id == Seat.block_id)
         .join(SeatCategory, SeatCategory.id == Ticket.category_id)
         .join(Tariff, Tariff.id == Ticket.tariff_id)
         .where(*where).order_by(Ticket.id))
    return [TicketLine(t.id, event, f"{starts:%Y-%m-%d %H:%M}", zone, block or "", row or "", number, cat, tariff,
                       t.price, t.state, ref)
            for t, ref, event, starts, zone, block, row, number, cat, tariff in s.execute(q)]


def order_detail(db: Database, ref: str | int) -> OrderDetail:
    with db.read() as s:
        order = _order(s, ref)
        summary = _summaries(s, [Order.id == order.id])[0]
        contact = s.get(Contact, order.contact_id) if order.contact_id else None
        refunds = tuple(
            RefundLine(r.at, login or "", mode or "", r.amount, tuple(int(x) for x in r.tickets.split(",") if x))
            for r, login, mode in s.execute(
                select(Refund, Operator.login, PaymentMode.code).outerjoin(Operator, Operator.id == Refund.operator_id)
                .outerjoin(PaymentMode, PaymentMode.id == Refund.payment_mode_id)
                .where(Refund.order_id == order.id).order_by(Refund.id)))
        return OrderDetail(summary, order.amount_given, contact.email if contact else "",
                           tuple(ticket_lines(s, [Ticket.order_id == order.id])), refunds)


def may_cancel(actor: Actor, order_operator_id: int | None, created_at: datetime, now: datetime,
               cashier_cancels_own_same_day: bool) -> str | None:
    """Why this actor may not cancel that order, or None."""
    if actor.is_manager:
        return None
    if not cashier_cancels_own_same_day:
        return "only a manager may cancel a sale"
    if order_operator_id != actor.operator_id:
        return "a cashier may cancel only their own sales (this one was sold by another operator)"
    if created_at.date() != now.date():
        return "a cashier may cancel only the sales of the same day: ask a manager"
    return None


def cancel_order(db: Database, actor: Actor, ref: str | int, ticket_ids: list[int] | None = None, *,
                 refund_payment: str | None = None, cashier_cancels_own_same_day: bool = True,
                 now: datetime | None = None) -> CancelResult:
    """Cancel (refund) a box-office order, or some of its tickets, atomically.

    The seats are free again and keep their contingent; the tickets stay with state
    cancelled and a refund row records the amount, its payment mode and who did it."""
    actor.require_writer(N_("cancel an order"))
    now = now or utcnow()
    with db.write() as s:
        order = _order(s, ref)
        if order.interface_id is not None:
            raise RuleViolation(_("order {reference} came from a distributor: its cancellations come through the "
                                  "distributor's sales feed").format(reference=order.reference))
        why = may_cancel(actor, order.operator_id, order.created_at, now, cashier_cancels_own_same_day)
        if why:
            raise PermissionDenied(_("{name} ({login}): {why}").format(name=actor.display_name, login=actor.login,
                                                                        why=why))
        tickets = list(s.scalars(select(Ticket).where(Ticket.order_id == order.id).order_by(Ticket.id)))
        by_id = {t.id: t for t in tickets}
        if ticket_ids:
            unknown = [str(i) for i in ticket_ids if i not in by_id]
            if unknown:
                raise InputError(_("ticket(s) {tickets} are not in order {reference}").format(
                    tickets=", ".join(unknown), reference=order.reference))
            chosen = [by_id[i] for i in dict.fromkeys(ticket_ids)]
            done = [str(t.id) for t in chosen if t.state is TicketState.CANCELLED]
            if done:
                raise RuleViolation(_("ticket(s) {tickets} of order {reference} are already cancelled").format(
                    tickets=", ".join(done), reference=order.reference))
        else:
            chosen = [t for t in tickets if t.state is not TicketState.CANCELLED]
            if not chosen:
                raise RuleViolation(_("order {reference} is already cancelled").format(reference=order.reference))
        pos = s.get(PointOfSale, order.point_of_sale_id)
        if refund_payment is None and order.payment_mode_id is not None:
            mode = s.get(PaymentMode, order.payment_mode_id)
        else:
            mode = find_payment_mode(pos, refund_payment)
        perf_ids = sorted({t.performance_id for t in chosen})
        for p in perf_ids:
            bump_revision(s, p)
        ids = [t.id for t in chosen]
        s.execute(update(Ticket).where(Ticket.id.in_(ids))
                  .values(state=TicketState.CANCELLED, cancelled_at=now, cancelled_by=actor.operator_id))
        if any(t.seat_id is None for t in chosen):  # standing places come back
            from .standing import recount

            recount(s, {t.performance_id for t in chosen if t.seat_id is None})
        amount = sum((t.price for t in chosen), Decimal("0"))
        s.add(Refund(order_id=order.id, at=now, operator_id=actor.operator_id,
                     payment_mode_id=mode.id if mode else None, amount=amount, tickets=",".join(map(str, ids))))
        s.execute(insert(SeatHistory), [
            {"at": now, "operator_id": actor.operator_id, "performance_id": t.performance_id, "seat_id": t.seat_id,
             "zone_id": t.zone_id, "action": SeatAction.CANCEL, "old_value": "sold", "new_value": "",
             "quantity": 1, "reference": order.reference} for t in chosen])
        journal.record_tickets(s, journal.CANCEL, ids, operator=actor.login, payment=mode.code if mode else "", at=now)
        remaining = [t for t in tickets if t.id not in set(ids) and t.state is not TicketState.CANCELLED]
        if not remaining:
            order.status = OrderStatus.CANCELLED
        return CancelResult(order.reference, tuple(ids), tuple(t.seat_id for t in chosen if t.seat_id),
                            tuple(perf_ids), amount, mode.code if mode else "", not remaining)


def ticket_validity(db: Database, ticket_id: int) -> str:
    """'valid', or why a ticket's QR does not let its holder in ('cancelled', 'unknown')."""
    with db.read() as s:
        t = s.get(Ticket, ticket_id)
        if t is None:
            return "unknown"
        return "cancelled" if t.state is TicketState.CANCELLED else "valid"
