"""Fixtures for the adapter tests: a simulator on 127.0.0.1 (port 0) per test, connection
settings with fast retries, and a small allotment with numbered seats, standing places and
prices."""

from __future__ import annotations

import pytest

from app.adapters.base import ConnectionSettings
from app.adapters.simulator import start_simulator
from wire_helpers import ATTEMPTS, LOGINS, make_allotment


@pytest.fixture
def sim():
    handle = start_simulator(port=0)
    yield handle
    handle.stop()


@pytest.fixture
def settings_for(sim):
    def make(kind: str, *, login: str | None = None, password: str = "demo", timeout_s: float = 5.0, **options):
        opts = {"attempts": ATTEMPTS, "backoff_s": 0.01, "backoff_max_s": 0.05}
        if kind == "fnac":
            opts["manager_code"] = "DEMO"
        opts.update(options)
        return ConnectionSettings(sim.url, login or LOGINS[kind], password, opts, timeout_s=timeout_s)

    return make


@pytest.fixture
def adapter_for(settings_for):
    from app.adapters.registry import make_adapter

    made = []

    def make(kind: str, **kw):
        a = make_adapter(kind, settings_for(kind, **kw))
        made.append(a)
        return a

    yield make
    for a in made:
        a.close()


@pytest.fixture
def allotment():
    return make_allotment()
