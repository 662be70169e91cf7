"""The guided two-step move between distributors against the simulator over real HTTP:
remove + block + export the source, then assign + unblock + export the target; a failed
source export stops after step 1 with the seats safe; sold seats are never moved."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import Contingent, Execution, PerformanceSeat, SeatHistory, Ticket
from app.domain.enums import ExecutionStatus, SeatAction, TicketState, Trigger
from app.domain.errors import InputError
from app.services.sync.export import export_allotments
from app.services.sync.guided_move import NOT_MOVED, move_between_distributors
from app.services.inventory.history import seat_history
from app.services.lookup import find_performance
from app.services.sync.reintegration import reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import PERF_EXT, seats_of

FNAC, TKN = "NTJ FNAC", "NTJ Ticketnet"


def sim_keys(sim, login: str) -> set[tuple]:
    perf = sim.store.allotment(login, PERF_EXT)
    return set(perf.seats) if perf else set()


def key_of(seat) -> tuple:
    return (seat.ext_zone, str(seat.row), str(seat.number))


def seat_states(db, seat_ids) -> dict[int, tuple[str | None, bool]]:
    with db.read() as s:
        perf = find_performance(s, WALKYRIE)
        codes = dict(s.execute(select(Contingent.id, Contingent.code)).all())
        rows = s.execute(select(PerformanceSeat.seat_id, PerformanceSeat.contingent_id, PerformanceSeat.blocked)
                         .where(PerformanceSeat.performance_id == perf.id,
                                PerformanceSeat.seat_id.in_(list(seat_ids)))).all()
    return {sid: (codes.get(cid), blocked) for sid, cid, blocked in rows}


@pytest.fixture
def exported(linked, manager, sim):
    for iface in (FNAC, TKN):
        r = export_allotments(linked, manager, iface, WALKYRIE)
        assert r.status.value == "ok", r.summary()
    return linked


def test_guided_move_runs_both_steps_with_the_exports_between(exported, manager, sim):
    db = exported
    seats = seats_of(db, "B2", "C")[:10]
    ids = [s.seat_id for s in seats]
    assert {key_of(s) for s in seats} <= sim_keys(sim, "fnac-demo")
    with db.read() as s:
        first_history = s.scalar(select(SeatHistory.id).order_by(SeatHistory.id.desc()).limit(1))

    result = move_between_distributors(db, manager, WALKYRIE, ids, "TKN")

    assert result.done and result.steps_done == 2, result.message()
    assert result.sources == ("FNAC",) and sorted(result.seat_ids) == sorted(ids)
    assert result.unblocked == 10 and result.failed_execution_id is None
    assert set(seat_states(db, ids).values()) == {("TKN", False)}
    assert not {key_of(s) for s in seats} & sim_keys(sim, "fnac-demo")
    assert {key_of(s) for s in seats} <= sim_keys(sim, "ticketnet-demo")
    assert len(sim_keys(sim, "fnac-demo")) == 134
    with db.read() as s:
        execs = s.scalars(select(Execution).where(Execution.id.in_(result.execution_ids))
                          .order_by(Execution.id)).all()
        history = s.execute(select(SeatHistory.action, SeatHistory.operator_id, SeatHistory.old_value,
                                   SeatHistory.new_value, SeatHistory.quantity)
                            .where(SeatHistory.id > (first_history or 0)).order_by(SeatHistory.id)).all()
    assert len(execs) >= 2 and all(e.status is ExecutionStatus.OK for e in execs)
    assert all(e.trigger is Trigger.SEAT_PLAN and e.operator_id == manager.operator_id for e in execs)
    assert [e.id for e in execs][0] == result.source_exports[0].execution_id
    assert result.source_exports[0].execution_id < result.target_exports[0].execution_id
    # history in order: remove, block, assign, unblock — each seat, each with the operator
    order = []
    for action, op, old, new, sid in history:
        assert op == manager.operator_id
        if not order or order[-1] != action:
            order.append(action)
    assert order == [SeatAction.UNASSIGN, SeatAction.BLOCK, SeatAction.ASSIGN, SeatAction.UNBLOCK]
    assert sum(q for a, *_r, q in history if a is SeatAction.UNASSIGN) == 10
    assert {(old, new) for a, _o, old, new, _s in history if a is SeatAction.UNASSIGN} == {("FNAC", "")}
    assert {(old, new) for a, _o, old, new, _s in history if a is SeatAction.ASSIGN} == {("", "TKN")}


def test_a_failed_source_export_stops_after_step_one_with_the_seats_safe(exported, manager, sim):
    db = exported
    seats = seats_of(db, "B2", "C")[:6]
    ids = [s.seat_id for s in seats]
    tkn_before = sim_keys(sim, "ticketnet-demo")
    sim.inject("http_500", login="fnac-demo", count=None)

    result = move_between_distributors(db, manager, WALKYRIE, ids, "TKN")

    assert result.steps_done == 1 and not result.done
    assert result.failed_execution_id is not None and result.first_error
    assert f"#{result.failed_execution_id}" in result.message()
    assert result.target_exports == ()
    assert set(seat_states(db, ids).values()) == {(None, True)}  # out of both distributors, blocked
    assert sim_keys(sim, "ticketnet-demo") == tkn_before
    with db.read() as s:
        failed = s.get(Execution, result.failed_execution_id)
        assert failed.status is ExecutionStatus.ERROR and failed.trigger is Trigger.SEAT_PLAN
        assert s.scalar(select(Execution.id).where(Execution.id > result.failed_execution_id)) is None


def test_sold_seats_and_seats_of_no_distributor_are_left_alone(exported, manager, sim):
    db = exported
    sim.sell("fnac-demo", 3)
    assert reintegrate_sales(db, manager, FNAC).counts["sales"] == 3
    with db.read() as s:
        sold_ids = set(s.scalars(select(Ticket.seat_id).where(Ticket.state == TicketState.SOLD)))
    block = [s.seat_id for s in seats_of(db, "B2", "C")]
    assert len(sold_ids) == 3 and sold_ids <= set(block)
    with db.read() as s:  # two seats in no contingent
        free = list(s.scalars(select(PerformanceSeat.seat_id).where(
            PerformanceSeat.performance_id == find_performance(s, WALKYRIE).id,
            PerformanceSeat.contingent_id.is_(None), PerformanceSeat.blocked.is_(False))
            .order_by(PerformanceSeat.seat_id).limit(2)))
    assert set(seat_states(db, free).values()) == {(None, False)}
    with db.read() as s:
        perf_id = find_performance(s, WALKYRIE).id
        before = {sid: seat_history(s, perf_id, sid) for sid in sold_ids | set(free)}

    result = move_between_distributors(db, manager, WALKYRIE, block + free, "TKN")

    assert result.done, result.message()
    assert len(result.seat_ids) == len(block) - 3
    assert result.skipped == {"sold seats keep their sale and their contingent": 3, NOT_MOVED: 2}
    assert set(seat_states(db, sold_ids).values()) == {("FNAC", False)}
    assert set(seat_states(db, free).values()) == {(None, False)}
    with db.read() as s:
        assert {sid: seat_history(s, perf_id, sid) for sid in sold_ids | set(free)} == before
    # the distributor keeps its sold seats and nothing else
    assert len(sim_keys(sim, "fnac-demo")) == 3


def test_the_target_must_be_a_distributor_contingent(exported, manager):
    ids = [s.seat_id for s in seats_of(exported, "B2", "C")[:2]]
    with pytest.raises(InputError, match="not bound to a distributor"):
        move_between_distributors(exported, manager, WALKYRIE, ids, "Visites")
    assert set(seat_states(exported, ids).values()) == {("FNAC", False)}


def test_nothing_to_move_changes_nothing(exported, manager):
    ids = [s.seat_id for s in seats_of(exported, "GAL", "C")[:2]]  # already TKN's
    result = move_between_distributors(exported, manager, WALKYRIE, ids, "TKN")
    assert result.steps_done == 0 and result.execution_ids == ()
    assert result.skipped == {"already in contingent TKN": 2}
