"""Queue contingent exports from the seat plan as pending executions, and list them.

The synchronisation engine runs pending executions; the seat plan only records what the
manager asked for (one export per distributor concerned) and shows how they went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Contingent, DistributorInterface, Execution, ExecutionLog, utcnow
from app.domain.actors import Actor
from app.domain.enums import ExecutionStatus, SyncFunction, Trigger
from app.domain.errors import NotFound

from app.i18n.labels import shown_counts
from app.services.lookup import find_performance
from app.i18n import N_, _

from .executions import shown_first_error, shown_line


@dataclass(frozen=True)
class QueuedExport:
    contingent: str
    interface: str | None
    execution_id: int | None
    reason: str = ""  # why nothing was queued (no interface for the contingent's channel)


@dataclass(frozen=True)
class ExecutionRow:
    id: int
    created_at: datetime
    function: str
    interface: str
    contingent: str
    status: str
    first_error: str


@dataclass(frozen=True)
class ExecutionDetails:
    row: ExecutionRow
    trigger: str
    started_at: datetime | None
    ended_at: datetime | None
    counts: dict
    first_error_class: str | None
    logs: tuple[tuple[datetime, str, str, str], ...]  # at, level, message, where


def queue_contingent_exports(db: Database, actor: Actor, performance: str | int, contingents,
                             trigger: Trigger = Trigger.SEAT_PLAN) -> list[QueuedExport]:
    """One pending "export allotments" execution per contingent code, on the interface of
    the contingent's distributor channel. A contingent without such an interface is
    reported, not silently dropped."""
    actor.require_manager(N_("export contingents"))
    out: list[QueuedExport] = []
    with db.write() as s:
        perf = find_performance(s, performance)
        for code in sorted(set(contingents)):
            c = s.scalars(select(Contingent).where(Contingent.code == code)).first()
            if c is None:
                raise NotFound(_("no contingent with code {code!r}").format(code=code))
            if c.target_channel_id is None:
                out.append(QueuedExport(code, None, None, f"contingent {code} is not bound to a distributor"))
                continue
            iface = s.scalars(select(DistributorInterface)
                              .where(DistributorInterface.channel_id == c.target_channel_id)
                              .order_by(DistributorInterface.visible.desc(), DistributorInterface.id)).first()
            if iface is None:
                out.append(QueuedExport(code, None, None,
                                        f"no distributor interface is configured for the channel of contingent {code}"))
                continue
            ex = Execution(interface_id=iface.id, function=SyncFunction.EXPORT_ALLOTMENTS, trigger=trigger,
                           status=ExecutionStatus.PENDING, performance_id=perf.id, contingent_id=c.id,
                           operator_id=actor.operator_id, created_at=utcnow(),
                           parameters={"performance_id": perf.id, "contingent": code})
            s.add(ex)
            s.flush()
            out.append(QueuedExport(code, iface.name_fr, ex.id))
    return out


def _row(ex: Execution, iface: str, contingent: str | None) -> ExecutionRow:
    return ExecutionRow(ex.id, ex.created_at, ex.function.value, iface, contingent or "", ex.status.value,
                        shown_first_error(ex.first_error or "", ex.first_error_args))  # in the reader's language


def plan_executions(db: Database, performance_id: int, limit: int = 200) -> list[ExecutionRow]:
    """Executions that touched this performance, newest first: the ones made for it (exports
    from its seat plan, runs by hand or scheduled for it), the reintegrations that booked
    orders on it, and the exports of every performance that logged a line about it."""
    from app.db.models import Order, Ticket

    from .mapping_resolver import performance_label

    with db.read() as s:
        label = performance_label(s, performance_id)
        booked = select(Order.execution_id).join(Ticket, Ticket.order_id == Order.id).where(
            Ticket.performance_id == performance_id, Order.execution_id.is_not(None)).distinct()
        logged = select(ExecutionLog.execution_id).join(Execution, Execution.id == ExecutionLog.execution_id).where(
            Execution.performance_id.is_(None), Execution.function == SyncFunction.EXPORT_ALLOTMENTS,
            ExecutionLog.where == label).distinct()
        q = (select(Execution, DistributorInterface.name_fr, Contingent.code)
             .join(DistributorInterface, DistributorInterface.id == Execution.interface_id)
             .outerjoin(Contingent, Contingent.id == Execution.contingent_id)
             .where((Execution.performance_id == performance_id) | Execution.id.in_(booked) | Execution.id.in_(logged))
             .order_by(Execution.created_at.desc(), Execution.id.desc()).limit(limit))
        return [_row(ex, name, code) for ex, name, code in s.execute(q)]


def export_backlog(rows: list[ExecutionRow]) -> tuple[int, int]:
    """(pending, failed) exports among a plan's executions: queued or running ones, and the
    interfaces whose latest export (dry runs aside) ended in error."""
    exports = [r for r in rows if r.function == SyncFunction.EXPORT_ALLOTMENTS.value]
    pending = sum(r.status in (ExecutionStatus.PENDING.value, ExecutionStatus.RUNNING.value) for r in exports)
    latest: dict[str, str] = {}
    for r in exports:  # newest first
        if r.status not in (ExecutionStatus.PENDING.value, ExecutionStatus.RUNNING.value):
            latest.setdefault(r.interface, r.status)
    return pending, sum(v == ExecutionStatus.ERROR.value for v in latest.values())


def execution_details(db: Database, execution_id: int) -> ExecutionDetails:
    with db.read() as s:
        found = s.execute(select(Execution, DistributorInterface.name_fr, Contingent.code)
                          .join(DistributorInterface, DistributorInterface.id == Execution.interface_id)
                          .outerjoin(Contingent, Contingent.id == Execution.contingent_id)
                          .where(Execution.id == execution_id)).first()
        if found is None:
            raise NotFound(_("no execution with id {id}").format(id=execution_id))
        ex, name, code = found
        logs = tuple((l.at, l.level.value, *shown_line(l.message, l.where, l.message_args)) for l in s.scalars(
            select(ExecutionLog).where(ExecutionLog.execution_id == ex.id).order_by(ExecutionLog.id)))
        return ExecutionDetails(_row(ex, name, code), ex.trigger.value, ex.started_at, ex.ended_at,
                                shown_counts(ex.counts, ex.parameters), ex.first_error_class.value if ex.first_error_class else None,
                                logs)


def queue_export(db: Database, actor: Actor, interface_id: int, performance_id: int | None,
                 contingent_id: int | None, trigger: Trigger = Trigger.SEAT_PLAN) -> int:
    """One pending export-allotments execution for this interface and performance (run later
    by `runner.run_pending`); returns its id."""
    from .executions import create_execution

    actor.require_manager(N_("export allotments"))
    return create_execution(db, actor, interface_id, SyncFunction.EXPORT_ALLOTMENTS, Trigger(trigger),
                            performance_id=performance_id, contingent_id=contingent_id,
                            parameters={"performance_id": performance_id}, status=ExecutionStatus.PENDING)
