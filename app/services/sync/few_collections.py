"""Fewer garbage collections while sales are reintegrated.

CPython runs its cycle collector on its young objects every 700 net allocations of container
objects, and now and then on the whole heap. A page of 5,000 sales makes hundreds of thousands
of tuples, lists and small objects — nearly all freed at once by reference counting, none in a
cycle — so the collector ran hundreds of times a page, its full passes walking the run's hall
caches (tens of thousands of seats) each time: ~1.1 s, a fifth, of a 100,000-line
reintegration (bench/sync.py). While a run is inside `few_collections()` the young generation's
threshold is 100,000: cycles are still collected, later. Nested and concurrent runs share one
raise; the last one out puts the thresholds back."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

YOUNG = 100_000

_lock = threading.Lock()
_inside = 0
_saved: tuple[int, ...] = ()


@contextmanager
def few_collections():
    global _inside, _saved
    with _lock:
        if _inside == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(_saved[0], YOUNG), *_saved[1:])
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_saved)
