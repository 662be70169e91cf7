"""Save offscreen screenshots of the distributor set-up screens to docs/screenshots/setup-*.png.

Usage: .venv/bin/python scripts/screenshots_setup.py [OUTPUT_DIR]
Builds a throw-away demo database, opens the main window offscreen and grabs each screen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings

    from app.db.engine import open_database
    from app.services.setup import mappings
    from app.services import operators
    from app.services.seeding import seed_demo
    from app.ui import settings
    from app.ui.app import application
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskManager, set_tasks

    app = application()
    tmp = tempfile.mkdtemp(prefix="guichet-shots-")
    settings.use_store(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))
    db = open_database(f"sqlite:///{tmp}/demo.sqlite")
    seed_demo(db)
    manager = operators.find_actor(db, "manager")
    win = MainWindow(db, manager)
    win.resize(1400, 860)
    win.show()

    def shot(name: str) -> None:
        app.processEvents()
        path = out / f"setup-{name}.png"
        win.grab().save(str(path))
        print(path)

    win.show_page("channels")
    shot("channels")
    page = win.show_page("contingents")
    from app.ui.setup_widgets import select_where

    select_where(page.table, lambda r: r.code == "FNAC")
    shot("contingents")
    page.fill.setText("orange")
    page.code.setText("Pass")
    page.save()
    shot("contingents-errors")
    win.resize(1366, 768)  # the interface editor at the smallest supported screen
    page = win.show_page("interfaces")
    select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
    shot("interfaces")
    page.show_tab("mappings")
    shot("mappings")
    # One mapping removed, so that the pre-flight check has something to say.
    row = next(r for r in mappings.list_mappings(db, "NTJ FNAC") if r.reference == "Reduced")
    mappings.delete_mappings(db, manager, "NTJ FNAC", [row.id])
    page.show_tab("check")
    page.check.run()
    shot("check")
    page.show_tab("schedules")
    shot("schedules")
    page = win.show_page("activity_profiles")
    select_where(page.table, lambda r: r.code == "FNAC")
    page.all_events.setChecked(False)
    page.events.check(page.events.item(0).data(256))
    shot("activity-profiles")
    win.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
