"""Reading and editing schedules: the overview rows, the editor's data, pause / resume /
delete, and the pre-flight check on saving an automatic schedule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update

from app.adapters.registry import function_refusal, offered_functions
from app.db.engine import Database
from app.db.models import DistributorInterface, Execution, Performance, Product, Schedule, utcnow
from app.domain.actors import Actor
from app.domain.enums import DistributorKind, ExecutionStatus, StartMode, SyncFunction
from app.i18n import N_, _
from app.domain.errors import InputError, NotFound

from . import rules
from .windows import Window

# The functions a schedule can run: those the engine runs (allocated-sold counts are not run
# yet) that a registered distributor offers, each interface only its distributor's; and the
# database's backup, which needs no interface.
SCHEDULABLE = offered_functions((SyncFunction.EXPORT_ALLOTMENTS, SyncFunction.REINTEGRATE_SALES)) + (
    SyncFunction.BACKUP,)
KEEP_BACKUPS = 7  # copies a backup schedule keeps in its folder unless told otherwise


@dataclass
class ScheduleInput:
    """What the editor (or `schedules add`) gives; times are the venue's wall clock."""

    interface: str | int | None  # None (or "") for the backup
    function: SyncFunction | str
    rrule: str  # "FREQ=…" (RRULE body)
    first_run: datetime  # local wall-clock time of the first run
    start_mode: StartMode | str = StartMode.AUTOMATIC
    name_fr: str = ""
    name_en: str = ""
    name_es: str = ""
    window_start_date: datetime | None = None
    window_start_days_before: int | None = None
    window_start_time: str = ""
    window_end_date: datetime | None = None
    window_end_days_after: int | None = None
    window_end_time: str = ""
    batch_size: int | None = None
    event: str | int | None = None  # an event code
    performance: str | int | None = None  # EVENT@YYYY-MM-DD HH:MM or id
    file_path: str = ""
    folder: str = ""  # the backup's folder
    keep_backups: int | None = None  # the backup's copies kept (KEEP_BACKUPS when None)
    notify_emails: str = ""  # who the backup e-mails when it fails (comma separated)


@dataclass(frozen=True)
class ScheduleRow:
    """One line of the Programmation overview (and of the interface's Programmations tab)."""

    id: int
    interface_id: int | None  # None: the backup
    interface: str  # "" for the backup
    interface_kind: DistributorKind | None
    function: SyncFunction
    name: str  # internal (French) name
    name_en: str
    start_mode: StartMode
    enabled: bool
    rrule: str
    next_run_local: datetime | None
    last_run_local: datetime | None
    last_status: ExecutionStatus | None
    last_execution_id: int | None
    preflight_warning: str
    error_count: int
    window: str
    performance_id: int | None
    product_id: int | None
    batch_size: int | None
    file_path: str
    data: dict = field(default_factory=dict)  # the editor's fields
    backup_folder: str = ""
    keep_backups: int = KEEP_BACKUPS
    notify_emails: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "interface": self.interface, "interface_id": self.interface_id,
                "interface_kind": self.interface_kind.value if self.interface_kind else None, "function": self.function.value, "name": self.name,
                "name_en": self.name_en, "start_mode": self.start_mode.value, "enabled": self.enabled,
                "rrule": self.rrule, "next_run": _iso(self.next_run_local), "last_run": _iso(self.last_run_local),
                "last_status": self.last_status.value if self.last_status else None,
                "last_execution_id": self.last_execution_id, "preflight_warning": self.preflight_warning,
                "error_count": self.error_count, "window": self.window, "performance_id": self.performance_id,
                "product_id": self.product_id, "batch_size": self.batch_size, "file_path": self.file_path,
                "backup_folder": self.backup_folder, "keep_backups": self.keep_backups,
                "notify_emails": self.notify_emails}


def _iso(d: datetime | None) -> str | None:
    return d.isoformat(sep=" ", timespec="minutes") if d else None


def _function(value) -> SyncFunction:
    try:
        f = SyncFunction(value)
    except ValueError:
        raise InputError(_("function {value}: expected {choices}").format(value=repr(value), choices=" | ".join(x.value for x in SCHEDULABLE))) from None
    if f not in SCHEDULABLE:
        raise InputError(_("function {value}: cannot be scheduled yet (expected {choices})").format(
            value=f.value, choices=" | ".join(x.value for x in SCHEDULABLE)))
    return f


