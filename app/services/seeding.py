"""Demo data (the seed's venue, contingents and distributors) and generated stadiums."""

from __future__ import annotations

import getpass
import math
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.i18n import _
from app.db.engine import Database
from app.db.models import (
    ActivityProfile,
    Block,
    Contact,
    Contingent,
    DistributorInterface,
    Hall,
    LogicalConfiguration,
    LogicalConfigurationSeat,
    LogicalConfigurationZone,
    Mapping,
    Operator,
    PaymentMode,
    Performance,
    PerformanceSeat,
    PerformanceZone,
    PointOfSale,
    Price,
    Product,
    SalesChannel,
    Season,
    Seat,
    SeatCategory,
    Tariff,
    Venue,
    Workstation,
    Zone,
)
from app.domain.enums import (
    ChannelKind,
    ChannelType,
    ContingentType,
    DistributorKind,
    MappedObject,
    MappingKind,
    PricePolicy,
    ProductKind,
    ProfileState,
    Role,
)
from app.domain.errors import InputError
from .passwords import hash_secret

SIMULATOR_URL = "http://127.0.0.1:8765"
SEASON_CODE = "A"

# The seed's contingents: name, code, type, exclusive, fill colour, text colour, channel code.
CONTINGENTS = [
    ("Pass", "Pass", ContingentType.OTHER, False, "#B0BEC5", "#1C2B33", None),
    ("Production", "Product", ContingentType.OTHER, False, "#D9C2FF", "#2E0066", None),
    ("Venue series", "VenuSer", ContingentType.OTHER, True, "#FFE08A", "#4D3800", None),
    ("Visites", "Visites", ContingentType.OTHER, False, "#C8F0C8", "#0B4D0B", None),
    ("Collectivités", "Collect", ContingentType.COLLECTIVITY, False, "#F5C6E6", "#5C0040", None),
    ("Collectivités Association", "CollAss", ContingentType.COLLECTIVITY, False, "#E6EE9C", "#3D4200", None),
    ("Collectivités Groupe", "CollGrou", ContingentType.COLLECTIVITY, False, "#D6B3E0", "#3A0047", None),
    ("Datasport", "DSP", ContingentType.EXTERNAL, False, "#9FE2DA", "#00473F", "DSP"),
    ("Digitick", "DGTK", ContingentType.EXTERNAL, False, "#8EC9FF", "#002B57", "DGTK"),
    ("Fichier Stx TDC", "STX2", ContingentType.EXTERNAL, False, "#C9C9C9", "#262626", "STX2"),
    ("FNAC", "FNAC", ContingentType.EXTERNAL, False, "#FFC890", "#AD0057", "FNAC"),
    ("Realtime Interface", "RTI", ContingentType.EXTERNAL, False, "#FFB3B3", "#660000", "RTI"),
    ("Secutix File", "STX", ContingentType.EXTERNAL, False, "#E0E0A0", "#3D3D00", "STX"),
    ("Ticketnet", "TKN", ContingentType.EXTERNAL, False, "#A8E6A1", "#114D0A", "TKN"),
]

# External channels: code, name.
DISTRIBUTOR_CHANNELS = [
    ("DSP", "NTJ Datasport"),
    ("DGTK", "NTJ Digitick"),
    ("STX2", "NTJ Fichier Stx TDC"),
    ("FNAC", "NTJ FNAC"),
    ("RTI", "NTJ Interface temps réel"),
    ("STX", "NTJ Secutix File"),
    ("TKN", "NTJ Ticketnet"),
]
INTERNAL_CHANNELS = [
    ("GUICHET", "Guichet", ChannelType.BOX_OFFICE),
    ("WEB", "Ticketshop", ChannelType.WEB),
    ("ODT", "Office de Tourisme", ChannelType.OTHER),
]

# Interfaces: name, kind, channel, login, (event ext id, perf ext id), tariff ext ids.
INTERFACES = [
    ("NTJ FNAC", DistributorKind.FNAC, "FNAC", "fnac-demo", {"Normal": "0", "Reduced": "15|20|22"}),
    ("NTJ Ticketnet", DistributorKind.TICKETNET, "TKN", "ticketnet-demo", {"Normal": "PT", "Reduced": "RED"}),
    ("NTJ Digitick", DistributorKind.DIGITICK, "DGTK", "digitick-demo", {"Normal": "N", "Reduced": "R"}),
    ("NTJ Secutix File", DistributorKind.GUICHET_FILE, "STX", "", {"Normal": "Normal", "Reduced": "Reduced"}),
]

