"""Two workstations (two processes) race to sell the same seats: exactly one wins."""

import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from app.db.models import Ticket
from app.domain.enums import TicketState

SELL = """
import sys, time
from app.db.engine import open_database
from app.domain.errors import RuleViolation
from app.domain.selection import Range, SeatSelection
from app.services.operators import find_actor
from app.services.inventory.selling import sell
url, start, row = sys.argv[1], float(sys.argv[2]), sys.argv[3]
db = open_database(url)
actor = find_actor(db, "caisse")
while time.time() < start:
    time.sleep(0.001)
try:
    r = sell(db, actor, "WALKYRIE@2014-12-07 20:00", SeatSelection(zone="PAR", block="C", rows=Range(row, row)))
    print("WON", len(r.seats))
except RuleViolation as exc:
    print("LOST", exc)
    sys.exit(1)
"""


@pytest.mark.parametrize("rounds", [3])
def test_two_processes_selling_the_same_seats_one_wins(demo_db, db_url, rounds):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for row in range(1, rounds + 1):
        start = time.time() + 1.5  # both processes are up and connected by then
        procs = [subprocess.Popen([sys.executable, "-c", SELL, db_url, str(start), str(row)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for _ in range(2)]
        outs = [p.communicate(timeout=60) for p in procs]
        results = sorted(o[0].split()[0] if o[0] else f"CRASH {o[1]}" for o in outs)
        assert results == ["LOST", "WON"], outs
        loser = next(o[0] for o in outs if o[0].startswith("LOST"))
        assert "already sold" in loser
    with demo_db.read() as s:
        live = s.scalar(select(func.count(Ticket.id)).where(Ticket.state != TicketState.CANCELLED))
        distinct = s.scalar(select(func.count(func.distinct(Ticket.seat_id))).where(Ticket.state != TicketState.CANCELLED))
    assert live == distinct == 20 * rounds  # row of 20 seats in the centre stalls, sold once each


def test_two_sessions_past_the_check_the_unique_index_settles_it(demo_db, db_url, cashier):
    """Both writers pass the state check (the seats are free for both), then both insert the
    same live tickets: the unique index uq_tickets_live_seat lets exactly one commit.

    The box-office sale is paused by selling.after_check (its test hook, between check and
    insert) while a second workstation checks and inserts on its own connection without the
    revision lock, as a writer that bypassed it would. On PostgreSQL the other writer commits
    first and the sale hits the index: "already sold by another workstation", nothing sold.
    On SQLite a writer holds the whole database from BEGIN IMMEDIATE, so the other writer can
    only insert after the sale commits, and the index refuses it instead."""
    import threading

    from sqlalchemy.exc import IntegrityError

    from app.db.engine import open_database
    from app.db.models import Order, Price, Tariff, utcnow
    from app.domain.enums import OrderStatus
    from app.domain.errors import RuleViolation
    from app.domain.selection import Range, SeatSelection
    from app.domain.seats import SeatState
    from app.services.inventory import selling
    from app.services.inventory.state import select_seats
    from app.services.lookup import find_performance, find_point_of_sale, seat_zones

    selection = SeatSelection(zone="PAR", block="C", rows=Range("4", "4"))
    other = open_database(db_url, upgrade=False)
    passed_check, outcome, checked = [], {}, threading.Event()

    def other_workstation(perf_id: int) -> None:
        try:
            with other.read() as s:
                rows = select_seats(s, perf_id, selection)
                if all(r.state(utcnow()) is SeatState.FREE for r in rows):
                    passed_check.append("other")
            checked.set()
            with other.write() as s:
                tariff = s.scalars(select(Tariff).order_by(Tariff.sort)).first()
                prices = {c: a for c, a in s.execute(select(Price.category_id, Price.amount).where(
                    Price.performance_id == perf_id, Price.tariff_id == tariff.id))}
                pos = find_point_of_sale(s, "GUICHET-1")  # the demo box office's point of sale
                order = Order(reference=selling.new_reference("T"), operator_id=cashier.operator_id,
                              channel_id=pos.channel_id, point_of_sale_id=pos.id, status=OrderStatus.PAID,
                              created_at=utcnow())
                s.add(order)
                s.flush()
                zones = seat_zones(s, [r.seat_id for r in rows])
                s.add_all(Ticket(order_id=order.id, performance_id=perf_id, seat_id=r.seat_id,
                                 zone_id=zones[r.seat_id], category_id=r.category_id, tariff_id=tariff.id,
                                 contingent_id=r.contingent_id, price=prices[r.category_id],
                                 state=TicketState.SOLD, controlled=False, created_at=utcnow()) for r in rows)
            outcome["other"] = "committed"
        except IntegrityError as exc:
            outcome["other"] = f"refused: {exc.orig}"
        finally:
            checked.set()

    with demo_db.read() as s:
        perf_id = find_performance(s, "WALKYRIE@2014-12-07 20:00").id
    thread = threading.Thread(target=other_workstation, args=(perf_id,))

    def hook(_session, seat_ids):
        passed_check.append("box office")
        assert len(seat_ids) == 20
        thread.start()
        assert checked.wait(20)
        thread.join(3)  # PostgreSQL: the other commits; SQLite: it waits for our lock

    selling.after_check = hook
    try:
        try:
            result = selling.sell(demo_db, cashier, "WALKYRIE@2014-12-07 20:00", selection)
            outcome["box office"] = "committed"
        except RuleViolation as exc:
            outcome["box office"] = f"refused: {exc}"
    finally:
        selling.after_check = None
        thread.join(30)
        other.dispose()

    assert sorted(passed_check) == ["box office", "other"]  # both passed the state check
    assert sorted(v.split(":")[0] for v in outcome.values()) == ["committed", "refused"], outcome
    if demo_db.is_sqlite:
        assert outcome["box office"] == "committed" and len(result.seats) == 20
        assert "UNIQUE constraint failed: tickets.performance_id, tickets.seat_id" in outcome["other"]
    else:
        assert outcome["other"] == "committed"
        assert outcome["box office"] == ("refused: sale refused, nothing sold — a seat was already sold by "
                                         "another workstation")
    with demo_db.read() as s:
        live = s.execute(select(Ticket.seat_id, func.count()).where(
            Ticket.performance_id == perf_id, Ticket.state != TicketState.CANCELLED).group_by(Ticket.seat_id)).all()
        orders_with_tickets = s.scalar(select(func.count(func.distinct(Ticket.order_id))).where(
            Ticket.performance_id == perf_id))
    assert len(live) == 20 and {n for _sid, n in live} == {1}
    assert orders_with_tickets == 1  # the loser's order kept no ticket (its transaction rolled back)
