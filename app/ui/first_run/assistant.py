"""The first-run assistant: a workstation with no database yet. The language; this PC (a
SQLite file in the data folder) or a shared PostgreSQL server (its password in the keyring,
"Test the connection" with a verdict); then, on a new database, the venue's name and time
zone, this workstation's point of sale and the first manager. "Try with demo data" is on the
first page. Every database and keyring call runs through the task helper."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.ui import i18n, settings
from app.ui.tasks import tasks
from app.ui.widgets import error_text

OK_STYLE = "color: #1b5e20"
BAD_STYLE = "color: #b00020"


@dataclass(frozen=True)
class Connection:
    url: str  # with the password, to connect
    password: str
    shared: bool


def time_zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


def system_time_zone() -> str:
    from PySide6.QtCore import QTimeZone

    name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return name if name in time_zones() else "Europe/Paris"


class FirstRunAssistant(QDialog):
    """Accepted with `database` (open, migrated) and `actor` (the new manager; None when this
    workstation joined a database that has operators: they sign in), or with `demo_requested`."""

    finished_work = Signal()  # the creation ended (accepted, or an error shown)
    probed = Signal(bool)  # a connection test gave its verdict (usable or not)

    PAGES = ("welcome", "database", "venue", "workstation", "manager")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("firstRunAssistant")
        self.database: Database | None = None
        self.actor: Actor | None = None
        self.demo_requested = False
        self.probe = None  # the last verdict, for the connection it was given for
        self._probe_key = None
        self.setMinimumSize(640, 520)
        self._layout = QVBoxLayout(self)
        self.body: QWidget | None = None
        self._build()

    # --- building (again on a change of language) ------------------------------------------

    def _build(self) -> None:
        if self.body is not None:
            self._layout.removeWidget(self.body)
            self.body.hide()  # at once: its deletion waits for the event loop
            self.body.deleteLater()
        self.body = QWidget(self)
        self._layout.addWidget(self.body)
        self.setWindowTitle(self.tr("Welcome to Guichet"))
        lay = QVBoxLayout(self.body)
        self.heading = QLabel(objectName="pageHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600")
        lay.addWidget(self.heading)
        self.stack = QStackedWidget(objectName="pages")
        lay.addWidget(self.stack, 1)
        for page in (self._welcome_page(), self._database_page(), self._venue_page(), self._workstation_page(),
                     self._manager_page()):
            self.stack.addWidget(page)
        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.setStyleSheet(BAD_STYLE)
        lay.addWidget(self.error)
        row = QHBoxLayout()
        self.quit_button = QPushButton(self.tr("Quit"), objectName="quitButton")
        self.back_button = QPushButton(self.tr("< Back"), objectName="backButton")
        self.next_button = QPushButton(self.tr("Next >"), objectName="nextButton")
        self.next_button.setDefault(True)
        self.quit_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        row.addWidget(self.quit_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        lay.addLayout(row)
        self._show("welcome")

    def _welcome_page(self) -> QWidget:
        page = QWidget(objectName="page_welcome")
        lay = QVBoxLayout(page)
        intro = QLabel(self.tr("Guichet needs a database before its first use: on this PC only, or on a "
                               "PostgreSQL server shared by several workstations. This assistant creates it "
                               "with your venue, this workstation's point of sale and the first manager."),
                       wordWrap=True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.language = QComboBox(objectName="language")
        for code, text in (("fr", "Français"), ("en", "English"), ("", self.tr("System language"))):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(self.language.findData(settings.LANGUAGE.get() or ""))
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(self.tr("Language"), self.language)
        lay.addLayout(form)
        lay.addStretch(1)
        demo = QGroupBox(self.tr("Just looking?"))
        demo_lay = QVBoxLayout(demo)
        demo_lay.addWidget(QLabel(self.tr("Open Guichet on a demonstration venue (an opera house, its "
                                          "distributors, sales): nothing of yours is created."), wordWrap=True))
        self.demo_button = QPushButton(self.tr("Try with demo data"), objectName="demoButton")
        self.demo_button.clicked.connect(self._try_demo)
        demo_lay.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(demo)
        return page

    def _database_page(self) -> QWidget:
        from app.db.engine import default_url

        page = QWidget(objectName="page_database")
        lay = QVBoxLayout(page)
        self.local = QRadioButton(self.tr("This PC only"), objectName="localChoice")
        self.shared = QRadioButton(self.tr("A PostgreSQL server shared by several workstations"),
                                   objectName="sharedChoice")
        group = QButtonGroup(page)
        group.addButton(self.local)
        group.addButton(self.shared)
        self.local.setChecked(True)
        lay.addWidget(self.local)
        path = QLabel(self.tr("A SQLite file in your data folder: %1").replace("%1", default_url()[len("sqlite:///"):]),
                      wordWrap=True, objectName="localPath")
        path.setContentsMargins(24, 0, 0, 8)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(path)
        lay.addWidget(self.shared)
        self.server = QGroupBox(objectName="serverBox")
        form = QFormLayout(self.server)
        self.host = QLineEdit(objectName="host", placeholderText="db-server.example.org")
        self.port = QSpinBox(objectName="port", minimum=1, maximum=65535, value=5432)
        self.db_name = QLineEdit("guichet", objectName="databaseName")
        self.user = QLineEdit("guichet", objectName="user")
        self.password = QLineEdit(objectName="dbPassword", echoMode=QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.db_name)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        note = QLabel(self.tr("The password is kept in this workstation's keyring, never in a file."),
                      wordWrap=True)
        note.setStyleSheet("color: #555")
        form.addRow(note)
        lay.addWidget(self.server)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test the connection"), objectName="testConnection")
        self.test_button.clicked.connect(lambda: self._probe(then_next=False))
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        lay.addLayout(test_row)
        self.verdict = QLabel(objectName="connectionVerdict", wordWrap=True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.verdict)
        lay.addStretch(1)
        self.shared.toggled.connect(self._choice_changed)
        for field in (self.host, self.db_name, self.user, self.password):
            field.textChanged.connect(self._connection_edited)
        self.port.valueChanged.connect(self._connection_edited)
        self._choice_changed(False)
        return page

    def _venue_page(self) -> QWidget:
        page = QWidget(objectName="page_venue")
        form = QFormLayout(page)
        self.venue_name = QLineEdit(objectName="venueName", placeholderText=self.tr("e.g. Théâtre municipal"))
        self.time_zone = QComboBox(objectName="timeZone", editable=True)
        self.time_zone.addItems(time_zones())
        self.time_zone.setCurrentText(system_time_zone())
        self.time_zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        form.addRow(self.tr("Venue name"), self.venue_name)
        form.addRow(self.tr("Time zone"), self.time_zone)
        form.addRow(QLabel(self.tr("The name heads the printed reports; the schedules run in the time zone."),
                           wordWrap=True))
        return page

    def _workstation_page(self) -> QWidget:
        from app.services.inventory.payment import workstation_name

        page = QWidget(objectName="page_workstation")
        form = QFormLayout(page)
        self.pos_name = QLineEdit(self.tr("Box office 1"), objectName="pointOfSaleName")
        self.pos_code = QLineEdit("GUICHET-1", objectName="pointOfSaleCode")
        form.addRow(QLabel(self.tr("The point of sale of this workstation (%1): its sales and payments are "
                                   "counted there. Other workstations add theirs at their first start.")
                           .replace("%1", workstation_name()), wordWrap=True))
        form.addRow(self.tr("Point of sale"), self.pos_name)
        form.addRow(self.tr("Code"), self.pos_code)
        return page

    def _manager_page(self) -> QWidget:
        page = QWidget(objectName="page_manager")
        form = QFormLayout(page)
        self.manager_name = QLineEdit(objectName="managerName")
        self.manager_login = QLineEdit(getpass.getuser(), objectName="managerLogin")
        self.manager_password = QLineEdit(objectName="managerPassword", echoMode=QLineEdit.EchoMode.Password)
        self.manager_confirm = QLineEdit(objectName="managerConfirm", echoMode=QLineEdit.EchoMode.Password)
        form.addRow(QLabel(self.tr("The first manager: they add the other operators "
                                   "and configure the venue."), wordWrap=True))
        form.addRow(self.tr("Full name"), self.manager_name)
        form.addRow(self.tr("Login"), self.manager_login)
        form.addRow(self.tr("Password"), self.manager_password)
        form.addRow(self.tr("Password again"), self.manager_confirm)
        return page

    # --- navigation --------------------------------------------------------------------------

    def current(self) -> str:
        return self.PAGES[self.stack.currentIndex()]

    def _show(self, key: str) -> None:
        self.stack.setCurrentIndex(self.PAGES.index(key))
        self.error.clear()
        headings = {
            "welcome": self.tr("Welcome to Guichet"),
            "database": self.tr("Where are the data kept?"),
            "venue": self.tr("Your venue"),
            "workstation": self.tr("This workstation"),
            "manager": self.tr("The first manager"),
        }
        self.heading.setText(headings[key])
        self.back_button.setEnabled(key != "welcome")
        last = key == "manager" or (key == "database" and self._joining())
        self.next_button.setText(self.tr("Create and start") if key == "manager" else
                                 self.tr("Start") if last else self.tr("Next >"))

    def _joining(self) -> bool:
        return bool(self.probe and self.probe.usable and self.probe.operators
                    and self._probe_key == self._connection_key())

    def back(self) -> None:
        index = self.PAGES.index(self.current())
        self._show(self.PAGES[max(0, index - 1)])

    def next(self) -> None:
        key = self.current()
        if key == "welcome":
            self._show("database")
        elif key == "database":
            if self._probe_key == self._connection_key() and self.probe is not None:
                self._after_probe(self.probe, then_next=True)
            else:
                self._probe(then_next=True)
        elif key == "venue":
            if not self.venue_name.text().strip():
                self.error.setText(self.tr("Enter the venue's name."))
            elif self.time_zone.currentText() not in time_zones():
                self.error.setText(self.tr("Choose a time zone of the list (e.g. Europe/Paris)."))
            else:
                self._show("workstation")
        elif key == "workstation":
            if not self.pos_name.text().strip() or not self.pos_code.text().strip():
                self.error.setText(self.tr("Enter the point of sale's name and code."))
            else:
                self._show("manager")
        elif key == "manager":
            self._create()

    # --- language, demo ----------------------------------------------------------------------

    def _language_changed(self) -> None:
        code = self.language.currentData()
        settings.LANGUAGE.set(code)
        i18n.install(code or None)
        self._build()  # every text again, in the new language (nothing typed yet on this page)

    def _try_demo(self) -> None:
        self.demo_requested = True
        self.accept()

    # --- the database ------------------------------------------------------------------------

    def _choice_changed(self, _checked=False) -> None:
        self.server.setEnabled(self.shared.isChecked())
        self.test_button.setEnabled(self.shared.isChecked())
        self.verdict.clear()
        self.probe = None

    def _connection_edited(self) -> None:
        self.verdict.clear()
        self.probe = None
        if self.current() == "database":
            self._show("database")

    def connection(self) -> Connection:
        from sqlalchemy.engine import URL

        from app.db.engine import default_url

        if not self.shared.isChecked():
            return Connection(default_url(), "", False)
        url = URL.create("postgresql+psycopg", username=self.user.text().strip() or None,
                         password=self.password.text() or None, host=self.host.text().strip() or None,
                         port=self.port.value(), database=self.db_name.text().strip() or None)
        return Connection(url.render_as_string(hide_password=False), self.password.text(), True)

    def _connection_key(self):
        c = self.connection()
        return (c.url, c.shared)

    def _probe(self, then_next: bool) -> None:
        from app.services.venue import probe_database

        if self.shared.isChecked():
            missing = [label for field, label in ((self.host, self.tr("the server")),
                                                  (self.db_name, self.tr("the database")),
                                                  (self.user, self.tr("the user"))) if not field.text().strip()]
            if missing:
                self._verdict(False, self.tr("Enter %1.").replace("%1", ", ".join(missing)))
                return
        url, key = self.connection().url, self._connection_key()
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        self.next_button.setEnabled(False)

        def done(probe):
            self.test_button.setEnabled(self.shared.isChecked())
            self.next_button.setEnabled(True)
            self.probe, self._probe_key = probe, key
            self._after_probe(probe, then_next)

        def failed(exc):
            self.test_button.setEnabled(self.shared.isChecked())
            self.next_button.setEnabled(True)
            self._verdict(False, error_text(exc))

        shared = self.shared.isChecked()

        def probe():
            if not shared:
                _data_folder()
            return probe_database(url)

        tasks().run(probe, done, failed)

    def _verdict(self, ok: bool, text: str) -> None:
        self.verdict.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.verdict.setText(("✔ " if ok else "✘ ") + text)
        self.probed.emit(ok)

    def _after_probe(self, probe, then_next: bool) -> None:
        self._verdict(probe.usable, probe.verdict)
        self._show("database")
        if not (then_next and probe.usable):
            return
        if probe.operators:
            self._create()  # joining: the operators of that database sign in
        else:
            self._show("venue")

    # --- creating --------------------------------------------------------------------------

    def _create(self) -> None:
        from app.domain.enums import Role
        from app.services.operators import NewOperator, create_first_manager
        from app.services.venue import NewVenue, create_venue
        from app.db.engine import open_database

        joining = self._joining()
        conn = self.connection()
        if not joining:
            login, secret = self.manager_login.text().strip(), self.manager_password.text()
            if not login or not secret:
                self.error.setText(self.tr("Enter the manager's login and password."))
                return
            if secret != self.manager_confirm.text():
                self.error.setText(self.tr("The two passwords differ."))
                return
            manager = NewOperator(login, self.manager_name.text().strip() or login, Role.MANAGER,
                                  getpass.getuser(), secret)
            venue = NewVenue(self.venue_name.text().strip(), self.time_zone.currentText(),
                             self.pos_code.text().strip(), self.pos_name.text().strip())

        def work():
            kept = conn.url
            if not conn.shared:
                _data_folder()
            else:
                # Before anything is created: a workstation that cannot keep the password
                # could not open the database at its next start.
                kept = settings.keep_database_password(conn.url, conn.password)
            db = open_database(conn.url)  # creates or upgrades the tables (a SQLite file is copied first)
            if joining:
                return kept, db, None, None
            try:
                actor = create_first_manager(db, manager)
                pos = create_venue(db, actor, venue)
            except Exception:
                db.dispose()
                raise
            return kept, db, actor, pos

        self.next_button.setEnabled(False)
        self.back_button.setEnabled(False)
        self.error.setStyleSheet("")
        self.error.setText(self.tr("Creating the database…") if not joining else self.tr("Opening the database…"))
        tasks().run(work, self._created, self._create_failed)

    def _created(self, result) -> None:
        kept, self.database, self.actor, pos = result
        settings.DATABASE_URL.set(kept)  # on the GUI thread, like every QSettings write
        if pos:
            settings.POINT_OF_SALE.set(pos)
        self.finished_work.emit()
        self.accept()

    def _create_failed(self, exc) -> None:
        self.next_button.setEnabled(True)
        self.back_button.setEnabled(True)
        self.error.setStyleSheet(BAD_STYLE)
        self.error.setText(error_text(exc))
        self.finished_work.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:  # only Quit leaves: nothing half-typed is lost by a key
            return
        super().keyPressEvent(event)


def _data_folder() -> None:
    from app.db.engine import default_data_dir

    default_data_dir().mkdir(parents=True, exist_ok=True)


def needs_first_run(database: str | None) -> bool:
    """No database given (--database, $GUICHET_DATABASE_URL), none chosen on this workstation,
    and no SQLite file in the data folder from before: the assistant asks."""
    import os
    from pathlib import Path

    from app.db.engine import ENV_VAR, default_url

    if database or os.environ.get(ENV_VAR) or settings.DATABASE_URL.get():
        return False
    return not Path(default_url()[len("sqlite:///"):]).exists()
