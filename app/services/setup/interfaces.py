"""Distributor interfaces ("Liste des interfaces", type "Ventes externes"): list, editor,
delete-or-hide. The password goes to the OS keyring (app.services.secrets), never here."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Contact,
    DistributorInterface,
    Execution,
    Mapping,
    PointOfSale,
    ReintegratedLine,
    SalesChannel,
    Schedule,
)
from app.adapters.registry import NETWORK_KINDS  # noqa: F401 - preflight reads it from here
from app.domain.actors import Actor
from app.domain.enums import ChannelKind, DistributorKind, PricePolicy
from app.domain.errors import InputError, NotFound, RuleViolation

from app.services import secrets
from app.services.lookup import find_interface
from app.services.validation import Checker
from app.i18n import N_, _

log = logging.getLogger("guichet.interfaces")

INTERFACE_TYPE = "external_sales"  # the only type so far: "Ventes externes"
# Distributors reached over the network (NETWORK_KINDS, from each adapter's `on_network`)
# need a URL and a login; a file interface does not.


@dataclass(frozen=True)
class InterfaceData:
    """Every field of an interface but its password."""

    id: int | None
    name_fr: str
    kind: DistributorKind
    channel_id: int | None
    name_en: str = ""
    name_es: str = ""
    url: str = ""
    login: str = ""
    contact_id: int | None = None
    waiting_account: bool = True
    point_of_sale_id: int | None = None
    price_policy: PricePolicy = PricePolicy.ERROR_IF_DIFFERENT
    visible: bool = True
    notify_emails: str = ""
    options: dict = field(default_factory=dict)
    interface_type: str = INTERFACE_TYPE
    # Read-only, for lists and `interfaces show`:
    channel_code: str = ""
    contact_name: str = ""
    point_of_sale_code: str = ""
    mappings: int = 0
    executions: int = 0
    # The distributor's commission in percent of the gross (partner statement); None = not set.
    # Given as a Decimal or a text ("12.5", "12,50") to save_interface, always a Decimal back.
    commission_percent: Decimal | str | None = None

    def as_json(self) -> dict:
        d = asdict(self)
        d["kind"] = self.kind.value
        d["price_policy"] = self.price_policy.value
        d["commission_percent"] = None if self.commission_percent is None else str(self.commission_percent)
        return d


@dataclass(frozen=True)
class PasswordStatus:
    stored: bool
    backend: str  # the keyring in a manager's words ("GNOME Keyring (Secret Service)", "encrypted file …")
    problem: str = ""  # when no password can be stored: why, and the fixes


def _usage(s: Session, iface_id: int) -> dict[str, int]:
    return {
        N_("mappings"): s.scalar(select(func.count()).where(Mapping.interface_id == iface_id)) or 0,
        N_("executions"): s.scalar(select(func.count()).where(Execution.interface_id == iface_id)) or 0,
        N_("schedules"): s.scalar(select(func.count()).where(Schedule.interface_id == iface_id)) or 0,
        N_("reintegrated lines"): s.scalar(select(func.count()).where(ReintegratedLine.interface_id == iface_id)) or 0,
    }


def _data(s: Session, i: DistributorInterface, usage: dict[str, int] | None = None) -> InterfaceData:
    ch = s.get(SalesChannel, i.channel_id)
    contact = s.get(Contact, i.contact_id) if i.contact_id else None
    pos = s.get(PointOfSale, i.point_of_sale_id) if i.point_of_sale_id else None
    usage = usage if usage is not None else _usage(s, i.id)
    return InterfaceData(
        i.id, i.name_fr, i.kind, i.channel_id, i.name_en, i.name_es, i.url, i.login, i.contact_id,
        i.waiting_account, i.point_of_sale_id, i.price_policy, i.visible, i.notify_emails, dict(i.options or {}),
        INTERFACE_TYPE, ch.code if ch else "", contact.name if contact else "", pos.code if pos else "",
        usage["mappings"], usage["executions"], i.commission_percent,
    )


def list_interfaces(db: Database, *, include_hidden: bool = True,
                    interface_type: str | None = None) -> list[InterfaceData]:
    if interface_type not in (None, INTERFACE_TYPE):
        return []
    with db.read() as s:
        maps = dict(s.execute(select(Mapping.interface_id, func.count()).group_by(Mapping.interface_id)).all())
        runs = dict(s.execute(select(Execution.interface_id, func.count()).group_by(Execution.interface_id)).all())
        q = select(DistributorInterface).order_by(DistributorInterface.name_fr)
        if not include_hidden:
            q = q.where(DistributorInterface.visible)
        return [_data(s, i, {"mappings": maps.get(i.id, 0), "executions": runs.get(i.id, 0)})
                for i in s.scalars(q)]


def get_interface(db: Database, name: str | int) -> InterfaceData:
    with db.read() as s:
        return _data(s, find_interface(s, name))


def password_status(db, interface_id: int | None) -> PasswordStatus:
    """Whether a password is stored for the interface in this database, and where (reads the
    keyring: call it off the GUI thread)."""
    keyring = secrets.state()
    stored = bool(interface_id) and keyring.usable and bool(secrets.get_password(db, interface_id))
    return PasswordStatus(stored, keyring.backend, keyring.problem)


def save_interface(db: Database, actor: Actor, data: InterfaceData, *, password: str | None = None,
                   clear_password: bool = False) -> InterfaceData:
    """Create or update. `password`: None keeps the stored one; a text replaces it (in the
    keyring). The keyring is written before the database commits, so a keyring failure
    leaves nothing half-saved."""
    actor.require_manager(N_("edit distributor interfaces"))
    c = Checker("distributor interface")
    name_fr = c.required("name_fr", data.name_fr, "the internal name (FR)")
    for f in ("name_fr", "name_en", "name_es"):
        c.max_len(f, getattr(data, f).strip(), 200)
    network = data.kind in NETWORK_KINDS
    url = c.url("url", data.url, required=network)
    login = data.login.strip()
    if network and not login:
        c.add("login", _("the login is required for this distributor"))
    emails = c.emails("notify_emails", data.notify_emails)
    commission = c.percent("commission_percent", data.commission_percent)
    if data.interface_type != INTERFACE_TYPE:
        c.add("interface_type", _("unknown interface type {interface_type!r}").format(interface_type=data.interface_type))
    if not isinstance(data.options, dict) or any(not isinstance(k, str) or not k.strip() for k in data.options):
        c.add("options", _("options are name=value pairs with a name"))
    with db.write() as s:
        clash = s.scalars(select(DistributorInterface.id).where(DistributorInterface.name_fr == name_fr)).first()
        if name_fr and clash is not None and clash != data.id:
            c.add("name_fr", _("an interface is already named {name_fr!r}").format(name_fr=name_fr))
        channel = s.get(SalesChannel, data.channel_id) if data.channel_id else None
        if channel is None:
            c.add("channel", _("choose the external sales channel"))
        elif channel.kind is not ChannelKind.EXTERNAL:
            c.add("channel", _("{code} is an internal channel: a distributor sells through an external one").format(code=channel.code))
        if data.contact_id and s.get(Contact, data.contact_id) is None:
            c.add("contact", _("this contact no longer exists"))
        pos = s.get(PointOfSale, data.point_of_sale_id) if data.point_of_sale_id else None
        if data.point_of_sale_id and pos is None:
            c.add("point_of_sale", _("this point of sale no longer exists"))
        elif pos is not None and channel is not None and pos.channel_id != channel.id:
            c.add("point_of_sale", _("point of sale {code} belongs to another channel than {channel_code}").format(code=pos.code, channel_code=channel.code))
        elif pos is not None and data.waiting_account and not any(m.waiting_account for m in pos.payment_modes):
            c.add("point_of_sale", _("point of sale {code} has no waiting-account payment mode").format(code=pos.code))
        c.done()
        iface = s.get(DistributorInterface, data.id) if data.id else DistributorInterface()
        if iface is None:
            raise NotFound(_("interface {id} no longer exists").format(id=data.id))
        iface.name_fr, iface.name_en, iface.name_es = name_fr, data.name_en.strip(), data.name_es.strip()
        iface.kind, iface.channel_id, iface.url, iface.login = data.kind, channel.id, url, login
        iface.contact_id, iface.waiting_account = data.contact_id or None, data.waiting_account
        iface.point_of_sale_id, iface.price_policy = data.point_of_sale_id or None, data.price_policy
        iface.visible, iface.notify_emails = data.visible, emails
        iface.commission_percent = commission
        iface.options = {k.strip(): v for k, v in data.options.items()}
        s.add(iface)
        s.flush()
        if clear_password:
            secrets.delete_password(s, iface.id)
            log.info("interface %s: password removed from %s", iface.name_fr, secrets.backend_name())
        elif password:
            secrets.set_password(s, iface.id, password)
            log.info("interface %s: password stored in %s", iface.name_fr, secrets.backend_name())
        log.info("interface %s saved by %s", iface.name_fr, actor.login)
        return _data(s, iface)


def interface_usage(db: Database, interface_id: int) -> dict[str, int]:
    with db.read() as s:
        return _usage(s, interface_id)


def set_visible(db: Database, actor: Actor, interface_id: int, visible: bool) -> None:
    actor.require_manager(N_("hide or show distributor interfaces"))
    with db.write() as s:
        iface = s.get(DistributorInterface, interface_id)
        if iface is None:
            raise NotFound(_("interface {interface_id} no longer exists").format(interface_id=interface_id))
        iface.visible = visible


def delete_interface(db: Database, actor: Actor, interface_id: int, *, hide_if_used: bool = False) -> str:
    """Deletes an unused interface (and its password). One with mappings, executions,
    schedules or reintegrated sales keeps its history: with `hide_if_used` it is hidden,
    else RuleViolation. Returns "deleted" or "hidden"."""
    actor.require_manager(N_("delete distributor interfaces"))
    with db.write() as s:
        iface = s.get(DistributorInterface, interface_id)
        if iface is None:
            raise NotFound(_("interface {interface_id} no longer exists").format(interface_id=interface_id))
        used = {k: n for k, n in _usage(s, iface.id).items() if n}
        if used:
            if not hide_if_used:
                raise RuleViolation(_("interface {name} has {uses}: hide it instead to keep its history").format(
                    name=iface.name_fr, uses=", ".join(f"{n} {_(k)}" for k, n in used.items())))
            iface.visible = False
            return "hidden"
        s.delete(iface)
        s.flush()
    secrets.delete_password(db, interface_id)
    log.info("interface %s deleted by %s", interface_id, actor.login)
    return "deleted"


def set_interface_password(db: Database, actor: Actor, interface: str | int, password: str) -> PasswordStatus:
    """Store (or, with an empty text, remove) an interface's password in the keyring: for
    servers and scripts that have no client to type it in."""
    actor.require_manager(N_("change an interface's password"))
    with db.read() as s:
        interface_id = find_interface(s, interface).id
    if password:
        secrets.set_password(db, interface_id, password)
    else:
        secrets.delete_password(db, interface_id)
    return password_status(db, interface_id)


def parse_commission(text: str) -> Decimal | None:
    """'8.5', '8,50' or '8.5%' → Decimal('8.50'); 'none' or '' → None (no commission).
    Between 0 and 100 with at most two decimals, else InputError naming the value."""
    value = str(text).strip().rstrip("%").strip().replace(",", ".")
    if value.lower() in ("", "none", "aucune"):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise InputError(_("commission {text!r}: not a number (a percentage such as 8.5, or 'none')").format(text=text)) from None
    if not number.is_finite() or number < 0 or number > 100:
        raise InputError(_("commission {text!r}: expected a percentage between 0 and 100").format(text=text))
    if number != number.quantize(Decimal("0.01")):
        raise InputError(_("commission {text!r}: at most two decimals").format(text=text))
    return number.quantize(Decimal("0.01"))


def set_commission(db: Database, actor: Actor, interface: str | int, percent: Decimal | None) -> Decimal | None:
    """The distributor's commission in percent of the gross, as the partner statement
    deducts it (None: no commission set)."""
    actor.require_manager(N_("change an interface's commission"))
    with db.write() as s:
        iface = find_interface(s, interface)
        iface.commission_percent = percent
        log.info("commission of %s set to %s by %s", iface.name_fr, percent, actor.login)
    return percent