TARIFFS = [("Normal", "Normal", "Normal"), ("Reduced", "Réduit", "Reduced")]
CATEGORIES = [
    ("Cat1", "Catégorie 1", "#c0392b"),
    ("Cat2", "Catégorie 2", "#d68910"),
    ("Cat3", "Catégorie 3", "#2874a6"),
    ("Cat4", "Catégorie 4 (debout)", "#7d3c98"),
]
PRICES = {"Cat1": (Decimal("120.00"), Decimal("96.00")), "Cat2": (Decimal("85.00"), Decimal("68.00")),
          "Cat3": (Decimal("45.00"), Decimal("36.00")), "Cat4": (Decimal("15.00"), Decimal("12.00"))}


@dataclass(frozen=True)
class SeedResult:
    what: str
    halls: int
    seats: int
    performances: int
    created: bool

    def message(self) -> str:
        if not self.created:
            return _("{what}: already there, nothing changed").format(what=self.what)
        return _("{what}: {seats} seats, {performances} performance(s)").format(what=self.what, seats=self.seats,
                                                                               performances=self.performances)


def _get_or_create(s: Session, model, lookup: dict, **values):
    obj = s.scalars(select(model).filter_by(**lookup)).first()
    if obj is None:
        obj = model(**lookup, **values)
        s.add(obj)
        s.flush()
    return obj


DEMO_PASSWORDS = {"manager": "manager-demo", "caisse": "1234"}  # caisse: a cashier's PIN


def ensure_reference_data(s: Session) -> None:
    """Season, tariffs, categories, payment modes, channels, points of sale, contacts,
    contingents, activity profiles and operators. Idempotent."""
    season = _get_or_create(s, Season, {"code": SEASON_CODE}, name="A - A+1")
    for i, (code, fr, en) in enumerate(TARIFFS):
        _get_or_create(s, Tariff, {"code": code}, name_fr=fr, name_en=en, sort=i)
    for i, (code, name, color) in enumerate(CATEGORIES):
        _get_or_create(s, SeatCategory, {"code": code}, name=name, color=color, sort=i)
    cash = _get_or_create(s, PaymentMode, {"code": "CASH"}, name="Espèces")
    card = _get_or_create(s, PaymentMode, {"code": "CARD"}, name="Carte bancaire")
    cheque = _get_or_create(s, PaymentMode, {"code": "CHEQUE"}, name="Chèque")
    waiting = _get_or_create(s, PaymentMode, {"code": "WAITING"}, name="Compte d'attente", waiting_account=True)
    channels = {}
    for code, name, ctype in INTERNAL_CHANNELS:
        channels[code] = _get_or_create(s, SalesChannel, {"code": code}, name_fr=name, name_en=name,
                                        kind=ChannelKind.INTERNAL, type=ctype)
        pos = _get_or_create(s, PointOfSale, {"code": f"{code}-1"}, channel_id=channels[code].id, name=f"{name} 1")
        if not pos.payment_modes:
            pos.payment_modes = [cash, card, cheque]
    for code, name in DISTRIBUTOR_CHANNELS:
        channels[code] = _get_or_create(s, SalesChannel, {"code": code}, name_fr=name, name_en=name,
                                        kind=ChannelKind.EXTERNAL, type=ChannelType.DISTRIBUTOR)
        pos = _get_or_create(s, PointOfSale, {"code": code}, channel_id=channels[code].id, name=name)
        if not pos.payment_modes:
            pos.payment_modes = [waiting]
        _get_or_create(s, Contact, {"code": code}, name=name.replace("NTJ ", ""), is_organisation=True)
    for name, code, ctype, exclusive, fill, text_colour, channel in CONTINGENTS:
        _get_or_create(
            s, Contingent, {"code": code}, name_fr=name, name_en=name, type=ctype, exclusive=exclusive,
            fill_color=fill, text_color=text_colour, entries_exits=22 if code == "FNAC" else 1,
            target_channel_id=channels[channel].id if channel else None,
            all_internal_channels=channel is None,
        )
    venue_series = s.scalars(select(Contingent).where(Contingent.code == "VenuSer")).one()
    if not venue_series.channels:
        venue_series.all_internal_channels = False
        venue_series.channels = [channels["GUICHET"]]
    for code, ch in channels.items():
        _get_or_create(s, ActivityProfile, {"season_id": season.id, "code": code}, channel_id=ch.id,
                       name_fr=ch.name_fr, state=ProfileState.VALIDATED)
    user = getpass.getuser()
    if s.scalar(select(func.count(Operator.id))) == 0:
        # The demo passwords the README states; a real venue creates its own operators.
        s.add(Operator(login="manager", display_name="Responsable billetterie", role=Role.MANAGER, os_user=user,
                       password_hash=hash_secret(DEMO_PASSWORDS["manager"])))
        s.add(Operator(login="caisse", display_name="Caisse 1", role=Role.CASHIER,
                       password_hash=hash_secret(DEMO_PASSWORDS["caisse"])))
    _get_or_create(s, Workstation, {"name": socket.gethostname()[:80]},
                   point_of_sale_id=s.scalars(select(PointOfSale.id).where(PointOfSale.code == "GUICHET-1")).one())
    s.flush()


