"""Executions: one run of one function of an interface, its status, counts and classed log.

A run writes its log lines in their own short transactions, never in the transaction of the
data it applies: a batch that rolls back keeps the lines that say why. The one exception is
the account of a batch that was applied (`ExecutionRecorder.inside`): it is written with the
batch, so it exists exactly when the batch does, at no commit of its own. The first error
stands out (`Execution.first_error_class` / `first_error`); errors that only follow from it
are logged with the class Cascade. Any execution can be run again (`runner.rerun_execution`): the
engine's idempotency (reintegrated-line keys, full-state allotments) makes that harmless."""

from __future__ import annotations

import os
import socket
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, update

from app.db.engine import Database
from app.db.models import DistributorInterface, Execution, ExecutionLog, utcnow
from app.domain.actors import Actor
from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel, SyncFunction, Trigger
from app.domain.errors import InputError, NotFound
from app.i18n import N_, _, english, message_data, render
from app.i18n.labels import label, shown_counts

from . import execution_lease
from app.services.lookup import find_interface

LOG_FLUSH_EVERY = 200  # lines buffered before they are written


# --- recording a run -----------------------------------------------------------------------


# An error class named inside a log line ("line held (external): …"), through _().
CLASS_WORDS = {ErrorClass.EXTERNAL: N_("external"), ErrorClass.CONFIGURATION: N_("configuration"),
               ErrorClass.MAPPING: N_("mapping"), ErrorClass.TECHNICAL: N_("technical"),
               ErrorClass.CASCADE: N_("cascade")}


def class_word(cls: ErrorClass) -> str:
    return _(CLASS_WORDS[cls])


def log_args(message: str, where: str = "") -> dict | None:
    """What a log line (or first error) keeps to be shown in its reader's language: the
    message and where as app.i18n data when made by `_()` (None when neither is: shown as
    stored)."""
    m, w = message_data(message), message_data(where)
    if m is None and w is None:
        return None
    return {"message": m if m is not None else str(message), "where": w if w is not None else str(where or "")}


def shown_line(message: str, where: str, args: dict | None, language: str | None = None) -> tuple[str, str]:
    """(message, where) of a stored log line in `language` (default: the current one)."""
    if not args:
        return message, where
    return (render(args.get("message"), language, fallback=message),
            render(args.get("where"), language, fallback=where))


def first_error_line(message: str, where: str) -> str:
    return f"{where}: {message}" if where else message


def shown_first_error(first_error: str, args: dict | None) -> str:
    """An execution's stored first error (English) in the current language."""
    if not args:
        return first_error
    message, where = shown_line("", "", args)
    if not message:
        return first_error
    return _("{where}: {message}").format(where=where, message=message) if where else message


@dataclass
class LogLine:
    level: LogLevel
    message: str  # may be an app.i18n Text: written in English with its msgid and arguments
    where: str = ""
    error_class: ErrorClass | None = None
    at: datetime = field(default_factory=utcnow)


