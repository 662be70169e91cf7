"""`guichet orders` / `guichet order show|cancel`: box-office and reintegrated orders."""

from __future__ import annotations

from app.domain.errors import InputError

from app.i18n import _, amount
from app.i18n.labels import label
from .common import actor, add_command, emit, open_db


def register(sub) -> None:
    p = add_command(sub, "orders", cmd_orders, _("box-office and reintegrated orders, newest first"))
    p.add_argument("--performance", metavar="P", help=_("only orders with tickets of this performance"))
    order = sub.add_parser("order", help=_("one order: show it, cancel (refund) it")).add_subparsers(
        dest="order_action", metavar="ACTION", required=True)
    p = add_command(order, "show", cmd_show, _("an order with its tickets and refunds"))
    p.add_argument("id", metavar="ID", help=_("order id or reference"))
    p = add_command(order, "cancel", cmd_cancel, _("cancel (refund) an order or some of its tickets"))
    p.add_argument("id", metavar="ID", help=_("order id or reference"))
    p.add_argument("--tickets", metavar="T1,T2", help=_("only these ticket ids"))
    p.add_argument("--refund-payment", metavar="MODE", help=_("refund by this payment mode (default: the sale's)"))
    p = add_command(order, "tickets", cmd_tickets, _("(re)print an order's valid tickets as a PDF, one page per seat"))
    p.add_argument("id", metavar="ID", help=_("order id or reference"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--tickets", metavar="T1,T2", help=_("only these ticket ids"))


def _ticket_ids(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise InputError(_("--tickets {text!r}: give ticket ids separated by commas (e.g. 12,13)").format(text=text)) from None


def cmd_orders(args) -> int:
    from app.services.inventory.orders import list_orders

    orders = list_orders(open_db(args), args.performance)
    lines = [f"{o.id:>6} {o.reference:<14} {o.created_at:%Y-%m-%d %H:%M} {label(o.status):<9} "
             f"{o.live_tickets:>3}/{o.tickets:<3} {amount(o.total):>9} {o.payment_mode:<8} {o.operator:<10} {o.customer}"
             for o in orders]
    emit(args, [o.as_dict() for o in orders], "\n".join(lines) or _("no orders"))
    return 0


def cmd_show(args) -> int:
    from app.services.inventory.orders import order_detail

    d = order_detail(open_db(args), args.id)
    o = d.summary
    text = [_("order {reference} (id {id}) — {status} — {created} by {operator}").format(
                reference=o.reference, id=o.id, status=label(o.status), created=f"{o.created_at:%Y-%m-%d %H:%M}",
                operator=o.operator),
            "  " + _("point of sale {pos}, payment {payment}, total {total} EUR").format(
                pos=o.point_of_sale, payment=o.payment_mode, total=amount(o.total))
            + (_(", given {amount}").format(amount=amount(d.amount_given)) if d.amount_given is not None else "")]
    if o.customer:
        text.append(("  " + _("customer {name} {email}").format(name=o.customer, email=d.customer_email)).rstrip())
    for t in d.tickets:
        seat = _("{zone} {block} row {row} seat {number}").format(zone=t.zone, block=t.block, row=t.row,
                                                                  number=t.number) if t.number else t.zone
        text.append(f"  {_('ticket')} {t.id:>6}  {seat:<34} {t.tariff:<10} {amount(t.price):>8}  {label(t.state)}")
    for r in d.refunds:
        text.append("  " + _("refund {at} by {operator}: {amount} EUR ({payment}), tickets {tickets}").format(
            at=f"{r.at:%Y-%m-%d %H:%M}", operator=r.operator, amount=amount(r.amount), payment=r.payment_mode,
            tickets=", ".join(map(str, r.tickets))))
    emit(args, d.as_dict(), "\n".join(text))
    return 0


def cmd_cancel(args) -> int:
    from app.services.inventory.orders import cancel_order

    db = open_db(args)
    r = cancel_order(db, actor(args, db), args.id, _ticket_ids(args.tickets), refund_payment=args.refund_payment)
    emit(args, {"order": r.order_reference, "tickets": list(r.ticket_ids), "refunded": str(r.refunded),
                "payment_mode": r.payment_mode, "order_cancelled": r.order_cancelled}, r.message())
    return 0


def cmd_tickets(args) -> int:
    from pathlib import Path

    from app.services.inventory.tickets import order_tickets, write_pdf

    out = Path(args.output)
    if not out.parent.is_dir():
        raise InputError(_("-o {output}: folder {parent} does not exist").format(output=args.output, parent=out.parent))
    db = open_db(args)
    tickets = order_tickets(db, args.id, _ticket_ids(args.tickets), actor=actor(args, db))
    tmp = out.with_name(out.name + ".part")
    write_pdf(tickets, tmp)
    tmp.replace(out)  # never a half-written PDF under the asked name
    emit(args, {"file": str(out), "tickets": [t.id for t in tickets]}, f"{len(tickets)} ticket(s) written to {out}")
    return 0
