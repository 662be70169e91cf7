"""Seat allocation on a performance: assign to / remove from a contingent, block, unblock."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import json
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, and_, case, cast, func, insert, literal, select, text, update
from sqlalchemy import column as column_
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Contingent, PerformanceSeat, SeatHistory, Ticket, utcnow
from app.domain.actors import Actor
from app.domain.enums import SeatAction, TicketState
from app.domain.errors import InputError
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
    # (seat id, contingent id, blocked) of each changed seat before the edit: what undo restores.
    before: tuple[tuple[int, int | None, bool], ...] = ()

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
    if selection.seat_ids is not None and selection.first is None:
        return _edit_by_ids(db, actor, performance, action, selection.seat_ids, contingent)
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
                          tuple(r.seat_id for r in changed), revision,
                          tuple((r.seat_id, r.contingent_id, r.blocked) for r in changed))


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


# --- The seat plan's path: explicit seat ids, thousands at a time -----------------------

@dataclass(frozen=True)
class _Lean:
    """The facts a rule needs about one seat (no labels: the plan has them)."""

    seat_id: int
    contingent_id: int | None
    blocked: bool
    invalid: bool
    locked: bool
    ticket: str | None

    def state(self, _now=None) -> SeatState:
        if self.ticket == TicketState.SOLD.value:
            return SeatState.SOLD
        if self.ticket == TicketState.RESERVED.value:
            return SeatState.RESERVED
        if self.invalid:
            return SeatState.INVALID
        if self.blocked:
            return SeatState.BLOCKED
        return SeatState.LOCKED if self.locked else SeatState.FREE


def _in_ids(s: Session, column, ids: list[int]):
    """`column IN (ids)` with ONE bound parameter whatever the number of ids: a JSON array
    on SQLite, an array on PostgreSQL. Expanding 20,000 parameters costs more in
    SQLAlchemy's compiler than the statement costs in the database."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy import ARRAY, any_, bindparam

        return column == any_(bindparam("seat_ids", list(ids), type_=ARRAY(Integer)))
    return column.in_(text("SELECT value FROM json_each(:seat_ids)")
                      .bindparams(seat_ids=json.dumps(list(ids))).columns(column_("value", Integer)))


def _lean_rows(s: Session, performance_id: int, seat_ids) -> list[tuple]:
    """(seat id, contingent id, blocked, invalid, locked, ticket state) of the selected
    seats, through the driver's cursor (Row objects would cost more than the work)."""
    from .seatplan_data import _fetch_raw

    ids = sorted(set(seat_ids))
    q = (select(PerformanceSeat.seat_id, PerformanceSeat.contingent_id,
                case((PerformanceSeat.blocked, 1), else_=0), case((PerformanceSeat.invalid, 1), else_=0),
                PerformanceSeat.locked_until, cast(Ticket.state, String))
         .outerjoin(Ticket, and_(Ticket.performance_id == PerformanceSeat.performance_id,
                                 Ticket.seat_id == PerformanceSeat.seat_id,
                                 Ticket.state != TicketState.CANCELLED))
         .where(PerformanceSeat.performance_id == performance_id, _in_ids(s, PerformanceSeat.seat_id, ids)))
    rows = _fetch_raw(s, q)
    if len(rows) != len(ids):
        found = {r[0] for r in rows}
        missing = [i for i in ids if i not in found]
        raise InputError(f"{len(missing)} seat(s) are not on this performance's plan (e.g. id {missing[0]})")
    now = utcnow()
    out = []
    for sid, cid, blocked, invalid, lu, ticket in rows:
        locked = False
        if lu is not None:
            if isinstance(lu, str):  # SQLite hands back its text form
                lu = datetime.fromisoformat(lu)
            locked = lu > now
        out.append((sid, cid, blocked == 1, invalid == 1, locked, ticket))
    return out


def _lean(row: tuple) -> _Lean:
    return _Lean(*row)


def _write(s: Session, actor: Actor, performance_id: int, seat_ids: list[int], values: dict,
           action: SeatAction, new_value: str, now, reference: str = "") -> None:
    """History first (it reads the old contingent code), then one set-based UPDATE."""
    if action in (SeatAction.ASSIGN, SeatAction.UNASSIGN):
        old = func.coalesce(Contingent.code, "")
    else:
        old = literal("blocked" if action is SeatAction.UNBLOCK else "")
    cols = ["at", "operator_id", "performance_id", "seat_id", "action", "old_value", "new_value", "quantity",
            "reference"]
    src = (select(literal(now, DateTime()), literal(actor.operator_id, Integer()), PerformanceSeat.performance_id,
                  PerformanceSeat.seat_id, literal(action.value), old, literal(new_value), literal(1),
                  literal(reference))
           .select_from(PerformanceSeat)
           .outerjoin(Contingent, Contingent.id == PerformanceSeat.contingent_id)
           .where(PerformanceSeat.performance_id == performance_id, _in_ids(s, PerformanceSeat.seat_id, seat_ids)))
    s.execute(insert(SeatHistory.__table__).from_select(cols, src))
    s.execute(update(PerformanceSeat.__table__)
              .where(PerformanceSeat.performance_id == performance_id, _in_ids(s, PerformanceSeat.seat_id, seat_ids))
              .values(**values))