class ExecutionRecorder:
    """Collects an execution's log and counts and writes them; knows the first error."""

    def __init__(self, db: Database, execution_id: int, *, echo=None):
        self.db = db
        self.execution_id = execution_id
        self.counts: dict[str, int | float | str] = {}
        self.first_error: LogLine | None = None
        self.errors = 0
        self.warnings = 0
        self._pending: list[LogLine] = []
        self._echo = echo  # optional callable(LogLine), e.g. progress on a terminal
        self._inside: list[LogLine] | None = None  # lines logged `inside` a batch's transaction

    # logging
    def log(self, level: LogLevel, message: str, where: str = "", error_class: ErrorClass | None = None) -> LogLine:
        line = LogLine(level, message, where, error_class)
        if level is LogLevel.ERROR:
            self.errors += 1
            if self.first_error is None and error_class is not ErrorClass.CASCADE:
                self.first_error = line
        elif level is LogLevel.WARNING:
            self.warnings += 1
        self._pending.append(line)
        if self._inside is not None:  # written with the batch; echoed once it committed
            self._inside.append(line)
            return line
        if self._echo:
            self._echo(line)
        if len(self._pending) >= LOG_FLUSH_EVERY:
            self.flush()
        return line

    def info(self, message: str, where: str = "") -> None:
        self.log(LogLevel.INFO, message, where)

    def warning(self, message: str, where: str = "", error_class: ErrorClass | None = None) -> None:
        self.log(LogLevel.WARNING, message, where, error_class)

    def error(self, error_class: ErrorClass, message: str, where: str = "") -> None:
        """An error; once a first error exists, later errors the caller marks as caused by it
        use `cascade()`."""
        self.log(LogLevel.ERROR, message, where, error_class)

    def cascade(self, message: str, where: str = "") -> None:
        self.log(LogLevel.ERROR, message, where, ErrorClass.CASCADE)

    def count(self, key: str, n: int | float = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def set(self, key: str, value) -> None:
        self.counts[key] = value

    def flush(self) -> None:
        if not self._pending:
            return
        with self.db.write() as s:
            self._insert(s)
        self._pending.clear()

    def _insert(self, s) -> None:
        from sqlalchemy import insert

        s.execute(insert(ExecutionLog), [
            {"execution_id": self.execution_id, "at": l.at, "level": l.level, "error_class": l.error_class,
             "message": english(l.message), "where": english(l.where)[:200], "message_args": log_args(l.message, l.where)}
            for l in self._pending])

    # the account of an applied batch, in the batch's own transaction
    def mark(self) -> tuple:
        """The recorder's state, to come `back_to` if what is logged next does not commit."""
        return dict(self.counts), self.errors, self.warnings, self.first_error, len(self._pending)

    def back_to(self, mark: tuple) -> None:
        counts, self.errors, self.warnings, self.first_error, pending = mark
        self.counts = dict(counts)
        del self._pending[pending:]
        self._inside = None

    @contextmanager
    def inside(self, s):
        """Log into the open transaction `s` (a batch's, before its commit): the lines logged in
        the block, and those still pending, are inserted with it — no commit of their own (an
        fsync each on SQLite), nothing said of a batch that then rolls back. Once it committed,
        `committed()`; if it did not, `back_to` a `mark()` taken before."""
        self._inside = []
        try:
            yield
            if self._pending:
                self._insert(s)
        except BaseException:
            self._inside = None
            raise

    def committed(self) -> None:
        """The transaction of `inside` committed: its lines are written; they are echoed now."""
        lines, self._inside = self._inside or [], None
        self._pending.clear()
        if self._echo:
            for line in lines:
                self._echo(line)

    @property
    def status(self) -> ExecutionStatus:
        if self.errors:
            return ExecutionStatus.ERROR
        if self.counts.get("held_lines"):  # online reintegration went on past lines it holds
            return ExecutionStatus.HELD
        if self.warnings:
            return ExecutionStatus.WARNING
        return ExecutionStatus.OK

    @property
    def first_error_text(self) -> str:
        """The first error as the execution keeps it: `where: message` (or the message)."""
        fe = self.first_error
        if fe is None:
            return ""
        return first_error_line(fe.message, fe.where)

    def result(self, function: SyncFunction, status: ExecutionStatus, *, dry_run: bool = False,
               preview: dict | None = None) -> "RunResult":
        """What the run returns once `finish()` gave its status."""
        fe = self.first_error
        return RunResult(self.execution_id, function, status, dict(self.counts), fe.error_class if fe else None,
                         self.first_error_text, dry_run, preview or {})

    def start(self) -> None:
        with self.db.write() as s:
            s.execute(update(Execution).where(Execution.id == self.execution_id)
                      .values(status=ExecutionStatus.RUNNING, started_at=utcnow()))
        execution_lease.begin(self.db, self.execution_id)

    def finish(self) -> ExecutionStatus:
        execution_lease.end(self.execution_id)
        self.flush()
        status = self.status
        fe = self.first_error
        with self.db.write() as s:
            s.execute(update(Execution).where(Execution.id == self.execution_id).values(
                status=status, ended_at=utcnow(), counts=dict(self.counts),
                first_error_class=fe.error_class if fe else None,
                first_error=first_error_line(english(fe.message), english(fe.where)) if fe else "",
                first_error_args=log_args(fe.message, fe.where) if fe else None))
        if status in (ExecutionStatus.ERROR, ExecutionStatus.HELD):  # committed above; the e-mail never changes it
            from .notifications import notify_failure

            notify_failure(self)
        return status


# --- creating, claiming, running ---------------------------------------------------------


@dataclass(frozen=True)
class RunResult:
    """What a run returns to the CLI and the client."""

    execution_id: int
    function: SyncFunction
    status: ExecutionStatus
    counts: dict
    first_error_class: ErrorClass | None
    first_error: str
    dry_run: bool = False
    preview: dict = field(default_factory=dict)

    def summary(self) -> str:
        head = f"execution #{self.execution_id} {self.function.value}: {self.status.value}"
        if self.dry_run:
            head += " (dry run: nothing sent, nothing written)"
        parts = [f"{k}={v}" for k, v in self.counts.items()]
        lines = [head] + (["  " + ", ".join(parts)] if parts else [])
        if self.first_error:
            cls = self.first_error_class.value if self.first_error_class else "error"
            lines.append(f"  first error [{cls}]: {self.first_error}")
        return "\n".join(lines)


def process_tag() -> dict:
    """Which process runs an execution (kept in its parameters; the claim checks it)."""
    return {"host": socket.gethostname(), "pid": os.getpid()}


def create_execution(db: Database, actor: Actor | None, interface_id: int | None, function: SyncFunction,
                     trigger: Trigger, *, performance_id: int | None = None, contingent_id: int | None = None,
                     schedule_id: int | None = None, parameters: dict | None = None,
                     rerun_of_id: int | None = None, status: ExecutionStatus = ExecutionStatus.PENDING) -> int:
    with db.write() as s:
        ex = Execution(interface_id=interface_id, function=function, trigger=trigger, status=status,
                       performance_id=performance_id, contingent_id=contingent_id, schedule_id=schedule_id,
                       operator_id=actor.operator_id if actor else None, rerun_of_id=rerun_of_id,
                       parameters=dict(parameters or {}), counts={}, created_at=utcnow())
        s.add(ex)
        s.flush()
        eid = ex.id
    if status is ExecutionStatus.RUNNING:
        execution_lease.begin(db, eid)
    return eid


def claim(db: Database, execution_id: int) -> bool:
    """Take a pending execution for this process (False if another one took it first)."""
    with db.write() as s:
        res = s.execute(update(Execution).where(Execution.id == execution_id,
                                                Execution.status == ExecutionStatus.PENDING)
                        .values(status=ExecutionStatus.RUNNING, started_at=utcnow(),
                                parameters=_merged_parameters(s, execution_id, process_tag())))
        claimed = res.rowcount == 1
    if claimed:
        execution_lease.begin(db, execution_id)
    return claimed


def _merged_parameters(s, execution_id: int, extra: dict) -> dict:
    params = s.scalar(select(Execution.parameters).where(Execution.id == execution_id)) or {}
    return {**params, **extra}


def reap_interrupted(db: Database, interface_id: int | None = None) -> int:
    """Executions left "running" by a process that is gone (killed, crashed, frozen, its host
    gone: see execution_lease) end in error: their data side is whole (each batch is one
    transaction)."""
    now = utcnow()
    q = select(Execution.id, Execution.parameters, Execution.heartbeat_at, Execution.started_at) \
        .where(Execution.status == ExecutionStatus.RUNNING)
    if interface_id is not None:
        q = q.where(Execution.interface_id == interface_id)
    with db.read() as s:  # most listings find nothing to close: no write lock for them
        candidates = [(eid, why) for eid, params, beat, started in s.execute(q)
                      if (why := execution_lease.why_interrupted(params, beat, started, now))]
    dead = []
    interrupted = _("the process running this execution ended before it finished; "
                    "every batch it committed is whole, run it again to continue")
    if candidates:
        with db.write() as s:
            for eid, why in candidates:
                closed = s.execute(update(Execution).where(
                    Execution.id == eid, Execution.status == ExecutionStatus.RUNNING).values(
                    status=ExecutionStatus.ERROR, ended_at=utcnow(), first_error_class=ErrorClass.TECHNICAL,
                    first_error=english(interrupted), first_error_args=log_args(interrupted)))
                if closed.rowcount == 1:  # not closed meanwhile by another process (one e-mail)
                    dead.append((eid, why))
                    s.add(ExecutionLog(execution_id=eid, at=utcnow(), level=LogLevel.ERROR,
                                       error_class=ErrorClass.TECHNICAL, where="", message=english(why),
                                       message_args=log_args(why)))
    if dead:  # committed above: a failed execution e-mails its recipients, interrupted ones too
        from .notifications import notify_failure

        for eid, _why in dead:
            notify_failure(ExecutionRecorder(db, eid))
    return len(dead)


# --- reading -----------------------------------------------------------------------------


NO_INTERFACE = "—"  # the interface shown for a run that has none (the database's backup)


@dataclass(frozen=True)
class ExecutionInfo:
    id: int
    interface_id: int | None  # None: the database's backup
    interface: str
    function: SyncFunction
    trigger: Trigger
    status: ExecutionStatus
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    performance_id: int | None
    contingent_id: int | None
    rerun_of_id: int | None
    counts: dict
    parameters: dict
    first_error_class: ErrorClass | None
    first_error: str
    schedule_id: int | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "interface": self.interface, "interface_id": self.interface_id,
                "function": self.function.value, "trigger": self.trigger.value, "status": self.status.value,
                "schedule_id": self.schedule_id,
                "created_at": self.created_at.isoformat(sep=" ", timespec="seconds"),
                "started_at": self.started_at.isoformat(sep=" ", timespec="seconds") if self.started_at else None,
                "ended_at": self.ended_at.isoformat(sep=" ", timespec="seconds") if self.ended_at else None,
                "performance_id": self.performance_id, "contingent_id": self.contingent_id,
                "rerun_of_id": self.rerun_of_id, "counts": self.counts, "parameters": self.parameters,
                "first_error_class": self.first_error_class.value if self.first_error_class else None,
                "first_error": self.first_error}


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    level: LogLevel
    error_class: ErrorClass | None
    where: str
    message: str
    first: bool = False  # the execution's first error

    def as_dict(self) -> dict:
        return {"at": self.at.isoformat(sep=" ", timespec="seconds"), "level": self.level.value,
                "class": self.error_class.value if self.error_class else "", "where": self.where,
                "message": self.message, "first_error": self.first}


