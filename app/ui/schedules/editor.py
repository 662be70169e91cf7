"""The schedule editor ("Programmation > Nouveau"): interface, function, mode, names,
frequency, next run, window, batch size, event / performance, file; Programmer, Exécution
immédiate, Annuler. The function "Database backup" needs no interface: choosing it hides the
interface, the window and the scope, and shows the backup's folder, copies kept and e-mails."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QDialog, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSpinBox, QTimeEdit, QVBoxLayout, QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.adapters.registry import DISTRIBUTORS, distributor
from app.domain.enums import StartMode, SyncFunction
from app.services.schedules import rules, store
from app.ui.setup_widgets import label
from app.ui.tasks import tasks
from app.ui.widgets import error_text

from .overview import function_label, run_schedule_now


def _qdt(d: datetime) -> QDateTime:
    return QDateTime(d.year, d.month, d.day, d.hour, d.minute, 0)


def _py(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class _WindowBound(QWidget):
    """One bound of the window: none, a date (with its hour), or N days before/after at an hour."""

    def __init__(self, relative_text: str, parent=None):
        super().__init__(parent)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("None"), "none")
        self.mode.addItem(self.tr("Date"), "date")
        self.mode.addItem(relative_text, "days")
        self.date = QDateTimeEdit(calendarPopup=True, displayFormat="dd/MM/yy HH:mm")
        self.days = QSpinBox(minimum=0, maximum=3650)
        self.hour = QTimeEdit(displayFormat="HH:mm")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.mode, self.date, self.days, QLabel(self.tr("at")), self.hour):
            lay.addWidget(w)
        lay.addStretch(1)
        self.mode.currentIndexChanged.connect(self._shown)
        self._shown()

    def _shown(self) -> None:
        m = self.mode.currentData()
        self.date.setVisible(m == "date")
        for w in (self.days, self.hour):
            w.setVisible(m == "days")
        self.layout().itemAt(3).widget().setVisible(m == "days")

    def set(self, date: datetime | None, days: int | None, hour: str) -> None:
        if date is not None:
            self.mode.setCurrentIndex(1)
            self.date.setDateTime(_qdt(date))
        elif days is not None:
            self.mode.setCurrentIndex(2)
            self.days.setValue(days)
            h, m = rules.parse_hour(hour or "00:00")
            self.hour.setTime(QTime(h, m))
        else:
            self.mode.setCurrentIndex(0)

    def get(self) -> tuple[datetime | None, int | None, str]:
        m = self.mode.currentData()
        if m == "date":
            return _py(self.date.dateTime()), None, ""
        if m == "days":
            return None, self.days.value(), self.hour.time().toString("HH:mm")
        return None, None, ""


class ScheduleEditor(QDialog):
    saved = Signal(int, str)  # schedule id, what to tell the user

    def __init__(self, db: Database, actor: Actor, row: store.ScheduleRow | None = None, *,
                 interface_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("scheduleEditor")
        self.db, self.actor, self.row = db, actor, row
        self.schedule_id = row.id if row else None
        self.setWindowTitle(self.tr("Schedule > New") if row is None else self.tr("Schedule > %1").replace(
            "%1", row.name or f"#{row.id}"))
        self._interfaces = []
        self.kind = QComboBox(objectName="interfaceKind")
        self.interface = QComboBox(objectName="interface")
        self.function = QComboBox(objectName="function")
        self._fill_functions(None)
        self.start_mode = QComboBox(objectName="startMode")
        self.start_mode.addItem(self.tr("Automatic"), StartMode.AUTOMATIC.value)
        self.start_mode.addItem(self.tr("Manual"), StartMode.MANUAL.value)
        self.names = [QLineEdit(objectName=f"name_{lang}") for lang in ("fr", "en", "es")]
        self.freq = QComboBox(objectName="frequency")
        for text, key in ((self.tr("Every N minutes"), "minutes"), (self.tr("Every N hours"), "hours"),
                          (self.tr("Daily at"), "daily"), (self.tr("Chosen weekdays at"), "weekly")):
            self.freq.addItem(text, key)
        self.interval = QSpinBox(objectName="interval", minimum=1, maximum=1440, value=15)
        self.at = QTimeEdit(objectName="frequencyTime", displayFormat="HH:mm")
        self.weekdays = [QCheckBox(n) for n in (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                                                self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))]
        self.next_run = QDateTimeEdit(objectName="nextRun", calendarPopup=True, displayFormat="dd/MM/yy HH:mm")
        self.next_run.setDateTime(QDateTime.currentDateTime())
        self.window_start = _WindowBound(self.tr("days before each performance"))
        self.window_end = _WindowBound(self.tr("days after each performance"))
        self.batch = QSpinBox(objectName="batchSize", minimum=0, maximum=1_000_000)
        self.batch.setSpecialValueText(self.tr("all at once"))
        # not `self.event`: that would shadow QObject.event, which Qt calls on the dialog
        self.event_code = QLineEdit(objectName="event")
        self.event_code.setPlaceholderText(self.tr("event code (optional)"))
        self.performance = QLineEdit(objectName="performance")
        self.performance.setPlaceholderText(self.tr("EV@YYYY-MM-DD hh:mm (optional)"))
        self.file = QLineEdit(objectName="filePath")
        self.file.setPlaceholderText(self.tr("file or folder to transfer (Guichet-file interface)"))
        self.folder = QLineEdit(objectName="backupFolder")
        self.folder.setPlaceholderText(self.tr("the folder the copies are written into"))
        self.browse_button = QPushButton(self.tr("Browse…"), objectName="browseFolder")
        self.keep = QSpinBox(objectName="keepBackups", minimum=1, maximum=3650, value=store.KEEP_BACKUPS)
        self.notify = QLineEdit(objectName="notifyEmails")
        self.notify.setPlaceholderText(self.tr("e-mail addresses, comma separated (optional)"))
        self.message = QLabel(objectName="editorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9c0006;")
        self.save_button = QPushButton(self.tr("Schedule"), objectName="saveSchedule")  # Programmer
        self.now_button = QPushButton(self.tr("Run now"), objectName="runNow")  # Exécution immédiate
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancelSchedule")  # Annuler

        what = QGroupBox(self.tr("What"))
        self._what = f1 = QFormLayout(what)
        f1.addRow(self.tr("Interface type"), self.kind)
        f1.addRow(self.tr("Interface"), self.interface)
        f1.addRow(self.tr("Function"), self.function)
        f1.addRow(self.tr("Start mode"), self.start_mode)
        for text, w in zip((self.tr("Name (French)"), self.tr("Name (English)"), self.tr("Name (Spanish)")), self.names):
            f1.addRow(text, w)
        when = QGroupBox(self.tr("When"))
        self._when = f2 = QFormLayout(when)
        freq_row = QHBoxLayout()
        for w in (self.freq, self.interval, self.at):
            freq_row.addWidget(w)
        freq_row.addStretch(1)
        f2.addRow(self.tr("Frequency"), freq_row)
        days = QGridLayout()
        for i, c in enumerate(self.weekdays):
            days.addWidget(c, 0, i)
        self.days_box = QWidget()
        self.days_box.setLayout(days)
        f2.addRow("", self.days_box)
        f2.addRow(self.tr("Next run"), self.next_run)
        f2.addRow(self.tr("Window start"), self.window_start)
        f2.addRow(self.tr("Window end"), self.window_end)
        self.scope_box = scope = QGroupBox(self.tr("Scope"))
        f3 = QFormLayout(scope)
        f3.addRow(self.tr("Batch size"), self.batch)
        f3.addRow(self.tr("Event"), self.event_code)
        f3.addRow(self.tr("Performance"), self.performance)
        f3.addRow(self.tr("File to transfer"), self.file)
        self.backup_box = QGroupBox(self.tr("Backup"), objectName="backupBox")
        f4 = QFormLayout(self.backup_box)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        f4.addRow(self.tr("Folder"), folder_row)
        f4.addRow(self.tr("Backups kept"), self.keep)
        f4.addRow(self.tr("E-mail on failure to"), self.notify)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for b in (self.save_button, self.now_button, self.cancel_button):
            buttons.addWidget(b)
        grid = QGridLayout()
        grid.addWidget(what, 0, 0)
        grid.addWidget(when, 0, 1)
        grid.addWidget(scope, 1, 0, 1, 2)
        grid.addWidget(self.backup_box, 2, 0, 1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(buttons)
        self.resize(1000, 560)

        self.freq.currentIndexChanged.connect(self._freq_shown)
        self.kind.currentIndexChanged.connect(self._fill_interfaces)
        self.function.currentIndexChanged.connect(self._function_shown)
        self.browse_button.clicked.connect(self.browse)
        self.save_button.clicked.connect(lambda: self.save(run_after=False))
        self.now_button.clicked.connect(lambda: self.save(run_after=True))
        self.cancel_button.clicked.connect(self.reject)
        self._wanted_interface = row.interface_id if row else interface_id
        self._freq_shown()
        self._function_shown()
        if row is not None:
            self._load(row)
        tasks().run(self._interfaces_load, self._interfaces_loaded, lambda e: self.message.setText(error_text(e)))

    # --- loading --------------------------------------------------------------------------

    def _interfaces_load(self):
        from app.services.setup.interfaces import list_interfaces

        return [(i.id, i.name_fr, i.kind) for i in list_interfaces(self.db)]

    def _interfaces_loaded(self, items) -> None:
        self._interfaces = items
        self.kind.blockSignals(True)
        self.kind.clear()
        for k in DISTRIBUTORS:
            if any(kind is k for _, _, kind in items):
                self.kind.addItem(label(k), k.value)
        wanted = next((kind for iid, _, kind in items if iid == self._wanted_interface), None)
        if wanted is not None:
            self.kind.setCurrentIndex(self.kind.findData(wanted.value))
        self.kind.blockSignals(False)
        self._fill_interfaces()

    def _fill_functions(self, kind: str | None) -> None:
        """The schedulable functions the chosen distributor offers (all of them before one is
        chosen), and the database backup, which needs no distributor."""
        keep = self.function.currentData()
        self.function.blockSignals(True)
        self.function.clear()
        for f in store.SCHEDULABLE:
            if f is SyncFunction.BACKUP or kind is None or distributor(kind).offers(f):
                self.function.addItem(function_label(f), f.value)
        i = self.function.findData(keep)
        if i >= 0:
            self.function.setCurrentIndex(i)
        self.function.blockSignals(False)
        if hasattr(self, "backup_box"):  # built (the first fill comes before the layout)
            self._function_shown()

    def is_backup(self) -> bool:
        return self.function.currentData() == SyncFunction.BACKUP.value

    def _function_shown(self) -> None:
        """A backup: no interface, window or scope; its folder, copies kept and e-mails instead."""
        backup = self.is_backup()
        for w in (self.kind, self.interface):
            self._what.setRowVisible(w, not backup)
        for w in (self.window_start, self.window_end):
            self._when.setRowVisible(w, not backup)
        self.scope_box.setVisible(not backup)
        self.backup_box.setVisible(backup)
        if backup and self.freq.currentData() == "minutes" and self.interval.value() == 15:
            # the distributor's default left untouched: a backup is daily, at night
            self.freq.setCurrentIndex(self.freq.findData("daily"))
            self.at.setTime(QTime(3, 0))

    def choose_folder(self, current: str) -> str:
        """The folder dialog (tests replace it)."""
        return QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), current)

    def browse(self) -> None:
        chosen = self.choose_folder(self.folder.text().strip())
        if chosen:
            self.folder.setText(chosen)

    def _fill_interfaces(self) -> None:
        kind = self.kind.currentData()
        self._fill_functions(kind)
        self.interface.clear()
        for iid, name, k in self._interfaces:
            if k.value == kind:
                self.interface.addItem(name, iid)
        if self._wanted_interface is not None:
            i = self.interface.findData(self._wanted_interface)
            if i >= 0:
                self.interface.setCurrentIndex(i)

    def _freq_shown(self) -> None:
        k = self.freq.currentData()
        self.interval.setVisible(k in ("minutes", "hours"))
        self.at.setVisible(k in ("daily", "weekly"))
        self.days_box.setVisible(k == "weekly")

    def _load(self, row: store.ScheduleRow) -> None:
        d = row.data
        self.function.setCurrentIndex(self.function.findData(d["function"]))
        self.start_mode.setCurrentIndex(self.start_mode.findData(d["start_mode"]))
        for w, key in zip(self.names, ("name_fr", "name_en", "name_es")):
            w.setText(d[key])
        fr: rules.Frequency | None = d["frequency"]
        if fr is not None:
            self.freq.setCurrentIndex(self.freq.findData(fr.kind))
            self.interval.setValue(fr.interval)
            if fr.at:
                h, m = rules.parse_hour(fr.at)
                self.at.setTime(QTime(h, m))
            for c, code in zip(self.weekdays, rules.WEEKDAYS):
                c.setChecked(code in fr.weekdays)
        if d["first_run"]:
            self.next_run.setDateTime(_qdt(d["first_run"]))
        self.window_start.set(d["window_start_date"], d["window_start_days_before"], d["window_start_time"])
        self.window_end.set(d["window_end_date"], d["window_end_days_after"], d["window_end_time"])
        self.batch.setValue(d["batch_size"] or 0)
        self.event_code.setText(d["event"] or "")
        self.performance.setText(d["performance"] or "")
        self.file.setText(d["file_path"] or "")
        self.folder.setText(d.get("folder") or "")
        self.keep.setValue(d.get("keep_backups") or store.KEEP_BACKUPS)
        self.notify.setText(d.get("notify_emails") or "")

    # --- saving ---------------------------------------------------------------------------

    def data(self) -> store.ScheduleInput:
        fr = rules.Frequency(self.freq.currentData(), self.interval.value(), self.at.time().toString("HH:mm"),
                             tuple(code for c, code in zip(self.weekdays, rules.WEEKDAYS) if c.isChecked()))
        sd, sdays, shour = self.window_start.get()
        ed, edays, ehour = self.window_end.get()
        if self.is_backup():
            return store.ScheduleInput(
                None, SyncFunction.BACKUP.value, fr.rrule(), _py(self.next_run.dateTime()),
                self.start_mode.currentData(), *(w.text() for w in self.names), folder=self.folder.text().strip(),
                keep_backups=self.keep.value(), notify_emails=self.notify.text().strip())
        iid = self.interface.currentData()
        return store.ScheduleInput(
            iid if iid is not None else "", self.function.currentData(), fr.rrule(), _py(self.next_run.dateTime()),
            self.start_mode.currentData(), *(w.text() for w in self.names), window_start_date=sd,
            window_start_days_before=sdays, window_start_time=shour, window_end_date=ed,
            window_end_days_after=edays, window_end_time=ehour, batch_size=self.batch.value() or None,
            event=self.event_code.text().strip() or None, performance=self.performance.text().strip() or None,
            file_path=self.file.text().strip())

    def save(self, run_after: bool) -> None:
        self.message.clear()
        try:
            data = self.data()
        except Exception as exc:  # noqa: BLE001 - the rule's own refusal, shown here
            self.message.setText(error_text(exc))
            return
        if data.interface == "":
            self.message.setText(self.tr("Choose an interface."))
            return
        if self.is_backup() and not data.folder:
            self.message.setText(self.tr("Choose the folder the backups are written into."))
            return
        for b in (self.save_button, self.now_button):
            b.setEnabled(False)
        sid = self.schedule_id
        tasks().run(lambda: store.save_schedule(self.db, self.actor, data, sid),
                    lambda res: self._saved(res, run_after), self._failed)

    def _failed(self, exc) -> None:
        for b in (self.save_button, self.now_button):
            b.setEnabled(True)
        self.message.setText(error_text(exc))

    def _saved(self, res, run_after: bool) -> None:
        sid, warning = res
        self.schedule_id = sid
        msg = self.tr("Schedule saved.")
        if warning:
            msg = self.tr("Schedule saved with a pre-flight warning: %1").replace("%1", warning.replace("\n", "; "))
        self.saved.emit(sid, msg)
        if run_after:
            parent = self.parent()
            run_schedule_now(parent, self.db, self.actor, sid, lambda m: self.saved.emit(sid, m))
        self.accept()
