"""The takings consolidation ("consolidation des encaissements"): per day, channel, point
of sale and payment mode, the tickets sold and refunded and the net takings, with totals;
then the same totals per payment mode. Days are the venue's local days (its time zone in
`venue_settings`), not UTC's."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from app.db.models import Hall, Order, PaymentMode, Performance, PointOfSale, Product, SalesChannel, Ticket
from app.domain.enums import TicketState
from app.services.excel_table import CODE, DATE, INT, MONEY, TEXT, Column
from app.services.lookup import find_performance

from app.services.schedules.rules import venue_timezone

from .model import Report, ReportParams, Table, local_day_groups, now, tr
from .partner_statement import CENT, in_period, period_text
from .sale_sheet import find_event, venue_name


def build(db, p: ReportParams) -> Report:
    lang = p.lang
    tz = venue_timezone(db)
    start, end = p.period(tz)
    with db.read() as s:
        scope = []
        filters = [(tr(lang, "Period", "Période"), period_text(p))]
        if p.performance:
            perf = find_performance(s, p.performance)
            scope.append(Ticket.performance_id == perf.id)
            filters.append((tr(lang, "Performance", "Séance"), f"{perf.product.code}@{perf.starts_at:%Y-%m-%d %H:%M}"))
        elif p.event:
            event = find_event(s, p.event)
            scope.append(Ticket.performance_id.in_(select(Performance.id).where(Performance.product_id == event.id)))
            filters.append((tr(lang, "Event", "Événement"), f"{event.code} — {event.name_fr}"))
        channel_name = SalesChannel.name_fr if lang == "fr" else func.coalesce(func.nullif(SalesChannel.name_en, ""),
                                                                              SalesChannel.name_fr)
        keys = (SalesChannel.code, channel_name, PointOfSale.code, PaymentMode.code, PaymentMode.name)

        def grouped(when, extra):
            bucket, day_of = local_day_groups(s, when, tz)
            q = (select(bucket, *keys, func.count(Ticket.id), func.coalesce(func.sum(Ticket.price), 0))
                 .select_from(Ticket).join(Order, Order.id == Ticket.order_id)
                 .join(SalesChannel, SalesChannel.id == Order.channel_id)
                 .join(PointOfSale, PointOfSale.id == Order.point_of_sale_id)
                 .outerjoin(PaymentMode, PaymentMode.id == Order.payment_mode_id)
                 .where(in_period(when, start, end), *extra, *scope)
                 .group_by(bucket, *keys))
            return [(day_of(r[0]), *r[1:]) for r in s.execute(q)]

        sold = grouped(Ticket.created_at, [])
        refunded = grouped(Ticket.cancelled_at, [Ticket.state == TicketState.CANCELLED])
        halls = set(s.scalars(select(Performance.hall_id).join(Product))) or set(s.scalars(select(Hall.id)))
        venue = venue_name(s, halls)
    lines: dict[tuple, list] = defaultdict(lambda: [0, Decimal(0), 0, Decimal(0)])
    for day, ch, chname, pos, pm, pmname, n, amount in sold:
        line = lines[(day, ch, chname, pos, pm or "", pmname or "—")]
        line[0] += int(n)
        line[1] += Decimal(amount)
    for day, ch, chname, pos, pm, pmname, n, amount in refunded:
        line = lines[(day, ch, chname, pos, pm or "", pmname or "—")]
        line[2] += int(n)
        line[3] += Decimal(amount)
    report = Report("collections", tr(lang, "Takings consolidation", "Consolidation des encaissements"), venue,
                    filters, now(), p.operator, lang)
    if not lines:
        report.empty_message = tr(lang, f"No takings in this period ({period_text(p)}).",
                                  f"Aucun encaissement sur cette période ({period_text(p)}).")
        return report
    money = lambda v: Decimal(v).quantize(CENT)  # noqa: E731
    cols = [Column(tr(lang, "Day", "Jour"), DATE), Column(tr(lang, "Channel", "Filière"), TEXT),
            Column(tr(lang, "Point of sale", "Point de vente"), CODE),
            Column(tr(lang, "Payment mode", "Mode de paiement"), TEXT),
            Column(tr(lang, "Sold", "Vendus"), INT, total=True), Column(tr(lang, "Sales", "Ventes"), MONEY, total=True),
            Column(tr(lang, "Refunded", "Remboursés"), INT, total=True),
            Column(tr(lang, "Refunds", "Remboursements"), MONEY, total=True),
            Column(tr(lang, "Net takings", "Encaissement net"), MONEY, total=True)]
    rows = []
    by_mode: dict[str, list] = defaultdict(lambda: [0, Decimal(0), 0, Decimal(0)])
    for (day, _ch, chname, pos, _pm, pmname), (n, amount, rn, ramount) in sorted(lines.items()):
        rows.append([day, chname, pos, pmname, n, money(amount), rn, money(ramount), money(amount - ramount)])
        mode = by_mode[pmname]
        for i, v in enumerate((n, amount, rn, ramount)):
            mode[i] += v
    report.tables.append(Table(tr(lang, "Per day, channel, point of sale and payment mode",
                                  "Par jour, filière, point de vente et mode de paiement"),
                               tr(lang, "Takings", "Encaissements"), cols, rows))
    mode_cols = [Column(tr(lang, "Payment mode", "Mode de paiement"), TEXT)] + cols[4:]
    mode_rows = [[name, n, money(a), rn, money(ra), money(a - ra)] for name, (n, a, rn, ra) in sorted(by_mode.items())]
    report.tables.append(Table(tr(lang, "Per payment mode", "Par mode de paiement"),
                               tr(lang, "Payment modes", "Modes de paiement"), mode_cols, mode_rows))
    return report
