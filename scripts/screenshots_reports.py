"""Save page one of each report's PDF (pdftoppm) and the Reports screen with its preview to
docs/screenshots/report-*.png, on a throw-away demo database with box-office sales and
distributor sales reintegrated from the simulator.

Usage: .venv/bin/python scripts/screenshots_reports.py [OUTPUT_DIR] [--lang fr|en]"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WALKYRIE = "WALKYRIE@2014-12-07 20:00"


def demo_with_sales(url: str):
    from sqlalchemy import select

    from app.adapters.simulator import start_simulator
    from app.db.engine import open_database
    from app.db.models import DistributorInterface
    from app.domain.selection import Range, SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.sync.export import export_allotments
    from app.services.operators import find_actor
    from app.services.sync.reintegration import reintegrate_sales
    from app.services.secrets import set_password
    from app.services.seeding import seed_demo
    from app.services.inventory.selling import sell

    db = open_database(url)
    seed_demo(db)
    manager = find_actor(db, "manager")
    sim = start_simulator(port=0)
    edit_seats(db, manager, WALKYRIE, "assign", SeatSelection(zone="B2", block="C"), "FNAC")
    edit_seats(db, manager, WALKYRIE, "assign", SeatSelection(zone="B1", block="G"), "DGTK")
    edit_seats(db, manager, WALKYRIE, "block", SeatSelection(zone="PAR", block="D", rows=Range("1", "1")))
    sell(db, manager, WALKYRIE, SeatSelection(zone="PAR", block="C", rows=Range("1", "2")), tariff="Normal")
    sell(db, manager, WALKYRIE, SeatSelection(zone="PAR", block="C", rows=Range("3", "3")), tariff="Reduced",
         point_of_sale="WEB-1")
    with db.write() as s:
        fnac = s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == "NTJ FNAC")).one()
        fnac.url, fnac.commission_percent, fnac_id = sim.url, 8.5, fnac.id
    set_password(db, fnac_id, "demo")
    export_allotments(db, manager, "NTJ FNAC", WALKYRIE)
    sold = sim.sell("fnac-demo", 40)
    sim.cancel("fnac-demo", sold[0])
    sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")  # a held line for the statement
    reintegrate_sales(db, manager, "NTJ FNAC")
    sim.stop()
    return db, manager


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", choices=["fr", "en"], default="fr")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from app.services import reports
    from app.services.reports import ReportParams

    with tempfile.TemporaryDirectory() as tmp:
        db, manager = demo_with_sales(f"sqlite:///{tmp}/shots.sqlite")
        for kind, params in [("sale-sheet", dict(event="WALKYRIE", interface="NTJ FNAC")),
                             ("partner-statement", dict(interface="NTJ FNAC")),
                             ("collections", {}), ("gauge", dict(event="WALKYRIE")),
                             ("digitick-allotment", dict(interface="NTJ Digitick", performance=WALKYRIE))]:
            report = reports.generate(db, kind, ReportParams(lang=args.lang, operator=manager.display_name, **params))
            pdf = reports.save(report, Path(tmp) / f"{kind}.pdf")
            subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(out / f"report-{kind}-{args.lang}")], check=True)
            print(out / f"report-{kind}-{args.lang}.png")
        shoot_screen(db, manager, out, args.lang)
        db.dispose()
    return 0


def shoot_screen(db, manager, out: Path, lang: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n, settings
    from app.ui.reports import ReportsPage
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    settings.use_store(QSettings(str(out / ".shots.ini"), QSettings.Format.IniFormat))
    i18n.install(lang)
    set_tasks(TaskManager(inline=True))
    page = ReportsPage(db, manager)
    page.select_report("partner-statement")
    page.interface.setCurrentIndex(page.interface.findData("NTJ FNAC"))
    for w, h in ((1366, 768), (1920, 1080)):
        page.resize(w, h)
        page.show()
        app.processEvents()
        page.grab().save(str(out / f"report-screen-{lang}-{w}x{h}.png"))
    page.generate_button.click()
    app.processEvents()
    page.preview.resize(1366, 768)
    app.processEvents()
    page.preview.grab().save(str(out / f"report-preview-{lang}-1366x768.png"))
    (out / ".shots.ini").unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
