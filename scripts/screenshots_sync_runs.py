"""Save offscreen screenshots of the runs by hand — the interface editor with its run buttons,
the run dialog (export diff, progress), the sales-file preview and the Fnac reconciliation —
in English and French at 1366×768 and 1920×1080, to docs/screenshots/sync-runs-*.png.

Usage: .venv/bin/python scripts/screenshots_sync_runs.py [OUTPUT_DIR]
Builds a throw-away demo database and starts the distributor simulator on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = ((1366, 768), (1920, 1080))
PERF = "WALKYRIE@2014-12-07 20:00"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from sqlalchemy import select

    from app.adapters.files import write_guichet_csv
    from app.adapters.simulator import start_simulator
    from app.db.engine import open_database
    from app.db.models import DistributorInterface
    from app.domain.enums import SyncFunction
    from app.domain.selection import SeatSelection
    from app.services import operators
    from app.services.inventory.allocation import edit_seats
    from app.services.secrets import set_password
    from app.services.seeding import seed_demo
    from app.services.sync.run_control import Progress
    from app.ui import i18n, settings
    from app.ui.app import application
    from app.ui.main_window import MainWindow
    from app.ui.setup_widgets import select_where
    from app.ui.sync_runs.run_dialog import RunDialog
    from app.ui.tasks import TaskManager, set_tasks
    from tests.integration.sync.conftest import sale_line, seats_of

    app = application()
    tmp = tempfile.mkdtemp(prefix="guichet-shots-")
    settings.use_store(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))
    db = open_database(f"sqlite:///{tmp}/demo.sqlite")
    seed_demo(db)
    manager = operators.find_actor(db, "manager")
    edit_seats(db, manager, PERF, "assign", SeatSelection(zone="B2", block="C"), "FNAC")
    edit_seats(db, manager, PERF, "assign", SeatSelection(zone="PAR", block="G"), "STX")
    sim = start_simulator(port=0)
    with db.write() as s:
        for iface in s.scalars(select(DistributorInterface)):
            if iface.name_fr in ("NTJ FNAC", "NTJ Ticketnet", "NTJ Digitick"):
                iface.url = sim.url
                set_password(s, iface.id, "demo")
        fnac = s.scalars(select(DistributorInterface.id).where(DistributorInterface.name_fr == "NTJ FNAC")).one()
    seats = seats_of(db, "PAR", "G")
    good = Path(tmp) / "stx-statement.csv"
    write_guichet_csv(good, [sale_line(f"S{i}", seats[i], tariff="Reduced" if i % 3 == 0 else "Normal",
                                       normal=i % 3 != 0) for i in range(12)])
    bad = Path(tmp) / "stx-errors.csv"
    write_guichet_csv(bad, [sale_line("E1", seats[20]), sale_line("E2", seats_of(db, "B2", "C")[0]),
                            sale_line("E3", seats[21], tariff="Unknown"), sale_line("E4", None, price=Decimal("15.00"))])
    bad.write_text(bad.read_text(encoding="utf-8") + "not;a;sales;line\n", encoding="utf-8")

    try:
        for lang in ("en", "fr"):
            i18n.install(lang)
            win = MainWindow(db, manager)
            win.show()
            page = win.show_page("interfaces")
            select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")

            def grab(widget, name: str, w: int, h: int) -> None:
                widget.resize(w, h)
                app.processEvents()
                path = out / f"sync-runs-{name}-{lang}-{w}x{h}.png"
                widget.grab().save(str(path))
                print(path)

            for w, h in SIZES:
                grab(win, "editor", w, h)
            # the export: its diff, then a run under way
            dlg = RunDialog(db, manager, fnac, "NTJ FNAC", SyncFunction.EXPORT_ALLOTMENTS, None, "", win)
            dlg.show()
            dlg.start()
            for w, h in SIZES:
                grab(dlg, "diff", w, h)
            dlg.confirm_button.setEnabled(False)
            dlg.cancel_button.setEnabled(True)
            dlg.log.clear()
            dlg._progress(Progress(1, 3, 144, PERF))
            for w, h in SIZES:
                grab(dlg, "progress", w, h)
            dlg.confirm()
            dlg.close()
            # the file preview: a good file, then one with errors
            buttons = page.run_buttons
            select_where(page.table, lambda r: r.name_fr == "NTJ Secutix File")
            imp = buttons.open_file_import()
            imp.path.setText(str(good))
            imp.preview()
            for w, h in SIZES:
                grab(imp, "file-preview", w, h)
            imp.tabs.setCurrentWidget(imp.totals)
            grab(imp, "file-totals", *SIZES[0])
            imp.path.setText(str(bad))
            imp.preview()
            for w, h in SIZES:
                grab(imp, "file-errors", w, h)
            imp.close()
            # the reconciliation after a sale at the distributor
            if lang == "en":
                sim.sell("fnac-demo", 4)
            select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
            rec = buttons.open_counts()
            for w, h in SIZES:
                grab(rec, "reconciliation", w, h)
            rec.close()
            win.close()
    finally:
        sim.stop()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
