"""The Programmation overview: every schedule (or one interface's), its last execution in
its status colour, its mode and next run; search, + New, pause / resume, run now."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import ExecutionStatus, StartMode, SyncFunction
from app.services.schedules import store
from app.ui.setup_widgets import heading, label, selected_row, select_where, table_view
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error

STATUS_COLOURS = {ExecutionStatus.OK: "#c6efce", ExecutionStatus.WARNING: "#ffeb9c",
                  ExecutionStatus.HELD: "#fcd5b4", ExecutionStatus.ERROR: "#ffc7ce",
                  ExecutionStatus.SKIPPED: "#e6e6e6",
                  ExecutionStatus.RUNNING: "#cfe2f3", ExecutionStatus.PENDING: "#cfe2f3"}


def function_label(f: SyncFunction) -> str:
    translate = QCoreApplication.translate
    return {SyncFunction.EXPORT_ALLOTMENTS: translate("Schedules", "Export allotments"),
            SyncFunction.REINTEGRATE_SALES: translate("Schedules", "Reintegrate sales"),
            SyncFunction.ALLOCATED_SOLD_COUNTS: translate("Schedules", "Allocated / sold counts"),
            SyncFunction.BACKUP: translate("Schedules", "Database backup")}[f]


def status_label(st: ExecutionStatus | None) -> str:
    translate = QCoreApplication.translate
    return {None: "", ExecutionStatus.OK: translate("Schedules", "OK"),
            ExecutionStatus.WARNING: translate("Schedules", "Warning"),
            ExecutionStatus.HELD: translate("Schedules", "Done with held lines"),
            ExecutionStatus.ERROR: translate("Schedules", "Error"),
            ExecutionStatus.SKIPPED: translate("Schedules", "Skipped"),
            ExecutionStatus.RUNNING: translate("Schedules", "Running"),
            ExecutionStatus.PENDING: translate("Schedules", "Pending")}[st]


class SchedulesList(QWidget):
    """The list with its buttons; `interface_id` narrows it to one interface."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, interface_id: int | None = None, *, scoped: bool = False,
                 parent=None):
        super().__init__(parent)
        self.db, self.actor, self.interface_id = db, actor, interface_id
        self.scoped = scoped  # one interface's tab: empty until an interface is chosen
        self.model = RowsModel([
            Column(self.tr("Interface name"), lambda r: r.interface or "—"),  # NOM INTERFACE (none: a backup)
            Column(self.tr("Interface type"), lambda r: label(r.interface_kind) if r.interface_kind else ""),
            Column(self.tr("Function"), lambda r: function_label(r.function)),  # FONCTION
            Column(self.tr("Last execution"), self._last,  # DERNIÈRE EXÉCUTION
                   background=lambda r: STATUS_COLOURS.get(r.last_status)),
            Column(self.tr("Internal name"), lambda r: r.name),  # NOM INTERNE
            Column(self.tr("Mode"), self._mode,  # PROG
                   background=lambda r: None if r.enabled else "#e6e6e6"),
            Column(self.tr("Next run"), lambda r: f"{r.next_run_local:%d/%m/%y %H:%M}"
                   if r.next_run_local and r.enabled and r.start_mode is StartMode.AUTOMATIC else ""),
            Column(self.tr("Pre-flight"), lambda r: self.tr("⚠ %1").replace("%1", r.preflight_warning.splitlines()[0])
                   if r.preflight_warning else "", background=lambda r: "#ffeb9c" if r.preflight_warning else None),
        ], self)
        self.table = table_view(self.model, "schedulesTable")
        if scoped:  # one interface's tab: its name and type are the editor's title
            self.table.setColumnHidden(0, True)
            self.table.setColumnHidden(1, True)
        self.search = QLineEdit(objectName="scheduleSearch")
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("+ New"), objectName="newSchedule")  # + NOUVEAU
        self.edit_button = QPushButton(self.tr("Edit"), objectName="editSchedule")
        self.pause_button = QPushButton(self.tr("Pause"), objectName="pauseSchedule")
        self.run_button = QPushButton(self.tr("Run now"), objectName="runSchedule")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteSchedule")
        self.status = QLabel(objectName="schedulesStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        bottom = QHBoxLayout()
        for b in (self.edit_button, self.pause_button, self.run_button, self.delete_button):
            bottom.addWidget(b)
        bottom.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        lay.addWidget(self.status)
        self.search.textChanged.connect(lambda *_: self.reload())
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit)
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.pause_button.clicked.connect(self.toggle_pause)
        self.run_button.clicked.connect(self.run_now)
        self.delete_button.clicked.connect(self.delete)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        for b in (self.new_button, self.pause_button, self.run_button, self.delete_button, self.edit_button):
            b.setEnabled(actor.is_manager)
        self.editor = None
        self.reload()

    def _last(self, r) -> str:
        if r.last_status is None:
            return self.tr("never")
        when = f"{r.last_run_local:%d/%m/%y %H:%M}" if r.last_run_local else ""
        return f"{status_label(r.last_status)} {when}".strip()

    def _mode(self, r) -> str:
        if not r.enabled:
            return self.tr("Paused")
        return self.tr("Automatic") if r.start_mode is StartMode.AUTOMATIC else self.tr("Manual")

    def _buttons(self) -> None:
        r = selected_row(self.table)
        on = r is not None and self.actor.is_manager
        for b in (self.edit_button, self.pause_button, self.run_button, self.delete_button):
            b.setEnabled(on)
        self.pause_button.setText(self.tr("Resume") if r is not None and not r.enabled else self.tr("Pause"))

    def reload(self, select_id: int | None = None) -> None:
        text, iid = self.search.text(), self.interface_id

        def shown(rows):
            keep = select_id if select_id is not None else getattr(selected_row(self.table), "id", None)
            self.model.set_rows(rows)
            if keep is not None:
                select_where(self.table, lambda r: r.id == keep)
            self._buttons()

        if self.scoped and iid is None:
            shown([])
            return
        tasks().run(lambda: store.list_schedules(self.db, interface=iid, search=text), shown,
                    lambda e: show_error(self, self.tr("Schedules"), e))

    def set_interface(self, interface_id: int | None) -> None:
        self.interface_id = interface_id
        self.reload()

    def new(self) -> None:
        self._open(None)

    def edit(self) -> None:
        r = selected_row(self.table)
        if r is not None:
            self._open(r)

    def _open(self, row) -> None:
        from .editor import ScheduleEditor

        self.editor = ScheduleEditor(self.db, self.actor, row, interface_id=self.interface_id, parent=self)
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, sid: int, message: str) -> None:
        self.status.setText(message)
        self.reload(sid)
        self.changed.emit()

    def toggle_pause(self) -> None:
        r = selected_row(self.table)
        if r is None:
            return
        tasks().run(lambda: store.set_enabled(self.db, self.actor, r.id, not r.enabled),
                    lambda _: self._saved(r.id, self.tr("Schedule resumed.") if not r.enabled
                                          else self.tr("Schedule paused: it runs no more until resumed.")),
                    lambda e: show_error(self, self.tr("Schedules"), e))

    def run_now(self) -> None:
        r = selected_row(self.table)
        if r is not None:
            run_schedule_now(self, self.db, self.actor, r.id, lambda msg: self._saved(r.id, msg))

    def delete(self) -> None:
        from app.ui import setup_widgets

        r = selected_row(self.table)
        if r is None or not setup_widgets.confirm(self, self.tr("Schedules"),
                                                  self.tr("Delete this schedule? Its executions stay in the history.")):
            return
        tasks().run(lambda: store.delete_schedule(self.db, self.actor, r.id),
                    lambda _: self._saved(-1, self.tr("Schedule deleted.")),
                    lambda e: show_error(self, self.tr("Schedules"), e))


