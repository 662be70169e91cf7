"""Live news of other workstations' inventory writes (app/db/notify.py): the PostgreSQL NOTIFY
is delivered on commit and never after a rollback, the listener comes back after the server
closes its connection, and SQLite's data_version tells another connection's commit."""

from __future__ import annotations

import queue

import pytest
from sqlalchemy import text

from app.db.notify import PgListener, SqliteDataVersionPoller
from app.services.inventory.state import bump_revision
PERF = 1  # the demo's Walkyrie performance (tests/ui/test_change_watcher.py watches it too)


def _collect(source_cls, arg):
    got: queue.Queue = queue.Queue()
    source = source_cls(arg, lambda pid, rev: got.put((pid, rev)))
    source.start()
    assert source.connected.wait(10), "the live source never connected"
    return source, got


def _drain(got: queue.Queue) -> list:
    out = []
    while not got.empty():
        out.append(got.get_nowait())
    return out


def _wait_for(got: queue.Queue, wanted, timeout=5.0):
    """The first item of `got` equal to `wanted` within `timeout` s, else the assertion fails."""
    seen = []
    while True:
        try:
            item = got.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"{wanted} never arrived; saw {seen}") from None
        seen.append(item)
        if item == wanted:
            return


def _pg_only(db):
    if db.is_sqlite:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")


class _Rollback(Exception):
    pass


def test_the_notify_arrives_after_commit_and_not_after_rollback(demo_db):
    _pg_only(demo_db)
    listener, got = _collect(PgListener, demo_db.engine.url)
    try:
        _wait_for(got, (None, None))  # "read again" on connecting
        with pytest.raises(_Rollback):
            with demo_db.write() as s:
                rolled_back = bump_revision(s, PERF)
                raise _Rollback
        with demo_db.write() as s:
            committed = bump_revision(s, PERF)
            assert _drain(got) == []  # not before the commit either
        assert committed == rolled_back  # the rolled-back bump left no trace
        _wait_for(got, (PERF, committed))
        assert _drain(got) == []  # and the rolled-back one never came
    finally:
        listener.stop()


def test_the_listener_reconnects_after_the_server_closes_its_connection(demo_db):
    _pg_only(demo_db)
    listener, got = _collect(PgListener, demo_db.engine.url)
    try:
        first = listener.backend_pid
        with demo_db.engine.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": first}).scalar()
        _wait_for(got, (None, None))  # connected again: "read again", news may have been missed
        _wait_for(got, (None, None), timeout=10)
        assert listener.connections >= 2 and listener.backend_pid != first
        with demo_db.write() as s:
            rev = bump_revision(s, PERF)
        _wait_for(got, (PERF, rev))
    finally:
        listener.stop()
    assert not listener.is_alive()


def test_sqlite_data_version_tells_another_connections_commit(demo_db):
    if not demo_db.is_sqlite:
        pytest.skip("PRAGMA data_version is SQLite's")
    poller, got = _collect(SqliteDataVersionPoller, demo_db.engine.url.database)
    try:
        poller.interval_s = 0.05
        with demo_db.read() as s:  # a read commits nothing: no news
            s.execute(text("SELECT revision FROM performances")).all()
        with demo_db.write() as s:
            bump_revision(s, PERF)
        _wait_for(got, (None, None))
    finally:
        poller.stop()
    assert not poller.is_alive()


_STANDING_SELLER = """
import json, sys, time
from pathlib import Path
from app.db.engine import open_database
from app.domain.errors import RuleViolation
from app.services.inventory import standing
from app.services.operators import find_actor

url, perf, me, other, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], Path(sys.argv[5])
db = open_database(url, upgrade=False)

def hold(left):  # both tills looked at the places left before either writes
    (folder / me).write_text(str(left))
    deadline = time.monotonic() + 60
    while not (folder / other).exists():
        if time.monotonic() > deadline:
            raise SystemExit("the other workstation never passed the check")
        time.sleep(0.01)

standing.after_check = hold
try:
    sale = standing.sell_standing(db, find_actor(db, "caisse"), perf, "DEBOUT", 3)
    print(json.dumps({"sold": sale.quantity}))
except RuleViolation as exc:
    print(json.dumps({"refused": str(exc)}))
db.dispose()
"""


def test_two_workstations_never_oversell_a_standing_zone(demo_db, db_url, tmp_path):
    import json
    import subprocess
    import sys

    from sqlalchemy import func, select

    from app.db.models import Ticket, Zone
    from app.services.inventory.standing import places_left, sell_standing
    from app.services.operators import find_actor

    left = places_left(demo_db, PERF, "DEBOUT")
    sell_standing(demo_db, find_actor(demo_db, "caisse"), PERF, "DEBOUT", left - 4)  # 4 places left
    assert places_left(demo_db, PERF, "DEBOUT") == 4
    procs = [subprocess.Popen([sys.executable, "-c", _STANDING_SELLER, db_url, str(PERF), me, other, str(tmp_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for me, other in (("till-1", "till-2"), ("till-2", "till-1"))]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(json.loads(out.strip().splitlines()[-1]))
    # The race really happened: both tills saw 4 places left (enough for 3) before either wrote.
    assert (tmp_path / "till-1").read_text() == (tmp_path / "till-2").read_text() == "4"
    assert sorted(outs, key=str) == sorted([{"sold": 3}, {"refused": outs[0].get("refused") or outs[1]["refused"]}],
                                           key=str)
    assert "another workstation took the last places" in (outs[0].get("refused") or outs[1]["refused"])
    assert places_left(demo_db, PERF, "DEBOUT") == 1
    with demo_db.read() as s:
        capacity = s.scalar(select(Zone.capacity).where(Zone.code == "DEBOUT"))
        live = s.scalar(select(func.count()).select_from(Ticket).join(Zone, Zone.id == Ticket.zone_id).where(
            Ticket.performance_id == PERF, Zone.code == "DEBOUT", Ticket.state == "sold"))
    assert live == capacity - 1  # never more tickets than places


def test_a_standing_sale_is_refused_beyond_the_places_left_and_a_cancellation_gives_them_back(demo_db):
    from app.domain.errors import RuleViolation
    from app.services.inventory.orders import cancel_order
    from app.services.inventory.standing import places_left, sell_standing
    from app.services.operators import find_actor

    caisse = find_actor(demo_db, "caisse")
    left = places_left(demo_db, PERF, "DEBOUT")
    with pytest.raises(RuleViolation, match=f"{left} standing place"):
        sell_standing(demo_db, caisse, PERF, "DEBOUT", left + 1)
    sale = sell_standing(demo_db, caisse, PERF, "DEBOUT", 2)
    assert places_left(demo_db, PERF, "DEBOUT") == left - 2
    cancel_order(demo_db, find_actor(demo_db, "manager"), sale.order_reference)
    assert places_left(demo_db, PERF, "DEBOUT") == left
