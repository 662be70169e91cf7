"""The seat plan's "Exécuter maintenant un export de contingents ?": queue an export of one
distributor's allotment as a pending execution, run later by `executions.run_pending`."""

from __future__ import annotations

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import ExecutionStatus, SyncFunction, Trigger

from .executions import create_execution


def queue_export(db: Database, actor: Actor, interface_id: int, performance_id: int | None,
                 contingent_id: int | None, trigger: Trigger = Trigger.SEAT_PLAN) -> int:
    """A pending export-allotments execution for this interface and performance; returns its id."""
    actor.require_manager("export allotments")
    return create_execution(db, actor, interface_id, SyncFunction.EXPORT_ALLOTMENTS, Trigger(trigger),
                            performance_id=performance_id, contingent_id=contingent_id,
                            parameters={"performance": performance_id}, status=ExecutionStatus.PENDING)
