"""Commands of the synchronisation engine: run a function of an interface, import a sales
file, list executions and show (or export) one execution's log, list/retry/dismiss held lines."""

from __future__ import annotations

import sys

from app.adapters.registry import offered_functions
from app.i18n import _, ngettext
from app.i18n.labels import label
from app.services.sync.count_labels import counts_text

from .common import actor, add_command, emit, open_db

# What `run` dispatches: every function some registered distributor offers (the counts are
# run by hand only: not in SCHEDULABLE).
FUNCTIONS = tuple(f.value for f in offered_functions())
FORMATS = ("fnac-csv", "ticketnet", "guichet-csv", "xlsx")


def register(sub) -> None:
    p = add_command(sub, "run", cmd_run, _("run one function of a distributor interface (one execution)"))
    p.add_argument("--interface", metavar="I", help=_("interface internal name (e.g. \"NTJ FNAC\") or id"))
    p.add_argument("--function", choices=FUNCTIONS, help=_("what to run"))
    p.add_argument("--performance", metavar="P", help=_("EVENTCODE@YYYY-MM-DD HH:MM or id (default: every "
                                                       "performance of the interface)"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would change; send and write nothing"))
    p.add_argument("--batch-size", type=int, metavar="N", help=_("lines (or seats) per batch / transaction"))
    p.add_argument("--pending", action="store_true",
                   help=_("run the executions queued by the seat plan instead (optionally of --interface)"))

    p = add_command(sub, "import-sales", cmd_import_sales, _("reintegrate a distributor's sales file by hand"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--interface", required=True, metavar="I", help=_("interface internal name or id"))
    p.add_argument("--format", choices=FORMATS, help=_("file format (default: recognised from the file)"))
    p.add_argument("--performance", metavar="P", help=_("the performance of a file whose lines name none (a Fnac "
                                                       "statement's title names it: checked against this)"))
    p.add_argument("--dry-run", action="store_true", help=_("preview: lines, totals, errors; write nothing"))
    p.add_argument("--batch-size", type=int, metavar="N", help=_("commit every N lines instead of all or nothing"))

    p = add_command(sub, "executions", cmd_executions, _("the execution history"))
    p.add_argument("--interface", metavar="I")
    p.add_argument("--status", metavar="S", help=_("pending, running, ok, warning, held (done with held lines) or error"))
    p.add_argument("--limit", type=int, default=20, metavar="N", help=_("how many, newest first (default 20)"))
    p.add_argument("--schedule", type=int, metavar="ID", help=_("only the runs of this schedule"))

    ex = sub.add_parser("execution", help=_("one execution")).add_subparsers(dest="execution_action", metavar="ACTION",
                                                                          required=True)
    p = add_command(ex, "show", cmd_execution_show, _("an execution's summary and log"))
    p.add_argument("id", type=int)
    p.add_argument("--export", metavar="FILE.xlsx", help=_("also write the log to an Excel workbook"))
    p = add_command(ex, "rerun", cmd_execution_rerun, _("run an execution again (never duplicates)"))
    p.add_argument("id", type=int)

    p = add_command(sub, "held-lines", cmd_held_lines, _("the feed lines reintegration holds (list, retry, dismiss)"))
    p.add_argument("--interface", metavar="I", help=_("only this interface's held lines"))
    p.add_argument("--all", action="store_true", help=_("also the lines retried or dismissed"))
    held = p.add_subparsers(dest="held_action", metavar="ACTION")
    q = add_command(held, "retry", cmd_held_retry, _("apply a held line again after the fix (with its ticket's "
                                                  "later lines)"))
    q.add_argument("id", type=int)
    q = add_command(held, "dismiss", cmd_held_dismiss, _("give up a held line (with its ticket's later lines)"))
    q.add_argument("id", type=int)
    q.add_argument("--reason", required=True, metavar="R", help=_("why (kept with the line and logged)"))


def _echo():
    """Progress lines on a terminal, silence otherwise."""
    if not sys.stderr.isatty():
        return None

    def echo(line):
        cls = f" [{label(line.error_class)}]" if line.error_class else ""
        where = f" {line.where}:" if line.where else ""
        print(f"  {label(line.level)}{cls}{where} {line.message}", file=sys.stderr)

    return echo


def _print_result(args, r) -> int:
    data = {"execution": r.execution_id, "function": r.function.value, "status": r.status.value,
            "counts": r.counts, "first_error_class": r.first_error_class.value if r.first_error_class else None,
            "first_error": r.first_error, "dry_run": r.dry_run}
    text = r.summary()
    if r.preview:
        data["preview"] = r.preview
        errs = r.preview.get("errors", [])
        if errs:
            text += "\n  errors:\n" + "\n".join(f"    [{e['class']}] {e['where']}: {e['message']}" for e in errs[:50])
            if len(errs) > 50:
                text += f"\n    … and {len(errs) - 50} more (guichet execution show {r.execution_id})"
    emit(args, data, text)
    return 1 if r.status.value in ("error", "held") else 0  # held lines need someone's action


def _check_offered(db, interface, function: str) -> None:
    """A function the interface's distributor does not offer is refused in one line (exit 2)
    before any execution is recorded."""
    from app.adapters.registry import function_refusal
    from app.domain.errors import InputError
    from app.services.lookup import find_interface

    with db.read() as s:
        iface = find_interface(s, interface)
        name, kind = iface.name_fr, iface.kind
    refusal = function_refusal(kind, function)
    if refusal:
        raise InputError(_("interface {name!r}: {refusal}").format(name=name, refusal=refusal))


def cmd_run(args) -> int:
    from app.domain.errors import InputError
    from app.services.sync import runner
    from app.services.lookup import find_interface

    if args.batch_size is not None and args.batch_size <= 0:  # refused before any work: no execution recorded
        raise InputError(_("--batch-size {batch_size}: expected a positive number").format(batch_size=args.batch_size))
    db = open_db(args)
    who = actor(args, db)
    if args.pending:
        iface = None
        if args.interface:
            with db.read() as s:
                iface = find_interface(s, args.interface).id
        results = runner.run_pending(db, who, interface_id=iface)
        if not results:
            emit(args, [], _("no pending execution"))
            return 0
        worst = 0
        for r in results:
            worst = max(worst, _print_result(args, r))
        return worst
    if not args.interface or not args.function:
        raise InputError(_("run needs --interface I and --function {functions} (or --pending)").format(
            functions="|".join(FUNCTIONS)))
    _check_offered(db, args.interface, args.function)
    from app.services.sync.manual_runs import allocated_sold_counts, run_by_hand

    if args.function == "allocated-sold-counts":  # one run of the interface at a time, as the others
        from app.services.sync import interface_claim
        from app.services.sync.manual_runs import InterfaceBusy, busy_message

        iid = _interface_id(db, args.interface)
        with interface_claim.hold(db, iid) as held:
            if not held:
                raise InterfaceBusy(busy_message(db, iid))
            out = allocated_sold_counts(db, who, iid, args.performance, echo=_echo())
        data = [{"performance": c.label, "ours_allocated": c.ours_allocated, "ours_sold": c.ours_sold,
                 "theirs_allocated": c.theirs_allocated, "theirs_sold": c.theirs_sold, "action": c.action,
                 "problem": c.problem} for c in out.rows]
        def fig(v):
            return "?" if v is None else str(v)
        text = "\n".join([f"{'performance':<24} {'ours alloc/sold':>16} {'theirs alloc/sold':>18}  action"] + [
            f"{c.label:<24} {fig(c.ours_allocated) + '/' + str(c.ours_sold):>16} "
            f"{fig(c.theirs_allocated) + '/' + fig(c.theirs_sold):>18}  {c.action or c.problem or '-'}" for c in out.rows])
        emit(args, {"execution": out.result.execution_id, "status": out.result.status.value, "rows": data},
             text + "\n" + out.result.summary())
        return 1 if out.result.status.value == "error" else 0
    r = run_by_hand(db, who, args.interface, args.function, performance=args.performance, dry_run=args.dry_run,
                    batch_size=args.batch_size, echo=_echo())
    return _print_result(args, r)


def _interface_id(db, interface) -> int:
    from app.services.lookup import find_interface

    with db.read() as s:
        return find_interface(s, interface).id


def cmd_import_sales(args) -> int:
    """The file is read and checked first: a refused file exits 2 with nothing recorded; once
    the import ran, an execution in error exits 1."""
    from app.domain.errors import InputError
    from app.services.sync.reintegration import import_sales_file
    from app.services.sync.sales_files import prepare_sales_file

    if args.batch_size is not None and args.batch_size <= 0:
        raise InputError(_("--batch-size {batch_size}: expected a positive number").format(batch_size=args.batch_size))
    db = open_db(args)
    who = actor(args, db)
    prepared = prepare_sales_file(db, args.interface, args.file, args.format, args.performance)
    r = import_sales_file(db, who, args.interface, args.file, args.format, dry_run=args.dry_run,
                          performance=prepared.performance, batch_size=args.batch_size, echo=_echo(),
                          parsed=prepared.parsed)
    return _print_result(args, r)


def cmd_executions(args) -> int:
    from app.services.sync.executions import list_executions

    rows = list_executions(open_db(args), interface=args.interface, status=args.status, limit=args.limit,
                           schedule_id=args.schedule)
    lines = [f"{'id':>6}  {_('created'):<19}  {_('interface'):<20} {_('function'):<24} {_('trigger'):<16} "
             f"{_('status'):<29} {_('first error')}"]
    for e in rows:
        fe = f"[{label(e.first_error_class)}] {e.first_error}" if e.first_error_class else ""
        if not fe and e.counts.get("skipped"):  # a skipped slot: why, in the reader's language
            fe = str(e.counts["skipped"])
        lines.append(f"{e.id:>6}  {e.created_at:%Y-%m-%d %H:%M:%S}  {e.interface[:20]:<20} "
                     f"{label(e.function)[:24]:<24} {label(e.trigger)[:16]:<16} {label(e.status)[:29]:<29} {fe[:100]}")
    emit(args, [e.as_dict() for e in rows], "\n".join(lines) if rows else _("no executions"))
    return 0


def cmd_execution_show(args) -> int:
    from app.services.sync.executions import execution_detail, export_log_xlsx

    db = open_db(args)
    info, logs = execution_detail(db, args.id)
    text = [_("execution #{id} — {interface} — {function} ({trigger})").format(
                id=info.id, interface=info.interface, function=label(info.function), trigger=label(info.trigger)),
            "  " + _("status: {status}   created {created}").format(status=label(info.status),
                                                                   created=f"{info.created_at:%Y-%m-%d %H:%M:%S}")
            + ("   " + _("ended {ended}").format(ended=f"{info.ended_at:%Y-%m-%d %H:%M:%S}") if info.ended_at else "")
            + ("   " + _("rerun of #{id}").format(id=info.rerun_of_id) if info.rerun_of_id else "")]
    if info.counts:
        text.append("  " + _("counts: {counts}").format(counts=counts_text(info.counts)))
    if info.first_error_class:
        text.append("  " + _("FIRST ERROR [{error_class}]: {error}").format(error_class=label(info.first_error_class), error=info.first_error))
    text.append("  " + _("log:"))
    for e in logs:
        mark = ">>" if e.first else "  "
        cls = f" [{label(e.error_class)}]" if e.error_class else ""
        where = f" {e.where}:" if e.where else ""
        text.append(f"  {mark} {e.at:%H:%M:%S} {label(e.level)}{cls}{where} {e.message}")
    if args.export:
        path = export_log_xlsx(db, args.id, args.export)
        text.append(_("log written to {path}").format(path=str(path)))
    emit(args, {**info.as_dict(), "log": [e.as_dict() for e in logs]}, "\n".join(text))
    return 0


def cmd_execution_rerun(args) -> int:
    from app.services.sync.runner import rerun_execution

    db = open_db(args)
    return _print_result(args, rerun_execution(db, actor(args, db), args.id))


def cmd_held_lines(args) -> int:
    from app.services.sync.held_lines import list_held_lines

    rows = list_held_lines(open_db(args), args.interface, status=None if args.all else _held())
    lines = [f"{'id':>6}  {_('held on'):<16}  {_('interface'):<18} {_('ticket'):<16} {_('action'):<12} "
             f"{_('class'):<15} {_('cause')}"]
    for h in rows:
        state = "" if h.status.value == "held" else f" ({label(h.status)}{': ' + h.reason if h.reason else ''})"
        lines.append(f"{h.id:>6}  {h.created_at:%Y-%m-%d %H:%M}  {h.interface[:18]:<18} {h.external_ticket_id[:16]:<16} "
                     f"{_held_action(h.action):<12} {label(h.error_class):<15} {h.cause}{state}")
    emit(args, [h.as_dict() for h in rows], "\n".join(lines) if rows else _("no held lines"))
    return 0


def _held_action(action: str) -> str:
    """A held line's action (the feed's "sale" or "cancel") in the reader's words."""
    return {"sale": _("sale"), "cancel": _("cancellation")}.get(action, action)


def _held():
    from app.domain.enums import HeldStatus

    return HeldStatus.HELD


def cmd_held_retry(args) -> int:
    from app.services.sync.held_lines import retry_held_line

    db = open_db(args)
    return _print_result(args, retry_held_line(db, actor(args, db), args.id, echo=_echo()))


def cmd_held_dismiss(args) -> int:
    from app.services.sync.held_lines import dismiss_held_line

    db = open_db(args)
    n = dismiss_held_line(db, actor(args, db), args.id, args.reason)
    emit(args, {"dismissed": n, "id": args.id, "reason": args.reason}, ngettext("{n} held line dismissed: {reason}", "{n} held lines dismissed: {reason}", n).format(n=n, reason=args.reason))
    return 0
