"""Seat allocation on a performance: assign to / remove from a contingent, block, unblock."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import PerformanceSeat, SeatHistory, utcnow
from app.domain.actors import Actor
from app.domain.enums import SeatAction
from app.domain.seats import ContingentRef, SeatState, move_refusal
from app.domain.selection import SeatSelection

from .inventory_state import SeatRow, bump_revision, chunks, select_seats
from .lookup import contingent_refs, find_contingent, find_performance

ACTIONS = ("assign", "unassign", "block", "unblock")


@dataclass(frozen=True)
class EditResult:
    action: str
    performance_id: int
    changed: int
    skipped: dict[str, int] = field(default_factory=dict)  # reason → seats
    distributor_contingents: tuple[str, ...] = ()  # touched contingents bound to a distributor
    changed_seat_ids: tuple[int, ...] = ()
    revision: int = 0

    def message(self) -> str:
        lines = [f"{self.changed} seat(s) changed ({self.action})"]
        lines += [f"{n} seat(s) not changed: {reason}" for reason, n in self.skipped.items()]
        return "\n".join(lines)


def _refusal(action: str, row: SeatRow, state: SeatState, target: ContingentRef | None,
             refs: dict[int, ContingentRef]) -> str | None:
    """Why this seat is left as it is, or None when the edit applies."""
    current = refs.get(row.contingent_id) if row.contingent_id else None
    if action in ("assign", "unassign") and state in (SeatState.SOLD, SeatState.RESERVED):
        return f"{state.value} seats keep their sale and their contingent"
    if action == "assign":
        if target is not None and row.contingent_id == target.id:
            return f"already in contingent {target.code}"
        return move_refusal(current, target)
    if action == "unassign":
        if row.contingent_id is None:
            return "in no contingent"
        if target is not None and row.contingent_id != target.id:
            return f"not in contingent {target.code}"
        return None
    if action == "block":
        if state in (SeatState.SOLD, SeatState.RESERVED):
            return f"{state.value} seats cannot be blocked"
        return "already blocked" if row.blocked else None
    if action == "unblock":
        return None if row.blocked else "not blocked"
    raise ValueError(action)


def edit_seats(db: Database, actor: Actor, performance: str | int, action: str,
               selection: SeatSelection, contingent: str | None = None) -> EditResult:
    """Apply one edit to the selected seats; every changed seat gets a history line."""
    if action not in ACTIONS:
        raise ValueError(action)
    actor.require_manager("change the seat allocation")
    if action == "assign" and not contingent:
        from app.domain.errors import InputError

        raise InputError("assign needs --contingent CODE")
    with db.write() as s:
        perf = find_performance(s, performance)
        revision = bump_revision(s, perf.id)
        refs = contingent_refs(s)
        target = refs[find_contingent(s, contingent).id] if contingent else None
        now = utcnow()
        rows = select_seats(s, perf.id, selection)
        changed: list[SeatRow] = []
        skipped: Counter[str] = Counter()
        for row in rows:
            reason = _refusal(action, row, row.state(now), target, refs)
            if reason is None:
                changed.append(row)
                if selection.first is not None and len(changed) >= selection.first:
                    break
            elif selection.first is None:
                skipped[reason] += 1
        _apply(s, actor, perf.id, action, changed, target, refs, now)
        touched = {refs[r.contingent_id].code for r in changed if r.contingent_id and refs[r.contingent_id].is_distributor}
        if target is not None and target.is_distributor and changed:
            touched.add(target.code)
        return EditResult(action, perf.id, len(changed), dict(skipped), tuple(sorted(touched)),
                          tuple(r.seat_id for r in changed), revision)


def _apply(s: Session, actor: Actor, performance_id: int, action: str, rows: list[SeatRow],
           target: ContingentRef | None, refs: dict[int, ContingentRef], now) -> None:
    if not rows:
        return
    if action == "assign":
        values = {"contingent_id": target.id}
    elif action == "unassign":
        values = {"contingent_id": None}
    else:
        values = {"blocked": action == "block"}
    for part in chunks([r.seat_id for r in rows]):
        s.execute(update(PerformanceSeat)
                  .where(PerformanceSeat.performance_id == performance_id, PerformanceSeat.seat_id.in_(part))
                  .values(**values), execution_options={"synchronize_session": False})

    def code(cid):
        return refs[cid].code if cid else ""

    history = []
    for r in rows:
        if action in ("assign", "unassign"):
            old, new = code(r.contingent_id), (target.code if action == "assign" else "")
        else:
            old, new = ("blocked", "") if action == "unblock" else ("", "blocked")
        history.append({"at": now, "operator_id": actor.operator_id, "performance_id": performance_id,
                        "seat_id": r.seat_id, "action": SeatAction(action), "old_value": old,
                        "new_value": new, "quantity": 1, "reference": ""})
    s.execute(insert(SeatHistory), history)
