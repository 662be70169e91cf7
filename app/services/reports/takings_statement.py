"""The takings statement ("relevé de recettes", arrêté du 8 mars 1993) of a day or of a
performance, built from the operations journal alone (so that the statement of a day is
reproducible later, identically): tickets issued per category and tariff with their unit
price, free tickets, cancellations and the management coupons they printed, the takings,
the operation numbers it covers, the identification of the day or performance and the
date and time of printing (the report's generated_at)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select

from app.i18n import _
from app.db.models import JournalOperation
from app.domain.errors import InputError
from app.services.excel_table import CODE, INT, MONEY, TEXT, Column
from app.services.journal import CANCEL_KINDS, DIST_SALE, INVITATION, PRINT, REPRINT, SALE, SALE_KINDS
from app.services.lookup import find_performance
from app.services.schedules.rules import venue_timezone

from .model import Report, ReportParams, Table, now, tr

KIND_LABELS = {
    SALE: ("Box-office sales", "Ventes au guichet"),
    INVITATION: ("Free tickets (invitations)", "Exonérés / gratuits (invitations)"),
    DIST_SALE: ("Distributors' sales", "Ventes des distributeurs"),
    "cancel": ("Cancellations (management coupons)", "Annulations (coupons de gestion)"),
    "dist_cancel": ("Distributors' cancellations", "Annulations des distributeurs"),
    PRINT: ("Tickets printed", "Billets imprimés"),
    REPRINT: ("Tickets reprinted", "Billets réimprimés"),
}


def journal_rows(db, p: ReportParams) -> tuple[list, tuple[str, str], str]:
    """The journal rows of the day or performance, in operation order, and its identification."""
    lang = p.lang
    q = select(JournalOperation.op_no, JournalOperation.kind, JournalOperation.category, JournalOperation.tariff,
               JournalOperation.price, JournalOperation.venue, JournalOperation.show,
               JournalOperation.performance).order_by(JournalOperation.op_no)
    with db.read() as s:
        if p.performance:
            perf = find_performance(s, p.performance)
            q = q.where(JournalOperation.performance_id == perf.id)
            scope = (tr(lang, "Performance", "Séance"),
                     f"{perf.product.code} — {perf.product.name_fr} — {perf.starts_at:%Y-%m-%d %H:%M}")
        elif p.date_from and p.date_to == p.date_from:
            start, end = p.period(venue_timezone(db))
            q = q.where(JournalOperation.at >= start, JournalOperation.at < end)
            scope = (tr(lang, "Day", "Journée"), f"{p.date_from:%Y-%m-%d}")
        else:
            raise InputError(_("the takings statement needs --performance P or --day D"))
        rows = s.execute(q).all()
    venue = ", ".join(sorted({r.venue for r in rows if r.venue})) or "Guichet"
    return rows, scope, venue


def figures(rows) -> dict:
    """The statement's figures from journal rows: per (category, tariff, unit price) the
    tickets issued, cancelled and the takings; per kind the count and amount."""
    by_line: dict = defaultdict(lambda: [0, 0, 0, Decimal("0")])  # issued, free, cancelled, takings
    by_kind: dict = defaultdict(lambda: [0, Decimal("0")])
    for r in rows:
        by_kind[r.kind][0] += 1
        by_kind[r.kind][1] += r.price
        if r.kind in SALE_KINDS or r.kind in CANCEL_KINDS:
            line = by_line[(r.category, r.tariff, abs(r.price))]
            if r.kind in SALE_KINDS:
                line[0] += 1
                line[1] += r.kind == INVITATION
            else:
                line[2] += 1
            line[3] += r.price
    return {"lines": dict(by_line), "kinds": dict(by_kind),
            "takings": sum((v[3] for v in by_line.values()), Decimal("0")),
            "first_no": rows[0].op_no if rows else None, "last_no": rows[-1].op_no if rows else None}


def build(db, p: ReportParams) -> Report:
    lang = p.lang
    rows, scope, venue = journal_rows(db, p)
    f = figures(rows)
    filters = [scope]
    if rows:
        filters.append((tr(lang, "Operations", "Opérations"), f"n° {f['first_no']} – n° {f['last_no']}"))
    report = Report("takings-statement", tr(lang, "Takings statement", "Relevé de recettes"), venue, filters,
                    now(), p.operator, lang)
    report.notes.append(tr(lang, "Built from the operations journal; printed on ",
                           "Établi d'après le journal des opérations ; imprimé le ")
                        + f"{report.generated_at:%Y-%m-%d %H:%M:%S}")
    if not rows:
        report.empty_message = tr(lang, "No ticketing operation for this day or performance.",
                                  "Aucune opération de billetterie pour cette journée ou cette séance.")
        return report
    lines = [[cat, tariff, price, v[0], v[1], v[2], v[0] - v[2], v[3]]
             for (cat, tariff, price), v in sorted(f["lines"].items())]
    report.tables.append(Table(
        tr(lang, "Tickets issued per category and tariff", "Billets émis par catégorie et tarif"),
        tr(lang, "Categories", "Catégories"),
        [Column(tr(lang, "Category", "Catégorie"), TEXT), Column(tr(lang, "Tariff", "Tarif"), TEXT),
         Column(tr(lang, "Unit price", "Prix unitaire"), MONEY),
         Column(tr(lang, "Issued", "Émis"), INT, total=True), Column(tr(lang, "Free", "Gratuits"), INT, total=True),
         Column(tr(lang, "Cancelled", "Annulés"), INT, total=True), Column(tr(lang, "Net", "Nets"), INT, total=True),
         Column(tr(lang, "Takings", "Recette"), MONEY, total=True)], lines))
    kinds = [[k, tr(lang, *KIND_LABELS.get(k, (k, k))), v[0], v[1]]
             for k, v in sorted(f["kinds"].items(), key=lambda kv: list(KIND_LABELS).index(kv[0])
                                if kv[0] in KIND_LABELS else 99)]
    report.tables.append(Table(
        tr(lang, "Operations by kind", "Opérations par nature"), tr(lang, "Operations", "Opérations"),
        [Column(tr(lang, "Kind", "Nature"), CODE), Column(tr(lang, "Operation", "Opération"), TEXT),
         Column(tr(lang, "Count", "Nombre"), INT, total=True),
         Column(tr(lang, "Amount", "Montant"), MONEY, total=True)], kinds, frozenset({0})))
    return report
