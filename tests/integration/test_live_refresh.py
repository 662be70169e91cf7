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
