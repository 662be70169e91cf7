"""Commands on a performance's inventory: counters, seat allocation, box-office sales."""

from __future__ import annotations

from app.domain.selection import Range, SeatSelection

from app.i18n import _, amount, number

from .common import actor, add_command, emit, open_db


def _selection_options(p) -> None:
    g = p.add_argument_group("selection (--zone … or --first N)")
    g.add_argument("--zone", help=_("zone code (e.g. PAR)"))
    g.add_argument("--block", help=_("block code within the zone"))
    g.add_argument("--rows", help=_("rows A-B (or a single row)"))
    g.add_argument("--numbers", help=_("seat numbers A-B (or a single number)"))
    g.add_argument("--first", type=int, help=_("the first N eligible seats in plan order"))


def _selection(args) -> SeatSelection:
    return SeatSelection(
        zone=args.zone, block=args.block,
        rows=Range.parse(args.rows, "--rows") if args.rows else None,
        numbers=Range.parse(args.numbers, "--numbers") if args.numbers else None,
        first=args.first,
    )


def register(sub) -> None:
    p = add_command(sub, "counts", cmd_counts, _("the counters of a performance's seat plan"))
    p.add_argument("--performance", required=True, metavar="P", help=_("EVENTCODE@YYYY-MM-DD HH:MM or id"))
    p.add_argument("--contingent", metavar="C", help=_("only seats of this contingent"))
    p.add_argument("--category", metavar="K", help=_("only seats of this category"))
    p.add_argument("--include-non-numbered", action="store_true", help=_("count standing places too"))

    seats = sub.add_parser("seats", help=_("allocate, remove, block or unblock seats")).add_subparsers(
        dest="seats_action", metavar="ACTION", required=True)
    for action, text in [("assign", _("assign seats to a contingent")),
                         ("unassign", _("remove seats from their contingent")),
                         ("block", _("block seats (never exported)")), ("unblock", _("unblock seats"))]:
        p = add_command(seats, action, cmd_seats, text)
        p.add_argument("--performance", required=True, metavar="P")
        p.add_argument("--contingent", metavar="C", required=(action == "assign"),
                       help=_("the contingent") if action == "assign" else _("the contingent (only its seats)"))
        _selection_options(p)
        p.set_defaults(action=action)

    p = add_command(sub, "sell", cmd_sell, _("sell seats at the box office (all or none)"))
    p.add_argument("--performance", required=True, metavar="P")
    p.add_argument("--tariff", metavar="T", help=_("tariff code (default: the first, Normal)"))
    p.add_argument("--point-of-sale", metavar="CODE", help=_("point of sale (default: this workstation's)"))
    p.add_argument("--payment", metavar="MODE", required=True, help=_("payment mode of the point of sale (CASH, CARD…)"))
    p.add_argument("--amount-given", metavar="EUR", help=_("cash given by the customer (the change is printed)"))
    p.add_argument("--customer-name", metavar="N", default="")
    p.add_argument("--customer-email", metavar="E", default="")
    p.add_argument("--customer-postcode", metavar="PC", default="")
    _selection_options(p)


def cmd_counts(args) -> int:
    from app.services.inventory.counts import performance_counts

    r = performance_counts(open_db(args), args.performance, contingent=args.contingent,
                           category=args.category, include_non_numbered=args.include_non_numbered)
    labels = [(_("Total"), "total"), (_("Free"), "free"), (_("Locked"), "locked"),
              (_("Blocked"), "blocked"), (_("Reserved"), "reserved"), (_("Sold"), "sold"),
              (_("Invalid"), "invalid"), (_("Sold not controlled"), "sold_not_controlled")]
    d = r.as_dict()
    text = [f"{r.performance.event_name} — {r.performance.label}"
            + (" — " + _("contingent {code}").format(code=r.contingent) if r.contingent else "")
            + (" — " + _("category {code}").format(code=r.category) if r.category else "")]
    text += [f"  {label:<30} {d[key]:>7}" for label, key in labels]
    if r.contingent or r.category:
        text.append(f"  {_('Share of the hall'):<30} {number(r.share_percent, 1):>6} %")
    emit(args, d, "\n".join(text))
    return 0


def cmd_seats(args) -> int:
    from app.services.inventory.allocation import edit_seats

    db = open_db(args)
    result = edit_seats(db, actor(args, db), args.performance, args.action, _selection(args), args.contingent)
    emit(args, {"action": result.action, "changed": result.changed, "skipped": result.skipped,
                "distributor_contingents": list(result.distributor_contingents)}, result.message())
    return 0


def cmd_sell(args) -> int:
    from app.services.inventory.selling import sell

    db = open_db(args)
    from app.services.inventory.payment import Customer, parse_amount

    given = parse_amount(args.amount_given, "--amount-given") if args.amount_given else None
    customer = Customer(args.customer_name, args.customer_email, args.customer_postcode)
    r = sell(db, actor(args, db), args.performance, _selection(args), tariff=args.tariff,
             point_of_sale=args.point_of_sale, payment=args.payment, amount_given=given, customer=customer)
    change = _(", change {amount} EUR").format(amount=amount(r.change)) if r.change is not None else ""
    emit(args, {"order": r.order_reference, "order_id": r.order_id, "seats": list(r.seats), "total": str(r.total),
                "payment_mode": r.payment_mode, "change": str(r.change) if r.change is not None else None,
                "tickets": list(r.ticket_ids)}, r.message() + change)
    return 0
