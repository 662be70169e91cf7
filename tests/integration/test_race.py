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
from app.services.selling import sell
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
