"""Save the first-run assistant's pages and the settings dialog (both tabs), in French, each
centred on a 1366x768 and a 1920x1080 screen, to docs/screenshots/install-*.png (the
assistant's welcome page also in English). Throw-away data folder and settings; the database
page shows the verdict of a server that does not answer (127.0.0.1:1).

Usage: .venv/bin/python scripts/screenshots_install.py [OUTPUT_DIR]"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
TMP = Path(tempfile.mkdtemp(prefix="guichet-shots-"))
os.environ["GUICHET_DATA_DIR"] = str(TMP / "data")
os.environ.pop("GUICHET_DATABASE_URL", None)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCREENS = ((1366, 768), (1920, 1080))


def on_screen(widget, size):
    """The dialog as it opens on a screen of `size`: centred on the desktop's grey."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    shot = widget.grab()
    canvas = QPixmap(*size)
    canvas.fill(QColor("#3c4650"))
    p = QPainter(canvas)
    p.drawPixmap((size[0] - shot.width()) // 2, (size[1] - shot.height()) // 2, shot)
    p.end()
    return canvas


def settle(app, until=lambda: True, rounds=200):
    import time

    for _ in range(rounds):
        app.processEvents()
        if until():
            return
        time.sleep(0.02)


def main() -> int:
    from PySide6.QtCore import QSettings

    from app.ui import i18n, settings
    from app.ui.app import application
    from app.ui.tasks import TaskManager, set_tasks

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    settings.use_store(QSettings(str(TMP / "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))

    def save(widget, name):
        for size in SCREENS:
            path = out / f"install-{name}-{size[0]}x{size[1]}.png"
            on_screen(widget, size).save(str(path))
            print(path)

    from app.ui.first_run import FirstRunAssistant

    i18n.install("en")
    w = FirstRunAssistant()
    w.resize(700, 560)
    w.show()
    settle(app)
    save(w, "welcome-en")
    w.language.setCurrentIndex(w.language.findData("fr"))  # rebuilt in French
    w.resize(700, 560)
    settle(app)
    save(w, "welcome-fr")
    w.next()
    settle(app)
    save(w, "database-fr")
    w.shared.setChecked(True)
    w.host.setText("127.0.0.1")
    w.port.setValue(1)
    w.password.setText("secret")
    w.test_button.click()
    settle(app, lambda: w.verdict.text().startswith("✘"))
    save(w, "database-refused-fr")
    w.local.setChecked(True)
    w.next()
    settle(app, lambda: w.current() == "venue")
    w.venue_name.setText("Théâtre du Port")
    save(w, "venue-fr")
    w.next()
    settle(app)
    save(w, "workstation-fr")
    w.next()
    w.manager_name.setText("Claire Directrice")
    w.manager_password.setText("Opéra-2026!")
    w.manager_confirm.setText("Opéra-2026!")
    settle(app)
    save(w, "manager-fr")
    w.next()
    settle(app, lambda: w.database is not None)
    db, actor = w.database, w.actor
    w.close()
    w.deleteLater()

    from app.ui.settings_dialog import SettingsDialog

    d = SettingsDialog(db, actor)
    d.resize(700, 560)
    d.show()
    settle(app, lambda: d.save_button.isEnabled())
    save(d, "settings-workstation-fr")
    d.tabs.setCurrentIndex(1)
    d.smtp_host.setText("smtp.example.org")
    d.smtp_sender.setText("billetterie@theatre-du-port.fr")
    settle(app)
    save(d, "settings-venue-fr")
    d.close()
    d.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # by Qt, not by the collector
    db.dispose()
    i18n.uninstall()
    return 0


if __name__ == "__main__":
    sys.exit(main())
