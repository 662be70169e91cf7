"""Commands of the schedules and the scheduler: `guichet schedules list|add|pause|resume|
delete` and `guichet scheduler [--once] [--at ISO-DATETIME]` (headless, logs to stderr)."""

from __future__ import annotations

import logging
import signal
import sys
from datetime import datetime

from app.domain.errors import InputError

from app.services.schedules.store import SCHEDULABLE

from app.i18n import _
from app.i18n.labels import label
from .common import actor, add_command, emit, open_db

FUNCTIONS = tuple(f.value for f in SCHEDULABLE)


def register(sub) -> None:
    sch = sub.add_parser("schedules", help=_("schedules (programmations) of the interfaces' functions and of "
                                             "the database backup")) \
        .add_subparsers(dest="schedules_action", metavar="ACTION", required=True)
    p = add_command(sch, "list", cmd_list, _("the schedules, with their next run (venue's time zone)"))
    p.add_argument("--interface", metavar="I", help=_("only this interface's"))
    p = add_command(sch, "add", cmd_add, _("add a schedule; prints its id"))
    p.add_argument("--interface", metavar="I", help=_("interface internal name or id (not with backup)"))
    p.add_argument("--function", required=True, choices=FUNCTIONS)
    p.add_argument("--folder", default="", metavar="DIR", help=_("backup: the folder the copies are written into"))
    p.add_argument("--keep", type=int, metavar="N", help=_("backup: how many copies the folder keeps (default 7)"))
    p.add_argument("--notify", default="", metavar="EMAILS",
                   help=_("backup: who is e-mailed when it fails (comma separated)"))
    p.add_argument("--rrule", required=True, metavar="RRULE",
                   help=_("RFC 5545 rule, e.g. FREQ=DAILY;BYHOUR=3;BYMINUTE=30 or FREQ=MINUTELY;INTERVAL=15"))
    p.add_argument("--first", required=True, metavar="ISO", help=_("first run, venue's wall clock (2026-12-01T03:30)"))
    p.add_argument("--name", default="", help=_("internal name (French)"))
    p.add_argument("--name-en", default="")
    p.add_argument("--start-date", metavar="ISO", help=_("window opens at this date and hour"))
    p.add_argument("--days-before", type=int, metavar="N", help=_("window opens N days before each performance"))
    p.add_argument("--start-hour", default="", metavar="HH:MM", help=_("… at this hour (default 00:00)"))
    p.add_argument("--end-date", metavar="ISO", help=_("window closes at this date and hour"))
    p.add_argument("--days-after", type=int, metavar="M", help=_("window closes M days after each performance"))
    p.add_argument("--end-hour", default="", metavar="HH:MM", help=_("… at this hour (default 23:59)"))
    p.add_argument("--batch-size", type=int, metavar="K")
    p.add_argument("--event", metavar="E", help=_("only this event (code)"))
    p.add_argument("--performance", metavar="P", help=_("only this performance (EVENTCODE@YYYY-MM-DD HH:MM or id)"))
    p.add_argument("--file", default="", metavar="PATH", help=_("file or folder to transfer (Guichet-file interface)"))
    p.add_argument("--manual", action="store_true", help=_("start mode manual: never run by the scheduler"))
    for name, func, text in (("pause", cmd_pause, _("pause a schedule (it runs no more until resumed)")),
                             ("resume", cmd_resume, _("resume a paused schedule (next run computed from now)")),
                             ("delete", cmd_delete, _("delete a schedule (its executions stay in the history)")),
                             ("run", cmd_run_now, _("run a schedule now, once (\"Exécution immédiate\")"))):
        p = add_command(sch, name, func, text)
        p.add_argument("id", type=int)

    p = add_command(sub, "scheduler", cmd_scheduler, _("run due schedules (headless); SIGTERM stops it after the "
                                                     "current batch"))
    p.add_argument("--once", action="store_true", help=_("run what is due at that instant, then exit"))
    p.add_argument("--at", metavar="ISO-DATETIME", help=_("with --once: the instant (venue's wall clock, or with "
                                                        "an offset); default now"))
    p.add_argument("--poll", type=float, default=30.0, metavar="S", help=_("longest wait between looks (default 30)"))


