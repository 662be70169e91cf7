"""Counters, allocation and selling on a real database (SQLite and PostgreSQL)."""

from app.domain.errors import PermissionDenied, RuleViolation
from app.domain.selection import Range, SeatSelection
from app.services.inventory.allocation import edit_seats
from app.services.inventory.counts import performance_counts
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE

import pytest


def test_demo_hall_has_1526_numbered_seats_and_a_standing_zone(demo_db):
    assert performance_counts(demo_db, WALKYRIE).counts.total == 1526
    with_standing = performance_counts(demo_db, WALKYRIE, include_non_numbered=True).counts
    assert with_standing.total == 1526 + 120


def test_assign_then_counts_by_contingent_and_share(demo_db, manager):
    r = edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="B2", block="C"), "FNAC")
    assert r.changed == 144 and r.distributor_contingents == ("FNAC",)
    rep = performance_counts(demo_db, WALKYRIE, contingent="FNAC")
    assert rep.counts.total == 144 and rep.counts.free == 144
    assert rep.share_percent == round(100 * 144 / 1526, 1)


def test_direct_move_between_distributors_is_refused_with_the_two_steps(demo_db, manager):
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="B2", block="C", rows=Range("1", "1")), "FNAC")
    r = edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="B2", block="C", rows=Range("1", "1")), "TKN")
    assert r.changed == 0
    (reason, n), = r.skipped.items()
    assert n == 24 and "two steps" in reason


def test_sale_is_all_or_nothing_and_sold_seats_keep_their_sale(demo_db, manager):
    sel = SeatSelection(zone="PAR", block="C", rows=Range("1", "1"), numbers=Range("1", "4"))
    first = sell(demo_db, manager, WALKYRIE, sel)
    assert len(first.seats) == 4
    overlapping = SeatSelection(zone="PAR", block="C", rows=Range("1", "1"), numbers=Range("3", "6"))
    with pytest.raises(RuleViolation, match="already sold"):
        sell(demo_db, manager, WALKYRIE, overlapping)
    counts = performance_counts(demo_db, WALKYRIE).counts
    assert counts.sold == 4 and counts.free == 1522
    moved = edit_seats(demo_db, manager, WALKYRIE, "assign", sel, "Pass")
    assert moved.changed == 0 and "keep their sale" in next(iter(moved.skipped))


def test_box_office_cannot_sell_a_distributor_s_seats(demo_db, manager):
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="GAL", block="C"), "DGTK")
    with pytest.raises(RuleViolation, match="DGTK"):
        sell(demo_db, manager, WALKYRIE, SeatSelection(zone="GAL", block="C", rows=Range("1", "1")))


def test_cashier_sells_but_cannot_allocate(demo_db, cashier):
    with pytest.raises(PermissionDenied):
        edit_seats(demo_db, cashier, WALKYRIE, "block", SeatSelection(first=1))
    assert len(sell(demo_db, cashier, WALKYRIE, SeatSelection(first=2)).seats) == 2


def test_every_change_lands_in_the_seat_history_with_its_operator(demo_db, manager, cashier):
    from sqlalchemy import select

    from app.db.models import Order, SeatHistory
    from app.services.inventory.history import seats_of

    edit = edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="PAR", block="G", rows=Range("1", "1")),
                      "Pass")
    sale = sell(demo_db, cashier, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("2", "2"), numbers=Range("1", "2")))
    with demo_db.read() as s:
        rows = s.execute(select(SeatHistory.action, SeatHistory.operator_id, SeatHistory.new_value,
                                SeatHistory.reference, SeatHistory.quantity, SeatHistory.seat_id,
                                SeatHistory.seat_ids)).all()
        order = s.scalars(select(Order).where(Order.reference == sale.order_reference)).one()
    assigns = [r for r in rows if r.action.value == "assign"]
    sells = [r for r in rows if r.action.value == "sell"]
    # the edit of the row's 12 seats is one line naming them all; each sold seat a line of its own
    assert len(assigns) == 1 and assigns[0].operator_id == manager.operator_id and assigns[0].new_value == "Pass"
    assert assigns[0].quantity == 12 and assigns[0].seat_id is None
    assert seats_of(assigns[0].seat_id, assigns[0].seat_ids) == sorted(edit.changed_seat_ids)
    assert all(r.quantity == 1 and r.seat_ids is None for r in sells)
    assert sorted(sid for r in sells for sid in seats_of(r.seat_id, r.seat_ids)) == sorted(sale.seat_ids)
    assert len(sells) == 2 and {r.operator_id for r in sells} == {cashier.operator_id}
    assert {r.reference for r in sells} == {sale.order_reference}
    assert order.operator_id == cashier.operator_id


