"""The Digitick allotment sheet: what to phone in, since Digitick takes no allotment online.
Built by the export's own code (`export.build_allotment`) and read out per row with the
Digitick adapter's `seat_runs`, so the sheet is exactly what an export would send."""

from __future__ import annotations

from app.i18n import _
from app.adapters.digitick import seat_runs
from app.domain.errors import InputError, RuleViolation
from app.services.excel_table import CODE, INT, MONEY, TEXT, Column
from app.services.sync.export import build_allotment
from app.services.lookup import find_performance
from app.services.sync.mapping_resolver import MappingResolver
from app.services.sync.common import load_interface

from .model import Report, ReportParams, Table, now, tr
from .sale_sheet import venue_name


def build(db, p: ReportParams) -> Report:
    lang = p.lang
    if not p.interface or not p.performance:
        raise InputError(_("the Digitick allotment sheet needs --interface and --performance"))
    with db.read() as s:
        info = load_interface(s, p.interface)
        perf = find_performance(s, p.performance)
        built = build_allotment(s, info, MappingResolver.load(s, info.id), perf.id)
        venue = venue_name(s, {perf.hall_id})
    if built.allotment is None:
        missing = "; ".join(what for what, _where in built.missing[:10])
        raise RuleViolation(_("{name}: the allotment of {label} cannot be built, mappings missing: {missing}").format(
            name=info.name, label=built.label, missing=missing))
    a = built.allotment
    filters = [(tr(lang, "Distributor", "Distributeur"), info.name),
               (tr(lang, "Performance", "Séance"), built.label),
               (tr(lang, "Their codes", "Leurs codes"), f"{a.event} / {a.performance}"),
               (tr(lang, "Places", "Places"), str(a.places))]
    report = Report("digitick-allotment", tr(lang, "Allotment to phone in", "Allotement à communiquer"), venue,
                    filters, now(), p.operator, lang)
    runs = seat_runs(a.seats)
    if not runs and not a.quantities:
        report.empty_message = tr(lang, "No places: the allotment is empty.", "Aucune place : l'allotement est vide.")
        return report
    if runs:
        report.tables.append(Table(tr(lang, "Numbered seats", "Places numérotées"), tr(lang, "Seats", "Places"),
                                   [Column("Zone", CODE), Column(tr(lang, "Row", "Rang"), CODE),
                                    Column(tr(lang, "Category", "Catégorie"), CODE),
                                    Column(tr(lang, "Seats", "Places"), TEXT),
                                    Column(tr(lang, "Count", "Nombre"), INT, total=True)],
                                   [list(r) for r in runs]))
    if a.quantities:
        report.tables.append(Table(tr(lang, "Standing places", "Places non numérotées"),
                                   tr(lang, "Standing", "Debout"),
                                   [Column("Zone", CODE), Column(tr(lang, "Category", "Catégorie"), CODE),
                                    Column(tr(lang, "Quantity", "Quantité"), INT, total=True)],
                                   [[q.zone, q.category, q.quantity] for q in a.quantities]))
    prices = getattr(a, "prices", ())
    if prices:
        report.tables.append(Table(tr(lang, "Prices", "Prix"), tr(lang, "Prices", "Prix"),
                                   [Column(tr(lang, "Category", "Catégorie"), CODE),
                                    Column(tr(lang, "Tariff", "Tarif"), CODE),
                                    Column(tr(lang, "Price", "Prix"), MONEY)],
                                   [[x.category, x.tariff, x.price] for x in prices]))
    return report
