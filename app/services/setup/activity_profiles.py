"""Activity profiles ("Profils activité"): which events and tariffs a channel may sell in a
season. List, editor, new / delete / duplicate, and copy from another season."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import ActivityProfile, Product, SalesChannel, Season, Tariff
from app.domain.actors import Actor
from app.domain.enums import ProductKind, ProfileState
from app.domain.errors import InputError, NotFound

from app.services.validation import Checker
from app.i18n import N_, _


@dataclass(frozen=True)
class ProfileData:
    id: int | None
    season_id: int | None
    channel_id: int | None
    code: str
    name_fr: str
    name_en: str = ""
    name_es: str = ""
    state: ProfileState = ProfileState.DRAFT
    all_events: bool = True
    all_tariffs: bool = True
    product_ids: tuple[int, ...] = ()
    tariff_ids: tuple[int, ...] = ()
    # Read-only, for lists:
    season_code: str = ""
    channel_code: str = ""


@dataclass(frozen=True)
class Choice:
    id: int
    code: str
    name: str
    season_id: int | None = None


@dataclass(frozen=True)
class CopyResult:
    copied: tuple[str, ...]
    skipped: tuple[str, ...]  # "CODE: why"

    def message(self) -> str:
        lines = [f"{len(self.copied)} profile(s) copied"]
        lines += [f"not copied: {why}" for why in self.skipped]
        return "\n".join(lines)


def _data(p: ActivityProfile, seasons: dict[int, str], channels: dict[int, str]) -> ProfileData:
    return ProfileData(
        p.id, p.season_id, p.channel_id, p.code, p.name_fr, p.name_en, p.name_es, p.state, p.all_events,
        p.all_tariffs, tuple(sorted(x.id for x in p.products)), tuple(sorted(t.id for t in p.tariffs)),
        seasons.get(p.season_id, ""), channels.get(p.channel_id, ""),
    )


def _names(s):
    return ({x.id: x.code for x in s.scalars(select(Season))},
            {c.id: c.code for c in s.scalars(select(SalesChannel))})


def list_profiles(db: Database, season_id: int | None = None) -> list[ProfileData]:
    with db.read() as s:
        seasons, channels = _names(s)
        q = select(ActivityProfile).order_by(ActivityProfile.season_id, ActivityProfile.code)
        if season_id is not None:
            q = q.where(ActivityProfile.season_id == season_id)
        return [_data(p, seasons, channels) for p in s.scalars(q)]


def get_profile(db: Database, profile_id: int) -> ProfileData:
    with db.read() as s:
        p = s.get(ActivityProfile, profile_id)
        if p is None:
            raise NotFound(_("activity profile {profile_id} no longer exists").format(profile_id=profile_id))
        return _data(p, *_names(s))


def events_and_tariffs(db: Database, season_id: int | None = None) -> tuple[list[Choice], list[Choice]]:
    """What the editor offers: the products of the season, and every tariff."""
    with db.read() as s:
        q = select(Product).order_by(Product.kind, Product.code)
        if season_id is not None:
            q = q.where(Product.season_id == season_id)
        kinds = list(ProductKind)  # events first, then passes, services, articles
        rows = sorted(s.scalars(q), key=lambda p: (kinds.index(p.kind), p.code))
        products = [Choice(p.id, p.code, p.name_fr, p.season_id) for p in rows]
        tariffs = [Choice(t.id, t.code, t.name_fr) for t in s.scalars(select(Tariff).order_by(Tariff.sort))]
        return products, tariffs


def save_profile(db: Database, actor: Actor, data: ProfileData) -> ProfileData:
    actor.require_manager(N_("edit activity profiles"))
    c = Checker("activity profile")
    code = c.code("code", data.code)
    name_fr = c.required("name_fr", data.name_fr, "the internal name (FR)")
    with db.write() as s:
        season = s.get(Season, data.season_id) if data.season_id else None
        if season is None:
            c.add("season", _("choose the season"))
        if (s.get(SalesChannel, data.channel_id) if data.channel_id else None) is None:
            c.add("channel", _("choose the sales channel"))
        if season is not None and code:
            clash = s.scalars(select(ActivityProfile.id).where(ActivityProfile.season_id == season.id,
                                                               func.lower(ActivityProfile.code) == code.lower(),
                                                               ActivityProfile.id != (data.id or 0))).first()
            if clash is not None and clash != data.id:
                c.add("code", _("code {code!r} is already used in season {season_code}").format(code=code, season_code=season.code))
        products = list(s.scalars(select(Product).where(Product.id.in_(data.product_ids))))
        tariffs = list(s.scalars(select(Tariff).where(Tariff.id.in_(data.tariff_ids))))
        if not data.all_events:
            if not products:
                c.add("events", _("tick 'all events' or pick at least one event"))
            elif season is not None and (other := [p.code for p in products if p.season_id != season.id]):
                c.add("events", _("not in season {season}: {events}").format(season=season.code, events=', '.join(other)))
        if not data.all_tariffs and not tariffs:
            c.add("tariffs", _("tick 'all tariff types' or pick at least one tariff"))
        c.done()
        p = s.get(ActivityProfile, data.id) if data.id else ActivityProfile()
        if p is None:
            raise NotFound(_("activity profile {id} no longer exists").format(id=data.id))
        p.season_id, p.channel_id, p.code, p.name_fr = season.id, data.channel_id, code, name_fr
        p.name_en, p.name_es, p.state = data.name_en.strip(), data.name_es.strip(), data.state
        p.all_events, p.all_tariffs = data.all_events, data.all_tariffs
        p.products = [] if data.all_events else products
        p.tariffs = [] if data.all_tariffs else tariffs
        s.add(p)
        s.flush()
        return _data(p, *_names(s))


def delete_profile(db: Database, actor: Actor, profile_id: int) -> None:
    actor.require_manager(N_("delete activity profiles"))
    with db.write() as s:
        p = s.get(ActivityProfile, profile_id)
        if p is None:
            raise NotFound(_("activity profile {profile_id} no longer exists").format(profile_id=profile_id))
        p.products, p.tariffs = [], []
        s.flush()
        s.delete(p)


def _free_code(taken: set[str], base: str) -> str:
    for i in range(1, 1000):
        code = f"{base}-{i}" if i > 1 else f"{base}-COPY"
        if code not in taken and len(code) <= 40:
            return code
    raise InputError(_("no free code left for a copy of {base}").format(base=base))


def duplicate_profile(db: Database, actor: Actor, profile_id: int, code: str | None = None) -> ProfileData:
    """A copy in the same season, as a draft (to validate after review)."""
    actor.require_manager(N_("duplicate activity profiles"))
    src = get_profile(db, profile_id)
    with db.read() as s:
        taken = set(s.scalars(select(ActivityProfile.code).where(ActivityProfile.season_id == src.season_id)))
    new_code = code or _free_code(taken, src.code[:33])
    return save_profile(db, actor, replace(src, id=None, code=new_code, state=ProfileState.DRAFT,
                                           name_fr=f"{src.name_fr} (copy)"[:200]))


def copy_from_season(db: Database, actor: Actor, from_season_id: int, to_season_id: int,
                     profile_ids: list[int] | None = None) -> CopyResult:
    """Copy profiles to another season (as drafts). Events are matched by code in the target
    season; a profile whose code is taken there, or whose events do not exist there, is
    skipped and says why. All copies or none are saved."""
    actor.require_manager(N_("copy activity profiles"))
    if from_season_id == to_season_id:
        raise InputError(_("pick another season to copy from"))
    copied, skipped = [], []
    with db.write() as s:
        src_season, dst_season = s.get(Season, from_season_id), s.get(Season, to_season_id)
        if src_season is None or dst_season is None:
            raise NotFound(_("this season no longer exists"))
        taken = set(s.scalars(select(ActivityProfile.code).where(ActivityProfile.season_id == dst_season.id)))
        dst_products = {p.code: p for p in s.scalars(select(Product).where(Product.season_id == dst_season.id))}
        q = select(ActivityProfile).where(ActivityProfile.season_id == src_season.id).order_by(ActivityProfile.code)
        if profile_ids:
            q = q.where(ActivityProfile.id.in_(profile_ids))
        for p in s.scalars(q).all():
            if p.code in taken:
                skipped.append(f"{p.code}: already exists in season {dst_season.code}")
                continue
            missing = [x.code for x in p.products if x.code not in dst_products]
            if not p.all_events and missing:
                skipped.append(f"{p.code}: no event {', '.join(missing)} in season {dst_season.code}")
                continue
            s.add(ActivityProfile(
                season_id=dst_season.id, channel_id=p.channel_id, code=p.code, name_fr=p.name_fr,
                name_en=p.name_en, name_es=p.name_es, state=ProfileState.DRAFT, all_events=p.all_events,
                all_tariffs=p.all_tariffs, products=[dst_products[x.code] for x in p.products],
                tariffs=list(p.tariffs)))
            taken.add(p.code)
            copied.append(p.code)
        s.flush()
    return CopyResult(tuple(copied), tuple(skipped))


def list_seasons(db: Database) -> list[Choice]:
    with db.read() as s:
        return [Choice(x.id, x.code, x.name) for x in s.scalars(select(Season).order_by(Season.code))]


def add_season(db: Database, actor: Actor, code: str, name: str) -> Choice:
    actor.require_manager(N_("add seasons"))
    c = Checker("season")
    code = c.code("code", code)
    name = c.required("name", name, "the name")
    with db.write() as s:
        if code and s.scalars(select(Season.id).where(Season.code == code)).first():
            c.add("code", _("season {code!r} already exists").format(code=code))
        c.done()
        x = Season(code=code, name=name)
        s.add(x)
        s.flush()
        return Choice(x.id, x.code, x.name)
