"""The first-run assistant, driven like a venue's manager would: this PC or a PostgreSQL
server, the venue, the point of sale, the first manager, ending on the main window signed in;
a server that does not answer or refuses the user keeps the assistant open with a verdict."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui import settings


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("GUICHET_DATA_DIR", str(folder))
    monkeypatch.delenv("GUICHET_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def pg_url():
    """An empty PostgreSQL database of its own (dropped after)."""
    from tests.conftest import drop_pg_url, make_pg_url, pg_available

    if pg_available():
        pytest.skip(pg_available())
    url = make_pg_url()
    yield url
    drop_pg_url(url)


@pytest.fixture
def assistant(qtbot, inline_tasks, data_dir):
    from app.ui.first_run import FirstRunAssistant

    w = FirstRunAssistant()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def click(qtbot, w, name):
    from PySide6.QtWidgets import QPushButton

    button = w.findChild(QPushButton, name)
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill_new_venue(qtbot, w, login="direction", password="Opéra-2026!"):
    assert w.current() == "venue"
    w.venue_name.setText("Théâtre du Port")
    w.time_zone.setCurrentText("Europe/Paris")
    click(qtbot, w, "nextButton")
    assert w.current() == "workstation"
    w.pos_name.setText("Guichet principal")
    w.pos_code.setText("HALL-1")
    click(qtbot, w, "nextButton")
    assert w.current() == "manager"
    w.manager_name.setText("Claire Directrice")
    w.manager_login.setText(login)
    w.manager_password.setText(password)
    w.manager_confirm.setText(password)


def assert_signed_in_main_window(qtbot, db, actor, login):
    from app.ui.main_window import MainWindow

    assert actor.login == login and actor.is_manager
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.operator_label.text() == "Claire Directrice (manager)"
    assert window.stack.currentWidget().objectName() == "page_counters"
    window.close()


def test_this_pc_creates_the_sqlite_venue_and_opens_signed_in(qtbot, assistant, data_dir, ui_settings):
    from app.services.inventory.payment import workstation_point_of_sale
    from app.services.operators import sign_in
    from app.services.venue import venue_facts

    w = assistant
    assert w.current() == "welcome"
    click(qtbot, w, "nextButton")
    assert w.current() == "database" and w.local.isChecked() and not w.server.isEnabled()
    assert str(data_dir) in w.findChild(type(w.heading), "localPath").text()
    click(qtbot, w, "nextButton")
    assert "The database is empty: Guichet will create its tables" in w.verdict.text()
    fill_new_venue(qtbot, w)
    assert w.next_button.text() == "Create and start"
    with qtbot.waitSignal(w.accepted, timeout=20000):
        click(qtbot, w, "nextButton")
    db = w.database
    assert (data_dir / "guichet.sqlite").exists()
    assert settings.DATABASE_URL.get() == f"sqlite:///{data_dir / 'guichet.sqlite'}"
    assert settings.POINT_OF_SALE.get() == "HALL-1"
    assert venue_facts(db).name == "Théâtre du Port" and venue_facts(db).timezone == "Europe/Paris"
    assert workstation_point_of_sale(db) == "HALL-1"
    assert sign_in(db, "direction", "Opéra-2026!").login == "direction"
    assert_signed_in_main_window(qtbot, db, w.actor, "direction")
    db.dispose()


def test_the_next_start_opens_the_chosen_database_without_the_assistant(qtbot, assistant, data_dir, ui_settings):
    from PySide6.QtCore import QSettings

    from app.ui.first_run import needs_first_run

    assert needs_first_run(None)
    click(qtbot, assistant, "nextButton")
    click(qtbot, assistant, "nextButton")
    fill_new_venue(qtbot, assistant)
    with qtbot.waitSignal(assistant.accepted, timeout=20000):
        click(qtbot, assistant, "nextButton")
    assistant.database.dispose()
    # A restart: the settings read back from their file.
    settings.settings_store().sync()
    settings.use_store(QSettings(settings.settings_store().fileName(), QSettings.Format.IniFormat))
    assert not needs_first_run(None)
    assert settings.database_url() == f"sqlite:///{data_dir / 'guichet.sqlite'}"


def test_a_mismatched_password_keeps_the_assistant_on_the_manager_page(qtbot, assistant):
    click(qtbot, assistant, "nextButton")
    click(qtbot, assistant, "nextButton")
    fill_new_venue(qtbot, assistant)
    assistant.manager_confirm.setText("something else")
    click(qtbot, assistant, "nextButton")
    assert assistant.isVisible() and assistant.current() == "manager"
    assert assistant.error.text() == "The two passwords differ."


def test_try_with_demo_data_is_one_click_away(qtbot, assistant):
    with qtbot.waitSignal(assistant.accepted):
        click(qtbot, assistant, "demoButton")
    assert assistant.demo_requested and assistant.database is None


def _server(qtbot, w, url):
    from sqlalchemy.engine import make_url

    u = make_url(url)
    click(qtbot, w, "nextButton")
    w.shared.setChecked(True)
    assert w.server.isEnabled()
    w.host.setText(u.host)
    w.port.setValue(u.port or 5432)
    w.db_name.setText(u.database)
    w.user.setText(u.username)
    w.password.setText("s3cret")


@pytest.mark.pg
def test_postgresql_server_creates_the_venue_password_in_keyring(qtbot, assistant, ui_settings, pg_url):
    from app.db.migrate import current_revision, head_revision
    from app.services.venue import venue_facts

    w = assistant
    _server(qtbot, w, pg_url)
    with qtbot.waitSignal(w.probed):
        click(qtbot, w, "testConnection")
    assert w.verdict.text().startswith("✔ Connected to postgresql+psycopg://postgres:***@127.0.0.1:5432/")
    assert "The database is empty" in w.verdict.text()
    assert w.current() == "database"  # a test only tells
    click(qtbot, w, "nextButton")
    fill_new_venue(qtbot, w)
    with qtbot.waitSignal(w.accepted, timeout=30000):
        click(qtbot, w, "nextButton")
    db = w.database
    assert db.engine.dialect.name == "postgresql" and current_revision(db.engine) == head_revision()
    assert venue_facts(db).name == "Théâtre du Port"
    kept = settings.DATABASE_URL.get()
    assert kept.startswith("postgresql+psycopg://postgres@127.0.0.1:5432/") and "s3cret" not in kept
    assert settings.database_url() == kept.replace("postgres@", "postgres:s3cret@")  # from the keyring
    assert_signed_in_main_window(qtbot, db, w.actor, "direction")
    db.dispose()


@pytest.mark.pg
def test_a_second_workstation_joins_the_venue_and_signs_in(qtbot, assistant, ui_settings, pg_url):
    from app.db.engine import open_database
    from app.domain.enums import Role
    from app.services.operators import NewOperator, create_first_manager

    db = open_database(pg_url)
    create_first_manager(db, NewOperator("direction", "Claire", Role.MANAGER, None, "Opéra-2026!"))
    db.dispose()
    w = assistant
    _server(qtbot, w, pg_url)
    with qtbot.waitSignal(w.probed):
        click(qtbot, w, "testConnection")
    assert "It already holds a Guichet venue: this workstation joins it" in w.verdict.text()
    assert w.next_button.text() == "Start"
    with qtbot.waitSignal(w.accepted, timeout=20000):
        click(qtbot, w, "nextButton")
    assert w.actor is None and w.database is not None  # the venue's operators sign in next
    w.database.dispose()


@pytest.mark.parametrize("host, port, user, database, verdict", [
    ("127.0.0.1", 1, "postgres", "test", "✘ No PostgreSQL server answers at 127.0.0.1:1"),
    ("127.0.0.1", 5432, "nobody_here", "test", "✘ The server 127.0.0.1:5432 refused user nobody_here"),
    ("127.0.0.1", 5432, "postgres", "no_such_db", "✘ The server 127.0.0.1:5432 has no database no_such_db"),
])
def test_a_server_that_refuses_keeps_the_assistant_open(qtbot, assistant, host, port, user, database, verdict):
    from tests.conftest import pg_available

    if port == 5432 and pg_available():
        pytest.skip(pg_available())
    w = assistant
    click(qtbot, w, "nextButton")
    w.shared.setChecked(True)
    w.host.setText(host)
    w.port.setValue(port)
    w.user.setText(user)
    w.db_name.setText(database)
    with qtbot.waitSignal(w.probed):
        click(qtbot, w, "nextButton")  # Next tests the connection first
    assert w.verdict.text().startswith(verdict), w.verdict.text()
    assert w.isVisible() and w.current() == "database" and w.result() == 0
    assert settings.DATABASE_URL.get() == ""


def test_language_choice_rebuilds_the_assistant_in_french(qtbot, assistant):
    from app.ui import i18n

    try:
        assistant.language.setCurrentIndex(assistant.language.findData("fr"))
        assert settings.LANGUAGE.get() == "fr"
        assert assistant.heading.text() == "Bienvenue dans Guichet"
        assert assistant.demo_button.text() == "Essayer avec les données de démonstration"
        assert assistant.next_button.text() == "Suivant >"
    finally:
        i18n.uninstall()


def test_the_client_starts_on_the_assistant_then_on_sign_in(qtbot, qapp, inline_tasks, data_dir, ui_settings,
                                                             monkeypatch):
    """run_client itself: first start -> the assistant -> the main window signed in as the new
    manager; second start -> no assistant, the sign-in of the database chosen."""
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui import app as client

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_client installs its own
    seen = {}

    def top(name):
        return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)

    def drive_assistant():
        w = top("firstRunAssistant")
        if w is None:
            return QTimer.singleShot(20, drive_assistant)
        w.next()  # welcome -> database
        w.next()  # this PC: probed, -> venue
        fill_new_venue(qtbot, w)
        w.next()  # create and start
        QTimer.singleShot(20, check_main_window)

    def check_main_window():
        main = next((w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"
                     and w.isVisible()), None)
        if main is None:
            return QTimer.singleShot(20, check_main_window)
        seen["operator"] = main.operator_label.text()
        seen["database"] = main.db_label.text()
        main.close()

    QTimer.singleShot(0, drive_assistant)
    assert client.run_client() == 0
    assert seen["operator"] == "Claire Directrice (manager)"
    assert seen["database"] == f"Database: sqlite:///{data_dir / 'guichet.sqlite'}"

    def answer_sign_in():
        dialog = top("signInDialog")
        if dialog is None:
            return QTimer.singleShot(20, answer_sign_in)
        seen["assistant again"] = top("firstRunAssistant") is not None
        seen["sign-in intro"] = dialog.intro.text()
        dialog.reject()

    QTimer.singleShot(0, answer_sign_in)
    assert client.run_client() == 0  # the next start: the chosen database, its sign-in
    assert seen["assistant again"] is False
    assert seen["sign-in intro"] == "Sign in with your login and your password (or your PIN)."
