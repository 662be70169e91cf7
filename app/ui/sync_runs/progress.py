"""A background run with progress: the service's RunControl reports from a worker thread, a
signal carries each report to the GUI thread, and Cancel sets the control's flag (the run
stops between batches)."""

from __future__ import annotations

import gc
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QProgressBar

from app.services.sync.run_control import Progress, RunControl
from app.ui.tasks import tasks


class _Relay(QObject):
    progressed = Signal(object)


_frozen = 0  # runs going on that froze the heap


def _freeze() -> None:
    """While a run creates and drops objects by the hundred thousand, the collector's full
    passes would rescan the whole heap of the client and stall its event loop for 100 ms and
    more (bench/ui_latency.py): the objects that exist when the run starts are set aside from
    collection (gc.freeze) until the last run ends; each progress report sets aside what
    survived since (`refreeze`), so that the oldest generation stays small during the run."""
    global _frozen
    if _frozen == 0:
        gc.freeze()
    _frozen += 1


def refreeze() -> None:
    if _frozen:
        gc.freeze()


def _unfreeze() -> None:
    global _frozen
    _frozen = max(0, _frozen - 1)
    if _frozen == 0:
        gc.unfreeze()


class BackgroundRun(QObject):
    """One run: `start(fn)` calls `fn(control)` on the network pool, serialised per interface
    (the claim keeps other processes out; the serial key keeps this client's own runs in line)."""

    progressed = Signal(object)  # Progress, on the GUI thread
    finished = Signal(object)  # the service's result
    failed = Signal(object)  # the exception

    def __init__(self, interface_id: int, parent=None):
        super().__init__(parent)
        self.interface_id = interface_id
        self.control: RunControl | None = None
        self.running = False
        self._relay = _Relay(self)
        self._relay.progressed.connect(lambda p: (refreeze(), self.progressed.emit(p)))

    def start(self, fn: Callable[[RunControl], object]) -> None:
        relay = self._relay
        self.control = RunControl(lambda p: relay.progressed.emit(p))  # emitted from the worker: queued to us
        self.running = True
        control = self.control

        def ok(result):
            self.running = False
            _unfreeze()
            self.finished.emit(result)

        def err(exc):
            self.running = False
            _unfreeze()
            self.failed.emit(exc)

        _freeze()
        tasks().run(lambda: fn(control), ok, err, pool="net", serial=f"interface-run:{self.interface_id}")

    def cancel(self) -> None:
        if self.control is not None:
            self.control.cancel()


def show_progress(bar: QProgressBar, p: Progress) -> str:
    """Set the bar from a report; returns the line to show beside it."""
    if p.total:
        bar.setRange(0, p.total)
        bar.setValue(p.done)
        return QCoreApplication.translate("SyncRuns", "%1 of %2 done, %3 line(s)") \
            .replace("%1", str(p.done)).replace("%2", str(p.total)).replace("%3", str(p.lines))
    bar.setRange(0, 0)  # a feed: how many pages is unknown until its end
    return QCoreApplication.translate("SyncRuns", "%1 page(s) done, %2 line(s)") \
        .replace("%1", str(p.done)).replace("%2", str(p.lines))
