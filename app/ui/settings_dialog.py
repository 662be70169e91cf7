"""Tools > Settings: this workstation's settings (the typed registry of app/ui/settings.py over
QSettings) and the venue-wide ones kept in the database (the venue's name and time zone, the
SMTP server with its password in the keyring; managers change them). A change that applies
only at the next start says so, beside its field and when saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.ui import settings
from app.ui.tasks import tasks
from app.ui.widgets import error_text

BAD_STYLE = "color: #b00020"


class SettingsDialog(QDialog):
    loaded = Signal()  # the venue's settings are back from the database
    saved = Signal(list)  # what applies only at the next start (their labels)

    def __init__(self, db: Database, actor: Actor, parent=None):
        from app.ui.first_run.assistant import time_zones

        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(620)
        self._initial: dict = {}
        self.restart_needed: list[str] = []
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget(objectName="settingsTabs")
        lay.addWidget(self.tabs, 1)

        # --- this workstation (QSettings) --------------------------------------------------
        here = QWidget(objectName="workstationTab")
        form = QFormLayout(here)
        self.database_url = QLineEdit(settings.DATABASE_URL.get() or db.url, objectName="databaseUrl")
        self.database_url.setToolTip(self.tr("sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"))
        self.database_password = QLineEdit(objectName="databasePassword", echoMode=QLineEdit.EchoMode.Password,
                                           placeholderText=self.tr("unchanged"))
        self.test_button = QPushButton(self.tr("Test the connection"), objectName="testConnection")
        self.test_button.clicked.connect(self._test)
        self.verdict = QLabel(objectName="connectionVerdict", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.database_password, 1)
        row.addWidget(self.test_button)
        form.addRow(self._restart_label(self.tr("Database")), self.database_url)
        form.addRow(self.tr("Database password"), row)
        form.addRow("", self.verdict)
        self.language = QComboBox(objectName="language")
        for code, text in (("fr", "Français"), ("en", "English"), ("", self.tr("System language"))):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.LANGUAGE.get() or "")))
        form.addRow(self._restart_label(self.tr("Language")), self.language)
        self.point_of_sale = QComboBox(objectName="pointOfSale")
        form.addRow(self.tr("Point of sale of this workstation"), self.point_of_sale)
        self.schedules_here = QCheckBox(self.tr("This workstation runs the due schedules while Guichet is open"),
                                        objectName="schedulesHere")
        self.schedules_here.setChecked(settings.SCHEDULES_HERE.get())
        form.addRow(self.tr("Schedules"), self.schedules_here)
        self.idle_lock = QSpinBox(objectName="idleLock", minimum=0, maximum=480,
                                  suffix=self.tr(" min"), specialValueText=self.tr("never"))
        self.idle_lock.setValue(settings.IDLE_LOCK_MINUTES.get())
        form.addRow(self._restart_label(self.tr("Lock the till after")), self.idle_lock)
        note = QLabel(self.tr("⟳ applies the next time Guichet starts."), objectName="restartNote")
        note.setStyleSheet("color: #555")
        form.addRow("", note)
        self.tabs.addTab(here, self.tr("This workstation"))

        # --- the venue (database) ------------------------------------------------------------
        venue = QWidget(objectName="venueTab")
        vlay = QVBoxLayout(venue)
        self.venue_note = QLabel(wordWrap=True, objectName="venueNote")
        vlay.addWidget(self.venue_note)
        box = QGroupBox(self.tr("Venue"))
        vform = QFormLayout(box)
        self.venue_name = QLineEdit(objectName="venueName")
        self.time_zone = QComboBox(objectName="timeZone", editable=True)
        self.time_zone.addItems(time_zones())
        self.time_zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        vform.addRow(self.tr("Venue name"), self.venue_name)
        vform.addRow(self.tr("Time zone"), self.time_zone)
        vlay.addWidget(box)
        mail = QGroupBox(self.tr("E-mails of failed executions (SMTP)"))
        mform = QFormLayout(mail)
        self.smtp_enabled = QCheckBox(self.tr("Send an e-mail when an execution fails"), objectName="smtpEnabled")
        self.smtp_host = QLineEdit(objectName="smtpHost", placeholderText="smtp.example.org")
        self.smtp_port = QSpinBox(objectName="smtpPort", minimum=1, maximum=65535, value=587)
        self.smtp_security = QComboBox(objectName="smtpSecurity")
        for value, text in (("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", self.tr("none (in clear)"))):
            self.smtp_security.addItem(text, value)
        self.smtp_login = QLineEdit(objectName="smtpLogin")
        self.smtp_sender = QLineEdit(objectName="smtpSender", placeholderText="billetterie@example.org")
        self.smtp_password = QLineEdit(objectName="smtpPassword", echoMode=QLineEdit.EchoMode.Password)
        mform.addRow(self.smtp_enabled)
        mform.addRow(self.tr("Server"), self.smtp_host)
        mform.addRow(self.tr("Port"), self.smtp_port)
        mform.addRow(self.tr("Security"), self.smtp_security)
        mform.addRow(self.tr("Login"), self.smtp_login)
        mform.addRow(self.tr("Sender"), self.smtp_sender)
        mform.addRow(self.tr("Password"), self.smtp_password)
        vlay.addWidget(mail)
        vlay.addStretch(1)
        self.tabs.addTab(venue, self.tr("Venue"))

        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.setStyleSheet(BAD_STYLE)
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._venue_editable(False)
        self._load()

    def _restart_label(self, text: str) -> str:
        return text + " ⟳"

    def _venue_editable(self, on: bool) -> None:
        for w in (self.venue_name, self.time_zone, self.smtp_enabled, self.smtp_host, self.smtp_port,
                  self.smtp_security, self.smtp_login, self.smtp_sender, self.smtp_password):
            w.setEnabled(on)

    # --- loading -------------------------------------------------------------------------------

    def _load(self) -> None:
        from app.services.inventory.payment import box_office_points_of_sale, workstation_point_of_sale
        from app.services.venue import venue_facts
        from app.services.sync.notifications import mail_settings

        db = self.db

        def load():
            return (venue_facts(db), mail_settings(db), box_office_points_of_sale(db), workstation_point_of_sale(db))

        tasks().run(load, self._loaded, lambda exc: self.error.setText(error_text(exc)))

    def _loaded(self, result) -> None:
        venue, mail, all_pos, pos = result
        for p in all_pos:
            self.point_of_sale.addItem(f"{p.name} ({p.code})", p.code)
        self.point_of_sale.setCurrentIndex(max(0, self.point_of_sale.findData(pos)))
        self.point_of_sale.setEnabled(self.actor.is_manager or pos is None)
        self.venue_name.setText(venue.name)
        self.time_zone.setCurrentText(venue.timezone)
        self.smtp_enabled.setChecked(mail.enabled if mail.configured else False)
        self.smtp_host.setText(mail.host)
        self.smtp_port.setValue(mail.port or 587)
        self.smtp_security.setCurrentIndex(max(0, self.smtp_security.findData(mail.security.value)))
        self.smtp_login.setText(mail.login)
        self.smtp_sender.setText(mail.sender)
        self.smtp_password.setPlaceholderText(self.tr("stored in %1 (unchanged)").replace("%1", mail.password_backend)
                                              if mail.password_stored else self.tr("none"))
        self._initial = self._venue_values()
        self._initial["pos"] = self.point_of_sale.currentData()
        self._venue_editable(self.actor.is_manager)
        self.venue_note.setText(
            self.tr("Shared by every workstation of this database.") if self.actor.is_manager else
            self.tr("Shared by every workstation of this database; only a manager changes them."))
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def _venue_values(self) -> dict:
        return {"name": self.venue_name.text().strip(), "tz": self.time_zone.currentText().strip(),
                "enabled": self.smtp_enabled.isChecked(), "host": self.smtp_host.text().strip(),
                "port": self.smtp_port.value(), "security": self.smtp_security.currentData(),
                "login": self.smtp_login.text().strip(), "sender": self.smtp_sender.text().strip()}

    # --- testing the database ----------------------------------------------------------------

    def _database_url(self) -> str:
        from sqlalchemy.engine import make_url

        text = self.database_url.text().strip()
        password = self.database_password.text()
        if not password:
            return text
        try:
            return make_url(text).set(password=password).render_as_string(hide_password=False)
        except Exception:  # noqa: BLE001 - the probe says what is wrong with the URL
            return text

    def _test(self) -> None:
        from app.services.venue import probe_database

        url = self._database_url()
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("Connecting…"))

        def done(probe):
            self.verdict.setStyleSheet("color: #1b5e20" if probe.usable else BAD_STYLE)
            self.verdict.setText(("✔ " if probe.usable else "✘ ") + probe.verdict)

        tasks().run(lambda: probe_database(url), done, lambda exc: self.verdict.setText(error_text(exc)))

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        from app.services.inventory.payment import set_workstation_point_of_sale
        from app.services.venue import save_venue
        from app.services.sync.notifications import configure_mail
        from app.ui.schedules.client_scheduler import set_schedules_here

        restart = []
        db, actor = self.db, self.actor
        url_text = self.database_url.text().strip()
        new_url = url_text != (settings.DATABASE_URL.get() or db.url) or bool(self.database_password.text())
        if new_url:
            restart.append(self.tr("Database"))
        if (self.language.currentData() or "") != (settings.LANGUAGE.get() or ""):
            restart.append(self.tr("Language"))
        if self.idle_lock.value() != settings.IDLE_LOCK_MINUTES.get():
            restart.append(self.tr("Lock the till after"))
        venue = self._venue_values()
        venue_changed = self.actor.is_manager and venue != {k: v for k, v in self._initial.items() if k != "pos"}
        smtp_password = self.smtp_password.text() or None
        pos = self.point_of_sale.currentData()
        pos_changed = bool(pos) and pos != self._initial.get("pos")
        db_url, db_password = self._database_url(), self.database_password.text()

        def work():
            kept = None
            if new_url:
                from app.services.venue import probe_database

                from app.domain.errors import InputError

                probe = probe_database(db_url)
                if not probe.usable:
                    raise InputError(probe.verdict)
                kept = settings.keep_database_password(db_url, db_password)
            if pos_changed:
                set_workstation_point_of_sale(db, actor, pos)
            if venue_changed or smtp_password:
                save_venue(db, actor, venue["name"], venue["tz"])
                if venue["host"] or smtp_password:
                    configure_mail(db, actor, host=venue["host"], port=venue["port"], security=venue["security"],
                                   login=venue["login"], sender=venue["sender"], enabled=venue["enabled"],
                                   password=smtp_password)
            return kept

        def done(kept):
            if kept:
                settings.DATABASE_URL.set(kept)
            settings.LANGUAGE.set(self.language.currentData() or "")
            settings.IDLE_LOCK_MINUTES.set(self.idle_lock.value())
            if pos_changed:
                settings.POINT_OF_SALE.set(pos)
            if self.schedules_here.isChecked() != settings.SCHEDULES_HERE.get():
                set_schedules_here(db, self.schedules_here.isChecked(), self.parent())
            self.restart_needed = restart
            self.saved.emit(restart)
            if restart and self.parent() is not None:
                box = QMessageBox(QMessageBox.Icon.Information, self.tr("Settings"),
                                  self.tr("Saved. These apply the next time Guichet starts: %1.")
                                  .replace("%1", ", ".join(restart)), QMessageBox.StandardButton.Ok, self.parent())
                box.setObjectName("restartDialog")
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()
                self.parent().restart_box = box
            self.accept()

        def failed(exc):
            self.save_button.setEnabled(True)
            self.error.setText(error_text(exc))

        self.save_button.setEnabled(False)
        self.error.clear()
        tasks().run(work, done, failed)
