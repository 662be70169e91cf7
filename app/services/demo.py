"""`guichet demo`: the demo database, its distributor passwords, and the simulator they point at."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import default_data_dir, open_database
from app.db.models import DistributorInterface
from app.domain.enums import DistributorKind

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo"  # the simulator's demo accounts (docs/protocols/simulator.md)


@dataclass
class Demo:
    database_url: str
    simulator_url: str
    simulator: object | None  # our SimulatorHandle, or None when one was already running

    def stop(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()


def demo_database_url() -> str:
    return os.environ.get("GUICHET_DATABASE_URL") or f"sqlite:///{default_data_dir() / 'demo.sqlite'}"


def prepare_demo(database_url: str | None = None, port: int = 8765, *, pace_s: float | None = 20.0) -> Demo:
    """Create/upgrade the demo database, give its interfaces their demo passwords (in an
    in-memory keyring unless the user chose one: the demo never writes to the real one) and
    start the simulator on `port` unless one already answers there."""
    from app.adapters.simulator import SimulatorError, admin_call, start_simulator
    from app.services import secrets
    from app.services.seeding import seed_demo

    os.environ.setdefault("GUICHET_KEYRING", "memory")
    url = database_url or demo_database_url()
    db = open_database(url)
    try:
        seed_demo(db)
        with db.read() as s:
            ids = s.scalars(select(DistributorInterface.id).where(
                DistributorInterface.kind != DistributorKind.GUICHET_FILE)).all()
        for interface_id in ids:
            if not secrets.get_password(db, interface_id):
                secrets.set_password(db, interface_id, DEMO_PASSWORD)
    finally:
        db.dispose()
    sim_url = f"http://127.0.0.1:{port}"
    store = default_data_dir() / "simulator.json"
    store.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = start_simulator(port, store=store, pace=pace_s)
    except SimulatorError:
        try:
            admin_call(sim_url, "GET", "/admin/health", None)
        except Exception as exc:  # noqa: BLE001 - the port is held by something else
            raise SimulatorError(f"port {port} is busy and no simulator answers there ({exc})") from None
        log.info("a simulator already runs at %s; using it", sim_url)
        handle = None
    return Demo(url, handle.url if handle is not None else sim_url, handle)
