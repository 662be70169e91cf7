"""A reintegration raises the cycle collector's young threshold while it runs (the collector
walked the run's hall caches hundreds of times a page: a fifth of a 100,000-line run), and the
last run out puts the process's thresholds back, whatever happens inside."""

import gc
import threading

import pytest

from app.services.sync.few_collections import YOUNG, few_collections


def test_the_threshold_is_raised_inside_and_restored_after_nested_runs_and_errors():
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold()[0] >= YOUNG and gc.get_threshold()[1:] == before[1:]
        with few_collections():  # a nested run (held lines retried inside a reintegration)
            pass
        assert gc.get_threshold()[0] >= YOUNG  # the outer run is still inside
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError):
        with few_collections():
            raise RuntimeError("a page refused")
    assert gc.get_threshold() == before


def test_two_runs_on_threads_share_one_raise_and_the_last_one_out_restores():
    before = gc.get_threshold()
    first_in, second_out, seen = threading.Event(), threading.Event(), []

    def first():
        with few_collections():
            first_in.set()
            second_out.wait(5)
            seen.append(gc.get_threshold()[0])  # the other run has left: still raised for this one

    t = threading.Thread(target=first)
    t.start()
    first_in.wait(5)
    with few_collections():
        pass
    second_out.set()
    t.join(5)
    assert seen and seen[0] >= YOUNG
    assert gc.get_threshold() == before