def _next_id(s: Session, model) -> int:
    return (s.scalar(select(func.max(model.id))) or 0) + 1


def _bulk_seats(s: Session, hall_id: int, blocks: list[tuple[int, list[tuple[str, int, float, float]]]],
                config_id: int, category_of) -> list[int]:
    """Insert seats fast: explicit ids, driver-level bulk insert.
    `blocks`: (block_id, [(row, number, x, y)]) in plan order."""
    first_id = _next_id(s, Seat)
    seats, lcs = [], []
    seat_id = first_id
    for block_id, rows in blocks:
        for row, number, x, y in rows:
            seats.append((seat_id, hall_id, block_id, row, number, f"{row}-{number}", x, y, seat_id - first_id))
            lcs.append((config_id, seat_id, category_of(block_id, row, number)))
            seat_id += 1
    bulk_insert(s, Seat.__table__, ("id", "hall_id", "block_id", "row", "number", "label", "x", "y", "sort"), seats)
    bulk_insert(s, LogicalConfigurationSeat.__table__, ("config_id", "seat_id", "category_id"), lcs)
    _reset_sequence(s, Seat)
    return list(range(first_id, seat_id))


def _reset_sequence(s: Session, model) -> None:
    """After inserting explicit ids on PostgreSQL, move the id sequence past them."""
    if s.get_bind().dialect.name == "postgresql":
        table = model.__tablename__
        s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"))


def create_performance(s: Session, product: Product, starts_at: datetime, hall: Hall,
                       config: LogicalConfiguration) -> Performance:
    """A performance with its whole inventory: one row per seat, one per standing zone, prices."""
    perf = Performance(product_id=product.id, starts_at=starts_at, hall_id=hall.id, logical_config_id=config.id)
    s.add(perf)
    s.flush()
    conn = s.connection()
    lcs = conn.execute(
        select(LogicalConfigurationSeat.seat_id, LogicalConfigurationSeat.category_id)
        .where(LogicalConfigurationSeat.config_id == config.id)
    ).all()
    bulk_insert(s, PerformanceSeat.__table__, ("performance_id", "seat_id", "category_id", "blocked", "invalid"),
                ((perf.id, sid, cid, False, False) for sid, cid in lcs))
    for z in s.scalars(select(Zone).where(Zone.hall_id == hall.id, Zone.numbered.is_(False))):
        cat = s.scalars(select(LogicalConfigurationZone.category_id).where(
            LogicalConfigurationZone.config_id == config.id, LogicalConfigurationZone.zone_id == z.id)).first()
        if cat is not None:
            s.add(PerformanceZone(performance_id=perf.id, zone_id=z.id, category_id=cat, capacity=z.capacity or 0))
    tariffs = {t.code: t.id for t in s.scalars(select(Tariff))}
    for cat in s.scalars(select(SeatCategory)):
        normal, reduced = PRICES.get(cat.code, (Decimal("30.00"), Decimal("24.00")))
        for code, amount in (("Normal", normal), ("Reduced", reduced)):
            if code in tariffs:
                s.add(Price(performance_id=perf.id, category_id=cat.id, tariff_id=tariffs[code], amount=amount))
    s.flush()
    return perf


