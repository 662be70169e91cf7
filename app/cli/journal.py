"""`guichet journal …`, `guichet backup`, `guichet restore`: the operations journal (issue 17)."""

from __future__ import annotations

from app.i18n import _, amount

from .common import add_command, emit, open_db
from .reports import _day


def register(sub) -> None:
    p = add_command(sub, "journal", cmd_journal, _("the operations journal: list it, verify its chain, export it"))
    p.add_argument("--performance", metavar="P", help=_("EVENTCODE@YYYY-MM-DD HH:MM or id"))
    p.add_argument("--from", dest="date_from", metavar="DATE", help=_("first day, YYYY-MM-DD"))
    p.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day (included), YYYY-MM-DD"))
    actions = p.add_subparsers(dest="journal_action", metavar="ACTION")
    v = add_command(actions, "verify", cmd_verify, _("check the hash chain; names the first broken row (exit 1)"))
    v.add_argument("--from", dest="start", type=int, default=1, metavar="N", help=_("from operation n° N"))
    e = add_command(actions, "export", cmd_export, _("the journal of a period with its hashes (CSV or JSON lines)"))
    e.add_argument("--from", dest="date_from", metavar="DATE", help=_("first day, YYYY-MM-DD"))
    e.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day (included), YYYY-MM-DD"))
    e.add_argument("-o", "--output", required=True, metavar="FILE", help=_("FILE.csv or FILE.jsonl"))
    b = add_command(sub, "backup", cmd_backup, _("copy the whole database to a file (SQLite backup API, pg_dump)"))
    b.add_argument("-o", "--output", required=True, metavar="FILE")
    r = add_command(sub, "restore", cmd_restore, _("restore a backup into an empty database, then verify the journal"))
    r.add_argument("file", metavar="FILE")
    t = sub.add_parser("ticket", help=_("a ticket's mentions; management coupons")).add_subparsers(
        dest="ticket_action", metavar="ACTION", required=True)
    d = add_command(t, "decode", cmd_decode, _("a ticket's coded mentions in clear, from its QR text"))
    d.add_argument("qr", metavar="QR-TEXT")
    c = add_command(t, "coupon", cmd_coupon, _("the management coupons (coupons de gestion) of an order's cancellations"))
    c.add_argument("order", metavar="ORDER", help=_("order reference"))
    c.add_argument("-o", "--output", required=True, metavar="FILE.pdf")


def _period(args):
    from app.domain.errors import InputError

    a, b = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if a and b and a > b:
        raise InputError(_("--from {start} is after --to {end}").format(start=a, end=b))
    return a, b


def cmd_journal(args) -> int:
    from app.services import journal
    from app.services.lookup import find_performance

    a, b = _period(args)
    db = open_db(args)
    try:
        perf = None
        if args.performance:
            with db.read() as s:
                perf = find_performance(s, args.performance).id
        rows = journal.operations(db, performance=perf, day_from=a, day_to=b)
    finally:
        db.dispose()
    kinds = {k: _(w) for k, w in journal.KIND_WORDS.items()}
    width = max(map(len, kinds.values()))
    lines = [f"{r['op_no']:>7} {r['at']:%Y-%m-%d %H:%M:%S} {kinds.get(r['kind'], r['kind']):<{width}} {r['operator']:<10} "
             f"{r['show'][:24]:<24} "
             f"{r['performance']} {r['seat'][:18]:<18} {r['category'][:12]:<12} {r['tariff'][:12]:<12} "
             f"{amount(r['price']):>9} {r['payment']}" for r in rows]
    emit(args, [journal.json_ready(r) for r in rows], "\n".join(lines) if lines else _("no operation"))
    return 0


def cmd_verify(args) -> int:
    from app.services import journal

    db = open_db(args)
    try:
        res = journal.verify(db, start=args.start)
    finally:
        db.dispose()
    emit(args, {"ok": res.ok, "checked": res.checked, "last_no": res.last_no, "broken_no": res.broken_no,
                "reason": res.reason}, res.message())
    return 0 if res.ok else 1


def cmd_export(args) -> int:
    from app.services.journal.backup import export

    a, b = _period(args)
    db = open_db(args)
    try:
        n = export(db, args.output, a, b)
    finally:
        db.dispose()
    emit(args, {"path": args.output, "operations": n}, f"{n} operation(s) written to {args.output}")
    return 0


def cmd_backup(args) -> int:
    from app.db.engine import resolve_url
    from app.services.journal.backup import backup

    url = resolve_url(getattr(args, "database", None))
    open_db(args).dispose()  # a clear message when the database cannot be opened
    path = backup(url, args.output)
    emit(args, {"path": str(path)}, _("backup written to {path}").format(path=path))
    return 0


def cmd_restore(args) -> int:
    from app.db.engine import resolve_url
    from app.services import journal
    from app.services.journal.backup import restore

    url = resolve_url(getattr(args, "database", None))
    restore(url, args.file)
    db = open_db(args)
    try:
        res = journal.verify(db)
    finally:
        db.dispose()
    emit(args, {"restored": args.file, "ok": res.ok, "checked": res.checked, "broken_no": res.broken_no},
         f"restored {args.file}; {res.message()}")
    return 0 if res.ok else 1


def cmd_decode(args) -> int:
    from app.services.inventory.tickets import decode

    db = open_db(args)
    try:
        data = decode(db, args.qr)
    finally:
        db.dispose()
    emit(args, data, "\n".join(f"{k:<13} {v}" for k, v in data.items()))
    return 0


def cmd_coupon(args) -> int:
    from pathlib import Path

    from app.domain.errors import InputError
    from app.services.inventory.tickets import coupon_operations, write_coupon_pdf

    out = Path(args.output)
    if not out.parent.is_dir():
        raise InputError(_("-o {output}: folder {folder} does not exist").format(output=args.output, folder=out.parent))
    db = open_db(args)
    try:
        ops = coupon_operations(db, args.order)
    finally:
        db.dispose()
    tmp = out.with_name(out.name + ".part")
    write_coupon_pdf(ops, tmp)
    tmp.replace(out)
    emit(args, {"file": str(out), "operations": [o["op_no"] for o in ops]},
         f"{len(ops)} management coupon(s) written to {out}")
    return 0