def _info(ex: Execution, name: str | None) -> ExecutionInfo:
    return ExecutionInfo(ex.id, ex.interface_id, name or NO_INTERFACE, ex.function, ex.trigger, ex.status, ex.created_at,
                         ex.started_at, ex.ended_at, ex.performance_id, ex.contingent_id, ex.rerun_of_id,
                         shown_counts(ex.counts, ex.parameters), dict(ex.parameters or {}), ex.first_error_class,
                         shown_first_error(ex.first_error or "", ex.first_error_args), ex.schedule_id)


def list_executions(db: Database, *, interface: str | int | None = None, status: str | None = None,
                    function: str | None = None, limit: int = 50, schedule_id: int | None = None) -> list[ExecutionInfo]:
    reap_interrupted(db)  # what looks "running" but whose process is gone is shown as it is
    with db.read() as s:
        q = select(Execution, DistributorInterface.name_fr).outerjoin(
            DistributorInterface, DistributorInterface.id == Execution.interface_id)
        if interface is not None:
            q = q.where(Execution.interface_id == find_interface(s, interface).id)
        if status:
            try:
                q = q.where(Execution.status == ExecutionStatus(status))
            except ValueError:
                raise InputError(_("status {status!r}: expected one of {choices}").format(
                    status=status, choices=", ".join(v.value for v in ExecutionStatus))) from None
        if function:
            q = q.where(Execution.function == SyncFunction(function))
        if schedule_id is not None:
            q = q.where(Execution.schedule_id == schedule_id)
        q = q.order_by(Execution.id.desc()).limit(max(1, int(limit)))
        return [_info(ex, name) for ex, name in s.execute(q)]


