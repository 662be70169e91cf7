"""Seat allocation on a performance: assign to / remove from a contingent, block, unblock."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import json

from sqlalchemy import String, and_, case, cast, func, insert, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import PerformanceSeat, SeatHistory, Ticket, utcnow
from app.domain.actors import Actor
from app.domain.enums import SeatAction, TicketState
from app.domain.errors import InputError
from app.domain.seats import ContingentRef, SeatState, move_refusal
from app.domain.selection import SeatSelection

from .state import SeatIdParam, SeatRow, bump_revision, in_chunks, select_seats
from app.services.lookup import contingent_refs, find_contingent, find_performance
from app.i18n import N_, _

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
    actor.require_writer(N_("change the seat plan"))
    if action not in ACTIONS:
        raise ValueError(action)
    actor.require_manager(N_("change the seat allocation"))
    if action == "assign" and not contingent:
        from app.domain.errors import InputError

        raise InputError(_("assign needs --contingent CODE"))
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
    for part in in_chunks([r.seat_id for r in rows]):
        s.execute(update(PerformanceSeat)
                  .where(PerformanceSeat.performance_id == performance_id, PerformanceSeat.seat_id.in_(part))
                  .values(**values), execution_options={"synchronize_session": False})

    def code(cid):
        return refs[cid].code if cid else ""

    changes: dict[tuple[str, str], list[int]] = {}  # (old, new) → seats: a history line each
    for r in rows:
        if action in ("assign", "unassign"):
            old, new = code(r.contingent_id), (target.code if action == "assign" else "")
        else:
            old, new = ("blocked", "") if action == "unblock" else ("", "blocked")
        changes.setdefault((old, new), []).append(r.seat_id)
    for (old, new), seats in changes.items():
        _record(s, actor, performance_id, seats, SeatAction(action), old, new, now)


# --- The seat plan's path: explicit seat ids, thousands at a time -----------------------

@dataclass(frozen=True)
class _SeatFacts:
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


# Lean facts per seat: (contingent id, blocked, invalid, locked, live ticket state)
Key = tuple


def seat_groups(s: Session, performance_id: int, seat_ids) -> list[tuple[Key, list[int]]]:
    """The selected seats grouped by the facts the rules look at, each group with its
    seat ids: a few rows however many seats (the rules are decided once per group, and
    no Python object is made per seat but its id)."""
    from .seatplan_data import json_array

    ids = sorted(set(seat_ids))
    sel = SeatIdParam(s, ids)
    now = utcnow()
    ps = PerformanceSeat
    key = (ps.contingent_id, case((ps.blocked, 1), else_=0), case((ps.invalid, 1), else_=0),
           case((ps.locked_until > now, 1), else_=0), cast(Ticket.state, String))
    rows = s.execute(
        select(*key, func.count(), json_array(s, ps.seat_id))
        .select_from(ps)
        .outerjoin(Ticket, and_(Ticket.performance_id == ps.performance_id, Ticket.seat_id == ps.seat_id,
                                Ticket.state != TicketState.CANCELLED))
        .where(ps.performance_id == performance_id, sel.contains(ps.seat_id))
        .group_by(*key)
    ).all()
    groups = [((cid, blocked == 1, invalid == 1, locked == 1, ticket), json.loads(members))
              for cid, blocked, invalid, locked, ticket, _n, members in rows]
    found = sum(n for *_k, n, _m in rows)
    if found != len(ids):
        present = {sid for _k, members in groups for sid in members}
        missing = [i for i in ids if i not in present]
        raise InputError(_("{n} seat(s) are not on this performance's plan (e.g. id {id})").format(
            n=len(missing), id=missing[0]))
    return groups


def _seat_facts(key: Key, seat_id: int = 0) -> "_SeatFacts":
    return _SeatFacts(seat_id, *key)


def group_state(key: Key) -> SeatState:
    """The state shared by the seats of one `seat_groups` group."""
    return _seat_facts(key).state()


def _record(s: Session, actor: Actor, performance_id: int, ids: SeatIdParam | list[int], action: SeatAction,
            old: str, new: str, now, reference: str = "") -> None:
    """The history of one change (same action, old and new value) to the given seats: one line
    for all of them — their ids as a JSON array in seat_ids, quantity their number — or, for a
    single seat, a line naming it (seat_id), as the other writers do. A line per seat made
    PostgreSQL write 20,000 rows for an edit of 20,000 seats, a third of its time
    (migration 0017; history.seat_history reads both forms)."""
    seats = sorted(set(ids.ids if isinstance(ids, SeatIdParam) else ids))
    if not seats:
        return
    one = len(seats) == 1
    s.execute(insert(SeatHistory.__table__).values(
        at=now, operator_id=actor.operator_id, performance_id=performance_id, seat_id=seats[0] if one else None,
        seat_ids=None if one else json.dumps(seats, separators=(",", ":")), action=action, old_value=old,
        new_value=new, quantity=len(seats), reference=reference))


def _set(s: Session, performance_id: int, ids: SeatIdParam, values: dict) -> None:
    s.execute(update(PerformanceSeat.__table__)
              .where(PerformanceSeat.performance_id == performance_id, ids.contains(PerformanceSeat.seat_id))
              .values(**values))


def _touched(refs: dict[int, ContingentRef], *contingent_ids) -> set[str]:
    return {refs[c].code for c in contingent_ids if c and refs[c].is_distributor}


def _edit_by_ids(db: Database, actor: Actor, performance, action: str, seat_ids, contingent: str | None) -> EditResult:
    with db.write() as s:
        return _edit_ids_in(s, actor, performance, action, seat_ids, contingent)


def edit_seat_ids_in(s: Session, actor: Actor, performance, action: str, seat_ids,
                     contingent: str | None = None) -> EditResult:
    """One edit of explicit seats inside the caller's transaction (several edits that must
    land together, e.g. the guided move's "remove and block"); the same rules and history
    lines as `edit_seats`."""
    if action not in ACTIONS:
        raise ValueError(action)
    actor.require_manager(N_("change the seat allocation"))
    if action == "assign" and not contingent:
        raise InputError(_("assign needs --contingent CODE"))
    return _edit_ids_in(s, actor, performance, action, seat_ids, contingent)


def _edit_ids_in(s: Session, actor: Actor, performance, action: str, seat_ids, contingent: str | None) -> EditResult:
    perf = find_performance(s, performance)
    revision = bump_revision(s, perf.id)
    refs = contingent_refs(s)
    target = refs[find_contingent(s, contingent).id] if contingent else None
    now = utcnow()
    changed: list[tuple[Key, list[int]]] = []
    skipped: Counter[str] = Counter()
    # The rule depends on (contingent, blocked, state) only: decided once per group.
    for key, members in seat_groups(s, perf.id, seat_ids):
        lean = _seat_facts(key)
        reason = _refusal(action, lean, lean.state(), target, refs)
        if reason is None:
            changed.append((key, members))
        else:
            skipped[reason] += len(members)
    ids = sorted(sid for _k, members in changed for sid in members)
    if ids:
        every = SeatIdParam(s, ids)
        if action in ("assign", "unassign"):
            new = target.code if action == "assign" else ""
            seat_action = SeatAction(action)
            for key, members in changed:  # one history insert per old contingent
                old = refs[key[0]].code if key[0] else ""
                _record(s, actor, perf.id, every if len(changed) == 1 else SeatIdParam(s, members), seat_action,
                        old, new, now)
            _set(s, perf.id, every, {"contingent_id": target.id if action == "assign" else None})
        else:
            old, new = ("", "blocked") if action == "block" else ("blocked", "")
            _record(s, actor, perf.id, every, SeatAction(action), old, new, now)
            _set(s, perf.id, every, {"blocked": action == "block"})
    touched = _touched(refs, *{key[0] for key, _m in changed})
    if target is not None and target.is_distributor and changed:
        touched.add(target.code)
    before = {sid: (key[0], key[1]) for key, members in changed for sid in members}
    return EditResult(action, perf.id, len(ids), dict(skipped), tuple(sorted(touched)), tuple(ids),
                      revision, tuple((sid, *before[sid]) for sid in ids))


def restore_seats(db: Database, actor: Actor, performance: str | int,
                  states: list[tuple[int, int | None, bool]], reference: str = "undo") -> EditResult:
    """Put seats back to given (contingent id, blocked) values — undo and redo of the plan.

    The same rules as every edit: a sold or reserved seat keeps its sale and contingent,
    and seats never go straight from one distributor's contingent to another's."""
    actor.require_writer(N_("change the seat plan"))
    actor.require_manager(N_("change the seat allocation"))
    with db.write() as s:
        perf = find_performance(s, performance)
        revision = bump_revision(s, perf.id)
        refs = contingent_refs(s)
        now = utcnow()
        wanted = {sid: (cid or None, bool(b)) for sid, cid, b in states}
        moves: dict[tuple[int | None, int | None], list[int]] = {}  # (new, old contingent) → seats
        by_blocked: dict[bool, list[int]] = {}
        before, changed_ids, touched = [], [], set()
        skipped: Counter[str] = Counter()
        for key, members in seat_groups(s, perf.id, list(wanted)):
            current, is_blocked = key[0], key[1]
            state = _seat_facts(key).state()
            sold = state in (SeatState.SOLD, SeatState.RESERVED)
            for sid in members:
                cid, blocked = wanted[sid]
                moved = False
                if cid != current:
                    reason = (f"{state.value} seats keep their sale and their contingent" if sold
                              else move_refusal(refs.get(current) if current else None, refs.get(cid) if cid else None))
                    if reason:
                        skipped[reason] += 1
                    else:
                        moves.setdefault((cid, current), []).append(sid)
                        moved = True
                if blocked != is_blocked:
                    if blocked and sold:
                        skipped[f"{state.value} seats cannot be blocked"] += 1
                    else:
                        by_blocked.setdefault(blocked, []).append(sid)
                        touched |= _touched(refs, current)
                        moved = True
                if moved:
                    before.append((sid, current, is_blocked))
                    changed_ids.append(sid)
        by_new: dict[int | None, list[int]] = {}
        for (cid, old), ids in moves.items():
            touched |= _touched(refs, cid, old)
            _record(s, actor, perf.id, SeatIdParam(s, ids), SeatAction.ASSIGN if cid else SeatAction.UNASSIGN,
                    refs[old].code if old else "", refs[cid].code if cid else "", now, reference)
            by_new.setdefault(cid, []).extend(ids)
        for cid, ids in by_new.items():
            _set(s, perf.id, SeatIdParam(s, ids), {"contingent_id": cid})
        for blocked, ids in by_blocked.items():
            every = SeatIdParam(s, ids)
            _record(s, actor, perf.id, every, SeatAction.BLOCK if blocked else SeatAction.UNBLOCK,
                    "" if blocked else "blocked", "blocked" if blocked else "", now, reference)
            _set(s, perf.id, every, {"blocked": blocked})
        before.sort()
        changed_ids.sort()
        return EditResult("restore", perf.id, len(changed_ids), dict(skipped), tuple(sorted(touched)),
                          tuple(changed_ids), revision, tuple(before))
