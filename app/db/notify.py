"""Live news of inventory writes from other workstations, without Qt (docs/architecture.md).

PostgreSQL: every inventory write sends `NOTIFY guichet_inventory, '<performance id>:<revision>'`
in its own transaction (`notify_sql`, used by services/inventory/state.bump_revision), so it is
delivered on commit and never after a rollback. `PgListener` listens on its own autocommit
connection in one long-lived thread (psycopg 3 `notifies()`), and reconnects when the server
closes the connection (restart, pg_terminate_backend).

SQLite has no NOTIFY: `SqliteDataVersionPoller` reads `PRAGMA data_version` on its own
connection every ~500 ms; the number changes when another connection commits.

Both call `on_news(performance_id, revision)` from their thread; (None, None) means
"something may have changed (or news was missed while away): read the revisions again".
"""

from __future__ import annotations

import logging
import threading
from typing import Callable
from urllib.parse import quote

from sqlalchemy.engine import URL

CHANNEL = "guichet_inventory"
SQLITE_INTERVAL_S = 0.5

News = Callable[[int | None, int | None], None]
log = logging.getLogger(__name__)


def format_payload(performance_id: int, revision: int) -> str:
    return f"{int(performance_id)}:{int(revision)}"


def parse_payload(payload: str) -> tuple[int, int] | None:
    try:
        pid, rev = payload.split(":")
        return int(pid), int(rev)
    except ValueError:
        return None


# One round trip: bump the revision, return it, and queue the notification (sent on commit).
PG_BUMP_SQL = (
    "WITH u AS (UPDATE performances SET revision = revision + 1 WHERE id = :pid "
    "RETURNING id, revision) "
    f"SELECT revision, pg_notify('{CHANNEL}', id || ':' || revision) FROM u"
)


class _Source(threading.Thread):
    def __init__(self, on_news: News, name: str, keep_running: Callable[[], bool] | None = None):
        super().__init__(name=name, daemon=True)
        self.on_news = on_news
        self.keep_running = keep_running  # False once its owner is gone: the thread ends
        self._stop_event = threading.Event()
        self.connected = threading.Event()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop_event.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    @property
    def stopping(self) -> bool:
        if self.keep_running is not None and not self.keep_running():
            self._stop_event.set()
        return self._stop_event.is_set()


class PgListener(_Source):
    """LISTEN on its own autocommit connection; reconnects (every `retry_s`) while not stopped."""

    def __init__(self, url: URL, on_news: News, *, retry_s: float = 0.5, poll_s: float = 0.5,
                 keep_running: Callable[[], bool] | None = None):
        super().__init__(on_news, "guichet-pg-listener", keep_running)
        self.conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.retry_s, self.poll_s = retry_s, poll_s
        self.backend_pid: int | None = None  # the server process of the current connection
        self.connections = 0  # how many times it (re)connected

    def run(self) -> None:
        import psycopg

        while not self.stopping:
            try:
                with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.backend_pid = conn.info.backend_pid
                    self.connections += 1
                    self.connected.set()
                    self.on_news(None, None)  # what changed while we were away
                    while not self.stopping:
                        for n in conn.notifies(timeout=self.poll_s):
                            news = parse_payload(n.payload)
                            if news is not None:
                                self.on_news(*news)
            except psycopg.Error as exc:
                log.info("inventory listener disconnected: %s", str(exc).strip().splitlines()[:1])
            finally:
                self.connected.clear()
            self._stop_event.wait(self.retry_s)


class SqliteDataVersionPoller(_Source):
    """PRAGMA data_version on its own connection: it moves when another connection commits."""

    def __init__(self, path: str, on_news: News, *, interval_s: float = SQLITE_INTERVAL_S,
                 keep_running: Callable[[], bool] | None = None):
        super().__init__(on_news, "guichet-sqlite-data-version", keep_running)
        self.path, self.interval_s = path, interval_s

    def run(self) -> None:
        import sqlite3

        conn = None
        last = None
        try:
            while not self.stopping:
                try:
                    if conn is None:
                        # mode=rw: a database file removed meanwhile is not created again, empty
                        conn = sqlite3.connect(f"file:{quote(self.path)}?mode=rw", uri=True, timeout=5)
                        self.connected.set()
                    version = conn.execute("PRAGMA data_version").fetchone()[0]
                    if last is not None and version != last:
                        self.on_news(None, None)
                    last = version
                except sqlite3.Error as exc:
                    log.info("data_version poll failed: %s", exc)
                    if conn is not None:
                        conn.close()
                    conn, last = None, None
                    self.connected.clear()
                self._stop_event.wait(self.interval_s)
        finally:
            if conn is not None:
                conn.close()


def source_for(url: URL, on_news: News, keep_running: Callable[[], bool] | None = None) -> _Source | None:
    """The live source for a database URL (None: an in-memory SQLite, nobody else can write)."""
    if url.get_backend_name() == "postgresql":
        return PgListener(url, on_news, keep_running=keep_running)
    path = url.database
    if not path or path == ":memory:":
        return None
    return SqliteDataVersionPoller(path, on_news, keep_running=keep_running)
