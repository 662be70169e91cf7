"""The pre-flight check of a distributor interface (optionally for one event): everything
that would make a synchronisation fail, each with the error class it would raise and the
screen where it is fixed. `guichet check` prints the same list."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    ActivityProfile,
    Block,
    Contact,
    Contingent,
    LogicalConfigurationSeat,
    LogicalConfigurationZone,
    Mapping,
    Performance,
    PointOfSale,
    Price,
    Product,
    SalesChannel,
    SeatCategory,
    Tariff,
    Zone,
)
from app.domain.enums import ChannelKind, ErrorClass, MappedObject, ProductKind, ProfileState
from app.domain.errors import InputError, NotFound

from app.services import secrets
from .interfaces import NETWORK_KINDS
from app.services.lookup import find_interface
from app.i18n import _
from .mappings import KIND_OF, catalogue

# Screens (page keys of app/ui/pages.py) and interface-editor tabs where an item is fixed.
SCREEN_INTERFACES = "interfaces"
SCREEN_PROFILES = "activity_profiles"
SCREEN_CONTINGENTS = "contingents"
SCREEN_CHANNELS = "channels"
TAB_GENERAL = "general"
TAB_MAPPINGS = "mappings"


@dataclass(frozen=True)
class PreflightItem:
    error_class: ErrorClass
    message: str
    screen: str
    tab: str = ""
    field: str = ""  # the interface field to fix (Configuration items on the interface)
    object_type: MappedObject | None = None  # Mapping items: the object to map
    object_id: int | None = None
    object_code: str = ""
    reference: str = ""
    channel_id: int | None = None
    season_id: int | None = None

    def as_json(self) -> dict:
        return {"class": self.error_class.value, "message": self.message, "screen": self.screen, "tab": self.tab,
                "field": self.field, "object_type": self.object_type.value if self.object_type else None,
                "object_id": self.object_id, "object_code": self.object_code, "reference": self.reference}


@dataclass(frozen=True)
class PreflightReport:
    interface_id: int
    interface_name: str
    event: str | None
    items: tuple[PreflightItem, ...]
    notes: tuple[str, ...] = ()  # worth knowing, but no synchronisation fails for it
    checked: dict = field(default_factory=dict)  # what was looked at: events, performances…

    @property
    def ok(self) -> bool:
        return not self.items

    def text(self) -> str:
        scope = f" for event {self.event}" if self.event else ""
        head = f"{self.interface_name}{scope}: "
        checked = ", ".join(f"{n} {k}" for k, n in self.checked.items())
        if self.ok:
            lines = [head + f"ready ({checked})"]
        else:
            lines = [head + f"{len(self.items)} problem(s) would make a synchronisation fail"]
            lines += [f"  [{i.error_class.value.capitalize()}] {i.message}  → fix in: {_where(i)}" for i in self.items]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {"interface": self.interface_name, "interface_id": self.interface_id, "event": self.event,
                "ok": self.ok, "items": [i.as_json() for i in self.items], "notes": list(self.notes),
                "checked": self.checked}


def _where(i: PreflightItem) -> str:
    names = {SCREEN_INTERFACES: "Interfaces", SCREEN_PROFILES: "Activity profiles",
             SCREEN_CONTINGENTS: "Contingents", SCREEN_CHANNELS: "Sales channels"}
    tab = {TAB_GENERAL: " > General", TAB_MAPPINGS: " > Mappings"}.get(i.tab, "")
    return names.get(i.screen, i.screen) + tab + (f" ({i.field})" if i.field else "")


def find_event(s: Session, name: str | int) -> Product:
    text = str(name).strip()
    if text.isdigit():
        p = s.get(Product, int(text)) if int(text) < 2**63 else None
        if p is None or p.kind is not ProductKind.EVENT:
            raise NotFound(_("no event with id {text}").format(text=text))
        return p
    found = list(s.scalars(select(Product).where(Product.code == text, Product.kind == ProductKind.EVENT)))
    if not found:
        raise NotFound(_("no event with code {text!r}").format(text=text))
    if len(found) > 1:
        raise InputError(_("event {text!r} exists in several seasons: pass its id ({ids})").format(
            text=text, ids=', '.join(str(p.id) for p in found)))
    return found[0]


def check_interface(db: Database, interface: str | int, event: str | int | None = None) -> PreflightReport:
    with db.read() as s:
        return _check(s, interface, event)


def _check(s: Session, interface, event) -> PreflightReport:
    iface = find_interface(s, interface)
    ev = find_event(s, event) if event is not None else None
    items: list[PreflightItem] = []
    notes: list[str] = []

    def config(message, screen=SCREEN_INTERFACES, tab=TAB_GENERAL, fld="", **kw):
        items.append(PreflightItem(ErrorClass.CONFIGURATION, message, screen, tab, fld, **kw))

    # The interface itself.
    channel = s.get(SalesChannel, iface.channel_id)
    if channel.kind is not ChannelKind.EXTERNAL:
        config(f"channel {channel.code} is internal: a distributor sells through an external channel", fld="channel")
    if iface.kind in NETWORK_KINDS:
        if not iface.url:
            config("no URL to reach the distributor", fld="url")
        if not iface.login:
            config("no login for the distributor", fld="login")
    if iface.contact_id is None or s.get(Contact, iface.contact_id) is None:
        config("no contact: reintegrated orders need the interface's contact", fld="contact")
    pos = s.get(PointOfSale, iface.point_of_sale_id) if iface.point_of_sale_id else None
    if pos is None:
        config("no point of sale: reintegrated orders need the distributor's point of sale", fld="point_of_sale")
    elif pos.channel_id != channel.id:
        config(f"point of sale {pos.code} is not a point of sale of channel {channel.code}", fld="point_of_sale")
    elif iface.waiting_account and not any(m.waiting_account for m in pos.payment_modes):
        config(f"point of sale {pos.code} has no waiting-account payment mode",
               screen=SCREEN_CHANNELS, tab="", channel_id=channel.id)
    if not iface.visible:
        notes.append("the interface is hidden")
    if iface.kind in NETWORK_KINDS:
        keyring = secrets.state(verify=True)
        if not keyring.usable:
            config(f"its password cannot be read: {keyring.problem}", fld="password")
        elif not secrets.get_password(s, iface.id):
            config(f"no password stored for it in {keyring.backend} (guichet interfaces set-password "
                   f"{iface.name_fr!r}, or the interface editor)", fld="password")

    # A contingent bound to the channel.
    if not s.scalars(select(Contingent.id).where(Contingent.target_channel_id == channel.id)).first():
        config(f"no contingent is bound to channel {channel.code}: create an external contingent targeting it",
               screen=SCREEN_CONTINGENTS, tab="", channel_id=channel.id)

    # What the channel sells: its validated activity profiles.
    profiles = list(s.scalars(select(ActivityProfile).where(ActivityProfile.channel_id == channel.id,
                                                            ActivityProfile.state == ProfileState.VALIDATED)))
    if ev is not None:
        profiles = [p for p in profiles if p.season_id == ev.season_id]
    if not profiles:
        season = f" in season {ev.season.code}" if ev is not None else ""
        config(f"channel {channel.code} has no validated activity profile{season}", screen=SCREEN_PROFILES, tab="",
               channel_id=channel.id, season_id=ev.season_id if ev is not None else None)
    all_tariffs = [t.id for t in s.scalars(select(Tariff))]
    on_sale: dict[int, set[int]] = {}  # event id → tariffs the channel may sell
    for p in profiles:
        if p.all_events:
            events = list(s.scalars(select(Product).where(Product.season_id == p.season_id,
                                                          Product.kind == ProductKind.EVENT)))
        else:
            events = [x for x in p.products if x.kind is ProductKind.EVENT]
        tariffs = set(all_tariffs) if p.all_tariffs else {t.id for t in p.tariffs}
        for e in events:
            if ev is None or e.id == ev.id:
                on_sale.setdefault(e.id, set()).update(tariffs)
    if ev is not None and profiles and ev.id not in on_sale:
        config(f"event {ev.code} is in no validated activity profile of channel {channel.code}",
               screen=SCREEN_PROFILES, tab="", channel_id=channel.id, season_id=ev.season_id)

    # Every object on sale through the channel needs its mapping.
    mapped = {(m.object_type, m.object_id) for m in s.scalars(select(Mapping).where(
        Mapping.interface_id == iface.id, Mapping.object_id.is_not(None)))}
    generic = {(t, c) for t, c in s.execute(select(Mapping.object_type, Mapping.object_code).where(
        Mapping.interface_id == iface.id, Mapping.object_id.is_(None)))}
    objects = {(o.object_type, o.object_id): o for o in catalogue(s) if o.object_id is not None}
    needed: list[tuple[MappedObject, int]] = []
    perf_count = 0
    for event_id in sorted(on_sale):
        needed.append((MappedObject.EVENT, event_id))
        perfs = list(s.scalars(select(Performance).where(Performance.product_id == event_id)
                               .order_by(Performance.starts_at)))
        perf_count += len(perfs)
        for perf in perfs:
            needed.append((MappedObject.PERFORMANCE, perf.id))
            needed.append((MappedObject.LOGICAL_CONFIGURATION, perf.logical_config_id))
            for z in s.scalars(select(Zone).where(Zone.hall_id == perf.hall_id).order_by(Zone.sort)):
                needed.append((MappedObject.ZONE, z.id))
                needed += [(MappedObject.BLOCK, b) for b in s.scalars(
                    select(Block.id).where(Block.zone_id == z.id).order_by(Block.sort))]
            cats = set(s.scalars(select(LogicalConfigurationSeat.category_id).where(
                LogicalConfigurationSeat.config_id == perf.logical_config_id).distinct()))
            cats |= set(s.scalars(select(LogicalConfigurationZone.category_id).where(
                LogicalConfigurationZone.config_id == perf.logical_config_id)))
            needed += [(MappedObject.SEAT_CATEGORY, c) for c in s.scalars(
                select(SeatCategory.id).where(SeatCategory.id.in_(cats)).order_by(SeatCategory.sort))]
            priced = set(s.scalars(select(Price.tariff_id).where(Price.performance_id == perf.id).distinct()))
            needed += [(MappedObject.TARIFF, t) for t in s.scalars(
                select(Tariff.id).where(Tariff.id.in_(priced & on_sale[event_id])).order_by(Tariff.sort))]
    seen = set()
    kinds = list(KIND_OF.values())
    missing = []
    for otype, oid in needed:
        if (otype, oid) in seen:
            continue
        seen.add((otype, oid))
        obj = objects[(otype, oid)]
        if (otype, oid) in mapped or (otype, obj.code) in generic:
            continue
        missing.append(obj)
    missing.sort(key=lambda o: kinds.index(o.kind))
    for obj in missing:
        label = obj.object_type.value.replace("_", " ")
        items.append(PreflightItem(
            ErrorClass.MAPPING, f"{label} {obj.reference} ({obj.name}) has no mapping on {iface.name_fr}",
            SCREEN_INTERFACES, TAB_MAPPINGS, object_type=obj.object_type, object_id=obj.object_id,
            object_code=obj.code, reference=obj.reference, season_id=obj.season_id))
    checked = {"events": len(on_sale), "performances": perf_count, "objects": len(seen)}
    return PreflightReport(iface.id, iface.name_fr, ev.code if ev is not None else None, tuple(items),
                           tuple(notes), checked)
