"""The scheduler: runs the due schedules exactly once across every process sharing the
database, in the client (a timer) and headless (`guichet scheduler`).

A due slot is claimed by one atomic UPDATE of the schedule row (`… WHERE id = :id AND
next_run_at = :old`): on PostgreSQL the second claimer waits for the first to commit and
then matches no row; on SQLite writers are serialised (BEGIN IMMEDIATE). The same UPDATE
moves `next_run_at` to the rule's first instant after *now*, so slots missed while
everything was off run once (coalesced). The claimer also takes the schedule's run claim
(`claimed_by` + a lease it renews while running): a claim whose holder died (lease ran out,
or its process on this host is gone) is taken over and its run done again, the interrupted
execution marked as such. A slot that comes due while the previous run of the schedule still
goes on, or whose window holds no performance, is recorded as a skipped execution.

A backup schedule (function `backup`, no interface) runs `sync.backup_run` the same way, but
in the loop (`serve`, the client's timer: `run_due(wait=False)`) on a thread of its own, so
that copying a large database never holds up the distributors' runs due meanwhile."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import DistributorInterface, Execution, ExecutionLog, Schedule, utcnow
from app.domain.actors import SYSTEM, Actor
from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel, StartMode, SyncFunction, Trigger
from app.domain.errors import GuichetError, InputError, NotFound
from app.services.sync import interface_claim
from app.i18n import N_, _, english, message_data
from app.services.sync.executions import create_execution, log_args
from app.services.sync.runner import run_execution

from . import rules
from .windows import performances_in_window

log = logging.getLogger("guichet.scheduler")

LEASE_SECONDS = 120.0
INTERFACE_WAIT_SECONDS = 300.0  # how long a due run waits for another run of its interface
NO_PERFORMANCE = N_("no performance in the window")
STILL_RUNNING = N_("the previous run of this schedule is still going")


@dataclass(frozen=True)
class Outcome:
    """What became of one slot (or one recovery) at one tick."""

    schedule_id: int
    at: datetime  # the instant it was run for (naive UTC)
    status: ExecutionStatus
    execution_id: int | None
    reason: str = ""
    performances: tuple[int, ...] | None = None
    recovery: bool = False


@dataclass
class _Claimed:
    schedule_id: int
    owner: str
    previous_owner: str = ""  # a dead claimer taken over
    busy: bool = False  # the previous run is still going


class _LeaseRenewer(threading.Thread):
    def __init__(self, db: Database, schedule_id: int, owner: str, lease: float):
        super().__init__(name=f"guichet-schedule-{schedule_id}", daemon=True)
        self.db, self.schedule_id, self.owner, self.lease = db, schedule_id, owner, lease
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(self.lease / 3):
            try:
                with self.db.write() as s:
                    s.execute(update(Schedule).where(Schedule.id == self.schedule_id, Schedule.claimed_by == self.owner)
                              .values(claim_expires_at=utcnow() + timedelta(seconds=self.lease)))
            except Exception:  # noqa: BLE001 - retried at the next beat; the lease is long
                log.warning("could not renew the lease of schedule #%s", self.schedule_id)


class Scheduler:
    def __init__(self, db: Database, actor: Actor = SYSTEM, *, lease: float = LEASE_SECONDS,
                 interface_wait: float = INTERFACE_WAIT_SECONDS, adapter_factory=None):
        self.db, self.actor, self.lease = db, actor, lease
        self.interface_wait, self.adapter_factory = interface_wait, adapter_factory
        self.owner = interface_claim.new_owner()
        self.stopping = threading.Event()
        self._backups: list[threading.Thread] = []  # backups running beside the distributors' runs

    # --- one tick ------------------------------------------------------------------------

    def run_due(self, now: datetime | None = None, *, wait: bool = True) -> list[Outcome]:
        """Run what is due at `now` (naive UTC; the clock is injectable), and take over the
        runs of dead claimers. Returns what became of each slot this process claimed.
        `wait=False`: a due backup runs on its own thread and its outcome says "running"
        (its execution records the rest); `wait_backups()` waits for them."""
        now = now or utcnow()
        tz = rules.venue_timezone(self.db)
        out: list[Outcome] = []
        with self.db.read() as s:
            held = s.execute(select(Schedule.id, Schedule.claimed_by, Schedule.claim_expires_at,
                                    Schedule.enabled, Schedule.start_mode)
                             .where(Schedule.claimed_by != "")).all()
            due = s.execute(select(Schedule.id, Schedule.next_run_at, Schedule.rrule, Schedule.function)
                            .where(Schedule.enabled.is_(True), Schedule.start_mode == StartMode.AUTOMATIC,
                                   Schedule.next_run_at.is_not(None), Schedule.next_run_at <= now)
                            .order_by(Schedule.next_run_at, Schedule.id)).all()
        due_ids = {d.id for d in due}
        for sid, owner, expires, enabled, mode in held:
            if self.stopping.is_set():
                return out
            if sid in due_ids or not interface_claim.owner_gone(owner, expires):
                continue  # a due one is taken over by its slot claim below
            claimed = self._take_over(sid, owner)
            if not claimed:
                continue
            if enabled and mode is StartMode.AUTOMATIC:
                out.append(self._run(claimed, now, tz, Trigger.SCHEDULE, recovery=True))
            else:  # paused (or manual) meanwhile: the dead run is closed, nothing more runs
                self._interrupt(sid, owner)
                self._release(sid, None)
        for d in due:
            if self.stopping.is_set():
                break
            claimed = self._claim_slot(d.id, d.next_run_at, rules.next_after(d.rrule, now, tz) if d.rrule else None, now)
            if claimed is None:
                continue  # another scheduler took this slot
            if claimed.busy:
                out.append(self._skipped(d.id, now, _(STILL_RUNNING), Trigger.SCHEDULE))
                continue
            if d.function is SyncFunction.BACKUP:
                out.append(self._backup_beside(claimed, now, tz, wait))
                continue
            out.append(self._run(claimed, now, tz, Trigger.SCHEDULE, recovery=bool(claimed.previous_owner)))
        if wait:
            out = [o() if callable(o) else o for o in out]
        return out

    def _backup_beside(self, claimed: _Claimed, now: datetime, tz, wait: bool):
        """Start a due backup on a thread of its own; with `wait`, a callable that joins it
        and gives its outcome (so that every distributor run of the tick went first)."""
        done: list[Outcome] = []

        def work() -> None:
            try:
                done.append(self._run(claimed, now, tz, Trigger.SCHEDULE, recovery=bool(claimed.previous_owner)))
            except Exception:  # noqa: BLE001 - a failed tick of the backup never ends the loop
                log.exception("schedule #%s: the backup's run failed", claimed.schedule_id)

        th = threading.Thread(target=work, name=f"guichet-backup-{claimed.schedule_id}", daemon=True)
        self._backups = [b for b in self._backups if b.is_alive()] + [th]
        th.start()
        if not wait:
            return Outcome(claimed.schedule_id, now, ExecutionStatus.RUNNING, None,
                           _("the backup runs beside the other schedules"))

        def outcome() -> Outcome:
            th.join()
            return done[0] if done else Outcome(claimed.schedule_id, now, ExecutionStatus.ERROR, None,
                                                _("the backup's run failed (see the scheduler's log)"))
        return outcome

    def wait_backups(self, timeout: float | None = None) -> None:
        """Wait for the backups started beside the other runs (on stop, at the end of a test)."""
        for th in list(self._backups):
            th.join(timeout)

    def run_now(self, schedule_id: int, now: datetime | None = None) -> Outcome:
        """"Exécution immédiate": run a schedule now, whatever its mode, once; its next
        planned run is unchanged. Refused while a run of it goes on."""
        now = now or utcnow()
        with self.db.write() as s:
            sc = s.get(Schedule, schedule_id)
            if sc is None:
                raise NotFound(_("no schedule #{id}").format(id=schedule_id))
            previous = sc.claimed_by or ""
            if previous and not interface_claim.owner_gone(previous, sc.claim_expires_at):
                raise InputError(_("schedule #{id} is running now ({why})").format(id=schedule_id, why=STILL_RUNNING))
            done = s.execute(update(Schedule).where(Schedule.id == schedule_id, Schedule.claimed_by == previous)
                             .values(claimed_by=self.owner, claim_expires_at=utcnow() + timedelta(seconds=self.lease)))
            if done.rowcount != 1:
                raise InputError(_("schedule #{id} was started by another workstation meanwhile").format(id=schedule_id))
        return self._run(_Claimed(schedule_id, self.owner, previous), now, rules.venue_timezone(self.db), Trigger.MANUAL)

    # --- claims ----------------------------------------------------------------------------

    def _claim_slot(self, sid: int, old: datetime, new: datetime | None, now: datetime) -> _Claimed | None:
        with self.db.write() as s:
            won = s.execute(update(Schedule).where(
                Schedule.id == sid, Schedule.next_run_at == old, Schedule.enabled.is_(True),
                Schedule.start_mode == StartMode.AUTOMATIC).values(next_run_at=new, last_run_at=now))
            if won.rowcount != 1:
                return None
            owner, expires = s.execute(select(Schedule.claimed_by, Schedule.claim_expires_at)
                                       .where(Schedule.id == sid)).one()
            if owner and not interface_claim.owner_gone(owner, expires):
                return _Claimed(sid, self.owner, busy=True)
            s.execute(update(Schedule).where(Schedule.id == sid)
                      .values(claimed_by=self.owner, claim_expires_at=utcnow() + timedelta(seconds=self.lease)))
            return _Claimed(sid, self.owner, previous_owner=owner or "")

    def _take_over(self, sid: int, previous: str) -> _Claimed | None:
        with self.db.write() as s:
            done = s.execute(update(Schedule).where(Schedule.id == sid, Schedule.claimed_by == previous)
                             .values(claimed_by=self.owner, claim_expires_at=utcnow() + timedelta(seconds=self.lease)))
            return _Claimed(sid, self.owner, previous_owner=previous) if done.rowcount == 1 else None

    def _release(self, sid: int, error: bool | None) -> None:
        values: dict = {"claimed_by": "", "claim_expires_at": None}
        if error is not None:
            values["error_count"] = (Schedule.error_count + 1) if error else 0
        with self.db.write() as s:
            s.execute(update(Schedule).where(Schedule.id == sid, Schedule.claimed_by == self.owner).values(**values))

    def _interrupt(self, sid: int, previous: str) -> None:
        """The executions the dead claimer left running end in error, marked interrupted."""
        with self.db.write() as s:
            ids = [eid for eid, params in s.execute(
                select(Execution.id, Execution.parameters).where(
                    Execution.schedule_id == sid,
                    Execution.status.in_([ExecutionStatus.RUNNING, ExecutionStatus.PENDING])))
                   if (params or {}).get("claimed_by") == previous]
            first = _("interrupted: the scheduler running it stopped before it finished; "
                      "the next run of the schedule completes its work")
            line = _("interrupted: its scheduler stopped (killed, crashed or lost its lease)")
            for eid in ids:
                s.execute(update(Execution).where(Execution.id == eid).values(
                    status=ExecutionStatus.ERROR, ended_at=utcnow(), first_error_class=ErrorClass.TECHNICAL,
                    first_error=english(first), first_error_args=log_args(first)))
                s.add(ExecutionLog(execution_id=eid, at=utcnow(), level=LogLevel.ERROR,
                                   error_class=ErrorClass.TECHNICAL, where="", message=english(line),
                                   message_args=log_args(line)))

    # --- running ---------------------------------------------------------------------------

    def _skipped(self, sid: int, now: datetime, reason: str, trigger: Trigger,
                 interface_id: int | None = None, function: SyncFunction | None = None) -> Outcome:
        if interface_id is None or function is None:
            with self.db.read() as s:
                interface_id, function = s.execute(select(Schedule.interface_id, Schedule.function)
                                                   .where(Schedule.id == sid)).one()
        eid = create_execution(self.db, self.actor, interface_id, function, trigger, schedule_id=sid,
                               status=ExecutionStatus.SKIPPED,
                               parameters={"slot": now.isoformat(timespec="seconds"), "skipped": english(reason),
                                           # the reason's msgid and arguments: shown in the reader's language
                                           "skipped_args": message_data(reason)})
        t = utcnow()
        line = _("skipped: {reason}").format(reason=reason)
        with self.db.write() as s:
            s.execute(update(Execution).where(Execution.id == eid).values(
                started_at=t, ended_at=t, counts={"skipped": english(reason)}))
            s.add(ExecutionLog(execution_id=eid, at=t, level=LogLevel.INFO, error_class=None, where="",
                               message=english(line), message_args=log_args(line)))
        log.info("schedule #%s: skipped (%s), execution #%s", sid, reason, eid)
        return Outcome(sid, now, ExecutionStatus.SKIPPED, eid, reason)

    def _run(self, claimed: _Claimed, now: datetime, tz, trigger: Trigger, recovery: bool = False) -> Outcome:
        sid = claimed.schedule_id
        if claimed.previous_owner:
            self._interrupt(sid, claimed.previous_owner)
        renewer = _LeaseRenewer(self.db, sid, self.owner, self.lease)
        renewer.start()
        error: bool | None = None
        try:
            with self.db.read() as s:
                sc = s.get(Schedule, sid)
                if sc is None:
                    return Outcome(sid, now, ExecutionStatus.SKIPPED, None, "deleted meanwhile")
                iid, fn, batch, perf, path = sc.interface_id, sc.function, sc.batch_size, sc.performance_id, sc.file_path
                if fn is SyncFunction.BACKUP:
                    target = {"folder": sc.backup_folder, "keep": sc.keep_backups, "notify_emails": sc.notify_emails}
                else:
                    window = performances_in_window(s, sc, rules.to_local(now, tz))
                    iname = s.scalar(select(DistributorInterface.name_fr).where(DistributorInterface.id == iid))
            if fn is SyncFunction.BACKUP:
                outcome = self._run_backup(sid, now, tz, trigger, target, claimed.previous_owner if recovery else "")
                error = outcome.status is ExecutionStatus.ERROR
                return outcome
            if window is not None and not window:
                return self._skipped(sid, now, _(NO_PERFORMANCE), trigger, iid, fn)
            with interface_claim.hold(self.db, iid, self.owner, wait=self.interface_wait) as held:
                if not held:
                    return self._skipped(sid, now, _("interface {name!r} is busy with another run").format(name=iname),
                                         trigger, iid, fn)
                params = {"slot": now.isoformat(timespec="seconds"), "batch_size": batch, "claimed_by": self.owner}
                if window is not None:
                    params["performances"] = [p for p, _ in window]
                    params["window"] = [label for _, label in window]
                if path:
                    params["file"] = path
                if recovery:
                    params["recovery_of"] = claimed.previous_owner
                run_perf = perf if fn is SyncFunction.REINTEGRATE_SALES else None  # exports take the window list
                eid = create_execution(self.db, self.actor, iid, fn, trigger, schedule_id=sid,
                                       performance_id=run_perf, parameters=params)
                log.info("schedule #%s: %s on %s, execution #%s%s", sid, fn.value, iname, eid,
                         f" ({len(window)} performance(s) in the window)" if window is not None else "")
                try:
                    result = run_execution(self.db, self.actor, eid, adapter_factory=self.adapter_factory)
                except GuichetError as exc:
                    log.error("schedule #%s: execution #%s refused: %s", sid, eid, exc)
                    error = True
                    return Outcome(sid, now, ExecutionStatus.ERROR, eid, str(exc))
                error = result.status is ExecutionStatus.ERROR
                log.info("schedule #%s: execution #%s %s", sid, eid, result.status.value)
                return Outcome(sid, now, result.status, eid, result.first_error,
                               tuple(params.get("performances", ())) if window is not None else None, recovery)
        finally:
            renewer.stop.set()
            renewer.join()
            self._release(sid, error)

    def _run_backup(self, sid: int, now: datetime, tz, trigger: Trigger, target: dict, recovery_of: str) -> Outcome:
        """One backup of the database into the schedule's folder (no interface claim: it
        touches no distributor), named after the slot in the venue's wall clock."""
        params = {"slot": now.isoformat(timespec="seconds"), "claimed_by": self.owner,
                  "stamp": rules.to_local(now, tz).isoformat(timespec="seconds"), **target}
        if recovery_of:
            params["recovery_of"] = recovery_of
        eid = create_execution(self.db, self.actor, None, SyncFunction.BACKUP, trigger, schedule_id=sid,
                               parameters=params)
        log.info("schedule #%s: backup into %s, execution #%s", sid, target["folder"], eid)
        try:
            result = run_execution(self.db, self.actor, eid)
        except GuichetError as exc:
            log.error("schedule #%s: execution #%s refused: %s", sid, eid, exc)
            return Outcome(sid, now, ExecutionStatus.ERROR, eid, str(exc))
        log.info("schedule #%s: execution #%s %s", sid, eid, result.status.value)
        return Outcome(sid, now, result.status, eid, result.first_error)

    # --- the loop ----------------------------------------------------------------------------

    def next_due(self) -> datetime | None:
        with self.db.read() as s:
            return s.scalar(select(Schedule.next_run_at).where(
                Schedule.enabled.is_(True), Schedule.start_mode == StartMode.AUTOMATIC,
                Schedule.next_run_at.is_not(None)).order_by(Schedule.next_run_at).limit(1))

    def serve(self, *, poll: float = 30.0, clock=utcnow) -> None:
        """Run due schedules until `stop()`; a stop lets the current batch end first."""
        log.info("scheduler %s started", self.owner)
        while not self.stopping.is_set():
            try:
                self.run_due(clock(), wait=False)
            except Exception:  # noqa: BLE001 - one bad tick (database away) never ends the loop
                log.exception("scheduler tick failed; retrying in %.0f s", poll)
            nxt = None
            try:
                nxt = self.next_due()
            except Exception:  # noqa: BLE001
                pass
            wait = poll if nxt is None else max(0.5, min(poll, (nxt - clock()).total_seconds()))
            self.stopping.wait(wait)
        self.wait_backups()  # a backup under way ends (verified and named) before the process does
        log.info("scheduler %s stopped", self.owner)

    def stop(self) -> None:
        self.stopping.set()
