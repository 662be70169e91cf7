"""Save the Journal screen (the chain verified) and a ticket looked at from it, at 1366x768 and
1920x1080, in English and French, to docs/screenshots/journal-*.png, on a throw-away demo
database with box-office sales, a print, a cancellation and distributor sales reintegrated
from the simulator (the reports' screenshots' database), signed in as an auditor.

Usage: .venv/bin/python scripts/screenshots_journal.py [OUTPUT_DIR]"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def demo_journal(url: str):
    from app.domain.enums import Role
    from app.services.inventory.orders import cancel_order
    from app.services.inventory.tickets import order_tickets, record_printing
    from app.services.journal import operations
    from app.services.operators import NewOperator, add_operator, find_actor
    from scripts.screenshots_reports import demo_with_sales

    db, manager = demo_with_sales(url)
    first = operations(db, limit=1)[0]["order_reference"]
    record_printing(db, manager, order_tickets(db, first, record=False))
    cancel_order(db, manager, first, [operations(db, limit=1)[0]["ticket_id"]])
    add_operator(db, manager, NewOperator("controle", "Contrôleur DGFiP", Role.AUDITOR, None, "Secret-123!"))
    cancel_no = next(o["op_no"] for o in operations(db) if o["kind"] == "cancel")
    return db, find_actor(db, "controle"), cancel_no


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    set_tasks(TaskManager(inline=True))
    tmp = Path(tempfile.mkdtemp(prefix="guichet-shots-"))
    db, auditor, cancel_no = demo_journal(f"sqlite:///{tmp / 'demo.sqlite'}")
    for lang in ("en", "fr"):
        i18n.install(lang)
        for w, h in ((1366, 768), (1920, 1080)):
            win = MainWindow(db, auditor)
            win.resize(w, h)
            win.show()
            page = win.show_page("journal")
            app.processEvents()
            page.verify()
            page.select_operation(cancel_no)
            app.processEvents()
            win.grab().save(str(out / f"journal-{lang}-{w}x{h}.png"))
            page.view_ticket(page.model.row_of(cancel_no))
            page.ticket_dialog.resize(min(w - 100, 1100), h - 120)
            app.processEvents()
            page.ticket_dialog.grab().save(str(out / f"journal-ticket-{lang}-{w}x{h}.png"))
            page.ticket_dialog.close()
            win.close()
        i18n.uninstall()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