def _touched(refs: dict[int, ContingentRef], *contingent_ids) -> set[str]:
    return {refs[c].code for c in contingent_ids if c and refs[c].is_distributor}


def _edit_by_ids(db: Database, actor: Actor, performance, action: str, seat_ids, contingent: str | None) -> EditResult:
    with db.write() as s:
        perf = find_performance(s, performance)
        revision = bump_revision(s, perf.id)
        refs = contingent_refs(s)
        target = refs[find_contingent(s, contingent).id] if contingent else None
        now = utcnow()
        rows = _lean_rows(s, perf.id, seat_ids)
        # The rule depends on (contingent, blocked, state) only: decide once per combination.
        verdicts: dict[tuple, str | None] = {}
        changed: list[tuple] = []
        skipped: Counter[str] = Counter()
        for r in rows:
            key = r[1:]
            if key not in verdicts:
                lean = _lean(r)
                verdicts[key] = _refusal(action, lean, lean.state(), target, refs)
            reason = verdicts[key]
            if reason is None:
                changed.append(r)
            else:
                skipped[reason] += 1
        ids = [r[0] for r in changed]
        if ids:
            if action == "assign":
                _write(s, actor, perf.id, ids, {"contingent_id": target.id}, SeatAction.ASSIGN, target.code, now)
            elif action == "unassign":
                _write(s, actor, perf.id, ids, {"contingent_id": None}, SeatAction.UNASSIGN, "", now)
            else:
                _write(s, actor, perf.id, ids, {"blocked": action == "block"}, SeatAction(action),
                       "blocked" if action == "block" else "", now)
        touched = _touched(refs, *{r[1] for r in changed})
        if target is not None and target.is_distributor and changed:
            touched.add(target.code)
        return EditResult(action, perf.id, len(changed), dict(skipped), tuple(sorted(touched)), tuple(ids),
                          revision, tuple((r[0], r[1], r[2]) for r in changed))


def restore_seats(db: Database, actor: Actor, performance: str | int,
                  states: list[tuple[int, int | None, bool]], reference: str = "undo") -> EditResult:
    """Put seats back to given (contingent id, blocked) values — undo and redo of the plan.

    The same rules as every edit: a sold or reserved seat keeps its sale and contingent,
    and seats never go straight from one distributor's contingent to another's."""
    actor.require_manager("change the seat allocation")
    with db.write() as s:
        perf = find_performance(s, performance)
        revision = bump_revision(s, perf.id)
        refs = contingent_refs(s)
        now = utcnow()
        wanted = {sid: (cid or None, bool(b)) for sid, cid, b in states}
        rows = [_lean(r) for r in _lean_rows(s, perf.id, list(wanted))]
        by_contingent: dict[int | None, list[int]] = {}
        by_blocked: dict[bool, list[int]] = {}
        before, changed_ids, touched = [], [], set()
        skipped: Counter[str] = Counter()
        for r in rows:
            cid, blocked = wanted[r.seat_id]
            state = r.state()
            sold = state in (SeatState.SOLD, SeatState.RESERVED)
            moved = False
            if cid != r.contingent_id:
                reason = (f"{state.value} seats keep their sale and their contingent" if sold
                          else move_refusal(refs.get(r.contingent_id) if r.contingent_id else None,
                                            refs.get(cid) if cid else None))
                if reason:
                    skipped[reason] += 1
                else:
                    by_contingent.setdefault(cid, []).append(r.seat_id)
                    touched |= _touched(refs, cid, r.contingent_id)
                    moved = True
            if blocked != r.blocked:
                if blocked and sold:
                    skipped[f"{state.value} seats cannot be blocked"] += 1
                else:
                    by_blocked.setdefault(blocked, []).append(r.seat_id)
                    touched |= _touched(refs, r.contingent_id)
                    moved = True
            if moved:
                before.append((r.seat_id, r.contingent_id, r.blocked))
                changed_ids.append(r.seat_id)
        for cid, ids in by_contingent.items():
            if cid is None:
                _write(s, actor, perf.id, ids, {"contingent_id": None}, SeatAction.UNASSIGN, "", now, reference)
            else:
                _write(s, actor, perf.id, ids, {"contingent_id": cid}, SeatAction.ASSIGN, refs[cid].code, now,
                       reference)
        for blocked, ids in by_blocked.items():
            _write(s, actor, perf.id, ids, {"blocked": blocked}, SeatAction.BLOCK if blocked else SeatAction.UNBLOCK,
                   "blocked" if blocked else "", now, reference)
        return EditResult("restore", perf.id, len(changed_ids), dict(skipped), tuple(sorted(touched)),
                          tuple(changed_ids), revision, tuple(before))
