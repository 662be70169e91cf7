"""No hang, no traceback: a frozen writer, a server that never answers, odd URLs and ids
each end in bounded time with one line on stderr and the contract's exit code."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import WALKYRIE

BUSY = "guichet: the inventory is busy (another workstation is writing); try again\n"

FROZEN_WRITER = """
import sys, time
from app.db.engine import open_database
from app.services.inventory.state import bump_revision
from app.services.lookup import find_performance
db = open_database(sys.argv[1], upgrade=False)
with db.write() as s:
    bump_revision(s, find_performance(s, sys.argv[2]).id)  # holds the writers' lock
    print("LOCKED", flush=True)
    time.sleep(600)
"""


def guichet(*args, timeout=60, **env):
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=timeout,
                         env={**os.environ, "PYTHONPATH": os.getcwd(), "GUICHET_OPERATOR": "caisse",
                              "GUICHET_OPERATOR_PASSWORD": "1234", **env})
    return out, time.monotonic() - t0


def test_a_sale_behind_a_frozen_writer_fails_in_bounded_time_with_one_line(demo_db, db_url):
    writer = subprocess.Popen([sys.executable, "-c", FROZEN_WRITER, db_url, WALKYRIE], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        assert writer.stdout.readline().strip() == "LOCKED"
        os.kill(writer.pid, signal.SIGSTOP)  # frozen mid-transaction, its lock held
        out, took = guichet("--database", db_url, "sell", "--performance", WALKYRIE, "--zone", "PAR",
                            "--block", "C", "--rows", "1", "--payment", "CASH", GUICHET_LOCK_TIMEOUT_S="2")
        assert out.returncode == 1, out
        assert out.stderr == BUSY
        assert took < 30
    finally:
        os.kill(writer.pid, signal.SIGCONT)
        writer.kill()
        writer.wait(30)
    out, _ = guichet("--database", db_url, "sell", "--performance", WALKYRIE, "--zone", "PAR", "--block", "C",
                     "--rows", "1", "--payment", "CASH")
    assert out.returncode == 0, out  # the writer gone, the same sale goes through


def test_a_postgresql_address_that_never_answers_times_out_in_one_line():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections (the kernel does) and never says a word
    port = listener.getsockname()[1]
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    try:
        out, took = guichet("--database", f"postgresql://postgres@127.0.0.1:{port}/x", "counts",
                            "--performance", "1", GUICHET_CONNECT_TIMEOUT_S="2")
    finally:
        listener.close()
    assert out.returncode == 2, out
    assert out.stderr.startswith("guichet: cannot open the database") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr and took < 30


@pytest.mark.pg
def test_postgres_scheme_is_postgresql(db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    url = "postgres://" + db_url.split("://", 1)[1]
    assert guichet("--database", url, "seed", "demo")[0].returncode == 0
    out, _ = guichet("--database", url, "counts", "--performance", WALKYRIE, "--json")
    assert out.returncode == 0 and '"total": 1526' in out.stdout, out


def test_unknown_url_scheme_is_refused_in_one_line():
    out, _ = guichet("--database", "foo://bar", "counts", "--performance", "1")
    assert out.returncode == 2
    assert out.stderr.startswith("guichet: unsupported database URL 'foo://bar'") and out.stderr.count("\n") == 1


def test_a_huge_performance_id_is_an_unknown_one(db_url):
    assert guichet("--database", db_url, "seed", "demo")[0].returncode == 0
    out, _ = guichet("--database", db_url, "counts", "--performance", "99999999999999999999999")
    assert out.returncode == 2
    assert out.stderr == "guichet: no performance with id 99999999999999999999999\n"


def test_a_technical_database_error_is_one_line_without_sql_and_logged_in_full(tmp_path, monkeypatch):
    """What an execution's log and e-mail show of a database error: its driver's first line;
    the statement, its parameters and the traceback go to the error log file."""
    from sqlalchemy import text

    from app.db.engine import open_database
    from app.domain.enums import ErrorClass
    from app.services.sync.common import classify

    log = tmp_path / "errors.log"
    monkeypatch.setenv("GUICHET_ERROR_LOG", str(log))
    db = open_database(f"sqlite:///{tmp_path / 'g.sqlite'}", upgrade=False)
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE t (x INTEGER UNIQUE)"))
            s.execute(text("INSERT INTO t VALUES (:v)"), [{"v": 7}, {"v": 7}])
    except Exception as exc:  # noqa: BLE001 - the error under test
        cls, message, _where = classify(exc)
    finally:
        db.dispose()
    assert cls is ErrorClass.TECHNICAL
    assert message == f"IntegrityError: UNIQUE constraint failed: t.x (details in {log})"
    logged = log.read_text()
    assert "Traceback" in logged and "INSERT INTO t VALUES" in logged
