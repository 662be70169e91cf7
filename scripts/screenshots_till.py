"""Save the till's screenshots at 1366x768 and 1920x1080 in docs/screenshots/: the seat plan
in allocation and sale mode, the sale confirmation, the tickets preview, the orders dialog,
the sign-in and the operators screen (French client).

Run: .venv/bin/python scripts/screenshots_till.py"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZES = [(1366, 768), (1920, 1080)]
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.db.engine import open_database
    from app.domain.selection import Range, SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.operators import find_actor
    from app.services.seeding import seed_demo
    from app.services.inventory.selling import sell
    from app.ui import i18n, settings
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    app.setApplicationDisplayName("Guichet")
    i18n.install("fr")
    tmp = tempfile.mkdtemp(prefix="guichet-till-shot-")
    settings.use_store(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))
    db = open_database(f"sqlite:///{tmp}/demo.sqlite")
    seed_demo(db)
    manager, cashier = find_actor(db, "manager"), find_actor(db, "caisse")
    perf = "WALKYRIE@2014-12-07 20:00"
    for zone, block, code in [("B2", "C", "FNAC"), ("B1", "G", "DGTK"), ("GAL", "C", "VenuSer")]:
        edit_seats(db, manager, perf, "assign", SeatSelection(zone=zone, block=block), code)
    sell(db, manager, perf, SeatSelection(zone="PAR", block="C", rows=Range("5", "8")), payment="CARD")
    OUT.mkdir(parents=True, exist_ok=True)
    shots = []

    def save(widget, name, w, h):
        widget.resize(w, h)
        widget.show()
        for _ in range(3):
            app.processEvents()
        path = OUT / f"till-{name}-{w}x{h}.png"
        widget.grab().save(str(path))
        shots.append(path)

    from app.ui.login import SignInDialog
    from app.ui.main_window import MainWindow
    from app.ui.seatplan_window import SeatPlanWindow

    for w, h in SIZES:
        plan = SeatPlanWindow(db, manager, 1, ask=lambda _q: False)
        save(plan, "plan-allocation", w, h)
        plan.view.fit()
        save(plan, "plan-allocation", w, h)
        plan.close()
        plan = SeatPlanWindow(db, cashier, 1, ask=lambda _q: False)
        save(plan, "plan-sale", w, h)
        m = plan.model
        row = [i for i in range(len(m)) if m.plan.blocks[m.plan.block[i]].zone_code == "PAR"
               and m.plan.blocks[m.plan.block[i]].code == "G" and m.plan.row[i] == ("3" if w < 1900 else "4")][:6]
        m.select(row)
        plan._refresh_basket()
        reduced = next(t.id for t in plan.plan.tariffs if t.code == "Reduced")
        plan.sale.lines.setData(plan.sale.lines.index(1, 2), reduced)
        save(plan, "plan-sale", w, h)
        plan.sale.sell.click()
        dialog = plan.sale_flow.dialog
        dialog.mode_buttons["CASH"].setChecked(True)
        dialog.given.setText("800")
        dialog.name.setText("Ada Lovelace")
        dialog.email.setText("ada@example.org")
        for _ in range(3):
            app.processEvents()
        path = OUT / f"till-sale-dialog-{w}x{h}.png"
        dialog.grab().save(str(path))
        shots.append(path)
        dialog.confirm.click()
        preview = plan.sale_flow.tickets_dialog
        save(preview, "tickets-preview", min(w, 1100), min(h - 60, 900))
        preview.accept()
        plan.open_orders()
        save(plan.orders_dialog, "orders", min(w - 100, 1200), min(h - 80, 800))
        plan.orders_dialog.accept()
        plan.close()

        sign = SignInDialog(db, login="caisse")
        for _ in range(3):
            app.processEvents()
        path = OUT / f"till-sign-in-{w}x{h}.png"
        sign.adjustSize()
        sign.grab().save(str(path))
        shots.append(path)
        main_window = MainWindow(db, manager)
        main_window.show_page("operators")
        save(main_window, "operators", w, h)
        main_window.show_page("counters")
        save(main_window, "main-counters", w, h)
        main_window.close()
    for p in shots:
        print(p)


if __name__ == "__main__":
    main()
