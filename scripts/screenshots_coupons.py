"""Screenshots of the management coupons offered after a cancellation (French, 1366x768 and 1920x1080)."""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"; os.environ["GUICHET_KEYRING"] = "memory"
sys.path.insert(0, os.getcwd())
from datetime import datetime
from decimal import Decimal
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.ui.i18n import install
install("fr")
from app.ui.till.coupons_preview import CouponsDialog, coupons_pdf
ops = [{"venue": "Opéra de Guichet", "show": "La Walkyrie", "performance": "2014-12-07 20:00", "seat": f"PAR C R1 P{i}",
        "category": "Cat1", "tariff": "Normal", "price": Decimal("-120.00"), "payment": "CASH", "order_reference": "G-000042",
        "ticket_id": 100 + i, "op_no": 10 + i, "corrects_no": 2 + i, "at": datetime(2026, 12, 3, 10, 0), "operator": "caisse"} for i in range(2)]
d = CouponsDialog("G-000042", coupons_pdf(ops), 2)
for w, h in ((1366, 768), (1920, 1080)):
    d.resize(min(700, w), min(700, h - 60)); d.show()
    from PySide6.QtTest import QTest
    QTest.qWait(2000)
    d.grab().save(f"docs/screenshots/till-coupons-fr-{w}x{h}.png")
