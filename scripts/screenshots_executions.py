"""Save the Exécutions view (a failed, a held and a done execution; the held lines tab) at
1366x768 and 1920x1080, in English and French, to docs/screenshots/executions-*.png, on a
throw-away demo database whose executions really ran against the simulator.

Usage: .venv/bin/python scripts/screenshots_executions.py [OUTPUT_DIR]"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WALKYRIE = "WALKYRIE@2014-12-07 20:00"


def demo_with_executions(url: str):
    from sqlalchemy import select

    from app.adapters.simulator import start_simulator
    from app.db.engine import open_database
    from app.db.models import DistributorInterface
    from app.domain.selection import SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.operators import find_actor
    from app.services.secrets import set_password
    from app.services.seeding import seed_demo
    from app.services.sync.export import export_allotments
    from app.services.sync.reintegration import reintegrate_sales

    db = open_database(url)
    seed_demo(db)
    manager = find_actor(db, "manager")
    sim = start_simulator(port=0)
    edit_seats(db, manager, WALKYRIE, "assign", SeatSelection(zone="B2", block="C"), "FNAC")
    with db.write() as s:
        for iface in s.scalars(select(DistributorInterface)):
            if iface.name_fr in ("NTJ FNAC", "NTJ Ticketnet"):
                iface.url = sim.url
                iface.options = {**(iface.options or {}), "attempts": 1, "timeout_s": 1.0}
                set_password(s, iface.id, "demo")
    export_allotments(db, manager, "NTJ FNAC", WALKYRIE)
    sim.sell("fnac-demo", 12)
    reintegrate_sales(db, manager, "NTJ FNAC")
    sim.inject("http_500", login="fnac-demo", operation="sales", count=5)
    reintegrate_sales(db, manager, "NTJ FNAC")  # error (External)
    sim.store.clear_faults("fnac-demo")
    sim.sell("fnac-demo", 3)
    sim.sell("fnac-demo", 1, fault="price_mismatch")
    sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")
    failed_then_held = reintegrate_sales(db, manager, "NTJ FNAC")  # done with held lines
    sim.stop()
    return db, manager, failed_then_held.execution_id


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.ui import i18n
    from app.ui.executions import ExecutionsView
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    set_tasks(TaskManager(inline=True))
    tmp = Path(tempfile.mkdtemp(prefix="guichet-shots-"))
    db, manager, held_id = demo_with_executions(f"sqlite:///{tmp / 'demo.sqlite'}")
    for lang in ("en", "fr"):
        i18n.install(lang)
        for w, h in ((1366, 768), (1920, 1080)):
            win = QMainWindow()
            view = ExecutionsView(db, manager)
            win.setCentralWidget(view)
            win.resize(w, h)
            win.show()
            app.processEvents()
            view.select_execution(held_id - 1)  # the failed one: its first error and action
            app.processEvents()
            view.details.log.selectRow(0)
            view.details.show_execution(held_id - 1)
            app.processEvents()
            win.grab().save(str(out / f"executions-{lang}-{w}x{h}.png"))
            view.select_execution(held_id)
            app.processEvents()
            win.grab().save(str(out / f"executions-held-{lang}-{w}x{h}.png"))
            view.tabs.setCurrentIndex(1)
            view.held.reload()
            app.processEvents()
            win.grab().save(str(out / f"executions-held-lines-{lang}-{w}x{h}.png"))
            win.close()
        i18n.uninstall()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
