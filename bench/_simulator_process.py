"""The distributor simulator in a process of its own, for the synchronisation benches (not a
bench: `make bench` skips `_*.py`).

A distributor is another machine: its work (building the JSON of 5,000 sales a page) is not
the venue's. In the bench's own process the simulator's server thread would also take the
interpreter's lock from the reintegration it serves — costs a venue never pays. So the
benches start it here, in a child process, and drive its store through a pipe
(`sim.call("sell_orders", …)`); the reintegration reaches it over real HTTP on 127.0.0.1 as
it would reach a distributor."""

from __future__ import annotations

import multiprocessing as mp
import os


def _serve(conn) -> None:
    os.environ.setdefault("GUICHET_KEYRING", "memory")
    from app.adapters.simulator import start_simulator

    sim = start_simulator(port=0)
    conn.send(sim.url)
    try:
        while True:
            message = conn.recv()
            if message is None:
                break
            name, args, kwargs = message
            try:
                conn.send(("ok", getattr(sim.store, name)(*args, **kwargs)))
            except Exception as exc:  # noqa: BLE001 - sent back and raised in the bench
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sim.stop()


class SimulatorProcess:
    """`with SimulatorProcess() as sim:` — `sim.url`, `sim.call(store_method, *args, **kwargs)`."""

    def __init__(self) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), name="guichet-bench-simulator", daemon=True)
        self._proc.start()
        if not self._conn.poll(60):
            self._proc.kill()
            raise RuntimeError("the simulator process did not start within 60 s")
        self.url: str = self._conn.recv()

    def call(self, name: str, *args, **kwargs):
        self._conn.send((name, args, kwargs))
        status, value = self._conn.recv()
        if status != "ok":
            raise RuntimeError(f"simulator {name}: {value}")
        return value

    def stop(self) -> None:
        if self._proc.is_alive():
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._proc.join(10)
            if self._proc.is_alive():
                self._proc.kill()

    def __enter__(self) -> "SimulatorProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
