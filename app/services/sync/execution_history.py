"""The executions history as the client's Exécutions view reads it: a filtered list paged by
keyset (newest first, `before_id`), so that 10,000 executions open as fast as 50, and the
small counts the view and the interface list show beside it (held lines per interface)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import DistributorInterface, Execution, HeldLine
from app.domain.enums import ExecutionStatus, HeldStatus, SyncFunction, Trigger

from .executions import ExecutionInfo, _info, reap_interrupted

PAGE = 200


@dataclass(frozen=True)
class ExecutionFilter:
    """What the Exécutions view narrows the history to; None = any. `created_from` and
    `created_before` bound the creation time (UTC, as stored; the screen turns its local days
    into them)."""

    interface_id: int | None = None
    function: SyncFunction | None = None
    status: ExecutionStatus | None = None
    trigger: Trigger | None = None
    schedule_id: int | None = None
    created_from: datetime | None = None
    created_before: datetime | None = None

    def where(self, q):
        if self.interface_id is not None:
            q = q.where(Execution.interface_id == self.interface_id)
        if self.function is not None:
            q = q.where(Execution.function == self.function)
        if self.status is not None:
            q = q.where(Execution.status == self.status)
        if self.trigger is not None:
            q = q.where(Execution.trigger == self.trigger)
        if self.schedule_id is not None:
            q = q.where(Execution.schedule_id == self.schedule_id)
        if self.created_from is not None:
            q = q.where(Execution.created_at >= self.created_from)
        if self.created_before is not None:
            q = q.where(Execution.created_at < self.created_before)
        return q


def page_executions(db: Database, flt: ExecutionFilter = ExecutionFilter(), *, before_id: int | None = None,
                    limit: int = PAGE) -> list[ExecutionInfo]:
    """Up to `limit` executions matching `flt`, newest first, older than `before_id` if given."""
    with db.read() as s:
        q = flt.where(select(Execution, DistributorInterface.name_fr).outerjoin(
            DistributorInterface, DistributorInterface.id == Execution.interface_id))
        if before_id is not None:
            q = q.where(Execution.id < before_id)
        q = q.order_by(Execution.id.desc()).limit(max(1, int(limit)))
        return [_info(ex, name) for ex, name in s.execute(q)]


def count_executions(db: Database, flt: ExecutionFilter = ExecutionFilter()) -> int:
    with db.read() as s:
        return int(s.scalar(flt.where(select(func.count(Execution.id)))) or 0)


@dataclass(frozen=True)
class HistoryState:
    """What tells the view that its rows may be stale: the newest execution and the number of
    executions still pending or running (a change in either means: read the first page again)."""

    newest_id: int
    unfinished: int
    held_lines: int

    def changed_since(self, other: "HistoryState | None") -> bool:
        return other is None or self != other


def history_state(db: Database, interface_id: int | None = None, *, reap: bool = False) -> HistoryState:
    if reap:
        reap_interrupted(db, interface_id)  # a "running" run whose process is gone is shown as it is
    with db.read() as s:
        ex = select(func.coalesce(func.max(Execution.id), 0))
        unfinished = select(func.count(Execution.id)).where(
            Execution.status.in_((ExecutionStatus.PENDING, ExecutionStatus.RUNNING)))
        held = select(func.count(HeldLine.id)).where(HeldLine.status == HeldStatus.HELD)
        if interface_id is not None:
            ex, unfinished = ex.where(Execution.interface_id == interface_id), unfinished.where(
                Execution.interface_id == interface_id)
            held = held.where(HeldLine.interface_id == interface_id)
        return HistoryState(int(s.scalar(ex) or 0), int(s.scalar(unfinished) or 0), int(s.scalar(held) or 0))


def held_counts(db: Database) -> dict[int, int]:
    """Held lines waiting for a fix, per interface id (the interface list's column)."""
    with db.read() as s:
        return {iid: int(n) for iid, n in s.execute(
            select(HeldLine.interface_id, func.count(HeldLine.id)).where(HeldLine.status == HeldStatus.HELD)
            .group_by(HeldLine.interface_id))}


def schedules_named(db: Database) -> list[tuple[int, str]]:
    """(schedule id, its name) for the view's schedule filter."""
    from app.db.models import Schedule

    with db.read() as s:
        return [(sid, name or f"#{sid}") for sid, name in s.execute(
            select(Schedule.id, Schedule.name_fr).order_by(Schedule.id))]
