"""The Exécutions view: every execution, filtered by interface, function, status, trigger,
schedule and dates, errors in red and "done with held lines" in amber, the details pane beside
it, and the held lines waiting for a fix in a second tab. The same view, scoped to one
interface, is the interface editor's Exécutions tab."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ExecutionStatus, SyncFunction, Trigger
from app.services.setup import interfaces as interface_service
from app.services.sync import execution_history as history
from app.ui.schedules.overview import function_label, status_label
from app.ui.setup_widgets import heading
from app.ui.tasks import tasks
from app.ui.widgets import show_error

from .details import ExecutionDetails
from .held_lines import HeldLinesView
from .models import ExecutionsModel, trigger_label

REFRESH_MS = 2000


def _utc(day: QDate) -> datetime:
    """The start of a local day as a stored (naive UTC) time."""
    local = datetime.combine(day.toPython(), time()).astimezone()
    return local.astimezone(timezone.utc).replace(tzinfo=None)


class ExecutionsView(QWidget):
    def __init__(self, db, actor, parent=None, *, interface_id: int | None = None, scoped: bool = False,
                 page: int = history.PAGE):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.scoped = scoped  # the interface editor's tab: one interface, no interface filter
        self.interface_id = interface_id
        self._state: history.HistoryState | None = None
        self._pending_select: int | None = None

        self.model = ExecutionsModel(db, self, page=page)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda exc: show_error(self, self.tr("Executions"), exc))
        self.table = QTableView(objectName="executionsTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_select())

        # filters
        self.interface = QComboBox(objectName="filterInterface")
        self.interface.addItem(self.tr("All interfaces"), None)
        self.function = QComboBox(objectName="filterFunction")
        self.function.addItem(self.tr("All functions"), None)
        for f in SyncFunction:
            self.function.addItem(function_label(f), f.value)
        self.status = QComboBox(objectName="filterStatus")
        self.status.addItem(self.tr("All statuses"), None)
        for st in ExecutionStatus:
            self.status.addItem(status_label(st), st.value)
        self.trigger = QComboBox(objectName="filterTrigger")
        self.trigger.addItem(self.tr("All triggers"), None)
        for t in Trigger:
            self.trigger.addItem(trigger_label(t), t.value)
        self.schedule = QComboBox(objectName="filterSchedule")
        self.schedule.addItem(self.tr("All schedules"), None)
        self.use_dates = QCheckBox(self.tr("From"), objectName="filterDates")
        today = QDate.currentDate()
        self.day_from = QDateEdit(today.addDays(-7), objectName="filterFrom", calendarPopup=True)
        self.day_to = QDateEdit(today, objectName="filterTo", calendarPopup=True)
        for d in (self.day_from, self.day_to):
            d.setDisplayFormat("dd/MM/yyyy")
            d.setEnabled(False)
        self.use_dates.toggled.connect(lambda on: (self.day_from.setEnabled(on), self.day_to.setEnabled(on)))
        self.count_label = QLabel(objectName="executionsCount")

        filters = QHBoxLayout()
        if not scoped:
            filters.addWidget(self.interface)
        for w in (self.function, self.status, self.trigger, self.schedule, self.use_dates, self.day_from,
                  QLabel(self.tr("to")), self.day_to):
            filters.addWidget(w)
        filters.addStretch(1)
        for combo in (self.interface, self.function, self.status, self.trigger, self.schedule):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(lambda *_: self.apply_filters())
        for w in (self.day_from, self.day_to):
            w.dateChanged.connect(lambda *_: self.apply_filters())
        self.use_dates.toggled.connect(lambda *_: self.apply_filters())

        self.details = ExecutionDetails(db, actor, self)
        self.details.rerun_done.connect(self._after_rerun)
        self.details.held_requested.connect(lambda: self.tabs.setCurrentIndex(1))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(filters)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.count_label)
        # The details below the list: the log's long messages get the whole width of a till's screen.
        split = QSplitter(Qt.Orientation.Vertical, objectName="executionsSplit")
        split.addWidget(left)
        split.addWidget(self.details)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.split = split

        self.held = HeldLinesView(db, actor, self, interface_id=interface_id, scoped=scoped)
        self.held.changed.connect(self.refresh)
        self.tabs = QTabWidget(objectName="executionsTabs")
        self.tabs.addTab(split, self.tr("Executions"))
        self.tabs.addTab(self.held, self.tr("Held lines"))
        lay = QVBoxLayout(self)
        if not scoped:
            lay.addWidget(heading(self.tr("Executions")))  # Exécutions
        else:
            lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs, 1)

        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.poll)
        self._load_choices()
        if not scoped or interface_id is not None:
            self.apply_filters()

    # --- data -------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        def load():
            return interface_service.list_interfaces(self.db, include_hidden=True), history.schedules_named(self.db)

        def done(data):
            interfaces, schedules = data
            if not self.scoped:
                for i in interfaces:
                    self.interface.addItem(i.name_fr, i.id)
            for sid, name in schedules:
                self.schedule.addItem(f"#{sid} {name}", sid)

        tasks().run(load, done, lambda exc: show_error(self, self.tr("Executions"), exc))

    def current_filter(self) -> history.ExecutionFilter:
        iid = self.interface_id if self.scoped else self.interface.currentData()
        f, st, tr = self.function.currentData(), self.status.currentData(), self.trigger.currentData()
        dates = self.use_dates.isChecked()
        return history.ExecutionFilter(
            interface_id=iid, function=SyncFunction(f) if f else None, status=ExecutionStatus(st) if st else None,
            trigger=Trigger(tr) if tr else None, schedule_id=self.schedule.currentData(),
            created_from=_utc(self.day_from.date()) if dates else None,
            created_before=_utc(self.day_to.date()) + timedelta(days=1) if dates else None)

    def apply_filters(self) -> None:
        self.model.reload(self.current_filter())
        self.held.set_interface(self.interface_id if self.scoped else self.interface.currentData())

    def set_interface(self, interface_id: int | None) -> None:
        """The interface editor's tab follows the interface chosen in the list."""
        self.interface_id = interface_id
        self._state = None
        if interface_id is None:
            self.model.reload(history.ExecutionFilter(interface_id=-1))
            self.held.set_interface(-1)
            return
        self.apply_filters()

    def refresh(self) -> None:
        keep = self.details.info.id if self.details.info else None
        self._pending_select = keep
        self.model.reload()
        self.held.reload()

    def poll(self) -> None:
        """Cheap check on the task pool; the first page is read again only when something changed."""
        iid = self.interface_id if self.scoped else None
        if self.scoped and iid is None:
            return

        def done(state):
            changed = self._state is not None and state.changed_since(self._state)
            self._state = state
            self._show_held_count(state.held_lines)
            if changed:
                self.refresh()

        tasks().run(lambda: history.history_state(self.db, iid, reap=True), done, lambda exc: None)

    def _show_held_count(self, n: int) -> None:
        self.tabs.setTabText(1, self.tr("Held lines (%1)").replace("%1", str(n)) if n else self.tr("Held lines"))

    def _loaded(self) -> None:
        n = self.model.rowCount()
        more = self.tr(" (scroll for more)") if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("%1 execution(s) shown").replace("%1", str(n)) + more)
        want = self._pending_select
        if want is not None:
            row = self.model.row_of(want)
            if row >= 0:
                self.table.selectRow(row)
                self._pending_select = None
        if not self.table.selectionModel().hasSelection() and n and want is None:
            self.table.selectRow(0)

    def _on_select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            r = self.model.rows[rows[0].row()]
            if self.details.info is None or self.details.info.id != r.id or r.status != self.details.info.status:
                self.details.show_execution(r.id)
        else:
            self.details.show_execution(None)

    def _after_rerun(self, new_id: int) -> None:
        self._pending_select = new_id
        self.model.reload()
        self.held.reload()

    def select_execution(self, execution_id: int) -> None:
        row = self.model.row_of(execution_id)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._pending_select = execution_id

    def focus_on(self, interface_id: int | None = None, execution_id: int | None = None, held: bool = False, **_):
        """Navigation from other screens: an interface's executions, one execution, the held lines."""
        if interface_id is not None and not self.scoped:
            i = self.interface.findData(interface_id)
            if i >= 0:
                self.interface.setCurrentIndex(i)
        if execution_id is not None:
            self.select_execution(execution_id)
        self.tabs.setCurrentIndex(1 if held else 0)

    # --- live while shown -------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.timer.start()
        self.poll()

    def hideEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)