def execution_detail(db: Database, execution_id: int) -> tuple[ExecutionInfo, list[LogEntry]]:
    with db.read() as s:
        row = s.execute(select(Execution, DistributorInterface.name_fr)
                        .outerjoin(DistributorInterface, DistributorInterface.id == Execution.interface_id)
                        .where(Execution.id == execution_id)).first()
        if row is None:
            raise NotFound(_("no execution #{id}").format(id=execution_id))
        info = _info(*row)
        logs, first_seen = [], False
        for l in s.scalars(select(ExecutionLog).where(ExecutionLog.execution_id == execution_id)
                           .order_by(ExecutionLog.id)):
            held = info.status is ExecutionStatus.HELD and l.level is LogLevel.WARNING  # a held line
            first = (not first_seen and (l.level is LogLevel.ERROR or held) and l.error_class is not None
                     and l.error_class is not ErrorClass.CASCADE and l.error_class is info.first_error_class)
            first_seen = first_seen or first
            message, where = shown_line(l.message, l.where, l.message_args)  # in the reader's language
            logs.append(LogEntry(l.at, l.level, l.error_class, where, message, first))
        return info, logs


def export_log_xlsx(db: Database, execution_id: int, path: str | Path) -> Path:
    """The execution's summary and log in an Excel workbook (typed cells, frozen header),
    through the one table writer; the first error is highlighted."""
    from app.services.excel_table import CODE, DATETIME, TEXT, Column, new_workbook, save_workbook, write_pairs, \
        write_table

    info, logs = execution_detail(db, execution_id)
    wb = new_workbook()
    ws = wb.active
    ws.title = _("Execution")  # headings in the reader's language, like the log lines
    summary = [(_("Execution"), info.id), (_("Interface"), info.interface), (_("Function"), label(info.function)),
               (_("Trigger"), label(info.trigger)), (_("Status"), label(info.status)),
               (_("Created"), info.created_at), (_("Started"), info.started_at), (_("Ended"), info.ended_at),
               (_("Rerun of"), info.rerun_of_id or ""),
               (_("First error class"), label(info.first_error_class)),
               (_("First error"), info.first_error)]
    from app.services.sync.count_labels import count_label

    summary += [(_("count: {key}").format(key=count_label(k)), v) for k, v in info.counts.items()]
    write_pairs(ws, summary, widths=(22, 80))
    columns = [Column(_("At"), DATETIME, width=20), Column(_("Level"), CODE, width=9),
               Column(_("Class"), CODE, width=14), Column(_("Where"), TEXT, width=36),
               Column(_("Message"), TEXT, width=100)]
    write_table(wb.create_sheet(_("Log")), columns,
                [[e.at, e.level.value, e.error_class.value if e.error_class else "", e.where, e.message]
                 for e in logs], marked=[i for i, e in enumerate(logs) if e.first])
    return save_workbook(wb, path)


def execution_counts_by_status(db: Database, interface_id: int) -> dict[str, int]:
    with db.read() as s:
        return {st.value: n for st, n in s.execute(select(Execution.status, func.count(Execution.id))
                                                    .where(Execution.interface_id == interface_id)
                                                    .group_by(Execution.status))}
