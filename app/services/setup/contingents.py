"""Contingents: the seed's list and the editor's every field (docs/domain.md "Seats and contingents")."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Contingent, Execution, PerformanceSeat, SalesChannel, ZoneAllocation
from app.domain.actors import Actor
from app.domain.enums import ChannelKind, ContingentType
from app.domain.errors import NotFound, RuleViolation
from app.i18n import N_, _

from app.services.validation import Checker


@dataclass(frozen=True)
class ContingentData:
    id: int | None
    code: str
    name_fr: str
    name_en: str = ""
    name_es: str = ""
    visible: bool = True
    fill_color: str = "#FFC890"
    text_color: str = "#000000"
    exclusive: bool = False
    entries_exits: int = 1
    type: ContingentType = ContingentType.OTHER
    target_channel_id: int | None = None
    all_internal_channels: bool = True
    channel_ids: tuple[int, ...] = ()
    target_channel_code: str = ""  # read-only, for lists


def _data(c: Contingent) -> ContingentData:
    return ContingentData(
        c.id, c.code, c.name_fr, c.name_en, c.name_es, c.visible, c.fill_color, c.text_color, c.exclusive,
        c.entries_exits, c.type, c.target_channel_id, c.all_internal_channels,
        tuple(sorted(ch.id for ch in c.channels)), c.target_channel.code if c.target_channel else "",
    )


def list_contingents(db: Database) -> list[ContingentData]:
    with db.read() as s:
        return [_data(c) for c in s.scalars(select(Contingent).order_by(Contingent.type, Contingent.name_fr))]


def get_contingent(db: Database, contingent_id: int) -> ContingentData:
    with db.read() as s:
        c = s.get(Contingent, contingent_id)
        if c is None:
            raise NotFound(_("contingent {id} no longer exists").format(id=contingent_id))
        return _data(c)


def save_contingent(db: Database, actor: Actor, data: ContingentData) -> ContingentData:
    actor.require_manager(N_("edit contingents"))
    c = Checker("contingent")
    code = c.code("code", data.code)
    name_fr = c.required("name_fr", data.name_fr, _("the internal name (FR)"))
    for f in ("name_fr", "name_en", "name_es"):
        c.max_len(f, getattr(data, f).strip(), 200)
    fill = c.color("fill_color", data.fill_color)
    text = c.color("text_color", data.text_color)
    c.int_range("entries_exits", data.entries_exits, 0, 99)
    with db.write() as s:
        clash = s.scalars(select(Contingent.id).where(func.lower(Contingent.code) == code.lower(), Contingent.id != (data.id or 0))).first()
        if code and clash is not None and clash != data.id:
            c.add("code", _("code {code!r} is already used by another contingent").format(code=code))
        target = s.get(SalesChannel, data.target_channel_id) if data.target_channel_id else None
        if data.type is ContingentType.EXTERNAL:
            if target is None:
                c.add("target_channel", _("an external contingent needs its external sales channel"))
            elif target.kind is not ChannelKind.EXTERNAL:
                c.add("target_channel", _("{channel} is an internal channel: pick an external one").format(channel=target.code))
            elif (other := s.scalars(select(Contingent.code).where(
                    Contingent.target_channel_id == target.id, Contingent.id != (data.id or 0))).first()):
                c.add("target_channel", _("{channel} already has contingent {other}: one contingent per distributor").format(channel=target.code, other=other))
        elif target is not None:
            c.add("target_channel", _("only an external contingent has a target channel"))
        channels = list(s.scalars(select(SalesChannel).where(SalesChannel.id.in_(data.channel_ids))))
        if data.type is not ContingentType.EXTERNAL and not data.all_internal_channels and not channels:
            c.add("channels", _("tick 'all internal channels' or at least one channel"))
        c.done()
        obj = s.get(Contingent, data.id) if data.id else Contingent()
        if obj is None:
            raise NotFound(_("contingent {id} no longer exists").format(id=data.id))
        obj.code, obj.name_fr = code, name_fr
        obj.name_en, obj.name_es = data.name_en.strip(), data.name_es.strip()
        obj.visible, obj.fill_color, obj.text_color = data.visible, fill, text
        obj.exclusive, obj.entries_exits, obj.type = data.exclusive, data.entries_exits, data.type
        obj.target_channel_id = target.id if target else None
        external = data.type is ContingentType.EXTERNAL
        obj.all_internal_channels = False if external else data.all_internal_channels
        obj.channels = [] if external or data.all_internal_channels else channels
        s.add(obj)
        s.flush()
        s.refresh(obj)
        return _data(obj)


def delete_contingent(db: Database, actor: Actor, contingent_id: int) -> None:
    """A contingent that still holds seats, quantities or executions stays: hide it instead."""
    actor.require_manager(N_("delete contingents"))
    with db.write() as s:
        c = s.get(Contingent, contingent_id)
        if c is None:
            raise NotFound(_("contingent {id} no longer exists").format(id=contingent_id))
        seats = s.scalar(select(func.count()).where(PerformanceSeat.contingent_id == c.id)) or 0
        zones = s.scalar(select(func.count()).where(ZoneAllocation.contingent_id == c.id)) or 0
        runs = s.scalar(select(func.count()).where(Execution.contingent_id == c.id)) or 0
        if seats or zones or runs:
            what = [w.format(n=n) for n, w in ((seats, _("{n} seat(s)")), (zones, _("{n} zone allocation(s)")),
                                                 (runs, _("{n} execution(s)"))) if n]
            raise RuleViolation(_("contingent {code} still has {what}: remove them first, or hide it (status hidden)")
                                .format(code=c.code, what=", ".join(what)))
        c.channels = []
        s.flush()
        s.delete(c)
