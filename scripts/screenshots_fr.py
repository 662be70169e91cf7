"""Save offscreen screenshots of the French screens to docs/screenshots/fr-*.png, to check
the translation in place (truncated labels, clumsy wording).

Usage: .venv/bin/python scripts/screenshots_fr.py [OUTPUT_DIR] [--lang fr|en]
Builds a throw-away demo database, installs the translation and grabs the main window's
screens, the seat plan (with its export question) and the interfaces editor."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", choices=["fr", "en"], default="fr")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.db.engine import open_database
    from app.domain.selection import Range, SeatSelection
    from app.services.setup import mappings
    from app.services import operators
    from app.services.inventory.allocation import edit_seats
    from app.services.sync.executions_queue import queue_contingent_exports
    from app.services.seeding import seed_demo
    from app.services.inventory.selling import sell
    from app.ui import i18n, settings
    from app.ui.app import application
    from app.ui.main_window import MainWindow
    from app.ui.setup_widgets import select_where
    from app.ui.tasks import TaskManager, set_tasks

    app = application()
    if i18n.install(args.lang) != args.lang:
        print(f"no compiled catalogue for {args.lang}: run `make translations`", file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix="guichet-shots-")
    settings.use_store(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))
    db = open_database(f"sqlite:///{tmp}/demo.sqlite")
    seed_demo(db)
    manager = operators.find_actor(db, "manager")
    perf = "WALKYRIE@2014-12-07 20:00"
    for zone, block, rows, code in [("B2", "C", None, "FNAC"), ("B1", "G", None, "DGTK"),
                                    ("PAR", "G", Range("1", "6"), "Pass")]:
        edit_seats(db, manager, perf, "assign", SeatSelection(zone=zone, block=block, rows=rows), code)
    edit_seats(db, manager, perf, "block", SeatSelection(zone="PAR", block="D", rows=Range("19", "20")))
    sell(db, manager, perf, SeatSelection(zone="B2", block="D", rows=Range("1", "2")))
    queue_contingent_exports(db, manager, perf, ["FNAC"])
    prefix = args.lang

    def save(widget, name: str) -> None:
        app.processEvents()
        path = out / f"{prefix}-{name}.png"
        widget.grab().save(str(path))
        print(path)

    win = MainWindow(db, manager)
    win.resize(1400, 860)
    win.show()
    save(win, "main-counters")
    for key, name in [("channels", "channels"), ("contingents", "contingents"),
                      ("activity_profiles", "activity-profiles")]:
        page = win.show_page(key)
        if key == "contingents":
            select_where(page.table, lambda r: r.code == "FNAC")
        save(win, name)
    win.resize(1366, 768)  # the interface editor at the smallest supported screen
    page = win.show_page("interfaces")
    select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
    save(win, "interfaces")
    page.show_tab("mappings")
    save(win, "interfaces-mappings")
    row = next(r for r in mappings.list_mappings(db, "NTJ FNAC") if r.reference == "Reduced")
    mappings.delete_mappings(db, manager, "NTJ FNAC", [row.id])
    page.show_tab("check")
    page.check.run()
    save(win, "interfaces-check")

    from app.ui.seatplan_window import SeatPlanWindow

    plan = SeatPlanWindow(db, manager, 1)  # the real "export now?" box
    plan.resize(1500, 940)
    plan.show()
    app.processEvents()
    plan.view.fit()
    plan.select_contingent("DGTK")
    m = plan.model
    m.select([i for i in range(len(m)) if m.plan.blocks[m.plan.block[i]].zone_code == "PAR"
              and m.plan.blocks[m.plan.block[i]].code == "D" and m.plan.row[i] in ("3", "4")])
    save(plan, "seatplan")

    def grab_question() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, grab_question)
            return
        save(box, "seatplan-export-question")
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, grab_question)
    plan.exports.offer_export({"FNAC"})
    plan.executions.show_details()
    if plan.executions.dialog is not None:
        save(plan.executions.dialog, "seatplan-execution-details")
        plan.executions.dialog.close()
    plan.close()
    win.close()
    i18n.uninstall()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
