"""What export and reintegration share: an interface as plain data, its distributor
contingents, and opening its adapter with the password from the keyring."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.adapters.base import ConfigurationError, ConnectionSettings, DistributorError
from app.adapters.registry import make_adapter
from app.db.models import Contingent, PaymentMode, PointOfSale, point_of_sale_payment_modes
from app.domain.enums import DistributorKind, ErrorClass, PricePolicy
from app.i18n import _, exception_text

from app.services.lookup import find_interface
from app.services.secrets import database_key


@dataclass(frozen=True)
class InterfaceInfo:
    id: int
    name: str
    kind: DistributorKind
    channel_id: int
    url: str
    login: str
    contact_id: int | None
    point_of_sale_id: int | None
    waiting_account: bool
    price_policy: PricePolicy
    options: dict = field(default_factory=dict)
    contingent_ids: tuple[int, ...] = ()  # external contingents bound to its channel
    contingent_codes: tuple[str, ...] = ()
    keyring_scope: str = ""  # the database's identity: its passwords' key in the keyring

    def settings(self) -> ConnectionSettings:
        from app.services.secrets import get_password  # noqa: PLC0415 - the keyring only when connecting

        opts = dict(self.options or {})
        timeout = float(opts.pop("timeout_s", 20.0)) if isinstance(opts.get("timeout_s"), (int, float)) else 20.0
        return ConnectionSettings(url=self.url, login=self.login, password=get_password(self.keyring_scope, self.id),
                                  options=opts, timeout_s=timeout)


def load_interface(s: Session, interface) -> InterfaceInfo:
    """`interface`: an id, an internal name, or an InterfaceInfo."""
    if isinstance(interface, InterfaceInfo):
        interface = interface.id
    iface = find_interface(s, interface)
    conts = s.execute(select(Contingent.id, Contingent.code).where(Contingent.target_channel_id == iface.channel_id)
                      .order_by(Contingent.id)).all()
    return InterfaceInfo(iface.id, iface.name_fr, iface.kind, iface.channel_id, iface.url or "", iface.login or "",
                         iface.contact_id, iface.point_of_sale_id, bool(iface.waiting_account),
                         iface.price_policy, dict(iface.options or {}), tuple(c for c, _ in conts),
                         tuple(code for _, code in conts), database_key(s))


def waiting_payment_mode(s: Session, point_of_sale_id: int | None) -> int | None:
    """The waiting-account payment mode, preferably one of the interface's point of sale."""
    if point_of_sale_id is not None:
        pm = s.scalar(select(PaymentMode.id).join(point_of_sale_payment_modes,
                                                  point_of_sale_payment_modes.c.payment_mode_id == PaymentMode.id)
                      .where(point_of_sale_payment_modes.c.point_of_sale_id == point_of_sale_id,
                             PaymentMode.waiting_account.is_(True)))
        if pm is not None:
            return pm
    return s.scalar(select(PaymentMode.id).where(PaymentMode.waiting_account.is_(True)).order_by(PaymentMode.id))


def point_of_sale_exists(s: Session, pos_id: int | None) -> bool:
    return pos_id is not None and s.get(PointOfSale, pos_id) is not None


def open_adapter(info: InterfaceInfo, adapter_factory=None):
    """The interface's adapter (`adapter_factory(info)` in place of the registry when given).
    Raises a DistributorError (Configuration when the interface cannot be used as set)."""
    if adapter_factory is not None:
        return adapter_factory(info)
    try:
        return make_adapter(info.kind, info.settings())
    except DistributorError:
        raise
    except (KeyError, ValueError) as exc:
        raise ConfigurationError(_("interface {name!r}: no adapter for kind {kind} ({error})").format(
            name=info.name, kind=info.kind.value, error=exception_text(exc)), where=_("interface")) from None


def classify(exc: BaseException) -> tuple[ErrorClass, str, str]:
    """(class, message, where) of any exception raised while talking to a distributor."""
    if isinstance(exc, DistributorError):
        return exc.error_class, exception_text(exc), exc.where
    if isinstance(exc, (httpx.TimeoutException, httpx.TransportError)):
        return ErrorClass.EXTERNAL, _("distributor unreachable: {error}").format(error=str(exc) or type(exc).__name__), ""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError):  # no SQL and parameters in the log or the e-mail
        from app.services.error_log import log_exception, technical_summary

        return ErrorClass.TECHNICAL, _("{summary} (details in {path})").format(summary=technical_summary(exc),
                                                                             path=str(log_exception(exc))), ""
    return ErrorClass.TECHNICAL, _("unexpected {kind}: {error}").format(kind=type(exc).__name__,
                                                                        error=exception_text(exc)), ""
