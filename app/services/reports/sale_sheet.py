"""The sale sheet ("feuille de mise en vente") of one event for one distributor: what it
needs to put the event on sale, our codes beside its external ids, an empty highlighted cell
where it has to give one. Its mapping tables carry the mappings importer's columns, so the
workbook the distributor fills comes straight back with `guichet mappings import`."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from app.i18n import _
from app.db.models import (
    Block, Hall, LogicalConfiguration, LogicalConfigurationSeat, LogicalConfigurationZone, Performance, Price,
    Product, Season, Seat, SeatCategory, Tariff, Venue, Zone,
)
from app.domain.enums import MappedObject, ProductKind
from app.domain.errors import InputError, NotFound
from app.services.excel_table import CODE, DATE, INT, MONEY, TEXT, TIME, Column
from app.services.lookup import find_interface
from app.services.setup.mappings import KIND_OF, PRODUCT_TYPES, _rows, catalogue
from app.services.setup.mappings_excel import COLUMNS as IMPORT_COLUMNS

from .model import Report, ReportParams, Table, now, tr

# The importer's headers in each language (French ones are among its accepted aliases).
_FRENCH_HEADERS = {"kind": "Donnée", "object_type": "Type d'objet", "season": "Saison", "object": "Objet",
                   "local_name": "Nom local", "external_id": "Id externe", "generic": "Générique"}


def _import_header(key: str, lang: str) -> str:
    english = next(title for k, title, _aliases in IMPORT_COLUMNS if k == key)
    return _FRENCH_HEADERS[key] if lang == "fr" else english


def _mapping_columns(lang: str, extra: list[Column]) -> tuple[list[Column], frozenset[int]]:
    """Kind, Object type, Season, Object, Local name, <extra>, External id, Generic.
    Kind and object type are the importer's keys: kept out of the PDF."""
    h = lambda k: _import_header(k, lang)  # noqa: E731
    cols = [Column(h("kind"), CODE), Column(h("object_type"), CODE), Column(h("season"), CODE),
            Column(h("object"), CODE), Column(h("local_name"), TEXT), *extra,
            Column(h("external_id"), CODE, width=18, fill=True), Column(h("generic"), CODE)]
    return cols, frozenset({0, 1})


def find_event(s, code: str | None) -> Product:
    if not code:
        raise InputError(_("the sale sheet needs --event (an event code, e.g. WALKYRIE)"))
    p = s.scalars(select(Product).where(Product.code == code.strip(), Product.kind == ProductKind.EVENT)).first()
    if p is None:
        known = ", ".join(s.scalars(select(Product.code).where(Product.kind == ProductKind.EVENT)
                                    .order_by(Product.code)))
        raise NotFound(_("no event with code {code!r} (known: {known})").format(code=code, known=known or _("none")))
    return p


def venue_name(s, hall_ids) -> str:
    names = s.scalars(select(Venue.name).join(Hall, Hall.venue_id == Venue.id)
                      .where(Hall.id.in_(list(hall_ids))).distinct()).all()
    return ", ".join(sorted(names)) or "Guichet"