def _start_and_rule(data: ScheduleInput, tz) -> tuple[StartMode, str, datetime]:
    try:
        mode = StartMode(data.start_mode)
    except ValueError:
        raise InputError(_("start mode {mode}: expected manual or automatic").format(mode=repr(data.start_mode))) from None
    text = rules.compose(data.rrule, data.first_run)
    nxt = rules.first_run(text, tz)
    if nxt is None:
        raise InputError(_("rrule {rule}: it never runs from {first}").format(rule=repr(data.rrule), first=f"{data.first_run:%Y-%m-%d %H:%M}"))
    return mode, text, nxt


def _validate_backup(data: ScheduleInput, tz) -> dict:
    """A backup schedule: a folder that exists, a number of copies to keep, recipients."""
    from pathlib import Path

    from app.services.validation import is_email, split_emails

    if data.interface not in (None, ""):
        raise InputError(_("a database backup runs without an interface: give no interface"))
    folder = (data.folder or "").strip()
    if not folder:
        raise InputError(_("a database backup needs the folder it writes into"))
    if not Path(folder).is_dir():
        raise InputError(_("backup folder {folder}: not an existing folder").format(folder=folder))
    keep = KEEP_BACKUPS if data.keep_backups in (None, "") else int(data.keep_backups)
    if keep < 1:
        raise InputError(_("backups kept {n}: expected 1 or more").format(n=keep))
    emails = split_emails(data.notify_emails or "")
    wrong = [e for e in emails if not is_email(e)]
    if wrong:
        raise InputError(_("{address!r} is not an e-mail address (e.g. billetterie@example.org)").format(address=wrong[0]))
    mode, text, nxt = _start_and_rule(data, tz)
    return dict(interface_id=None, function=SyncFunction.BACKUP, start_mode=mode, name_fr=data.name_fr.strip(),
                name_en=data.name_en.strip(), name_es=data.name_es.strip(), rrule=text, next_run_at=nxt,
                window_start_date=None, window_start_days_before=None, window_start_time="", window_end_date=None,
                window_end_days_after=None, window_end_time="", batch_size=None, product_id=None,
                performance_id=None, file_path="", backup_folder=str(Path(folder).resolve()), keep_backups=keep,
                notify_emails=", ".join(emails))


def _validate(s, data: ScheduleInput, tz) -> dict:
    from app.services.lookup import find_interface, find_performance
    from app.services.setup.preflight import find_event

    fn = _function(data.function)
    if fn is SyncFunction.BACKUP:
        return _validate_backup(data, tz)
    if data.interface in (None, ""):
        raise InputError(_("function {function}: give the interface it runs").format(function=fn.value))
    iface = find_interface(s, data.interface)
    refusal = function_refusal(iface.kind, fn)
    if refusal:
        raise InputError(_("interface {name}: {refusal}").format(name=repr(iface.name_fr), refusal=refusal))
    mode, text, nxt = _start_and_rule(data, tz)
    if data.batch_size is not None and int(data.batch_size) <= 0:
        raise InputError(_("batch size {n}: expected a positive number").format(n=data.batch_size))
    for what, n in (("days before", data.window_start_days_before), ("days after", data.window_end_days_after)):
        if n is not None and int(n) < 0:
            raise InputError(_("window {what} {n}: expected 0 or more").format(what=what, n=n))
    for what, h in (("window start hour", data.window_start_time), ("window end hour", data.window_end_time)):
        if h:
            rules.parse_hour(h, what)
    if data.window_start_date and data.window_start_days_before is not None:
        raise InputError(_("window start: give a date or a number of days before, not both"))
    if data.window_end_date and data.window_end_days_after is not None:
        raise InputError(_("window end: give a date or a number of days after, not both"))
    perf = find_performance(s, data.performance) if data.performance not in (None, "") else None
    product = find_event(s, data.event) if data.event not in (None, "") else None
    if perf is not None and product is not None and perf.product_id != product.id:
        raise InputError(_("performance {performance} is not a performance of event {event}").format(performance=data.performance, event=data.event))
    if data.file_path:
        if iface.kind is not DistributorKind.GUICHET_FILE:
            raise InputError(_("a file to transfer needs a Guichet-file interface; {name} is {kind}").format(name=repr(iface.name_fr), kind=iface.kind.value))
        if fn is not SyncFunction.REINTEGRATE_SALES:
            raise InputError(_("a file to transfer is reintegrated: use the function reintegrate-sales"))
    elif iface.kind is DistributorKind.GUICHET_FILE and fn is SyncFunction.REINTEGRATE_SALES:
        raise InputError(_("interface {name} reads files: give the file or folder to transfer").format(name=repr(iface.name_fr)))
    return dict(interface_id=iface.id, function=fn, start_mode=mode, name_fr=data.name_fr.strip(),
                name_en=data.name_en.strip(), name_es=data.name_es.strip(), rrule=text, next_run_at=nxt,
                window_start_date=data.window_start_date, window_start_days_before=data.window_start_days_before,
                window_start_time=data.window_start_time or "", window_end_date=data.window_end_date,
                window_end_days_after=data.window_end_days_after, window_end_time=data.window_end_time or "",
                batch_size=int(data.batch_size) if data.batch_size else None,
                product_id=product.id if product else (perf.product_id if perf else None),
                performance_id=perf.id if perf else None, file_path=data.file_path.strip(), backup_folder="",
                keep_backups=KEEP_BACKUPS, notify_emails="")


