"""A new venue's first data (the client's first-run assistant) and its venue-wide settings:
the venue's name and time zone, the box office's sales channel, its payment modes and this
workstation's point of sale; and the verdict on a database a workstation is about to use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from app.db.engine import Database, DatabaseError, make_engine
from app.db.models import PaymentMode, PointOfSale, SalesChannel, Venue, VenueSettings
from app.domain.actors import Actor
from app.domain.enums import ChannelKind, ChannelType
from app.domain.errors import InputError
from app.i18n import N_, _

BOX_OFFICE = "GUICHET"


@dataclass(frozen=True)
class NewVenue:
    name: str
    timezone: str
    point_of_sale_code: str
    point_of_sale_name: str


@dataclass(frozen=True)
class VenueFacts:
    name: str
    timezone: str


def venue_facts(db: Database) -> VenueFacts:
    from app.services.schedules.rules import DEFAULT_TIMEZONE

    with db.read() as s:
        name = s.scalar(select(Venue.name).order_by(Venue.id).limit(1)) or ""
        tz = s.scalar(select(VenueSettings.timezone).where(VenueSettings.id == 1)) or DEFAULT_TIMEZONE
    return VenueFacts(name, tz)


def save_venue(db: Database, actor: Actor, name: str, timezone: str) -> VenueFacts:
    """The venue's name (printed on the reports) and time zone (schedules), managers only."""
    from app.services.schedules.rules import set_venue_timezone, zone

    actor.require_manager(N_("change the venue's settings"))
    name = name.strip()
    if not name:
        raise InputError(_("the venue's name is required"))
    if len(name) > 200:
        raise InputError(_("the venue's name is longer than 200 characters"))
    zone(timezone)
    with db.write() as s:
        venue = s.scalars(select(Venue).order_by(Venue.id).limit(1)).first()
        if venue is None:
            s.add(Venue(name=name))
        else:
            venue.name = name
    set_venue_timezone(db, timezone)
    return VenueFacts(name, timezone)


def create_venue(db: Database, actor: Actor, new: NewVenue) -> str:
    """The venue, the box-office channel with cash, card and cheque, and the point of sale of
    this workstation (kept if its code exists). Returns the point of sale's code."""
    from app.services.inventory.payment import set_workstation_point_of_sale

    code = new.point_of_sale_code.strip().upper()
    pos_name = new.point_of_sale_name.strip()
    if not code or not pos_name:
        raise InputError(_("the point of sale needs a code and a name"))
    if len(code) > 40 or not all(ch.isalnum() or ch in "-_" for ch in code):
        raise InputError(_("point of sale code {code!r}: letters, digits, - and _ only (at most 40)").format(code=code))
    save_venue(db, actor, new.name, new.timezone)
    with db.write() as s:
        modes = []
        for mode_code, mode_name in (("CASH", _("Cash")), ("CARD", _("Bank card")), ("CHEQUE", _("Cheque"))):
            mode = s.scalars(select(PaymentMode).where(PaymentMode.code == mode_code)).first()
            if mode is None:
                mode = PaymentMode(code=mode_code, name=mode_name)
                s.add(mode)
            modes.append(mode)
        channel = s.scalars(select(SalesChannel).where(SalesChannel.code == BOX_OFFICE)).first()
        if channel is None:
            channel = SalesChannel(code=BOX_OFFICE, name_fr="Guichet", name_en="Box office",
                                   kind=ChannelKind.INTERNAL, type=ChannelType.BOX_OFFICE)
            s.add(channel)
            s.flush()
        pos = s.scalars(select(PointOfSale).where(func.upper(PointOfSale.code) == code)).first()
        if pos is None:
            s.add(PointOfSale(code=code, name=pos_name, channel_id=channel.id, payment_modes=modes))
    set_workstation_point_of_sale(db, actor, code)
    return code


# --- a database before using it ------------------------------------------------------------


@dataclass(frozen=True)
class DatabaseProbe:
    """What a workstation would find in a database: `usable` or not, with the verdict in the
    user's words; `empty` (Guichet creates its tables), `upgrade` (older schema), `operators`."""

    usable: bool
    verdict: str
    empty: bool = False
    upgrade: bool = False
    operators: bool = False


def probe_database(url: str) -> DatabaseProbe:
    """Connect without changing anything and say what Guichet would do with this database."""
    from alembic.runtime.migration import MigrationContext

    from app.db.migrate import head_revision
    from app.db.models import Operator

    try:
        engine = make_engine(url)
    except DatabaseError as exc:
        return DatabaseProbe(False, str(exc))
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            tables = set(inspect(conn).get_table_names())
            operators = bool(revision and "operators" in tables
                             and conn.scalar(select(func.count()).select_from(Operator.__table__)))
    except SQLAlchemyError as exc:
        return DatabaseProbe(False, connection_verdict(exc, engine.url))
    finally:
        engine.dispose()
    head = head_revision()
    if revision is None:
        if tables:
            return DatabaseProbe(False, _("Connected to {where}, but this database holds other tables than "
                                          "Guichet's: choose an empty database.").format(where=where))
        return DatabaseProbe(True, _("Connected to {where}. The database is empty: Guichet will create its "
                                     "tables.").format(where=where), empty=True)
    from alembic.script import ScriptDirectory

    from app.db.migrate import alembic_config

    if revision == head:
        return DatabaseProbe(True, _("Connected to {where}. It already holds a Guichet venue: this workstation "
                                     "joins it.").format(where=where), operators=operators)
    try:
        known = ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic's CommandError/ResolutionError: not one of ours
        known = False
    if not known:
        return DatabaseProbe(False, _("Connected to {where}, but its tables were made by a newer Guichet "
                                      "({revision}): update this workstation first.").format(where=where, revision=revision))
    return DatabaseProbe(True, _("Connected to {where}. Its Guichet tables are from an older version: they "
                                 "will be upgraded.").format(where=where), upgrade=True, operators=operators)


def connection_verdict(exc: BaseException, url) -> str:
    """Why a PostgreSQL connection failed, in a manager's words (host, user or database)."""
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None)
    text = str(orig).strip()
    host, port = url.host or "localhost", url.port or 5432
    if state == "28P01" or "password authentication failed" in text:
        return _("The server {host}:{port} refused the password of user {user}.").format(host=host, port=port, user=url.username)
    if state == "28000" or ("role" in text and "does not exist" in text):
        return _("The server {host}:{port} refused user {user} (unknown user, or not allowed from this "
                 "workstation).").format(host=host, port=port, user=url.username)
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return _("The server {host}:{port} has no database {database}: create it (createdb {database}) or "
                 "check its name.").format(host=host, port=port, database=url.database)
    if "no password supplied" in text:
        return _("The server {host}:{port} asks a password for user {user}.").format(host=host, port=port, user=url.username)
    first = text.splitlines()[0] if text else type(orig).__name__
    return _("No PostgreSQL server answers at {host}:{port} ({reason}): check the address and that the server "
             "accepts connections from this workstation.").format(host=host, port=port, reason=first)
