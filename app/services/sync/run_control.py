"""A run's link to whoever started it: a progress callback told after every batch, and a
cancel flag the run checks between batches (never inside one, so that each batch stays
one transaction with its cursor and a cancelled run leaves a consistent state).

Qt-free: the client wraps `on_progress` in a signal; the command line passes nothing."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Progress:
    """Where a run is: `done` of `total` steps (pages, batches or performances; total 0 when
    unknown, as for a feed), `lines` handled so far, and a short note in English."""

    done: int
    total: int
    lines: int
    note: str = ""


class RunControl:
    def __init__(self, on_progress: Callable[[Progress], None] | None = None):
        self.on_progress = on_progress
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the run to stop at the end of the batch under way (any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int, lines: int, note: str = "") -> None:
        if self.on_progress is not None:
            self.on_progress(Progress(done, total, lines, note))


def cancelled(control: RunControl | None) -> bool:
    return control is not None and control.cancelled


def report(control: RunControl | None, done: int, total: int, lines: int, note: str = "") -> None:
    if control is not None:
        control.progress(done, total, lines, note)