def _preflight(db: Database, values: dict) -> str:
    """What the set-up check finds missing, as the warning kept with an automatic schedule."""
    if values["start_mode"] is not StartMode.AUTOMATIC or values["interface_id"] is None:
        return ""  # the backup's folder was checked on saving; it has no interface to check
    from app.services.setup.preflight import check_interface

    report = check_interface(db, values["interface_id"], values["product_id"])
    lines = [f"[{i.error_class.value}] {i.message}" for i in report.items]
    lines += [n for n in report.notes if "password" in n]
    return "\n".join(lines)


def save_schedule(db: Database, actor: Actor, data: ScheduleInput, schedule_id: int | None = None) -> tuple[int, str]:
    """Create (or replace the fields of) a schedule; returns its id and the pre-flight
    warning ("" when nothing is missing). A warning does not prevent saving."""
    actor.require_manager(N_("edit schedules"))
    tz = rules.venue_timezone(db)
    with db.read() as s:
        values = _validate(s, data, tz)
    values["preflight_warning"] = _preflight(db, values)
    with db.write() as s:
        if schedule_id is None:
            sc = Schedule(enabled=True, error_count=0, claimed_by="", **values)
            s.add(sc)
            s.flush()
            return sc.id, values["preflight_warning"]
        sc = s.get(Schedule, schedule_id)
        if sc is None:
            raise NotFound(_("no schedule #{id}").format(id=schedule_id))
        for k, v in values.items():
            setattr(sc, k, v)
        return sc.id, values["preflight_warning"]


def set_enabled(db: Database, actor: Actor, schedule_id: int, enabled: bool) -> None:
    """Pause or resume. Resuming computes the next run from now: paused slots never run."""
    actor.require_manager(N_("pause or resume schedules"))
    tz = rules.venue_timezone(db)
    with db.write() as s:
        sc = s.get(Schedule, schedule_id)
        if sc is None:
            raise NotFound(_("no schedule #{id}").format(id=schedule_id))
        sc.enabled = enabled
        if enabled and sc.rrule:
            now = utcnow()
            if sc.next_run_at is None or sc.next_run_at <= now:
                sc.next_run_at = rules.next_after(sc.rrule, now, tz)


def delete_schedule(db: Database, actor: Actor, schedule_id: int) -> None:
    """Delete a schedule; its executions stay in the history, unlinked."""
    actor.require_manager(N_("delete schedules"))
    with db.write() as s:
        sc = s.get(Schedule, schedule_id)
        if sc is None:
            raise NotFound(_("no schedule #{id}").format(id=schedule_id))
        s.execute(update(Execution).where(Execution.schedule_id == schedule_id).values(schedule_id=None))
        s.delete(sc)


