"""`guichet demo` prepares a working demo: database, passwords, the simulator answering."""

import httpx

from app.db.engine import open_database
from app.services import secrets
from app.services.demo import prepare_demo
from app.services.setup.preflight import check_interface
from tests.conftest import free_port


def test_prepare_demo_seeds_sets_passwords_and_starts_the_simulator(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    port = free_port()
    demo = prepare_demo(url, port, pace_s=None)
    try:
        assert demo.simulator_url == f"http://127.0.0.1:{port}"
        assert httpx.get(f"{demo.simulator_url}/admin/health", timeout=5).status_code == 200
        db = open_database(url)
        for name in ("NTJ FNAC", "NTJ Ticketnet", "NTJ Digitick", "NTJ Secutix File"):
            report = check_interface(db, name)
            assert report.ok, report.text()
        from sqlalchemy import select

        from app.db.models import DistributorInterface

        with db.read() as s:
            fnac = s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == "NTJ FNAC")).one()
        assert secrets.get_password(db, fnac.id) == "demo"
        db.dispose()
        # A second demo finds the simulator already running and uses it.
        again = prepare_demo(url, port, pace_s=None)
        assert again.simulator is None and again.simulator_url == demo.simulator_url
    finally:
        demo.stop()
