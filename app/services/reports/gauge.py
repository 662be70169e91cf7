"""The gauge ("jauge par bloc-porte-secteur-niveau"): per performance and zone/block, the
capacity and how it splits (sold, reserved, blocked, locked, invalid, free), then the same
per contingent. The figures are the seat plan's counters (`services.counts` aggregates)."""

from __future__ import annotations

from sqlalchemy import select

from app.i18n import _
from app.db.models import Block, Contingent, Performance, Zone
from app.domain.errors import InputError
from app.domain.seats import Counts
from app.services.inventory.counts import non_numbered_counts, numbered_counts
from app.services.excel_table import CODE, DATETIME, INT, TEXT, Column
from app.services.lookup import find_performance

from .model import Report, ReportParams, Table, now, tr
from .sale_sheet import find_event, venue_name


def _figures(c: Counts) -> list[int]:
    return [c.total, c.sold, c.reserved, c.blocked, c.locked, c.invalid, c.free]


def _count_columns(lang: str) -> list[Column]:
    return [Column(tr(lang, "Capacity", "Capacité"), INT, total=True),
            Column(tr(lang, "Sold", "Vendues"), INT, total=True),
            Column(tr(lang, "Reserved", "Réservées"), INT, total=True),
            Column(tr(lang, "Blocked", "Bloquées"), INT, total=True),
            Column(tr(lang, "Locked", "Verrouillées"), INT, total=True),
            Column(tr(lang, "Invalid", "Invalides"), INT, total=True),
            Column(tr(lang, "Free", "Libres"), INT, total=True)]


def build(db, p: ReportParams) -> Report:
    lang = p.lang
    with db.read() as s:
        if p.performance:
            perfs = [find_performance(s, p.performance)]
            scope = (tr(lang, "Performance", "Séance"), f"{perfs[0].product.code}@{perfs[0].starts_at:%Y-%m-%d %H:%M}")
        elif p.event:
            event = find_event(s, p.event)
            perfs = list(s.scalars(select(Performance).where(Performance.product_id == event.id)
                                   .order_by(Performance.starts_at)))
            scope = (tr(lang, "Event", "Événement"), f"{event.code} — {event.name_fr}")
        else:
            raise InputError(_("the gauge needs --performance or --event"))
        halls = {x.hall_id for x in perfs}
        zones = list(s.scalars(select(Zone).where(Zone.hall_id.in_(halls)).order_by(Zone.hall_id, Zone.sort)))
        blocks = list(s.scalars(select(Block).where(Block.zone_id.in_([z.id for z in zones]))
                                .order_by(Block.zone_id, Block.sort)))
        contingents = {c.id: c for c in s.scalars(select(Contingent))}
        venue = venue_name(s, halls)
        zone_rows, cont_rows = [], []
        for perf in perfs:
            label = f"{perf.product.code}@{perf.starts_at:%Y-%m-%d %H:%M}"
            # One pass over the seats, summed both ways.
            by_block: dict = {}
            by_cont: dict = {}
            for (block, cont), c in numbered_counts(s, perf.id, group_by=("block_id", "contingent_id")).items():
                by_block[block] = by_block.get(block, Counts()) + c
                by_cont[cont] = by_cont.get(cont, Counts()) + c
            by_zone_standing = non_numbered_counts(s, perf.id, group_by="zone_id")
            for z in zones:
                if z.hall_id != perf.hall_id:
                    continue
                if not z.numbered:
                    c = by_zone_standing.get(z.id)
                    if c is not None:
                        zone_rows.append([label, perf.starts_at, z.code, z.name, "", *_figures(c)])
                    continue
                for b in blocks:
                    if b.zone_id == z.id and b.id in by_block:
                        zone_rows.append([label, perf.starts_at, z.code, z.name, b.code, *_figures(by_block[b.id])])
            for k, c in non_numbered_counts(s, perf.id, group_by="contingent_id").items():
                by_cont[k] = by_cont.get(k, Counts()) + c
            order = sorted((k for k in by_cont if k is not None), key=lambda k: contingents[k].code)
            for k in order + ([None] if None in by_cont else []):
                code = contingents[k].code if k else "—"
                name = (contingents[k].name_fr if k else tr(lang, "no contingent", "hors contingent"))
                cont_rows.append([label, perf.starts_at, code, name, *_figures(by_cont[k])])
    report = Report("gauge", tr(lang, "Gauge by zone and block", "Jauge par bloc-porte-secteur-niveau"), venue,
                    [scope], now(), p.operator, lang)
    if not zone_rows:
        report.empty_message = tr(lang, "No performance, or no seat in its hall.",
                                  "Aucune séance, ou aucune place dans sa salle.")
        return report
    head = [Column(tr(lang, "Performance", "Séance"), CODE), Column(tr(lang, "Date", "Date"), DATETIME)]
    report.tables.append(Table(
        tr(lang, "Per performance, zone and block", "Par séance, zone et bloc"), tr(lang, "Zones", "Zones"),
        head + [Column(tr(lang, "Zone", "Zone"), CODE), Column(tr(lang, "Zone name", "Nom de la zone"), TEXT),
                Column(tr(lang, "Block", "Bloc"), CODE)] + _count_columns(lang), zone_rows, frozenset({0})))
    report.tables.append(Table(
        tr(lang, "Per performance and contingent", "Par séance et contingent"),
        tr(lang, "Contingents", "Contingents"),
        head + [Column(tr(lang, "Contingent", "Contingent"), CODE), Column(tr(lang, "Name", "Nom"), TEXT)]
        + _count_columns(lang), cont_rows, frozenset({0})))
    return report
