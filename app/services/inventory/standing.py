"""Standing (non-numbered) zones: places sold by quantity, never oversold.

`performance_zones.sold` counts the live tickets of a zone. A box-office sale moves it with
one conditional statement, `UPDATE … SET sold = sold + n WHERE sold + n + blocked <= capacity`,
checked by its rowcount: the database, not the till's earlier look at the places left,
decides who gets the last places when two workstations sell at once (a row lock on
PostgreSQL, the write lock on SQLite). Other writers of standing tickets (reintegration,
cancellations) call `recount` in their transaction."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, PerformanceZone, Price, SeatHistory, Tariff, Ticket, Zone, utcnow
from app.domain.actors import Actor
from app.domain.enums import OrderStatus, SeatAction, TicketState
from app.domain.errors import InputError, RuleViolation
from app.i18n import N_, _
from app.services import journal
from app.services.lookup import channel_ref, find_performance, find_point_of_sale, find_tariff

from .payment import settle, workstation_point_of_sale_code
from .selling import new_reference
from .state import bump_revision

# Test hook, None in production: called as after_check(places_left) once the till's look at
# the places left has passed and before the write, so that a race test can hold two
# workstations there and prove the database settles who gets the last places.
after_check = None


@dataclass(frozen=True)
class StandingSale:
    order_reference: str
    performance_id: int
    zone: str
    quantity: int
    total: Decimal
    revision: int

    def message(self) -> str:
        return _("order {order}: {n} standing place(s) in {zone}, total {total:.2f} EUR").format(
            order=self.order_reference, n=self.quantity, zone=self.zone, total=self.total)


def _zone(s: Session, performance_id: int, code: str) -> PerformanceZone:
    pz = s.scalars(select(PerformanceZone).join(Zone, Zone.id == PerformanceZone.zone_id)
                   .where(PerformanceZone.performance_id == performance_id, Zone.code == code)).first()
    if pz is None:
        raise InputError(_("no standing zone {code!r} on this performance").format(code=code))
    return pz


def places_left(db: Database, performance: str | int, zone: str) -> int:
    with db.read() as s:
        pz = _zone(s, find_performance(s, performance).id, zone)
        return pz.capacity - pz.blocked - pz.sold


def recount(s: Session, performance_ids) -> None:
    """`sold` = live standing tickets, for every zone of these performances (their writer holds
    the performance's revision lock)."""
    live = (select(func.count()).select_from(Ticket).where(
        Ticket.performance_id == PerformanceZone.performance_id, Ticket.zone_id == PerformanceZone.zone_id,
        Ticket.seat_id.is_(None), Ticket.state != TicketState.CANCELLED).scalar_subquery())
    ids = sorted(set(performance_ids))
    if ids:
        s.execute(update(PerformanceZone).where(PerformanceZone.performance_id.in_(ids)).values(sold=live),
                  execution_options={"synchronize_session": False})


def sell_standing(db: Database, actor: Actor, performance: str | int, zone: str, quantity: int, *,
                  tariff: str | None = None, point_of_sale: str | None = None,
                  payment: str | None = None) -> StandingSale:
    """Sell `quantity` places of a standing zone through this workstation's point of sale; all or
    nothing. RuleViolation when fewer places are left, whoever took them first."""
    actor.require_writer(N_("sell tickets"))
    if quantity < 1:
        raise InputError(_("quantity must be at least 1 (got {quantity})").format(quantity=quantity))
    left = places_left(db, performance, zone)  # the till's look, as on screen
    if left < quantity:
        raise RuleViolation(_("sale refused: {left} standing place(s) left in {zone}, {quantity} asked").format(
            left=left, zone=zone, quantity=quantity))
    if after_check is not None:
        after_check(left)
    with db.write() as s:
        perf = find_performance(s, performance)
        revision = bump_revision(s, perf.id)  # first, as every inventory write (one lock order)
        pz = _zone(s, perf.id, zone)
        taken = s.execute(update(PerformanceZone).where(
            PerformanceZone.performance_id == perf.id, PerformanceZone.zone_id == pz.zone_id,
            PerformanceZone.sold + quantity + PerformanceZone.blocked <= PerformanceZone.capacity)
            .values(sold=PerformanceZone.sold + quantity), execution_options={"synchronize_session": False})
        if taken.rowcount != 1:
            raise RuleViolation(_("sale refused, nothing sold — another workstation took the last places of {zone}").format(
                zone=zone))
        pos = find_point_of_sale(s, point_of_sale or workstation_point_of_sale_code(s))
        t = find_tariff(s, tariff) if tariff else s.scalars(select(Tariff).order_by(Tariff.sort)).first()
        price = s.scalar(select(Price.amount).where(Price.performance_id == perf.id,
                                                   Price.category_id == pz.category_id, Price.tariff_id == t.id))
        if price is None:
            raise RuleViolation(_("sale refused: no price for zone {zone} at tariff {tariff}").format(zone=zone, tariff=t.code))
        now = utcnow()
        order = Order(reference=new_reference(), operator_id=actor.operator_id, channel_id=channel_ref(pos.channel).id,
                      point_of_sale_id=pos.id, status=OrderStatus.PAID, created_at=now)
        s.add(order)
        s.flush()
        s.execute(insert(Ticket), [
            {"order_id": order.id, "performance_id": perf.id, "seat_id": None, "zone_id": pz.zone_id,
             "category_id": pz.category_id, "tariff_id": t.id, "contingent_id": None, "price": price,
             "state": TicketState.SOLD, "controlled": False, "created_at": now} for _ in range(quantity)])
        s.execute(insert(SeatHistory), [{
            "at": now, "operator_id": actor.operator_id, "performance_id": perf.id, "seat_id": None,
            "zone_id": pz.zone_id, "action": SeatAction.SELL, "old_value": "", "new_value": t.code,
            "quantity": quantity, "reference": order.reference}])
        total = price * quantity
        order.total = total
        mode, _change = settle(s, order, pos, payment, total, None, None)
        ticket_ids = list(s.scalars(select(Ticket.id).where(Ticket.order_id == order.id).order_by(Ticket.id)))
        journal.record_tickets(s, journal.SALE, ticket_ids, operator=actor.login, payment=mode, at=now)
        return StandingSale(order.reference, perf.id, zone, quantity, total, revision)
