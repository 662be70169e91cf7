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
  thread. Today the poller calls it: a QTimer hands one query for every watched
  performance (`seatplan_data.revisions_of`) to the task helper's database pool, never to
  the GUI thread, and reports what came back. A PostgreSQL LISTEN/NOTIFY source (a later
  issue) replaces the timer by a listener thread that relays each notification (payload:
  performance id, revision) to `report` through a queued signal; screens do not change.
"""

from __future__ import annotations

import weakref
from collections import Counter
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.db.engine import Database
from app.ui import settings
from app.ui.tasks import tasks

Query = Callable[[Database, list[int]], dict[int, int]]


def default_interval_ms() -> int:
    """Open plans followed other workstations within 4 s at most: keep that."""
    return min(settings.REFRESH_SECONDS.get(), 4) * 1000


class ChangeWatcher(QObject):
    changed = Signal(int, int)  # performance_id, revision

    def __init__(self, db: Database, interval_ms: int | None = None, *, query: Query | None = None,
                 parent=None):
        super().__init__(parent)
        self._db = weakref.ref(db)  # the process-wide registry must not keep a database alive
        self._query = query  # None: seatplan_data.revisions_of (tests pass a wrapper)
        self._watched: Counter[int] = Counter()
        self._seen: dict[int, int] = {}
        self._polling = False
        self._running = False
        self.timer = QTimer(self, interval=interval_ms or default_interval_ms())
        self.timer.timeout.connect(self.poll)

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

    def stop(self) -> None:
        self._running = False
        self._sync_timer()

    def _sync_timer(self) -> None:
        if self._running and self._watched:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def poll(self) -> None:
        """One read of every watched revision, on the task helper's database pool."""
        ids, db = self.watched(), self.db
        if self._polling or not ids or db is None:
            return
        self._polling = True
        query = self._query
        if query is None:
            from app.services.inventory.seatplan_data import revisions_of as query

        def seen(revisions: dict[int, int]) -> None:
            self._polling = False
            for pid, rev in revisions.items():
                self.report(pid, rev)

        def failed(_exc) -> None:  # a database away for a moment: the next tick tries again
            self._polling = False

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
