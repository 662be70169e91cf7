"""The scheduler inside the client: a timer on the GUI thread that hands each tick to a
worker (no SQL on the GUI thread), when this workstation's setting says it schedules."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.db.engine import Database
from app.domain.actors import SYSTEM, Actor


class ClientScheduler(QObject):
    ran = Signal(list)  # the outcomes of a tick, on the GUI thread

    def __init__(self, db: Database, actor: Actor = SYSTEM, *, interval_ms: int = 30_000, parent=None):
        super().__init__(parent)
        from app.services.schedules.scheduler import Scheduler

        self.scheduler = Scheduler(db, actor)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.tick)
        self._busy = False

    def start(self) -> None:
        self.timer.start()
        self.tick()

    def stop(self) -> None:
        self.timer.stop()
        self.scheduler.stop()  # a running batch ends; no new one starts

    def tick(self) -> None:
        from app.ui.tasks import tasks

        if self._busy or self.scheduler.stopping.is_set():
            return
        self._busy = True
        # a due backup runs on its own thread: the next tick is never held up by it
        tasks().run(lambda: self.scheduler.run_due(wait=False), self._done, self._failed, pool="net",
                    serial="scheduler")

    def _done(self, outcomes) -> None:
        self._busy = False
        if outcomes:
            self.ran.emit(outcomes)

    def _failed(self, exc) -> None:
        import logging

        self._busy = False
        logging.getLogger("guichet.scheduler").warning("scheduler tick failed: %s", exc)


_running: ClientScheduler | None = None  # the client's one scheduler, when this workstation schedules


def running() -> ClientScheduler | None:
    return _running


def start_if_enabled(db: Database, parent=None) -> ClientScheduler | None:
    """Start the in-client scheduler when this workstation's setting asks for it."""
    from app.ui import settings

    global _running
    if not settings.SCHEDULES_HERE.get():
        return None
    if _running is None:
        _running = ClientScheduler(db, parent=parent)
        _running.start()
    return _running


def set_schedules_here(db: Database, on: bool, parent=None) -> ClientScheduler | None:
    """The workstation setting, applied at once: start or stop this client's scheduler."""
    from app.ui import settings

    global _running
    settings.SCHEDULES_HERE.set(bool(on))
    if on:
        return start_if_enabled(db, parent)
    if _running is not None:
        _running.stop()
        _running = None
    return None