def run_schedule_now(widget, db, actor, schedule_id: int, done) -> None:
    """"Exécution immédiate" off the GUI thread, on the network pool; `done(message)`."""
    from app.services.schedules.scheduler import Scheduler

    translate = QCoreApplication.translate

    def finished(o):
        msg = translate("Schedules", "Execution #%1: %2").replace("%1", str(o.execution_id)) \
            .replace("%2", status_label(o.status))
        done(msg + (f" — {o.reason}" if o.reason else ""))

    done(translate("Schedules", "Running…"))
    tasks().run(lambda: Scheduler(db, actor).run_now(schedule_id), finished,
                lambda e: show_error(widget, translate("Schedules", "Schedules"), e), pool="net")


class SchedulesPage(QWidget):
    """The main window's Programmation screen, with this workstation's scheduler switch."""

    def __init__(self, db: Database, actor: Actor, parent=None):
        from PySide6.QtWidgets import QCheckBox

        from app.ui import settings

        super().__init__(parent)
        self.db = db
        self.list = SchedulesList(db, actor, parent=self)
        self.here = QCheckBox(self.tr("This workstation runs the due schedules while Guichet is open"),
                              objectName="schedulesHere")
        self.here.setChecked(settings.SCHEDULES_HERE.get())
        self.here.toggled.connect(self._here)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(heading(self.tr("Schedules")), 1)  # Programmation
        head.addWidget(self.here)
        lay.addLayout(head)
        lay.addWidget(self.list, 1)
        from .client_scheduler import running

        self._follow(running())

    def _here(self, on: bool) -> None:
        from .client_scheduler import set_schedules_here

        self._follow(set_schedules_here(self.db, on, self.window()))
        self.list.reload()

    def _follow(self, sched) -> None:
        """The list shows what the client's scheduler just ran."""
        if sched is not None:
            sched.ran.connect(lambda _outcomes: self.list.reload())
