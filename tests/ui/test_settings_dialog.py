"""Tools > Settings: the workstation's settings survive a restart, the venue's go to the
database (the SMTP password to the keyring), changes needing a restart say so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from app.ui import settings


@pytest.fixture
def window(qtbot, demo_db, manager, inline_tasks):
    from app.ui.main_window import MainWindow

    w = MainWindow(demo_db, manager)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def open_settings(qtbot, window):
    action = window.findChild(type(window.menuBar().actions()[0]), "settingsAction")
    assert action.text() == "&Settings…"
    action.trigger()
    dialog = window.settings_dialog
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    return dialog


def restart_store(ui_settings):
    store = settings.settings_store()
    store.sync()
    settings.use_store(QSettings(store.fileName(), QSettings.Format.IniFormat))


def test_workstation_settings_survive_a_restart_and_say_restart(qtbot, window, ui_settings, demo_db):
    from app.services.inventory.payment import workstation_point_of_sale

    d = open_settings(qtbot, window)
    assert d.point_of_sale.currentData() == "GUICHET-1" and d.point_of_sale.isEnabled()
    d.language.setCurrentIndex(d.language.findData("fr"))
    d.idle_lock.setValue(12)
    d.point_of_sale.setCurrentIndex(d.point_of_sale.findData("WEB-1"))
    with qtbot.waitSignal(d.saved) as saved:
        qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0] == ["Language", "Lock the till after"]
    box = window.restart_box
    assert box.isVisible() and box.text() == ("Saved. These apply the next time Guichet starts: "
                                              "Language, Lock the till after.")
    assert workstation_point_of_sale(demo_db) == "WEB-1"  # at once, in the database
    restart_store(ui_settings)
    assert settings.LANGUAGE.get() == "fr"
    assert settings.IDLE_LOCK_MINUTES.get() == 12
    assert settings.POINT_OF_SALE.get() == "WEB-1"
    d2 = open_settings(qtbot, window)  # the dialog shows what was kept
    assert d2.language.currentData() == "fr" and d2.idle_lock.value() == 12
    assert d2.point_of_sale.currentData() == "WEB-1"


def test_venue_and_smtp_settings_go_to_the_database_and_keyring(qtbot, window, demo_db):
    from app.services import secrets
    from app.services.venue import venue_facts
    from app.services.sync.notifications import mail_settings

    d = open_settings(qtbot, window)
    assert d.venue_name.text() == "Opéra de Guichet" and d.venue_name.isEnabled()
    d.venue_name.setText("Opéra de Lyon")
    d.time_zone.setCurrentText("America/Montreal")
    d.smtp_enabled.setChecked(True)
    d.smtp_host.setText("smtp.example.org")
    d.smtp_port.setValue(465)
    d.smtp_security.setCurrentIndex(d.smtp_security.findData("ssl"))
    d.smtp_login.setText("billetterie")
    d.smtp_sender.setText("billetterie@example.org")
    d.smtp_password.setText("mail-secret")
    with qtbot.waitSignal(d.saved) as saved:
        qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0] == []  # nothing waits for a restart
    assert venue_facts(demo_db).name == "Opéra de Lyon" and venue_facts(demo_db).timezone == "America/Montreal"
    mail = mail_settings(demo_db)
    assert (mail.enabled, mail.host, mail.port, mail.security.value, mail.sender) == (
        True, "smtp.example.org", 465, "ssl", "billetterie@example.org")
    assert secrets.get_smtp_password(demo_db) == "mail-secret"


def test_a_bad_sender_keeps_the_dialog_open_with_the_reason(qtbot, window, demo_db):
    d = open_settings(qtbot, window)
    d.smtp_enabled.setChecked(True)
    d.smtp_host.setText("smtp.example.org")
    d.smtp_sender.setText("not an address")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.error.text() != "")
    assert "'not an address' is not an e-mail address" in d.error.text()
    assert d.isVisible()


def test_a_cashier_sees_the_venue_settings_but_cannot_change_them(qtbot, demo_db, cashier, inline_tasks):
    from app.ui.settings_dialog import SettingsDialog

    d = SettingsDialog(demo_db, cashier)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.save_button.isEnabled())
    assert d.venue_name.text() == "Opéra de Guichet" and not d.venue_name.isEnabled()
    assert not d.smtp_host.isEnabled() and not d.point_of_sale.isEnabled()
    assert d.venue_note.text().endswith("only a manager changes them.")


def test_an_unreachable_database_is_refused_and_nothing_is_kept(qtbot, window, ui_settings):
    d = open_settings(qtbot, window)
    d.database_url.setText("postgresql://guichet@127.0.0.1:1/guichet")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.error.text() != "")
    assert d.error.text().startswith("No PostgreSQL server answers at 127.0.0.1:1")
    assert settings.DATABASE_URL.get() == "" and d.isVisible()


def test_changing_the_database_applies_at_the_next_start(qtbot, window, ui_settings, tmp_path):
    from app.db.engine import open_database
    from app.ui.first_run import needs_first_run

    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    open_database(other).dispose()
    d = open_settings(qtbot, window)
    d.database_url.setText(other)
    with qtbot.waitSignal(d.saved) as saved:
        qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0] == ["Database"]
    restart_store(ui_settings)
    assert settings.database_url() == other and not needs_first_run(None)