def list_schedules(db: Database, *, interface: str | int | None = None, search: str = "") -> list[ScheduleRow]:
    from app.services.lookup import find_interface

    tz = rules.venue_timezone(db)
    with db.read() as s:
        q = select(Schedule, DistributorInterface.name_fr, DistributorInterface.kind).outerjoin(
            DistributorInterface, DistributorInterface.id == Schedule.interface_id)
        if interface is not None:
            q = q.where(Schedule.interface_id == find_interface(s, interface).id)
        found = s.execute(q.order_by(DistributorInterface.name_fr.is_(None), DistributorInterface.name_fr,
                                     Schedule.id)).all()
        last_ids = dict(s.execute(select(Execution.schedule_id, func.max(Execution.id))
                                  .where(Execution.schedule_id.is_not(None)).group_by(Execution.schedule_id)).all())
        last = {eid: (st, at) for eid, st, at in s.execute(
            select(Execution.id, Execution.status, Execution.created_at)
            .where(Execution.id.in_(list(last_ids.values()))))} if last_ids else {}
        perf_labels = {pid: f"{code}@{at:%Y-%m-%d %H:%M}" for pid, at, code in s.execute(
            select(Performance.id, Performance.starts_at, Product.code).join(Product))
            if pid in {sc.performance_id for sc, _, _ in found}}
        codes = dict(s.execute(select(Product.id, Product.code)).all())
        rows = []
        for sc, iname, kind in found:
            iname = iname or ""
            eid = last_ids.get(sc.id)
            st, at = last.get(eid, (None, None))
            w = Window.of(sc)
            freq = rules.describe(sc.rrule)
            data = {"interface": iname, "function": sc.function.value, "start_mode": sc.start_mode.value,
                    "name_fr": sc.name_fr, "name_en": sc.name_en, "name_es": sc.name_es,
                    "rrule": _rule_body(sc.rrule), "frequency": freq,
                    "first_run": rules.to_local(sc.next_run_at, tz) if sc.next_run_at else None,
                    "window_start_date": w.start_date, "window_start_days_before": w.days_before,
                    "window_start_time": w.start_time, "window_end_date": w.end_date,
                    "window_end_days_after": w.days_after, "window_end_time": w.end_time,
                    "batch_size": sc.batch_size, "event": codes.get(sc.product_id, ""),
                    "performance": perf_labels.get(sc.performance_id, ""), "file_path": sc.file_path,
                    "folder": sc.backup_folder or "", "keep_backups": sc.keep_backups,
                    "notify_emails": sc.notify_emails or ""}
            rows.append(ScheduleRow(
                sc.id, sc.interface_id, iname, kind, sc.function, sc.name_fr, sc.name_en, sc.start_mode, sc.enabled,
                sc.rrule, rules.to_local(sc.next_run_at, tz) if sc.next_run_at else None,
                rules.to_local(at, tz) if at else None, st, eid, sc.preflight_warning or "", sc.error_count or 0,
                w.describe(), sc.performance_id, sc.product_id, sc.batch_size, sc.file_path, data,
                sc.backup_folder or "", sc.keep_backups or KEEP_BACKUPS, sc.notify_emails or ""))
    needle = search.strip().lower()
    if needle:
        rows = [r for r in rows if needle in " ".join((r.interface, r.name, r.name_en, r.function.value,
                                                        r.interface_kind.value if r.interface_kind else "",
                                                        r.backup_folder)).lower()]
    return rows


def get_schedule(db: Database, schedule_id: int) -> ScheduleRow:
    for r in list_schedules(db):
        if r.id == schedule_id:
            return r
    raise NotFound(_("no schedule #{id}").format(id=schedule_id))


def _rule_body(text: str) -> str:
    line = next((l for l in text.splitlines() if l.upper().startswith("RRULE:")), "")
    return line[6:] if line else text


def input_from_row(row: ScheduleRow) -> ScheduleInput:
    d = row.data
    return ScheduleInput(d["interface"] or None, d["function"], d["rrule"], d["first_run"] or datetime.now().replace(second=0),
                         d["start_mode"], d["name_fr"], d["name_en"], d["name_es"], d["window_start_date"],
                         d["window_start_days_before"], d["window_start_time"], d["window_end_date"],
                         d["window_end_days_after"], d["window_end_time"], d["batch_size"], d["event"] or None,
                         d["performance"] or None, d["file_path"], d["folder"], d["keep_backups"],
                         d["notify_emails"])