def test_a_seats_history_holds_the_edits_that_named_it_with_others_and_its_own_lines(demo_db, manager, cashier):
    """An edit of many seats is one line for all of them (migration 0017); a seat's history
    finds it for each of them, beside the seat's own lines (a sale), in the order written,
    and names no seat the edit left out."""
    from app.services.inventory.history import seat_history
    from app.services.inventory.state import select_seats
    from app.services.lookup import find_performance

    row = SeatSelection(zone="PAR", block="G", rows=Range("1", "1"))
    assigned = edit_seats(demo_db, manager, WALKYRIE, "assign", row, "Pass")
    one = assigned.changed_seat_ids[0]
    blocked = edit_seats(demo_db, manager, WALKYRIE, "block", SeatSelection(seat_ids=(one,)))
    edit_seats(demo_db, manager, WALKYRIE, "unblock", SeatSelection(seat_ids=(one,)))
    edit_seats(demo_db, manager, WALKYRIE, "unassign", SeatSelection(seat_ids=(one,)))
    sold = sell(demo_db, cashier, WALKYRIE, SeatSelection(seat_ids=(one,)))
    neighbour = SeatSelection(zone="PAR", block="G", rows=Range("2", "2"), numbers=Range("1", "1"))
    assert blocked.changed == 1 and len(assigned.changed_seat_ids) == 12
    with demo_db.read() as s:
        perf = find_performance(s, WALKYRIE).id
        first = seat_history(s, perf, one)
        other = seat_history(s, perf, assigned.changed_seat_ids[-1])
        outside = select_seats(s, perf, neighbour)[0].seat_id
        untouched = seat_history(s, perf, outside)
    assert [(h.action.value, h.old_value, h.new_value, h.seats_in_line) for h in first[:4]] == [
        ("assign", "", "Pass", 12), ("block", "", "blocked", 1), ("unblock", "blocked", "", 1),
        ("unassign", "Pass", "", 1)]
    assert [(h.action.value, h.seats_in_line) for h in first[4:]] == [("sell", 1)]
    assert first[0].operator_id == manager.operator_id and first[-1].operator_id == cashier.operator_id
    assert first[-1].reference == sold.order_reference
    assert [(h.action.value, h.seats_in_line) for h in other] == [("assign", 12)]
    assert other[0].id == first[0].id
    assert untouched == []  # the row-1 edit does not name a row-2 seat


def test_exclusive_contingent_sells_only_through_its_channels(demo_db, manager):
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="PAR", block="D", rows=Range("1", "1")), "VenuSer")
    sel = SeatSelection(zone="PAR", block="D", rows=Range("1", "1"), numbers=Range("1", "2"))
    with pytest.raises(RuleViolation, match="exclusive contingent VenuSer"):
        sell(demo_db, manager, WALKYRIE, sel, point_of_sale="WEB-1")
    assert len(sell(demo_db, manager, WALKYRIE, sel, point_of_sale="GUICHET-1").seats) == 2


def test_the_database_keeps_seats_on_existing_contingents_on_both_backends(demo_db, manager):
    """A seat names an existing contingent, and a contingent that seats name is not deleted —
    by the database itself, whatever writes (on PostgreSQL through statement-level triggers,
    migration 0015, which check a 20,000-seat move in one query)."""
    from sqlalchemy import delete, func, select, update
    from sqlalchemy.exc import IntegrityError

    from app.db.models import Contingent, PerformanceSeat

    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(first=10), "Pass")
    with demo_db.read() as s:
        used = s.scalar(select(Contingent.id).where(Contingent.code == "Pass"))
        missing = s.scalar(select(func.max(Contingent.id))) + 1000
        seat = s.scalar(select(func.min(PerformanceSeat.id)))
    with pytest.raises(IntegrityError):
        with demo_db.write() as s:
            s.execute(update(PerformanceSeat).where(PerformanceSeat.id >= seat).values(contingent_id=missing))
    with pytest.raises(IntegrityError):
        with demo_db.write() as s:
            s.execute(delete(Contingent).where(Contingent.id == used))
    with pytest.raises(IntegrityError):
        with demo_db.write() as s:
            s.execute(update(Contingent).where(Contingent.id == used).values(id=missing))
    with demo_db.read() as s:  # nothing of the refused writes is left
        assert s.scalar(select(func.count()).where(PerformanceSeat.contingent_id == missing)) == 0
        assert s.scalar(select(func.count()).where(PerformanceSeat.contingent_id == used)) == 10


