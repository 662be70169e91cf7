"""Save docs/screenshots/seatplan-demo.png (the demo plan with contingents, sales, blocks)
and seatplan-stadium.png (an 80,000-seat stadium at fit).

Run: .venv/bin/python scripts/screenshots_seatplan.py [output.png]"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(out: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.db.engine import open_database
    from app.domain.selection import Range, SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.sync.executions_queue import queue_contingent_exports
    from app.services.operators import find_actor
    from app.services.seeding import seed_demo
    from app.services.inventory.selling import sell
    from app.ui import settings
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    tmp = tempfile.mkdtemp(prefix="guichet-shot-")
    settings.use_store(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))
    db = open_database(f"sqlite:///{tmp}/demo.sqlite")
    seed_demo(db)
    manager = find_actor(db, "manager")
    perf = "WALKYRIE@2014-12-07 20:00"
    for zone, block, rows, code in [("B2", "C", None, "FNAC"), ("B1", "G", None, "DGTK"), ("B1", "D", None, "TKN"),
                                    ("PAR", "C", Range("1", "3"), "Product"), ("PAR", "G", Range("1", "6"), "Pass"),
                                    ("GAL", "C", None, "VenuSer"), ("B2", "G", Range("1", "3"), "Collect")]:
        edit_seats(db, manager, perf, "assign", SeatSelection(zone=zone, block=block, rows=rows), code)
    edit_seats(db, manager, perf, "block", SeatSelection(zone="PAR", block="D", rows=Range("19", "20")))
    sell(db, manager, perf, SeatSelection(zone="PAR", block="C", rows=Range("5", "8"), numbers=Range("4", "15")))
    sell(db, manager, perf, SeatSelection(zone="B2", block="D", rows=Range("1", "2")))
    sell(db, manager, perf, SeatSelection(zone="PAR", block="C", rows=Range("1", "2"), numbers=Range("6", "12")))
    queue_contingent_exports(db, manager, perf, ["FNAC", "TKN"])

    from app.ui.seatplan_window import SeatPlanWindow

    w = SeatPlanWindow(db, manager, 1, ask=lambda _q: False)
    w.resize(1500, 940)
    w.show()
    app.processEvents()
    w.view.fit()
    w.select_contingent("DGTK")
    m = w.model
    m.select([i for i in range(len(m)) if m.plan.blocks[m.plan.block[i]].zone_code == "PAR"
              and m.plan.blocks[m.plan.block[i]].code == "D" and m.plan.row[i] in ("3", "4", "5")])
    w.counters.contingent.setCurrentIndex(w.counters.contingent.findData("FNAC"))
    app.processEvents()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    w.grab().save(out)
    zoom = out.replace(".png", "-zoom.png")
    w.view.zoom_by(2.2)
    w.view.centerOn(m.plan.x[m.index_of(m.plan.seat_id[0]) + 300], m.plan.y[300])
    app.processEvents()
    w.view.viewport().grab().save(zoom)
    stadium_shot = str(Path(out).with_name("seatplan-stadium.png"))
    stadium(tmp, stadium_shot)
    print(out, zoom, stadium_shot)


def stadium(tmp: str, out: str) -> None:
    from PySide6.QtWidgets import QApplication

    from app.db.engine import open_database
    from app.domain.selection import SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.operators import find_actor
    from app.services.seeding import seed_stadium
    from app.services.inventory.selling import sell
    from app.ui.seatplan_window import SeatPlanWindow

    db = open_database(f"sqlite:///{tmp}/stadium.sqlite")
    seed_stadium(db, 80_000)
    manager = find_actor(db, "manager")
    perf = "STADE@2027-03-06 21:00"
    edit_seats(db, manager, perf, "assign", SeatSelection(zone="N"), "FNAC")
    edit_seats(db, manager, perf, "assign", SeatSelection(zone="S", block="21"), "TKN")
    edit_seats(db, manager, perf, "block", SeatSelection(zone="O", block="31"))
    sell(db, manager, perf, SeatSelection(zone="E", first=3000))
    w = SeatPlanWindow(db, manager, 1, ask=lambda _q: False, run_queued=False)
    w.resize(1500, 940)
    w.show()
    QApplication.instance().processEvents()
    w.grab().save(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/seatplan-demo.png")
