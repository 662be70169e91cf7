"""Running executions: dispatch one to the export or the reintegration, rerun it, run the queue.

It sits above export and reintegration, which use the execution record (executions.py)
and never import this module: that is what keeps the three out of an import circle."""

from __future__ import annotations

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Execution
from app.domain.actors import Actor
from app.domain.enums import ExecutionStatus, SyncFunction, Trigger
from app.domain.errors import InputError, NotFound
from app.i18n import N_, _

from .executions import ExecutionRecorder, RunResult, claim, create_execution


def run_execution(db: Database, actor: Actor, execution_id: int, *, adapter_factory=None) -> RunResult:
    """Run one execution (pending, or claimed by the caller) according to its function and
    parameters."""
    actor.require_writer(N_("run an execution"))
    with db.read() as s:
        ex = s.get(Execution, execution_id)
        if ex is None:
            raise NotFound(_("no execution #{id}").format(id=execution_id))
        function, params, interface_id = ex.function, dict(ex.parameters or {}), ex.interface_id
        status, perf_id = ex.status, ex.performance_id
    if status is ExecutionStatus.PENDING and not claim(db, execution_id):
        raise InputError(_("execution #{id} is already being run by another process").format(id=execution_id))
    if status not in (ExecutionStatus.PENDING, ExecutionStatus.RUNNING):
        raise InputError(_("execution #{id} has already run ({status}); rerun it instead").format(
            id=execution_id, status=status.value))
    if function is SyncFunction.EXPORT_ALLOTMENTS:
        from .export import export_allotments

        return export_allotments(db, actor, interface_id, perf_id or params.get("performance"),
                                 dry_run=bool(params.get("dry_run")), batch_size=params.get("batch_size"),
                                 execution_id=execution_id, adapter_factory=adapter_factory,
                                 performances=params.get("performances"))
    if function is SyncFunction.REINTEGRATE_SALES:
        from .reintegration import import_sales_file, reintegrate_sales

        if params.get("file"):
            return import_sales_file(db, actor, interface_id, params["file"], format=params.get("format"),
                                     dry_run=bool(params.get("dry_run")), performance=perf_id or params.get("performance"),
                                     batch_size=params.get("batch_size"), execution_id=execution_id)
        return reintegrate_sales(db, actor, interface_id, dry_run=bool(params.get("dry_run")),
                                 batch_size=params.get("batch_size"), execution_id=execution_id,
                                 adapter_factory=adapter_factory)
    if function is SyncFunction.BACKUP:
        from .backup_run import run_backup

        return run_backup(db, actor, execution_id)
    if function is SyncFunction.ALLOCATED_SOLD_COUNTS:
        from .manual_runs import allocated_sold_counts

        return allocated_sold_counts(db, actor, interface_id, perf_id or params.get("performance"),
                                     adapter_factory=adapter_factory).result
    raise InputError(_("function {function} is not run by the engine").format(function=function.value))


def rerun_execution(db: Database, actor: Actor, execution_id: int, *, adapter_factory=None) -> RunResult:
    """Run an execution again as a new one (same interface, function, parameters). Never
    duplicates: allotments are full states and reintegrated lines have a unique key."""
    with db.read() as s:
        ex = s.get(Execution, execution_id)
        if ex is None:
            raise NotFound(_("no execution #{id}").format(id=execution_id))
        # a backup run again is named after the time it runs ("stamp" dropped)
        params = {k: v for k, v in (ex.parameters or {}).items() if k not in ("host", "pid", "stamp")}
        new_id = create_execution(db, actor, ex.interface_id, ex.function, Trigger.MANUAL,
                                  performance_id=ex.performance_id, contingent_id=ex.contingent_id,
                                  schedule_id=ex.schedule_id, parameters=params, rerun_of_id=ex.id)
    return run_execution(db, actor, new_id, adapter_factory=adapter_factory)


def run_pending(db: Database, actor: Actor, *, interface_id: int | None = None, adapter_factory=None) -> list[RunResult]:
    """Run the executions queued (e.g. by the seat plan's "export now?"), oldest first.
    Several pending exports of one interface and performance are one export: allotments are
    full states, so the latest covers the others, which are closed with a note."""
    with db.read() as s:
        q = select(Execution.id, Execution.interface_id, Execution.function, Execution.performance_id) \
            .where(Execution.status == ExecutionStatus.PENDING).order_by(Execution.id)
        if interface_id is not None:
            q = q.where(Execution.interface_id == interface_id)
        pending = s.execute(q).all()
    latest: dict[tuple, int] = {}
    for eid, iid, fn, pid in pending:
        if fn is SyncFunction.EXPORT_ALLOTMENTS:
            latest[(iid, pid)] = eid
    results = []
    for eid, iid, fn, pid in pending:
        if fn is SyncFunction.EXPORT_ALLOTMENTS and latest[(iid, pid)] != eid:
            if claim(db, eid):
                rec = ExecutionRecorder(db, eid)
                rec.info(_("covered by execution #{id}, which exports the same allotment").format(id=latest[(iid, pid)]))
                rec.set("covered_by", latest[(iid, pid)])
                rec.finish()
            continue
        try:
            results.append(run_execution(db, actor, eid, adapter_factory=adapter_factory))
        except InputError:
            continue  # taken by another process meanwhile
    return results
