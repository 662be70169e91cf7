"""Sales channels ("filières de vente"), their points of sale and the payment modes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    ActivityProfile,
    Contingent,
    DistributorInterface,
    Order,
    PaymentMode,
    PointOfSale,
    SalesChannel,
    Workstation,
    contingent_channels,
)
from app.domain.actors import Actor
from app.domain.enums import ChannelKind, ChannelType
from app.domain.errors import NotFound, RuleViolation

from app.services.validation import Checker
from app.i18n import N_, _


@dataclass(frozen=True)
class ChannelData:
    id: int | None
    code: str
    name_fr: str
    name_en: str = ""
    name_es: str = ""
    kind: ChannelKind = ChannelKind.INTERNAL
    type: ChannelType = ChannelType.OTHER
    visible: bool = True
    points_of_sale: int = 0  # read-only: how many


@dataclass(frozen=True)
class PaymentModeData:
    id: int | None
    code: str
    name: str
    waiting_account: bool = False


@dataclass(frozen=True)
class PointOfSaleData:
    id: int | None
    channel_id: int
    code: str
    name: str
    payment_mode_ids: tuple[int, ...] = ()
    payment_modes: str = ""  # read-only: names, for lists
    waiting_account: bool = False  # read-only: one of its modes is a waiting account


def _channel_data(ch: SalesChannel, pos_count: int) -> ChannelData:
    return ChannelData(ch.id, ch.code, ch.name_fr, ch.name_en, ch.name_es, ch.kind, ch.type, ch.visible, pos_count)


def list_channels(db: Database, kind: ChannelKind | None = None) -> list[ChannelData]:
    with db.read() as s:
        counts = dict(s.execute(select(PointOfSale.channel_id, func.count(PointOfSale.id))
                                .group_by(PointOfSale.channel_id)).all())
        q = select(SalesChannel).order_by(SalesChannel.kind, SalesChannel.code)
        if kind is not None:
            q = q.where(SalesChannel.kind == kind)
        return [_channel_data(ch, counts.get(ch.id, 0)) for ch in s.scalars(q)]


def find_channel(s: Session, name: str | int) -> SalesChannel:
    text = str(name).strip()
    ch = s.get(SalesChannel, int(text)) if text.isdigit() and int(text) < 2**63 else None
    ch = ch or s.scalars(select(SalesChannel).where(SalesChannel.code == text)).first()
    if ch is None:
        raise NotFound(_("no sales channel {text!r}").format(text=text))
    return ch


def save_channel(db: Database, actor: Actor, data: ChannelData) -> ChannelData:
    actor.require_manager(N_("edit sales channels"))
    c = Checker("sales channel")
    code = c.code("code", data.code)
    name_fr = c.required("name_fr", data.name_fr, "the internal name (FR)")
    for f in ("name_fr", "name_en", "name_es"):
        c.max_len(f, getattr(data, f).strip(), 200)
    if data.kind is ChannelKind.EXTERNAL and data.type not in (ChannelType.DISTRIBUTOR, ChannelType.OTHER):
        c.add("type", _("an external channel is a distributor (or other)"))
    with db.write() as s:
        clash = s.scalars(select(SalesChannel.id).where(func.lower(SalesChannel.code) == code.lower(), SalesChannel.id != (data.id or 0))).first()
        if code and clash is not None and clash != data.id:
            c.add("code", _("code {code!r} is already used by another sales channel").format(code=code))
        ch = s.get(SalesChannel, data.id) if data.id else SalesChannel()
        if ch is None:
            raise NotFound(_("sales channel {id} no longer exists").format(id=data.id))
        if data.id and ch.kind is not data.kind:
            used = s.scalar(select(func.count(DistributorInterface.id)).where(DistributorInterface.channel_id == ch.id))
            if used:
                c.add("kind", _("this channel is used by a distributor interface: it must stay external"))
        c.done()
        ch.code, ch.name_fr = code, name_fr
        ch.name_en, ch.name_es = data.name_en.strip(), data.name_es.strip()
        ch.kind, ch.type, ch.visible = data.kind, data.type, data.visible
        s.add(ch)
        s.flush()
        n = s.scalar(select(func.count(PointOfSale.id)).where(PointOfSale.channel_id == ch.id)) or 0
        return _channel_data(ch, n)


def delete_channel(db: Database, actor: Actor, channel_id: int) -> None:
    """Only an unused channel can be deleted; a used one can be hidden (visible = False)."""
    actor.require_manager(N_("delete sales channels"))
    with db.write() as s:
        ch = s.get(SalesChannel, channel_id)
        if ch is None:
            raise NotFound(_("sales channel {channel_id} no longer exists").format(channel_id=channel_id))
        uses = {
            _("interface(s)"): s.scalar(select(func.count()).where(DistributorInterface.channel_id == ch.id)),
            _("contingent(s)"): s.scalar(select(func.count()).select_from(Contingent)
                                      .where(Contingent.target_channel_id == ch.id))
            + s.scalar(select(func.count()).select_from(contingent_channels)
                       .where(contingent_channels.c.channel_id == ch.id)),
            _("activity profile(s)"): s.scalar(select(func.count()).where(ActivityProfile.channel_id == ch.id)),
            _("order(s)"): s.scalar(select(func.count()).where(Order.channel_id == ch.id)),
        }
        used = [f"{n} {what}" for what, n in uses.items() if n]
        if used:
            raise RuleViolation(_("sales channel {code} is used by {uses}: hide it instead (untick 'Visible')")
                                .format(code=ch.code, uses=", ".join(used)))
        for pos in list(ch.points_of_sale):
            _delete_pos(s, pos)
        s.delete(ch)


# --- Points of sale --------------------------------------------------------------------

def _pos_data(p: PointOfSale) -> PointOfSaleData:
    modes = sorted(p.payment_modes, key=lambda m: m.code)
    return PointOfSaleData(p.id, p.channel_id, p.code, p.name, tuple(m.id for m in modes),
                           ", ".join(m.name for m in modes), any(m.waiting_account for m in modes))


def list_points_of_sale(db: Database, channel_id: int | None = None) -> list[PointOfSaleData]:
    with db.read() as s:
        q = select(PointOfSale).order_by(PointOfSale.code)
        if channel_id is not None:
            q = q.where(PointOfSale.channel_id == channel_id)
        return [_pos_data(p) for p in s.scalars(q)]


def save_point_of_sale(db: Database, actor: Actor, data: PointOfSaleData) -> PointOfSaleData:
    actor.require_manager(N_("edit points of sale"))
    c = Checker("point of sale")
    code = c.code("code", data.code)
    name = c.required("name", data.name, "the name")
    with db.write() as s:
        if s.get(SalesChannel, data.channel_id) is None:
            c.add("channel", _("choose the sales channel"))
        clash = s.scalars(select(PointOfSale.id).where(func.lower(PointOfSale.code) == code.lower(), PointOfSale.id != (data.id or 0))).first()
        if code and clash is not None and clash != data.id:
            c.add("code", _("code {code!r} is already used by another point of sale").format(code=code))
        modes = list(s.scalars(select(PaymentMode).where(PaymentMode.id.in_(data.payment_mode_ids))))
        if not modes:
            c.add("payment_modes", _("tick at least one payment mode"))
        c.done()
        p = s.get(PointOfSale, data.id) if data.id else PointOfSale()
        if p is None:
            raise NotFound(_("point of sale {id} no longer exists").format(id=data.id))
        p.channel_id, p.code, p.name, p.payment_modes = data.channel_id, code, name, modes
        s.add(p)
        s.flush()
        return _pos_data(p)


def _delete_pos(s: Session, p: PointOfSale) -> None:
    uses = {
        _("order(s)"): s.scalar(select(func.count()).where(Order.point_of_sale_id == p.id)),
        _("interface(s)"): s.scalar(select(func.count()).where(DistributorInterface.point_of_sale_id == p.id)),
        _("workstation(s)"): s.scalar(select(func.count()).where(Workstation.point_of_sale_id == p.id)),
    }
    used = [f"{n} {what}" for what, n in uses.items() if n]
    if used:
        raise RuleViolation(_("point of sale {code} is used by {uses}: it cannot be deleted").format(code=p.code, uses=", ".join(used)))
    p.payment_modes = []
    s.flush()
    s.delete(p)


def delete_point_of_sale(db: Database, actor: Actor, pos_id: int) -> None:
    actor.require_manager(N_("delete points of sale"))
    with db.write() as s:
        p = s.get(PointOfSale, pos_id)
        if p is None:
            raise NotFound(_("point of sale {pos_id} no longer exists").format(pos_id=pos_id))
        _delete_pos(s, p)


# --- Payment modes ---------------------------------------------------------------------

def list_payment_modes(db: Database) -> list[PaymentModeData]:
    with db.read() as s:
        return [PaymentModeData(m.id, m.code, m.name, m.waiting_account)
                for m in s.scalars(select(PaymentMode).order_by(PaymentMode.code))]


def save_payment_mode(db: Database, actor: Actor, data: PaymentModeData) -> PaymentModeData:
    actor.require_manager(N_("edit payment modes"))
    c = Checker("payment mode")
    code = c.code("code", data.code)
    name = c.required("name", data.name, "the name")
    with db.write() as s:
        clash = s.scalars(select(PaymentMode.id).where(func.lower(PaymentMode.code) == code.lower(), PaymentMode.id != (data.id or 0))).first()
        if code and clash is not None and clash != data.id:
            c.add("code", _("code {code!r} is already used by another payment mode").format(code=code))
        c.done()
        m = s.get(PaymentMode, data.id) if data.id else PaymentMode()
        if m is None:
            raise NotFound(_("payment mode {id} no longer exists").format(id=data.id))
        m.code, m.name, m.waiting_account = code, name, data.waiting_account
        s.add(m)
        s.flush()
        return PaymentModeData(m.id, m.code, m.name, m.waiting_account)


@dataclass(frozen=True)
class ContactData:
    id: int
    code: str
    name: str


def list_contacts(db: Database, organisations_only: bool = False) -> list[ContactData]:
    from app.db.models import Contact

    with db.read() as s:
        q = select(Contact).order_by(Contact.name)
        if organisations_only:
            q = q.where(Contact.is_organisation)
        return [ContactData(c.id, c.code, c.name) for c in s.scalars(q)]