# --- The demo opera house -------------------------------------------------------------

# Zones: code, name, level, [(block code, block name, rows, seats per row, x0, y0, curve)]
_OPERA = [
    ("PAR", "Parterre", "0", [("G", "Parterre gauche", 20, 12, -470, 0, 1), ("C", "Parterre centre", 20, 20, -190, 0, 0),
                              ("D", "Parterre droit", 20, 12, 230, 0, -1)]),
    ("B1", "1er balcon", "1", [("G", "1er balcon gauche", 6, 10, -470, 520, 1), ("C", "1er balcon centre", 6, 24, -230, 520, 0),
                               ("D", "1er balcon droit", 6, 10, 270, 520, -1)]),
    ("B2", "2e balcon", "2", [("G", "2e balcon gauche", 6, 10, -470, 720, 1), ("C", "2e balcon centre", 6, 24, -230, 720, 0),
                              ("D", "2e balcon droit", 6, 10, 270, 720, -1)]),
    ("GAL", "Galerie", "3", [("C", "Galerie", 4, None, -300, 920, 0)]),
]
_GALLERY_ROWS = [29, 29, 30, 30]  # brings the hall to exactly 1,526 numbered seats
SEAT = 20.0  # plan units between seat centres


def _opera_category(zone: str, block: str, row: int) -> str:
    if zone == "PAR":
        return "Cat1" if block == "C" and row <= 12 else "Cat2"
    if zone == "B1":
        return "Cat1" if block == "C" else "Cat2"
    if zone == "B2":
        return "Cat2" if block == "C" else "Cat3"
    return "Cat3"


def seed_demo(db: Database) -> SeedResult:
    with db.write() as s:
        ensure_reference_data(s)
        season = s.scalars(select(Season).where(Season.code == SEASON_CODE)).one()
        if s.scalars(select(Product).where(Product.code == "WALKYRIE")).first():
            _ensure_interfaces(s)
            return SeedResult("demo", 1, 1526, 1, False)
        cats = {c.code: c.id for c in s.scalars(select(SeatCategory))}
        venue = Venue(name="Opéra de Guichet")
        s.add(venue)
        s.flush()
        hall = Hall(venue_id=venue.id, code="OPERA", name="Grande salle")
        s.add(hall)
        s.flush()
        config = LogicalConfiguration(hall_id=hall.id, season_id=season.id, code="ESWP", name="Opéra (avec plan)")
        s.add(config)
        s.flush()
        blocks, block_cat = [], {}
        for zi, (zcode, zname, level, zblocks) in enumerate(_OPERA):
            zone = Zone(hall_id=hall.id, code=zcode, name=zname, level=level, sort=zi)
            s.add(zone)
            s.flush()
            for bi, (bcode, bname, nrows, per_row, x0, y0, curve) in enumerate(zblocks):
                block = Block(zone_id=zone.id, code=bcode, name=bname, sort=bi)
                s.add(block)
                s.flush()
                rows = []
                for r in range(1, nrows + 1):
                    n_seats = per_row or _GALLERY_ROWS[r - 1]
                    for n in range(1, n_seats + 1):
                        # Side blocks angle towards the stage.
                        x = x0 + (n - 1) * SEAT
                        y = y0 + (r - 1) * SEAT + curve * (n - 1) * 4
                        rows.append((str(r), n, x, y))
                blocks.append((block.id, rows))
                block_cat[block.id] = (zcode, bcode)
        standing = Zone(hall_id=hall.id, code="DEBOUT", name="Debout (fosse)", level="0", numbered=False,
                        capacity=120, sort=len(_OPERA))
        s.add(standing)
        s.flush()
        s.add(LogicalConfigurationZone(config_id=config.id, zone_id=standing.id, category_id=cats["Cat4"]))

        def category_of(block_id, row, number):
            zcode, bcode = block_cat[block_id]
            return cats[_opera_category(zcode, bcode, int(row))]

        ids = _bulk_seats(s, hall.id, blocks, config.id, category_of)
        event = Product(season_id=season.id, kind=ProductKind.EVENT, code="WALKYRIE", name_fr="La Walkyrie",
                        name_en="Die Walküre", name_es="La valquiria")
        s.add(event)
        for kind, code, name in [(ProductKind.DATED_PASS, "1ENTR", "Pass 1 entrée au théâtre"),
                                 (ProductKind.UNDATED_PASS, "1jour", "Pass 1 journée au théâtre"),
                                 (ProductKind.SERVICE, "Bois", "Boisson"), (ProductKind.ARTICLE, "Cafe", "Café")]:
            s.add(Product(season_id=season.id, kind=kind, code=code, name_fr=name))
        s.flush()
        create_performance(s, event, datetime(2014, 12, 7, 20, 0), hall, config)
        _ensure_interfaces(s)
        return SeedResult("demo", 1, len(ids), 1, True)


