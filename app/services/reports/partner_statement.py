"""The partner statement ("décompte pour les partenaires"): what one distributor sold and
cancelled over a period, by performance and tariff, its commission when the interface sets
one, and the amount due on the waiting account; then the distributor's held lines of the
period (feed lines it sent that could not be applied), apart. The period is made of the
venue's local days."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import and_, case, func, select

from app.i18n import _
from app.i18n.labels import label
from app.db.models import Hall, HeldLine, Order, Performance, Product, Tariff, Ticket
from app.domain.enums import ErrorClass, HeldStatus, TicketState
from app.domain.errors import InputError
from app.services.excel_table import CODE, DATETIME, INT, MONEY, PERCENT, TEXT, Column
from app.services.lookup import find_interface
from app.services.schedules.rules import to_local, venue_timezone
from app.services.sync.executions import shown_line

from .model import Report, ReportParams, Table, now, tr
from .render import format_value
from .sale_sheet import venue_name

CENT = Decimal("0.01")
_ACTIONS = {"sale": ("sale", "vente"), "cancel": ("cancellation", "annulation")}  # a held line's kind, in words


def period_text(p: ReportParams) -> str:
    lang = p.lang
    if not p.date_from and not p.date_to:
        return tr(lang, "all dates", "toutes dates")
    start = p.date_from.isoformat() if p.date_from else "…"
    end = p.date_to.isoformat() if p.date_to else "…"
    return tr(lang, f"from {start} to {end}", f"du {start} au {end}")


def in_period(column, start, end):
    cond = [column.is_not(None)]
    if start is not None:
        cond.append(column >= start)
    if end is not None:
        cond.append(column < end)
    return and_(*cond)


def build(db, p: ReportParams) -> Report:
    lang = p.lang
    if not p.interface:
        raise InputError(_("the partner statement needs --interface (the distributor)"))
    tz = venue_timezone(db)
    start, end = p.period(tz)
    with db.read() as s:
        iface = find_interface(s, p.interface)
        sold_now = in_period(Ticket.created_at, start, end)
        cancelled_now = in_period(Ticket.cancelled_at, start, end)
        # A ticket sold in the period counts as sold even if cancelled later; a
        # cancellation counts in the period it happened in.
        q = (select(Performance.id, Product.code, Performance.starts_at, Performance.hall_id, Tariff.code,
                    Tariff.name_fr if lang == "fr" else func.coalesce(func.nullif(Tariff.name_en, ""), Tariff.name_fr),
                    func.sum(case((sold_now, 1), else_=0)),
                    func.sum(case((sold_now, Ticket.price), else_=0)),
                    func.sum(case((and_(Ticket.state == TicketState.CANCELLED, cancelled_now), 1), else_=0)),
                    func.sum(case((and_(Ticket.state == TicketState.CANCELLED, cancelled_now), Ticket.price),
                                  else_=0)))
             .select_from(Ticket).join(Order, Order.id == Ticket.order_id)
             .join(Performance, Performance.id == Ticket.performance_id)
             .join(Product, Product.id == Performance.product_id)
             .join(Tariff, Tariff.id == Ticket.tariff_id)
             .where(Order.interface_id == iface.id)
             .group_by(Performance.id, Product.code, Performance.starts_at, Performance.hall_id, Tariff.code,
                       Tariff.name_fr, Tariff.name_en, Tariff.sort)
             .order_by(Performance.starts_at, Product.code, Tariff.sort))
        data = [r for r in s.execute(q).all() if (r[6] or 0) or (r[8] or 0)]
        commission = iface.commission_percent
        waiting = bool(iface.waiting_account)
        name = iface.name_fr
        venue = venue_name(s, {r[3] for r in data} or set(s.scalars(select(Hall.id))))
        held = s.execute(select(HeldLine.created_at, HeldLine.external_ticket_id, HeldLine.action, HeldLine.cause,
                                HeldLine.cause_args, HeldLine.error_class, HeldLine.status)
                         .where(HeldLine.interface_id == iface.id, in_period(HeldLine.created_at, start, end))
                         .order_by(HeldLine.created_at, HeldLine.id)).all()
    rate = Decimal(commission) if commission is not None else None
    cols = [Column(tr(lang, "Performance", "Séance"), CODE), Column(tr(lang, "Date", "Date"), DATETIME),
            Column(tr(lang, "Tariff", "Tarif"), TEXT),
            Column(tr(lang, "Sold", "Vendus"), INT, total=True),
            Column(tr(lang, "Sales", "Ventes"), MONEY, total=True),
            Column(tr(lang, "Cancelled", "Annulés"), INT, total=True),
            Column(tr(lang, "Refunds", "Remboursements"), MONEY, total=True),
            Column(tr(lang, "Gross", "Brut"), MONEY, total=True)]
    if rate is not None:
        cols.append(Column(tr(lang, "Commission", "Commission"), MONEY, total=True))
    cols.append(Column(tr(lang, "Amount due", "Montant dû"), MONEY, total=True))
    rows = []
    for _pid, code, starts, _hall, tcode, tname, sold, sold_amt, canc, canc_amt in data:
        sold_amt = Decimal(sold_amt or 0).quantize(CENT)
        canc_amt = Decimal(canc_amt or 0).quantize(CENT)
        gross = sold_amt - canc_amt
        line = [f"{code}@{starts:%Y-%m-%d %H:%M}", starts, f"{tcode} — {tname}", int(sold or 0), sold_amt,
                int(canc or 0), canc_amt, gross]
        if rate is not None:
            fee = (gross * rate / 100).quantize(CENT)
            line += [fee, gross - fee]
        else:
            line.append(gross)
        rows.append(line)
    filters = [(tr(lang, "Distributor", "Distributeur"), name),
               (tr(lang, "Period", "Période"), period_text(p)),
               (tr(lang, "Commission", "Commission"),
                format_value(rate, PERCENT, lang) if rate is not None else tr(lang, "none set on the interface",
                                                        "aucune sur l'interface")),
               (tr(lang, "Waiting account", "Compte d'attente"), tr(lang, "yes", "oui") if waiting
                else tr(lang, "no", "non"))]
    report = Report("partner-statement", tr(lang, "Partner statement", "Décompte pour les partenaires"), venue,
                    filters, now(), p.operator, lang)
    if not rows and not held:
        report.empty_message = tr(lang, f"No sale and no cancellation by {name} in this period ({period_text(p)}).",
                                  f"Aucune vente ni annulation de {name} sur cette période ({period_text(p)}).")
        return report
    if rows:
        report.tables.append(Table(tr(lang, "By performance and tariff", "Par séance et tarif"),
                                   tr(lang, "Statement", "Décompte"), cols, rows,
                                   note=tr(lang, "Amount due: what the distributor owes on the waiting account "
                                                 "(gross less its commission).",
                                           "Montant dû : ce que le distributeur doit au compte d'attente "
                                           "(brut moins sa commission).")))
    else:
        report.notes.append(tr(lang, f"No sale and no cancellation by {name} in this period.",
                               f"Aucune vente ni annulation de {name} sur cette période."))
    if held:
        report.tables.append(Table(
            tr(lang, "Held lines", "Lignes retenues"), tr(lang, "Held lines", "Lignes retenues"),
            [Column(tr(lang, "Held at", "Retenue le"), DATETIME), Column(tr(lang, "Ticket", "Billet"), CODE),
             Column(tr(lang, "Line", "Ligne"), TEXT), Column(tr(lang, "Cause", "Cause"), TEXT),
             Column(tr(lang, "Class", "Classe"), TEXT), Column(tr(lang, "Status", "Statut"), TEXT)],
            # in the report's language: the cause from its message and arguments (stored in
            # English with them), the class and status in words
            [[to_local(at, tz), ticket, tr(lang, *_ACTIONS.get(action, (action, action))),
              shown_line(cause, "", args, lang)[0], label(cls, ErrorClass, lang), label(status, HeldStatus, lang)]
             for at, ticket, action, cause, args, cls, status in held],
            note=tr(lang, "Lines the distributor sent that could not be applied; one counts above only once "
                          "retried (guichet held-lines retry).",
                    "Lignes envoyées par le distributeur qui n'ont pu être appliquées ; une ligne n'est comptée "
                    "ci-dessus qu'une fois reprise (guichet held-lines retry).")))
    else:
        report.notes.append(tr(lang, "No held line in this period.", "Aucune ligne retenue sur cette période."))
    return report