def test_the_plan_read_at_driver_speed_equals_the_seats_as_stored_on_both_backends(demo_db, manager):
    """load_plan reads the plan's rows straight from the driver (on PostgreSQL as packed
    columns, one value per column): the same seats, places, blocks, categories, contingents
    and flags as the ORM reads them, and a reload of the states (load_states) the same."""
    from sqlalchemy import select, update

    from app.db.models import PerformanceSeat, Seat
    from app.services.inventory.seatplan_data import load_plan, load_states
    from app.services.lookup import find_performance

    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="B2", block="C"), "FNAC")
    edit_seats(demo_db, manager, WALKYRIE, "block", SeatSelection(first=3), None)
    with demo_db.write() as s:
        perf = find_performance(s, WALKYRIE)
        broken = s.scalars(select(PerformanceSeat.id).where(PerformanceSeat.performance_id == perf.id)
                           .order_by(PerformanceSeat.seat_id.desc()).limit(2)).all()
        s.execute(update(PerformanceSeat).where(PerformanceSeat.id.in_(broken)).values(invalid=True))
    with demo_db.read() as s:
        stored = s.execute(select(Seat.id, Seat.x, Seat.y, Seat.block_id, Seat.row, Seat.number,
                                  PerformanceSeat.category_id, PerformanceSeat.contingent_id, PerformanceSeat.blocked,
                                  PerformanceSeat.invalid)
                           .join(PerformanceSeat, PerformanceSeat.seat_id == Seat.id)
                           .where(PerformanceSeat.performance_id == perf.id).order_by(Seat.sort, Seat.id)).all()

    def as_read(plan, states):
        return [(plan.seat_id[i], plan.x[i], plan.y[i], plan.blocks[plan.block[i]].id, plan.row[i], plan.number[i],
                 plan.category[i], states.contingent[i] or None, bool(states.blocked[i]), bool(states.invalid[i]))
                for i in range(len(plan))]

    plan = load_plan(demo_db, perf.id)
    got = as_read(plan, plan.states)
    assert got == [tuple(r) for r in stored]
    assert sum(1 for g in got if g[7]) == 144 and sum(1 for g in got if g[8]) == 3 and sum(1 for g in got if g[9]) == 2
    assert as_read(plan, load_states(demo_db, perf.id, plan.seat_id)) == got
    assert [(b.start, b.end) for b in plan.blocks] == sorted((b.start, b.end) for b in plan.blocks)


def test_packed_plan_columns_out_of_plan_order_fall_back_to_the_ordered_rows(demo_db, manager, monkeypatch):
    """On PostgreSQL the plan's columns come packed, in the order the aggregates read their
    rows. Were that not plan order (blocks no longer runs of seats), the plan is read again
    by the plain ordered query: the seats still come whole, in plan order."""
    from sqlalchemy import select, text

    from app.db.models import PerformanceSeat, Seat
    from app.services.inventory import seatplan_data
    from app.services.lookup import find_performance

    if demo_db.is_sqlite:
        pytest.skip("the packed columns are PostgreSQL's read")
    pg_db = demo_db
    with pg_db.read() as s:
        perf = find_performance(s, WALKYRIE)
        stored = s.execute(select(Seat.id, Seat.row, Seat.number).join(PerformanceSeat, PerformanceSeat.seat_id == Seat.id)
                           .where(PerformanceSeat.performance_id == perf.id).order_by(Seat.sort, Seat.id)).all()
        hall_id = perf.hall_id
        shuffled = text(str(seatplan_data._PG_LAYOUT.text).replace("ORDER BY sort, id", "ORDER BY number, id"))
        monkeypatch.setattr(seatplan_data, "_PG_LAYOUT", shuffled)
        assert seatplan_data._pg_layout(s, hall_id) is None  # the packed read saw blocks out of runs
    plan = seatplan_data.load_plan(pg_db, perf.id)
    assert [(plan.seat_id[i], plan.row[i], plan.number[i]) for i in range(len(plan))] == [tuple(r) for r in stored]