def _ensure_interfaces(s: Session) -> None:
    """The demo's distributor interfaces, pointing at the simulator, with their mappings."""
    season = s.scalars(select(Season).where(Season.code == SEASON_CODE)).one()
    event = s.scalars(select(Product).where(Product.code == "WALKYRIE")).first()
    for name, kind, channel_code, login, tariff_ids in INTERFACES:
        if s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == name)).first():
            continue
        channel = s.scalars(select(SalesChannel).where(SalesChannel.code == channel_code)).one()
        iface = DistributorInterface(
            name_fr=name, name_en=name, kind=kind, channel_id=channel.id,
            url="" if kind is DistributorKind.GUICHET_FILE else SIMULATOR_URL, login=login,
            contact_id=s.scalars(select(Contact.id).where(Contact.code == channel_code)).one(),
            waiting_account=True,
            point_of_sale_id=s.scalars(select(PointOfSale.id).where(PointOfSale.code == channel_code)).one(),
            price_policy=PricePolicy.ERROR_IF_DIFFERENT, notify_emails="billetterie@example.org",
            options={"manager_code": "DEMO"} if kind is DistributorKind.FNAC else {},
        )
        s.add(iface)
        s.flush()
        if event is None:
            continue
        maps = [(MappingKind.PRODUCT, MappedObject.EVENT, event.id, "", "WALKYRIE")]
        for perf in event.performances:
            maps.append((MappingKind.PRODUCT, MappedObject.PERFORMANCE, perf.id, "",
                         f"WALKYRIE-{perf.starts_at:%Y%m%d%H%M}"))
            maps.append((MappingKind.LOGICAL_CONFIGURATION, MappedObject.LOGICAL_CONFIGURATION,
                         perf.logical_config_id, "", "ESWP"))
        hall_id = event.performances[0].hall_id if event.performances else None
        for zone in s.scalars(select(Zone).where(Zone.hall_id == hall_id)):
            maps.append((MappingKind.ZONE, MappedObject.ZONE, zone.id, "", zone.code))
            for block in zone.blocks:
                maps.append((MappingKind.ZONE, MappedObject.BLOCK, block.id, "", f"{zone.code}-{block.code}"))
        for cat in s.scalars(select(SeatCategory)):
            # Generic mapping by code: stands for the category in every logical configuration.
            maps.append((MappingKind.SEAT_CATEGORY, MappedObject.SEAT_CATEGORY, None, cat.code, cat.code))
        for tariff in s.scalars(select(Tariff)):
            maps.append((MappingKind.TARIFF, MappedObject.TARIFF, tariff.id, "", tariff_ids[tariff.code]))
        for kind_, otype, oid, ocode, ext in maps:
            s.add(Mapping(interface_id=iface.id, kind=kind_, object_type=otype, object_id=oid,
                          object_code=ocode, season_id=season.id, external_id=ext))
    s.flush()


# --- Generated stadiums ---------------------------------------------------------------

STADIUM_SECTIONS = 40


