"""Run work off the GUI thread and get the result (or the error) back on the GUI thread.

Every screen uses `tasks().run(fn, on_success, on_failure)`: no widget is touched from a
worker. Database and network work use separate pools so they never queue behind each
other, and a `serial` key (one per distributor) keeps calls to one place in order. A job
may hold several keys at once (`serial=("a", "b")`: a guided move that exports to two
distributors): it starts once it is first in line on every one of them, and jobs are queued
on all their keys in one step, so the oldest waiting job can always start (no deadlock).
"""

from __future__ import annotations

import threading
import traceback
from collections import deque
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit, Qt queues the call to the GUI thread."""

    done = Signal(object, object, object, object)  # callback, errback, result, error


class _Job(QRunnable):
    def __init__(self, fn, relay, on_success, on_failure, finished):
        super().__init__()
        self.fn, self.relay, self.ok, self.err, self.finished = fn, relay, on_success, on_failure, finished

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            exc.__traceback_text__ = traceback.format_exc()
            result, error = None, exc
        self.relay.done.emit(self.ok, self.err, result, error)
        if self.finished:
            self.finished()


class _Serial:
    """A job waiting in the queues of its keys."""

    __slots__ = ("fn", "ok", "err", "pool", "keys", "started")

    def __init__(self, fn, ok, err, pool, keys):
        self.fn, self.ok, self.err, self.pool, self.keys, self.started = fn, ok, err, pool, keys, False


class TaskManager(QObject):
    def __init__(self, inline: bool = False, parent=None):
        super().__init__(parent)
        self.inline = inline  # tests: run at once on the calling thread (Picard's FakeThreadPool)
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self._pools = {"db": QThreadPool(self), "net": QThreadPool(self)}
        self._pools["db"].setMaxThreadCount(2)
        self._pools["net"].setMaxThreadCount(4)
        self._serial: dict[str, deque[_Serial]] = {}
        self._lock = threading.Lock()
        self.on_unhandled: Callable[[BaseException], None] | None = None

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, *, pool: str = "db",
            serial: str | Iterable[str] | None = None) -> None:
        if self.inline:
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001
                self._deliver(on_success, on_failure, None, exc)
                return
            self._deliver(on_success, on_failure, result, None)
            return
        if serial is None:
            self._pools[pool].start(_Job(fn, self._relay, on_success, on_failure, None))
            return
        keys = (serial,) if isinstance(serial, str) else tuple(dict.fromkeys(serial))
        job = _Serial(fn, on_success, on_failure, pool, keys)
        with self._lock:
            for key in keys:
                self._serial.setdefault(key, deque()).append(job)
            ready = self._ready(keys)
        self._start(ready)

    def _ready(self, keys) -> list[_Serial]:
        """Under the lock: the jobs first in line on every one of their keys, now started."""
        out = []
        for key in keys:
            queue = self._serial.get(key)
            job = queue[0] if queue else None
            if job is not None and not job.started and all(
                    self._serial.get(k) and self._serial[k][0] is job for k in job.keys):
                job.started = True
                out.append(job)
        return out

    def _start(self, jobs: list[_Serial]) -> None:
        for job in jobs:
            self._pools[job.pool].start(_Job(job.fn, self._relay, job.ok, job.err,
                                             lambda job=job: self._finished(job)))

    def _finished(self, job: _Serial) -> None:
        with self._lock:
            for key in job.keys:
                queue = self._serial.get(key)
                if queue and queue[0] is job:
                    queue.popleft()
                if not queue:
                    self._serial.pop(key, None)
            ready = self._ready(job.keys)
        self._start(ready)

    @Slot(object, object, object, object)
    def _deliver(self, on_success, on_failure, result, error) -> None:
        if error is None:
            if on_success is not None:
                on_success(result)
        elif on_failure is not None:
            on_failure(error)
        elif self.on_unhandled is not None:
            self.on_unhandled(error)
        else:
            traceback.print_exception(error)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """On quit: let running work finish; drop what was queued."""
        with self._lock:
            self._serial.clear()
        return all(p.waitForDone(timeout_ms) for p in self._pools.values())


_manager: TaskManager | None = None


def tasks() -> TaskManager:
    global _manager
    if _manager is None:
        _manager = TaskManager()
    return _manager


def set_tasks(manager: TaskManager) -> None:
    global _manager
    _manager = manager
