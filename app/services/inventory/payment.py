"""The till's side of a sale: this workstation's point of sale, its payment modes, the
customer and the cash given. Used inside the sale's unit of work (app.services.inventory.selling)."""

from __future__ import annotations

import re
import socket
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Contact, Order, PaymentMode, PointOfSale, SalesChannel, Workstation
from app.domain.actors import Actor
from app.domain.enums import ChannelKind
from app.domain.errors import InputError, NotFound, RuleViolation
from app.i18n import N_, _

CASH = "CASH"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Customer:
    name: str = ""
    email: str = ""
    postal_code: str = ""

    def check(self) -> None:
        if self.email and not _EMAIL.match(self.email):
            raise InputError(_("customer e-mail {email!r} is not an e-mail address").format(email=self.email))
        if len(self.postal_code) > 20:
            raise InputError(_("customer postcode {postal_code!r} is too long").format(postal_code=self.postal_code))

    @property
    def empty(self) -> bool:
        return not (self.name.strip() or self.email.strip() or self.postal_code.strip())


@dataclass(frozen=True)
class PaymentModeInfo:
    code: str
    name: str
    is_cash: bool


@dataclass(frozen=True)
class PointOfSaleInfo:
    code: str
    name: str
    channel: str
    payment_modes: tuple[PaymentModeInfo, ...]


def parse_amount(text: str, what: str = "amount") -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise InputError(_("{what} {text!r} is not an amount (e.g. 50 or 42.50)").format(what=what, text=text)) from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise InputError(_("{what} {text!r} is not an amount in cents").format(what=what, text=text))
    return value


def workstation_name() -> str:
    return socket.gethostname()[:80]


def workstation_point_of_sale_code(s: Session, name: str | None = None) -> str:
    ws = s.scalars(select(Workstation).where(Workstation.name == (name or workstation_name()))).first()
    if ws is None:
        raise InputError(_("workstation {name!r} has no point of sale: choose one at the client's first start or "
                           "pass --point-of-sale CODE").format(name=name or workstation_name()))
    return s.get(PointOfSale, ws.point_of_sale_id).code


def workstation_point_of_sale(db: Database, name: str | None = None) -> str | None:
    """This workstation's point of sale code, or None before it was chosen."""
    with db.read() as s:
        try:
            return workstation_point_of_sale_code(s, name)
        except InputError:
            return None


def set_workstation_point_of_sale(db: Database, actor: Actor, code: str, name: str | None = None) -> None:
    """Chosen at first start by whoever signs in; changed later by a manager only."""
    name = name or workstation_name()
    with db.write() as s:
        pos = s.scalars(select(PointOfSale).where(PointOfSale.code == code)).first()
        if pos is None:
            raise NotFound(_("no point of sale with code {code!r}").format(code=code))
        ws = s.scalars(select(Workstation).where(Workstation.name == name)).first()
        if ws is None:
            s.add(Workstation(name=name, point_of_sale_id=pos.id))
        elif ws.point_of_sale_id != pos.id:
            actor.require_manager(N_("change the point of sale of a workstation"))
            ws.point_of_sale_id = pos.id


def _info(pos: PointOfSale) -> PointOfSaleInfo:
    return PointOfSaleInfo(pos.code, pos.name, pos.channel.code, tuple(
        PaymentModeInfo(m.code, m.name, m.code == CASH) for m in sorted(pos.payment_modes, key=lambda m: m.id)))


def box_office_points_of_sale(db: Database) -> list[PointOfSaleInfo]:
    """Points of sale of the internal channels: those a workstation can be."""
    with db.read() as s:
        rows = s.scalars(select(PointOfSale).join(SalesChannel).where(SalesChannel.kind == ChannelKind.INTERNAL)
                         .order_by(PointOfSale.code))
        return [_info(p) for p in rows]


def point_of_sale_info(db: Database, code: str) -> PointOfSaleInfo:
    with db.read() as s:
        pos = s.scalars(select(PointOfSale).where(PointOfSale.code == code)).first()
        if pos is None:
            raise NotFound(_("no point of sale with code {code!r}").format(code=code))
        return _info(pos)


def find_payment_mode(pos: PointOfSale, code: str | None) -> PaymentMode | None:
    modes = sorted(pos.payment_modes, key=lambda m: m.id)
    if code is None:
        return modes[0] if modes else None
    mode = next((m for m in modes if m.code.lower() == code.lower()), None)
    if mode is None:
        accepted = ", ".join(m.code for m in modes) or "none"
        raise InputError(_("payment mode {code!r} is not accepted at point of sale {pos_code} (accepted: {accepted})").format(code=code, pos_code=pos.code, accepted=accepted))
    return mode


def settle(s: Session, order: Order, pos: PointOfSale, payment: str | None, total: Decimal,
           amount_given: Decimal | None, customer: Customer | None) -> tuple[str, Decimal | None]:
    """Book the payment and the customer on the order; returns (payment mode code, change)."""
    mode = find_payment_mode(pos, payment)
    order.payment_mode_id = mode.id if mode else None
    change = None
    if amount_given is not None:
        if mode is None or mode.code != CASH:
            raise InputError(_("an amount given is for a cash payment only"))
        if amount_given < total:
            raise RuleViolation(_("sale refused: {given:.2f} EUR given for a total of {total:.2f} EUR").format(
                given=amount_given, total=total))
        order.amount_given = amount_given
        change = amount_given - total
    if customer is not None and not customer.empty:
        customer.check()
        contact = Contact(code=f"C{uuid.uuid4().hex[:12].upper()}", name=customer.name.strip() or customer.email,
                          email=customer.email.strip(), postal_code=customer.postal_code.strip())
        s.add(contact)
        s.flush()
        order.contact_id = contact.id
    return (mode.code if mode else ""), change