def build(db, p: ReportParams) -> Report:
    lang = p.lang
    if not p.interface:
        raise InputError(_("the sale sheet needs --interface (the distributor it is sent to)"))
    with db.read() as s:
        event = find_event(s, p.event)
        iface = find_interface(s, p.interface)
        season = s.get(Season, event.season_id)
        perfs = list(s.scalars(select(Performance).where(Performance.product_id == event.id)
                               .order_by(Performance.starts_at)))
        objects = {o.key: o for o in catalogue(s)}
        mapped = {}
        for r in _rows(s, iface.id, objects):
            mapped[(r.object_type, r.object_id, r.object_code if r.generic else "")] = r
        halls = {h.id: h for h in s.scalars(select(Hall).where(Hall.id.in_({x.hall_id for x in perfs})))}
        config_ids = sorted({x.logical_config_id for x in perfs})
        configs = {c.id: c for c in s.scalars(select(LogicalConfiguration)
                                               .where(LogicalConfiguration.id.in_(config_ids)))}
        # Capacity of each category in each configuration: numbered seats + standing zones.
        capacity: dict[int, int] = defaultdict(int)
        for cat, n in s.execute(select(LogicalConfigurationSeat.category_id, func.count())
                                .where(LogicalConfigurationSeat.config_id.in_(config_ids))
                                .group_by(LogicalConfigurationSeat.category_id)):
            capacity[cat] += int(n)
        for cat, cap in s.execute(select(LogicalConfigurationZone.category_id, Zone.capacity)
                                  .join(Zone, Zone.id == LogicalConfigurationZone.zone_id)
                                  .where(LogicalConfigurationZone.config_id.in_(config_ids))):
            capacity[cat] += int(cap or 0)
        categories = list(s.scalars(select(SeatCategory).where(SeatCategory.id.in_(list(capacity)))
                                    .order_by(SeatCategory.sort, SeatCategory.code)))
        prices = s.execute(select(Price.performance_id, Price.tariff_id, Price.category_id, Price.amount)
                           .where(Price.performance_id.in_([x.id for x in perfs]))).all()
        tariff_ids = {t for _p, t, _c, _a in prices}
        tariffs = list(s.scalars(select(Tariff).where(Tariff.id.in_(tariff_ids)).order_by(Tariff.sort)))
        zones = list(s.scalars(select(Zone).where(Zone.hall_id.in_(list(halls))).order_by(Zone.hall_id, Zone.sort)))
        blocks = list(s.scalars(select(Block).where(Block.zone_id.in_([z.id for z in zones]))
                                .order_by(Block.zone_id, Block.sort)))
        block_seats = dict(s.execute(select(Seat.block_id, func.count()).where(Seat.block_id.in_([b.id for b in blocks]))
                                     .group_by(Seat.block_id)).all())
        venue = venue_name(s, halls)
        iface_name = iface.name_fr

    yes = tr(lang, "yes", "oui")  # both read as yes by the importer

    def row(otype: MappedObject, oid: int | None, info: list, *, generic_ok: bool = False, code: str = ""):
        """One mapping line: the object's mapping if it has one, else an empty cell to fill
        (a category offered in its generic form, by code)."""
        obj = objects.get((otype, oid, ""))
        m = mapped.get((otype, oid, ""))
        if m is None and generic_ok:
            m = mapped.get((otype, None, code))
        if m is not None:
            return [m.kind.value, m.object_type.value, m.season_code, m.reference, obj.name if obj else m.local_name,
                    *info, m.external_id, yes if m.generic else ""]
        generic = generic_ok
        return [KIND_OF[otype].value, otype.value, "" if generic else (obj.season_code if obj else ""),
                code if generic else (obj.reference if obj else ""), obj.name if obj else "", *info, None,
                yes if generic else ""]

    tables = []
    cols, hidden = _mapping_columns(lang, [Column(tr(lang, "Date", "Date"), DATE),
                                           Column(tr(lang, "Time", "Heure"), TIME)])
    rows = [row(PRODUCT_TYPES[event.kind], event.id, [None, None])]
    rows += [row(MappedObject.PERFORMANCE, x.id, [x.starts_at, x.starts_at]) for x in perfs]
    tables.append(Table(tr(lang, "Event and performances", "Événement et séances"),
                        tr(lang, "Performances", "Séances"), cols, rows, hidden))
    cols, hidden = _mapping_columns(lang, [Column(tr(lang, "Hall", "Salle"), TEXT)])
    rows = [row(MappedObject.LOGICAL_CONFIGURATION, c.id, [halls[c.hall_id].name if c.hall_id in halls else ""])
            for c in configs.values()]
    tables.append(Table(tr(lang, "Logical configuration", "Configuration logique"),
                        tr(lang, "Configuration", "Configuration"), cols, rows, hidden))
    cols, hidden = _mapping_columns(lang, [Column(tr(lang, "Capacity", "Capacité"), INT, total=True)])
    rows = [row(MappedObject.SEAT_CATEGORY, c.id, [capacity[c.id]], generic_ok=True, code=c.code)
            for c in categories]
    tables.append(Table(tr(lang, "Seat categories", "Catégories de place"),
                        tr(lang, "Categories", "Catégories"), cols, rows, hidden))
    cols, hidden = _mapping_columns(lang, [])
    tables.append(Table(tr(lang, "Tariffs (audience sub-categories)", "Tarifs (sous-catégories de public)"),
                        tr(lang, "Tariffs", "Tarifs"), cols,
                        [row(MappedObject.TARIFF, t.id, []) for t in tariffs], hidden))
    cols, hidden = _mapping_columns(lang, [Column(tr(lang, "Level", "Niveau"), CODE),
                                           Column(tr(lang, "Seats / capacity", "Places / capacité"), INT,
                                                  total=True)])
    rows = []
    by_zone = defaultdict(list)
    for b in blocks:
        by_zone[b.zone_id].append(b)
    for z in zones:
        zone_seats = sum(block_seats.get(b.id, 0) for b in by_zone[z.id]) if z.numbered else (z.capacity or 0)
        rows.append(row(MappedObject.ZONE, z.id, [z.level, zone_seats]))
        rows += [row(MappedObject.BLOCK, b.id, [z.level, None]) for b in by_zone[z.id]]
    tables.append(Table(tr(lang, "Zones and blocks", "Zones et blocs"), tr(lang, "Zones", "Zones"), cols, rows,
                        hidden, note=tr(lang, "Block lines: their seats count in their zone's line.",
                                        "Lignes de bloc : leurs places comptent dans la ligne de leur zone.")))
    # The price grid: one line per performance and tariff, one column per category.
    amount = {(pid, tid, cid): a for pid, tid, cid, a in prices}
    cols = [Column(tr(lang, "Performance", "Séance"), CODE), Column(tr(lang, "Tariff", "Tarif"), CODE)]
    cols += [Column(c.code, MONEY) for c in categories]
    rows = [[f"{event.code}@{x.starts_at:%Y-%m-%d %H:%M}", t.code, *[amount.get((x.id, t.id, c.id)) for c in categories]]
            for x in perfs for t in tariffs]
    tables.append(Table(tr(lang, "Prices per category", "Prix par catégorie"), tr(lang, "Prices", "Prix"), cols, rows))

    filters = [(tr(lang, "Event", "Événement"), f"{event.code} — {event.name_fr}"),
               (tr(lang, "Season", "Saison"), f"{season.code} ({season.name})" if season else ""),
               (tr(lang, "Distributor", "Distributeur"), iface_name)]
    empty = sum(1 for t in tables[:5] for r in t.rows if r[-2] in (None, ""))
    notes = [tr(lang, f"{empty} external id(s) to fill (highlighted cells). Fill them in the Excel workbook and "
                      f"send it back: it imports as the interface's mappings.",
                f"{empty} id(s) externe(s) à remplir (cases surlignées). Remplissez-les dans le classeur Excel et "
                f"renvoyez-le : il s'importe comme correspondances de l'interface.")]
    return Report("sale-sheet", tr(lang, "Sale sheet", "Feuille de mise en vente"), venue, filters,
                  now(), p.operator, lang, tables, notes=notes)
