"""The guided move of seats from one distributor's contingent to another's (docs/domain.md,
"Export rules": never straight from one distributor to another).

Step 1 removes the seats from their distributor contingent(s) and blocks them, then runs
an export for each source distributor, so that no distributor still sells them. Only when
every one of those exports ended ok (or with warnings) does step 2 assign the seats to the
target contingent, unblock them and run the target distributor's export. A failed source
export stops the move after step 1: the seats stay blocked and in no contingent (sold by
nobody), and the result names the failed execution so the manager can rerun it and then
finish with a plain assign + unblock."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import ExecutionStatus, Trigger
from app.domain.errors import InputError
from app.domain.seats import SeatState

from app.services.inventory.allocation import edit_seat_ids_in, group_state, seat_groups
from .executions_queue import queue_contingent_exports
from app.services.lookup import contingent_refs, find_contingent, find_performance
from app.i18n import N_, _

NOT_MOVED = "not in another distributor's contingent"


@dataclass(frozen=True)
class ExportOutcome:
    contingent: str
    execution_id: int | None
    status: str  # ok, warning, error; "not run" when no execution could be created
    first_error: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status in (ExecutionStatus.OK.value, ExecutionStatus.WARNING.value)


@dataclass(frozen=True)
class MoveResult:
    performance_id: int
    target: str
    sources: tuple[str, ...]  # contingent codes the seats came from
    seat_ids: tuple[int, ...]  # seats taken out of their distributor (step 1)
    steps_done: int  # 0 (nothing to move), 1 (stopped after step 1) or 2 (moved)
    source_exports: tuple[ExportOutcome, ...] = ()
    target_exports: tuple[ExportOutcome, ...] = ()
    skipped: dict[str, int] = field(default_factory=dict)  # reason → seats left as they were
    unblocked: int = 0
    failed_execution_id: int | None = None
    first_error: str = ""

    @property
    def moved(self) -> int:
        return len(self.seat_ids) if self.steps_done == 2 else 0

    @property
    def done(self) -> bool:
        return self.steps_done == 2

    @property
    def execution_ids(self) -> tuple[int, ...]:
        return tuple(e.execution_id for e in self.source_exports + self.target_exports if e.execution_id)

    def message(self) -> str:
        n, src = len(self.seat_ids), ", ".join(self.sources)
        if self.steps_done == 0:
            lines = ["No seat to move: none of the selected seats sits in another distributor's contingent."]
        elif self.steps_done == 2:
            lines = [f"{n} seat(s) moved from {src} to {self.target} in two steps "
                     f"(executions {', '.join(f'#{i}' for i in self.execution_ids)})."]
            failed = [e for e in self.target_exports if not e.succeeded]
            for e in failed:
                lines.append(f"The export of {e.contingent} did not succeed"
                             + (f" (execution #{e.execution_id})" if e.execution_id else "")
                             + f": {e.first_error}. Run it again so that {self.target} receives the seats.")
        else:
            which = f"execution #{self.failed_execution_id}" if self.failed_execution_id else "the export"
            lines = [f"Stopped after step 1: {n} seat(s) were removed from {src} and blocked, but {which} "
                     f"did not succeed: {self.first_error}",
                     f"The seats stay blocked and in no contingent. Rerun the export; once it has succeeded, "
                     f"assign the seats to {self.target}, unblock them and export."]
        lines += [f"{k} seat(s) not moved: {reason}" for reason, k in self.skipped.items()]
        return "\n".join(lines)


def _run_exports(db: Database, actor: Actor, performance_id: int, codes, adapter_factory) -> list[ExportOutcome]:
    from .runner import run_execution

    out: list[ExportOutcome] = []
    for q in queue_contingent_exports(db, actor, performance_id, sorted(codes), trigger=Trigger.SEAT_PLAN):
        if q.execution_id is None:
            out.append(ExportOutcome(q.contingent, None, "not run", q.reason))
            continue
        try:
            r = run_execution(db, actor, q.execution_id, adapter_factory=adapter_factory)
        except Exception as exc:  # noqa: BLE001 - reported with the execution, never half-hidden
            out.append(ExportOutcome(q.contingent, q.execution_id, ExecutionStatus.ERROR.value, str(exc)))
            continue
        out.append(ExportOutcome(q.contingent, q.execution_id, r.status.value, r.first_error))
    return out


def move_between_distributors(db: Database, actor: Actor, performance: str | int, seat_ids,
                              target_contingent: str, *, adapter_factory=None) -> MoveResult:
    """Move the selected seats that sit in another distributor's contingent to
    `target_contingent` (a distributor's), with the exports between the two steps.

    Seats sold or reserved keep their sale and contingent; seats in no distributor's
    contingent, or already in the target, are left alone (a plain assign moves them)."""
    actor.require_manager(N_("change the seat allocation"))
    wanted = sorted(set(int(i) for i in seat_ids))
    # Step 1, one transaction: remove from the source contingents and block.
    with db.write() as s:
        perf = find_performance(s, performance)
        refs = contingent_refs(s)
        target = refs[find_contingent(s, target_contingent).id]
        if not target.is_distributor:
            raise InputError(_("contingent {code} is not bound to a distributor: assign the seats to it directly").format(
                code=target.code))
        candidates: list[int] = []
        skipped: dict[str, int] = {}
        for key, members in seat_groups(s, perf.id, wanted):
            cid, state = key[0], group_state(key)
            if state in (SeatState.SOLD, SeatState.RESERVED):
                reason = f"{state.value} seats keep their sale and their contingent"
            elif cid is None or not refs[cid].is_distributor or cid == target.id:
                reason = f"already in contingent {target.code}" if cid == target.id else NOT_MOVED
            else:
                candidates.extend(members)
                continue
            skipped[reason] = skipped.get(reason, 0) + len(members)
        if not candidates:
            return MoveResult(perf.id, target.code, (), (), 0, skipped=skipped)
        removed = edit_seat_ids_in(s, actor, perf.id, "unassign", candidates)
        for reason, n in removed.skipped.items():  # changed since the selection was made
            skipped[reason] = skipped.get(reason, 0) + n
        moving = removed.changed_seat_ids
        sources = tuple(sorted({refs[c].code for _sid, c, _b in removed.before if c}))
        blocked = edit_seat_ids_in(s, actor, perf.id, "block", moving).changed_seat_ids if moving else ()
        perf_id = perf.id
    if not moving:
        return MoveResult(perf_id, target.code, (), (), 0, skipped=skipped)
    source_exports = tuple(_run_exports(db, actor, perf_id, sources, adapter_factory))
    failed = next((e for e in source_exports if not e.succeeded), None)
    if failed is not None:
        return MoveResult(perf_id, target.code, sources, tuple(moving), 1, source_exports, (), skipped,
                          failed_execution_id=failed.execution_id,
                          first_error=failed.first_error or f"export of {failed.contingent}: {failed.status}")
    # Step 2, one transaction: assign to the target and unblock the seats step 1 blocked
    # (a seat the manager had blocked before the move stays blocked).
    with db.write() as s:
        assigned = edit_seat_ids_in(s, actor, perf_id, "assign", moving, target.code)
        unblocked = edit_seat_ids_in(s, actor, perf_id, "unblock", blocked) if blocked else None
    for reason, n in assigned.skipped.items():
        skipped[reason] = skipped.get(reason, 0) + n
    target_exports = tuple(_run_exports(db, actor, perf_id, [target.code], adapter_factory))
    bad = next((e for e in target_exports if not e.succeeded), None)
    return MoveResult(perf_id, target.code, sources, tuple(assigned.changed_seat_ids), 2, source_exports,
                      target_exports, skipped, unblocked.changed if unblocked else 0,
                      bad.execution_id if bad else None, bad.first_error if bad else "")
