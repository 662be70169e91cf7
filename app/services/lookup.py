"""Find things by the names users type: performances, contingents, channels, operators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.models import (
    Contingent,
    DistributorInterface,
    Operator,
    Performance,
    PointOfSale,
    Product,
    SalesChannel,
    SeatCategory,
    Tariff,
)
from app.domain.enums import ProductKind
from app.domain.errors import InputError, NotFound
from app.domain.seats import ChannelRef, ContingentRef
from app.i18n import _

_PERF_RE = re.compile(r"^(?P<code>[^@]+)@(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{2}:\d{2})$")

MAX_ID = 2**63 - 1  # a larger number is no row's id (and would overflow the database's integer)


@dataclass(frozen=True)
class PerformanceInfo:
    id: int
    event_code: str
    event_name: str
    starts_at: datetime
    hall_id: int
    logical_config_id: int
    revision: int

    @property
    def label(self) -> str:
        return f"{self.event_code}@{self.starts_at:%Y-%m-%d %H:%M}"


def performance_info(s: Session, perf: Performance) -> PerformanceInfo:
    return PerformanceInfo(
        perf.id, perf.product.code, perf.product.name_fr, perf.starts_at,
        perf.hall_id, perf.logical_config_id, perf.revision,
    )


def find_performance(s: Session, name: str | int) -> Performance:
    """`EVENTCODE@YYYY-MM-DD HH:MM` or a numeric id."""
    text = str(name).strip()
    if text.isdigit():
        perf = s.get(Performance, int(text)) if int(text) <= MAX_ID else None
        if perf is None:
            raise NotFound(_("no performance with id {text}").format(text=text))
        return perf
    m = _PERF_RE.match(text)
    if not m:
        raise InputError(
            _("performance {text!r}: expected EVENTCODE@YYYY-MM-DD HH:MM (e.g. WALKYRIE@2014-12-07 20:00) or an id").format(text=text)
        )
    try:
        when = datetime.strptime(f"{m['date']} {m['time']}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise InputError(_("performance {text!r}: {date} {time} is not a valid date and time").format(text=text, date=m['date'], time=m['time'])) from None
    perf = s.scalars(
        select(Performance).join(Product).where(Product.code == m["code"], Performance.starts_at == when)
    ).first()
    if perf is None:
        raise NotFound(_("no performance of event {code} on {when}").format(code=m['code'], when=f"{when:%Y-%m-%d %H:%M}"))
    return perf


def performance_id_of(s: Session, performance: str | int | None) -> int | None:
    """The id of the performance a run was given (see `find_performance`), None if none was."""
    if performance is None or performance == "":
        return None
    return find_performance(s, performance).id


def list_performances(s: Session) -> list[PerformanceInfo]:
    rows = s.scalars(
        select(Performance).join(Product).where(Product.kind == ProductKind.EVENT)
        .order_by(Product.code, Performance.starts_at)
    ).all()
    return [performance_info(s, p) for p in rows]


def find_contingent(s: Session, code: str) -> Contingent:
    c = s.scalars(select(Contingent).where(Contingent.code == code)).first()
    if c is None:
        known = ", ".join(s.scalars(select(Contingent.code).order_by(Contingent.code)))
        raise NotFound(_("no contingent with code {code!r} (known: {known})").format(code=code, known=known or _("none")))
    return c


def find_category(s: Session, code: str) -> SeatCategory:
    c = s.scalars(select(SeatCategory).where(SeatCategory.code == code)).first()
    if c is None:
        raise NotFound(_("no seat category with code {code!r}").format(code=code))
    return c


def find_tariff(s: Session, code: str) -> Tariff:
    t = s.scalars(select(Tariff).where(Tariff.code == code)).first()
    if t is None:
        known = ", ".join(s.scalars(select(Tariff.code).order_by(Tariff.sort)))
        raise NotFound(_("no tariff with code {code!r} (known: {known})").format(code=code, known=known or _("none")))
    return t


def find_point_of_sale(s: Session, code: str) -> PointOfSale:
    p = s.scalars(select(PointOfSale).where(PointOfSale.code == code)).first()
    if p is None:
        raise NotFound(_("no point of sale with code {code!r}").format(code=code))
    return p


def find_interface(s: Session, name: str | int) -> DistributorInterface:
    """A distributor interface by id, by internal name in any language, or by its French
    name whatever the case."""
    text = str(name).strip()
    iface = s.get(DistributorInterface, int(text)) if text.isdigit() and int(text) <= MAX_ID else None
    if iface is None:
        iface = s.scalars(select(DistributorInterface).where(
            (DistributorInterface.name_fr == text) | (DistributorInterface.name_en == text)
            | (DistributorInterface.name_es == text))).first()
    if iface is None:
        iface = s.scalars(select(DistributorInterface).where(
            func.lower(DistributorInterface.name_fr) == text.lower())).first()
    if iface is None:
        known = ", ".join(repr(n) for n in s.scalars(select(DistributorInterface.name_fr)
                                                     .order_by(DistributorInterface.name_fr)))
        raise NotFound(_("no distributor interface named {text!r} (known: {known})").format(text=text, known=known or _("none")))
    return iface


def find_operator(s: Session, login: str) -> Operator:
    o = s.scalars(select(Operator).where(Operator.login == login)).first()
    if o is None:
        raise NotFound(_("no operator with login {login!r}").format(login=login))
    return o


def contingent_ref(c: Contingent) -> ContingentRef:
    return ContingentRef(
        c.id, c.code, c.name_fr, c.type, c.exclusive, c.target_channel_id,
        c.all_internal_channels, frozenset(ch.id for ch in c.channels),
    )


def contingent_refs(s: Session) -> dict[int, ContingentRef]:
    """Every contingent's rules, with their channels read in one more query (not one per
    contingent: each seat edit and sale reads these)."""
    return {c.id: contingent_ref(c) for c in s.scalars(select(Contingent).options(selectinload(Contingent.channels)))}


def channel_ref(ch: SalesChannel) -> ChannelRef:
    return ChannelRef(ch.id, ch.code, ch.kind)


def seat_zones(s: Session, seat_ids: list[int]) -> dict[int, int]:
    """seat id → zone id, for the given seats."""
    from app.db.models import Block, Seat

    out: dict[int, int] = {}
    for i in range(0, len(seat_ids), 5000):
        part = seat_ids[i:i + 5000]
        out.update(s.execute(select(Seat.id, Block.zone_id).join(Block, Block.id == Seat.block_id)
                             .where(Seat.id.in_(part))).all())
    return out