def seed_stadium(db: Database, seats: int, performances: int = 1) -> SeedResult:
    if seats <= 0 or seats > 500_000:
        raise InputError(_("--seats {seats}: expected between 1 and 500,000").format(seats=seats))
    if performances <= 0 or performances > 200:
        raise InputError(_("--performances {n}: expected between 1 and 200").format(n=performances))
    with db.write() as s:
        ensure_reference_data(s)
        code = "STADE"
        if s.scalars(select(Product).where(Product.code == code)).first():
            return SeedResult(f"stadium {code}", 1, 0, 0, False)
        season = s.scalars(select(Season).where(Season.code == SEASON_CODE)).one()
        cats = {c.code: c.id for c in s.scalars(select(SeatCategory))}
        venue = Venue(name="Stade de Guichet")
        s.add(venue)
        s.flush()
        hall = Hall(venue_id=venue.id, code=f"STADE{seats}", name=f"Stade ({seats:,} places)")
        s.add(hall)
        s.flush()
        config = LogicalConfiguration(hall_id=hall.id, season_id=season.id, code="STADE", name="Stade")
        s.add(config)
        s.flush()
        # Sections side by side round an oval (section 01 at the top, clockwise), rows growing
        # outwards; four stands by where the section faces.
        per_section = math.ceil(seats / STADIUM_SECTIONS)
        seats_per_row = max(10, int(math.sqrt(per_section * 0.8)))
        width = (seats_per_row + 3) * SEAT  # a section and the aisle after it
        # Inner oval of half-axes 1.4k × k whose perimeter holds every section.
        k = STADIUM_SECTIONS * width / (2 * math.pi * math.sqrt((1.4 ** 2 + 1) / 2))
        half_x, half_y = 1.4 * k, k
        stands = [("N", "Tribune Nord"), ("E", "Tribune Est"), ("S", "Tribune Sud"), ("O", "Tribune Ouest")]
        zones = {}
        for i, (zc, zn) in enumerate(stands):
            zones[zc] = Zone(hall_id=hall.id, code=zc, name=zn, level="0", sort=i)
            s.add(zones[zc])
        s.flush()

        def facing(theta: float) -> str:
            c, sn = math.cos(theta), math.sin(theta)
            if abs(sn) >= abs(c):
                return "N" if sn < 0 else "S"  # screen y grows downwards
            return "E" if c > 0 else "O"

        angles = [-math.pi / 2 + 2 * math.pi * (sec + 0.5) / STADIUM_SECTIONS for sec in range(STADIUM_SECTIONS)]
        blocks, block_rows = [], {}
        for sec, theta in enumerate(angles):
            b = Block(zone_id=zones[facing(theta)].id, code=f"{sec + 1:02d}", name=f"Section {sec + 1}", sort=sec)
            s.add(b)
            blocks.append(b)
        s.flush()
        layout = []
        remaining = seats
        cat1, cat2, cat3 = cats["Cat1"], cats["Cat2"], cats["Cat3"]
        for b, theta in zip(blocks, angles):
            count = min(per_section, remaining)
            remaining -= count
            cx, cy = half_x * math.cos(theta), half_y * math.sin(theta)
            nx, ny = half_y * math.cos(theta), half_x * math.sin(theta)  # the oval's outward normal
            norm = math.hypot(nx, ny)
            ux, uy = nx / norm, ny / norm
            vx, vy = -uy, ux  # along the row
            nrows = max(math.ceil(count / seats_per_row), 1)
            rows = []
            for r in range(nrows):
                label = str(r + 1)
                bx, by = cx + r * SEAT * ux, cy + r * SEAT * uy
                for n in range(min(seats_per_row, count - r * seats_per_row)):
                    off = (n - seats_per_row / 2) * SEAT
                    rows.append((label, n + 1, bx + off * vx, by + off * vy))
            # Lower third Cat1, middle Cat2, upper Cat3.
            block_rows[b.id] = [cat1 if 3 * (r + 1) <= nrows else cat2 if 3 * (r + 1) <= 2 * nrows else cat3
                                for r in range(nrows)]
            layout.append((b.id, rows))

        def category_of(block_id, row, number):
            return block_rows[block_id][int(row) - 1]

        ids = _bulk_seats(s, hall.id, layout, config.id, category_of)
        event = Product(season_id=season.id, kind=ProductKind.EVENT, code=code, name_fr="Match au stade",
                        name_en="Stadium match")
        s.add(event)
        s.flush()
        start = datetime(2027, 3, 6, 21, 0)
        for k in range(performances):
            create_performance(s, event, start + timedelta(days=7 * k), hall, config)
        return SeedResult(f"stadium {code}", 1, len(ids), performances, True)
