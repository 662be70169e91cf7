"""One watcher of other workstations' changes, shared by every open screen.

Every inventory write bumps its performance's `revision` (docs/architecture.md), so "did
anyone change this performance?" is one cheap read. Screens do not poll themselves: they
subscribe to the `ChangeWatcher` of their database.

The interface (what a screen uses, and what any other source of changes must keep):

- `watch(performance_id)` / `unwatch(performance_id)`: counted, so two screens may watch
  one performance; the next news of a newly watched performance is always delivered.
- `changed = Signal(int, int)`: (performance_id, revision), on the GUI thread, when a
  watched performance's revision is first learnt after `watch` and whenever it moves.
  It says "the revision is now N": a screen compares N with the revision it shows (its
  own write moved it too) and reloads only when they differ.
- `start()` / `stop()`: the source runs while started and something is watched.
- `report(performance_id, revision)`: the one entry point of news, called on the GUI
  thread.

Where news comes from (`live`, the default of `watcher_for`): one thread of app/db/notify.py.
On PostgreSQL it LISTENs for the NOTIFY every inventory write sends on commit (payload:
performance id, revision) and relays it to `report` through a queued signal; on SQLite it
reads `PRAGMA data_version` every ~500 ms and, when another connection committed, the
watcher reads the watched revisions (one query, on the task helper's pool, never on the GUI
thread). Either way the thread runs no query for the GUI thread and the screens do not change.
With an explicit `interval_ms` (and `live=False`), a QTimer polls the revisions instead.
"""

from __future__ import annotations

import weakref
from collections import Counter
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.db.engine import Database
from app.ui import settings
from app.ui.tasks import tasks

Query = Callable[[Database, list[int]], dict[int, int]]


def default_interval_ms() -> int:
    """Open plans followed other workstations within 4 s at most: keep that."""
    return min(settings.REFRESH_SECONDS.get(), 4) * 1000


class ChangeWatcher(QObject):
    changed = Signal(int, int)  # performance_id, revision
    _news = Signal(int, int)  # from the live source's thread; -1, -1: "read the revisions again"

    def __init__(self, db: Database, interval_ms: int | None = None, *, query: Query | None = None,
                 live: bool | None = None, parent=None):
        super().__init__(parent)
        self._db = weakref.ref(db)  # the process-wide registry must not keep a database alive
        self._query = query  # None: seatplan_data.revisions_of (tests pass a wrapper)
        self._watched: Counter[int] = Counter()
        self._seen: dict[int, int] = {}
        self._polling = False
        self._running = False
        self.timer = QTimer(self, interval=interval_ms or default_interval_ms())
        self.timer.timeout.connect(self.poll)
        self.live = interval_ms is None if live is None else live
        self.source = None  # app.db.notify's thread while live and started
        self._again = False  # news came while a poll was running: poll once more
        self._news.connect(self._on_news, Qt.ConnectionType.QueuedConnection)

    @property
    def db(self) -> Database | None:
        return self._db()

    # --- subscribers --------------------------------------------------------------------
    def watch(self, performance_id: int) -> None:
        performance_id = int(performance_id)
        self._watched[performance_id] += 1
        self._seen.pop(performance_id, None)  # the next revision read is news for the newcomer
        self._sync_timer()

    def unwatch(self, performance_id: int) -> None:
        performance_id = int(performance_id)
        if self._watched[performance_id] <= 1:
            self._watched.pop(performance_id, None)
            self._seen.pop(performance_id, None)
        else:
            self._watched[performance_id] -= 1
        self._sync_timer()

    def watched(self) -> list[int]:
        return sorted(self._watched)

    def set_interval(self, ms: int) -> None:
        self.timer.setInterval(ms)

    # --- the source -----------------------------------------------------------------------
    def start(self) -> None:
        self._running = True
        self._sync_timer()
        if self.live and self.source is None and self.db is not None:
            from app.db.notify import source_for

            me = weakref.ref(self)  # the thread must not keep the watcher (nor its database) alive

            def relay(pid, rev):
                w = me()
                if w is not None:
                    w._from_thread(pid, rev)

            def keep_running():
                w = me()
                return w is not None and w.db is not None

            self.source = source_for(self.db.engine.url, relay, keep_running)
            if self.source is None:  # in-memory SQLite: nobody else writes; poll all the same
                self.live = False
                self._sync_timer()
            else:
                self.source.start()

    def stop(self) -> None:
        self._running = False
        self._sync_timer()
        if self.source is not None:
            self.source.stop()
            self.source = None

    def _from_thread(self, performance_id: int | None, revision: int | None) -> None:
        """Called on the source's thread: hand the news to the GUI thread."""
        self._news.emit(-1 if performance_id is None else performance_id, -1 if revision is None else revision)

    def _on_news(self, performance_id: int, revision: int) -> None:
        if performance_id < 0:
            self.poll()
        else:
            self.report(performance_id, revision)

    def _sync_timer(self) -> None:
        import shiboken6

        if not shiboken6.isValid(self.timer):  # the application is closing: its objects go in any order
            return
        if self.live:
            self.timer.stop()
            if self._running and self._watched and len(self._seen) < len(self._watched):
                self.poll()  # a newcomer's first news: read its revision now
            return
        if self._running and self._watched:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def poll(self) -> None:
        """One read of every watched revision, on the task helper's database pool."""
        ids, db = self.watched(), self.db
        if self._polling:
            self._again = True
            return
        if not ids or db is None:
            return
        self._polling = True
        self._again = False
        query = self._query
        if query is None:
            from app.services.inventory.seatplan_data import revisions_of as query

        def seen(revisions: dict[int, int]) -> None:
            self._polling = False
            for pid, rev in revisions.items():
                self.report(pid, rev)
            if self._again:
                self.poll()

        def failed(_exc) -> None:  # a database away for a moment: the next tick (or news) tries again
            self._polling = False
            self._again = False

        tasks().run(lambda: query(db, ids), seen, failed)

    def report(self, performance_id: int, revision: int) -> None:
        """News of a performance's revision (from the poll, or any other source)."""
        performance_id, revision = int(performance_id), int(revision)
        if performance_id not in self._watched or self._seen.get(performance_id) == revision:
            return
        self._seen[performance_id] = revision
        self.changed.emit(performance_id, revision)


_watchers: dict[int, ChangeWatcher] = {}  # by id(db): a Database (a dataclass) is not hashable


def watcher_for(db: Database) -> ChangeWatcher:
    """The one watcher of this database in this process (created, and started, on first use,
    on the GUI thread); the main window stops it when it closes."""
    w = _watchers.get(id(db))
    if w is None or w.db is not db:
        w = _watchers[id(db)] = ChangeWatcher(db)
        weakref.finalize(db, _watchers.pop, id(db), None)
        w.start()
    return w