def _when(text: str | None, what: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(_("{what} {text!r}: expected an ISO date and time (e.g. 2026-12-01T03:30)").format(what=what, text=text)) from None


def _row_text(r) -> str:
    mode = label(r.start_mode)
    state = "" if r.enabled else " " + _("PAUSED")
    last = f"{label(r.last_status)} {r.last_run_local:%Y-%m-%d %H:%M}" if r.last_status and r.last_run_local else "-"
    nxt = f"{r.next_run_local:%Y-%m-%d %H:%M}" if r.next_run_local and r.enabled else "-"
    line = (f"{r.id:>5}  {(r.interface or '—')[:18]:<18} {label(r.function)[:24]:<24} {mode:<11}{state:<8} "
            f"{_('next')} {nxt:<16}  {_('last')} {last:<36} {r.name}")
    if r.backup_folder:
        line += "\n       " + _("folder {folder}, keeps {keep}").format(folder=r.backup_folder, keep=r.keep_backups)
    if r.preflight_warning:
        line += "\n       ! " + _("pre-flight:") + " " + r.preflight_warning.replace("\n", "\n                     ")
    return line


def cmd_list(args) -> int:
    from app.services.schedules.store import list_schedules

    rows = list_schedules(open_db(args), interface=args.interface)
    emit(args, [r.as_dict() for r in rows], "\n".join(_row_text(r) for r in rows) if rows else _("no schedules"))
    return 0


def _check_backup_options(args) -> None:
    """The backup's options against the function, each refusal naming its option."""
    from pathlib import Path

    if args.function == "backup":
        if args.interface:
            raise InputError(_("--interface: a database backup runs without an interface"))
        if not args.folder.strip():
            raise InputError(_("--folder is required with --function backup (the folder the copies go into)"))
        if not Path(args.folder).is_dir():
            raise InputError(_("--folder {folder}: not an existing folder").format(folder=args.folder))
        if args.keep is not None and args.keep < 1:
            raise InputError(_("--keep {n}: expected 1 or more").format(n=args.keep))
    else:
        if not args.interface:
            raise InputError(_("--interface is required with --function {function}").format(function=args.function))
        given = [o for o, v in (("--folder", args.folder), ("--keep", args.keep is not None),
                                ("--notify", args.notify)) if v]
        if given:
            raise InputError(_("{options}: only with --function backup").format(options=", ".join(given)))


def cmd_add(args) -> int:
    from app.services.schedules.store import ScheduleInput, get_schedule, save_schedule

    _check_backup_options(args)
    first = _when(args.first, "--first")
    data = ScheduleInput(args.interface, args.function, args.rrule, first,
                         "manual" if args.manual else "automatic", args.name, args.name_en,
                         window_start_date=_when(args.start_date, "--start-date"),
                         window_start_days_before=args.days_before, window_start_time=args.start_hour,
                         window_end_date=_when(args.end_date, "--end-date"), window_end_days_after=args.days_after,
                         window_end_time=args.end_hour, batch_size=args.batch_size, event=args.event,
                         performance=args.performance, file_path=args.file, folder=args.folder,
                         keep_backups=args.keep, notify_emails=args.notify)
    if (args.start_hour and args.days_before is None) or (args.end_hour and args.days_after is None):
        raise InputError(_("--start-hour goes with --days-before, --end-hour with --days-after"))
    db = open_db(args)
    sid, warning = save_schedule(db, actor(args, db), data)
    row = get_schedule(db, sid)
    text = f"{sid}"
    if warning:
        print(f"guichet: schedule #{sid} saved with a pre-flight warning:\n  " + warning.replace("\n", "\n  "),
              file=sys.stderr)
    emit(args, row.as_dict(), text)
    return 0


def _set(args, enabled: bool) -> int:
    from app.services.schedules.store import set_enabled

    db = open_db(args)
    set_enabled(db, actor(args, db), args.id, enabled)
    emit(args, {"id": args.id, "enabled": enabled}, (_("schedule #{id} resumed") if enabled else _("schedule #{id} paused")).format(id=args.id))
    return 0


def cmd_pause(args) -> int:
    return _set(args, False)


def cmd_resume(args) -> int:
    return _set(args, True)


def cmd_delete(args) -> int:
    from app.services.schedules.store import delete_schedule

    db = open_db(args)
    delete_schedule(db, actor(args, db), args.id)
    emit(args, {"id": args.id, "deleted": True}, _("schedule #{id} deleted").format(id=args.id))
    return 0


def _outcome(o) -> dict:
    return {"schedule_id": o.schedule_id, "execution_id": o.execution_id, "status": o.status.value,
            "reason": o.reason, "recovery": o.recovery,
            "performances": list(o.performances) if o.performances is not None else None}


def _outcome_text(o) -> str:
    return _("schedule #{schedule}: execution #{execution} {status}").format(
        schedule=o.schedule_id, execution=o.execution_id, status=label(o.status)) + (f" ({o.reason})" if o.reason else "")


def cmd_run_now(args) -> int:
    from app.services.schedules.scheduler import Scheduler

    db = open_db(args)
    o = Scheduler(db, actor(args, db)).run_now(args.id)
    emit(args, _outcome(o), _outcome_text(o))
    return 1 if o.status.value == "error" else 0


def cmd_scheduler(args) -> int:
    from app.domain.actors import SYSTEM
    from app.services.schedules import rules
    from app.services.schedules.scheduler import Scheduler

    if args.at and not args.once:
        raise InputError(_("--at goes with --once"))
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # not every start's migration check
    db = open_db(args)
    sched = Scheduler(db, SYSTEM)
    if args.once:
        at = _when(args.at, "--at")
        if at is not None:
            tz = rules.venue_timezone(db)
            at = (rules.to_utc(at, tz) if at.tzinfo is None
                  else at.astimezone(rules.timezone.utc).replace(tzinfo=None))
        outcomes = sched.run_due(at)
        emit(args, [_outcome(o) for o in outcomes],
             "\n".join(_outcome_text(o) for o in outcomes) or _("nothing due"))
        return 1 if any(o.status.value == "error" for o in outcomes) else 0

    def on_term(signum, _frame):
        logging.getLogger("guichet.scheduler").info("signal %s: stopping after the current batch", signum)
        sched.stop()

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    sched.serve(poll=args.poll)
    return 0
