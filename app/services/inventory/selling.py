"""Box-office sales: all the selected seats or none, within the contingents' rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from app.db.engine import Database
from app.db.models import Order, Price, SeatHistory, Tariff, Ticket, utcnow
from app.domain.actors import Actor
from app.domain.enums import OrderStatus, SeatAction, TicketState
from app.domain.errors import InputError, RuleViolation
from app.domain.seats import SeatState, sale_refusal
from app.domain.selection import SeatSelection

from .state import bump_revision, select_seats
from app.services.lookup import (
    channel_ref, contingent_refs, find_performance, find_point_of_sale, find_tariff, seat_zones,
)
from app.i18n import N_, _
from .payment import Customer, settle, workstation_point_of_sale_code
from app.services import journal

# Test hook, None in production: called as after_check(session, seat_ids) once the state
# check has passed and before the tickets are inserted, so that a race test can make another
# writer's live ticket appear exactly there and prove the unique index settles it.
after_check = None


@dataclass(frozen=True)
class SaleResult:
    order_reference: str
    order_id: int
    performance_id: int
    seats: tuple[str, ...]
    seat_ids: tuple[int, ...]
    total: Decimal
    revision: int
    payment_mode: str = ""
    change: Decimal | None = None  # cash: given minus total
    ticket_ids: tuple[int, ...] = ()

    def message(self) -> str:
        return _("order {order}: {n} seat(s) sold, total {total:.2f} EUR").format(
            order=self.order_reference, n=len(self.seats), total=self.total)


def new_reference(prefix: str = "G") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12].upper()}"


def sell(db: Database, actor: Actor, performance: str | int, selection: SeatSelection, *,
         tariff: str | None = None, seat_tariffs: dict[int, str] | None = None,
         point_of_sale: str | None = None, payment: str | None = None, amount_given: Decimal | None = None,
         customer: Customer | None = None) -> SaleResult:
    """Sell the selected seats through a point of sale's channel, atomically.

    `point_of_sale` defaults to this workstation's; `payment` is one of its payment modes
    (default its first); cash may name the amount given (the change is returned).

    Refused whole (RuleViolation naming the seats and why) if any seat cannot be sold. The
    database's unique live ticket per seat settles races between workstations."""
    actor.require_writer(N_("sell tickets"))
    try:
        with db.write() as s:
            perf = find_performance(s, performance)
            revision = bump_revision(s, perf.id)
            pos = find_point_of_sale(s, point_of_sale or workstation_point_of_sale_code(s))
            channel = channel_ref(pos.channel)
            refs = contingent_refs(s)
            default_tariff = find_tariff(s, tariff) if tariff else s.scalars(select(Tariff).order_by(Tariff.sort)).first()
            tariffs = {t.code: t for t in s.scalars(select(Tariff))}
            now = utcnow()
            rows = select_seats(s, perf.id, selection)
            chosen, refused = [], []
            for row in rows:
                state = row.state(now)
                reason = None
                if state is not SeatState.FREE and not (state is SeatState.LOCKED and row.locked_by == actor.login):
                    reason = f"already {state.value}" if state in (SeatState.SOLD, SeatState.RESERVED) else state.value
                else:
                    reason = sale_refusal(channel, refs.get(row.contingent_id) if row.contingent_id else None)
                if reason is None:
                    chosen.append(row)
                    if selection.first is not None and len(chosen) >= selection.first:
                        break
                elif selection.first is None:
                    refused.append((row, reason))
            if refused:
                head = "; ".join(f"{r.label}: {why}" for r, why in refused[:5])
                more = f" (and {len(refused) - 5} more)" if len(refused) > 5 else ""
                raise RuleViolation(_("sale refused, nothing sold — {head}{more}").format(head=head, more=more))
            if not chosen:
                raise RuleViolation(_("sale refused: no sellable seat in the selection"))
            if selection.first is not None and len(chosen) < selection.first:
                raise RuleViolation(_("sale refused: only {n} seat(s) can be sold here, {asked} asked").format(
                    n=len(chosen), asked=selection.first))
            if after_check is not None:
                after_check(s, [r.seat_id for r in chosen])
            prices = {(c, t): a for c, t, a in s.execute(
                select(Price.category_id, Price.tariff_id, Price.amount).where(Price.performance_id == perf.id))}
            order = Order(reference=new_reference(), operator_id=actor.operator_id, channel_id=channel.id,
                          point_of_sale_id=pos.id, status=OrderStatus.PAID, created_at=now)
            s.add(order)
            s.flush()
            zones = seat_zones(s, [r.seat_id for r in chosen])
            tickets, history, total = [], [], Decimal("0")
            for row in chosen:
                code = (seat_tariffs or {}).get(row.seat_id)
                t = tariffs.get(code) if code else default_tariff
                if t is None:
                    raise InputError(_("unknown tariff {code!r} for {label}").format(code=code, label=row.label))
                price = prices.get((row.category_id, t.id))
                if price is None:
                    raise RuleViolation(_("sale refused: no price for {label} at tariff {code}").format(label=row.label, code=t.code))
                total += price
                tickets.append({"order_id": order.id, "performance_id": perf.id, "seat_id": row.seat_id,
                                "zone_id": zones[row.seat_id], "category_id": row.category_id, "tariff_id": t.id,
                                "contingent_id": row.contingent_id, "price": price, "state": TicketState.SOLD,
                                "controlled": False, "created_at": now})
                history.append({"at": now, "operator_id": actor.operator_id, "performance_id": perf.id,
                                "seat_id": row.seat_id, "action": SeatAction.SELL, "old_value": "",
                                "new_value": t.code, "quantity": 1, "reference": order.reference})
            s.execute(insert(Ticket), tickets)
            s.execute(insert(SeatHistory), history)
            order.total = total
            mode, change = settle(s, order, pos, payment, total, amount_given, customer)
            ticket_ids = tuple(s.scalars(select(Ticket.id).where(Ticket.order_id == order.id).order_by(Ticket.id)))
            journal.record_tickets(s, journal.SALE, ticket_ids, operator=actor.login, payment=mode, at=now)
            return SaleResult(order.reference, order.id, perf.id, tuple(r.label for r in chosen),
                              tuple(r.seat_id for r in chosen), total, revision, mode, change, ticket_ids)
    except IntegrityError:
        raise RuleViolation(_("sale refused, nothing sold — a seat was already sold by another workstation")) from None
