"""Two processes selling at once get gapless, unique operation numbers; a writer killed
(SIGKILL) in the middle of its sales leaves a valid chain."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from app.services import journal

SELLER = textwrap.dedent("""
    import sys
    from app.db.engine import open_database
    from app.domain.errors import RuleViolation
    from app.domain.selection import Range, SeatSelection
    from app.services.inventory.selling import sell
    from app.services.operators import find_actor
    url, rows = sys.argv[1], sys.argv[2].split(",")
    db = open_database(url)
    who = find_actor(db, "caisse")
    print("ready", flush=True)
    for row in rows:
        for n in range(1, 11):
            sel = SeatSelection(zone="PAR", block="G", rows=Range(row, row), numbers=Range(str(n), str(n)))
            try:
                sell(db, who, "WALKYRIE@2014-12-07 20:00", sel, payment="CARD", point_of_sale="GUICHET-1")
            except RuleViolation:
                pass
    db.dispose()
""")


def _seller(url: str, rows: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    return subprocess.Popen([sys.executable, "-c", SELLER, url, rows], env=env, stdout=subprocess.PIPE, text=True)


def test_two_processes_selling_at_once_get_gapless_unique_numbers(demo_db, db_url):
    procs = [_seller(db_url, "1,2,3"), _seller(db_url, "4,5,6")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.wait(timeout=300) == 0
    ops = journal.operations(demo_db)
    assert [o["op_no"] for o in ops] == list(range(1, len(ops) + 1))
    assert len(ops) == 60 and len({o["ticket_id"] for o in ops}) == 60
    assert journal.verify(demo_db).ok


def test_a_writer_killed_during_its_sales_leaves_a_valid_chain(demo_db, db_url):
    p = _seller(db_url, "1,2,3,4,5,6")
    assert p.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 120
    while len(journal.operations(demo_db, limit=5)) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    res = journal.verify(demo_db)
    assert res.ok and res.checked >= 5
    from app.services.inventory.selling import sell
    from app.services.operators import find_actor
    from tests.integration.journal.test_journal import ROW
    from app.domain.selection import Range, SeatSelection
    sell(demo_db, find_actor(demo_db, "caisse"), "WALKYRIE@2014-12-07 20:00",
         SeatSelection(zone="PAR", block="G", rows=Range("8", "8"), numbers=Range("1", "2")), payment="CARD")
    assert journal.verify(demo_db).ok and ROW
