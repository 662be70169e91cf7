"""`guichet orders` / `guichet order show|cancel`: box-office and reintegrated orders."""

from __future__ import annotations

from app.domain.errors import InputError

from app.i18n import _
from .common import actor, add_command, emit, open_db


def register(sub) -> None:
    p = add_command(sub, "orders", cmd_orders, "box-office and reintegrated orders, newest first")
    p.add_argument("--performance", metavar="P", help="only orders with tickets of this performance")
    order = sub.add_parser("order", help="one order: show it, cancel (refund) it").add_subparsers(
        dest="order_action", metavar="ACTION", required=True)
    p = add_command(order, "show", cmd_show, "an order with its tickets and refunds")
    p.add_argument("id", metavar="ID", help="order id or reference")
    p = add_command(order, "cancel", cmd_cancel, "cancel (refund) an order or some of its tickets")
    p.add_argument("id", metavar="ID", help="order id or reference")
    p.add_argument("--tickets", metavar="T1,T2", help="only these ticket ids")
    p.add_argument("--refund-payment", metavar="MODE", help="refund by this payment mode (default: the sale's)")
    p = add_command(order, "tickets", cmd_tickets, "(re)print an order's valid tickets as a PDF, one page per seat")
    p.add_argument("id", metavar="ID", help="order id or reference")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--tickets", metavar="T1,T2", help="only these ticket ids")


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
    lines = [f"{o.id:>6} {o.reference:<14} {o.created_at:%Y-%m-%d %H:%M} {o.status.value:<9} "
             f"{o.live_tickets:>3}/{o.tickets:<3} {o.total:>9.2f} {o.payment_mode:<8} {o.operator:<10} {o.customer}"
             for o in orders]
    emit(args, [o.as_dict() for o in orders], "\n".join(lines) or "no orders")
    return 0


def cmd_show(args) -> int:
    from app.services.inventory.orders import order_detail

    d = order_detail(open_db(args), args.id)
    o = d.summary
    text = [f"order {o.reference} (id {o.id}) — {o.status.value} — {o.created_at:%Y-%m-%d %H:%M} by {o.operator}",
            f"  point of sale {o.point_of_sale}, payment {o.payment_mode}, total {o.total:.2f} EUR"
            + (f", given {d.amount_given:.2f}" if d.amount_given is not None else "")]
    if o.customer:
        text.append(f"  customer {o.customer} {d.customer_email}".rstrip())
    for t in d.tickets:
        seat = f"{t.zone} {t.block} row {t.row} seat {t.number}" if t.number else t.zone
        text.append(f"  ticket {t.id:>6}  {seat:<34} {t.tariff:<10} {t.price:>8.2f}  {t.state.value}")
    for r in d.refunds:
        text.append(f"  refund {r.at:%Y-%m-%d %H:%M} by {r.operator}: {r.amount:.2f} EUR ({r.payment_mode}), "
                    f"tickets {', '.join(map(str, r.tickets))}")
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
    import os

    tickets = order_tickets(open_db(args), args.id, _ticket_ids(args.tickets),
                            operator=getattr(args, "operator", None) or os.environ.get("GUICHET_OPERATOR", ""))
    tmp = out.with_name(out.name + ".part")
    write_pdf(tickets, tmp)
    tmp.replace(out)  # never a half-written PDF under the asked name
    emit(args, {"file": str(out), "tickets": [t.id for t in tickets]}, f"{len(tickets)} ticket(s) written to {out}")
    return 0
