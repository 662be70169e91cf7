"""The executions history as a lazily paged table model, and the log lines of one execution.

The history is read page by page on the task pool (keyset: the rows older than the last one
shown), when the view scrolls near its end (`canFetchMore`/`fetchMore`): 10,000 executions open
as fast as 200."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel, Trigger
from app.services.sync import execution_history as history
from app.services.sync.executions import ExecutionInfo, LogEntry
from app.ui.schedules.overview import STATUS_COLOURS, function_label, status_label
from app.ui.setup_widgets import label
from app.ui.tasks import tasks

ERROR_RED = "#ffc7ce"
HELD_AMBER = "#ffd966"


def local(at: datetime | None) -> str:
    """A stored UTC time as this workstation's local time."""
    if at is None:
        return ""
    return f"{at.replace(tzinfo=timezone.utc).astimezone():%d/%m/%Y %H:%M:%S}"


def trigger_label(t: Trigger) -> str:
    translate = QCoreApplication.translate
    return {Trigger.MANUAL: translate("Executions", "By hand"),  # Manuel
            Trigger.SEAT_PLAN: translate("Executions", "Seat plan"),  # Plan de salle
            Trigger.SCHEDULE: translate("Executions", "Schedule"),  # Programmation
            Trigger.FILE: translate("Executions", "Sales file")}[t]  # Fichier de ventes


def level_label(level: LogLevel) -> str:
    translate = QCoreApplication.translate
    return {LogLevel.INFO: translate("Executions", "Info"), LogLevel.WARNING: translate("Executions", "Warning"),
            LogLevel.ERROR: translate("Executions", "Error")}.get(level, level.value)


def status_colour(st: ExecutionStatus) -> str | None:
    if st is ExecutionStatus.ERROR:
        return ERROR_RED
    if st is ExecutionStatus.HELD:
        return HELD_AMBER
    return STATUS_COLOURS.get(st)


class ExecutionsModel(QAbstractTableModel):
    """Executions newest first, fetched a page at a time."""

    loaded = Signal()  # a page arrived (or the first page after a reload)
    failed = Signal(object)

    def __init__(self, db, parent=None, *, page: int = history.PAGE):
        super().__init__(parent)
        self.db, self.page = db, page
        self.rows: list[ExecutionInfo] = []
        self.filter = history.ExecutionFilter()
        self._more = False
        self._loading = False
        self._generation = 0  # a reload makes the pages still on their way stale
        self.columns = [
            (self.tr("No."), lambda r: r.id),
            (self.tr("Created"), lambda r: local(r.created_at)),
            (self.tr("Interface"), lambda r: r.interface),
            (self.tr("Function"), lambda r: function_label(r.function)),
            (self.tr("Trigger"), lambda r: trigger_label(r.trigger)),
            (self.tr("Status"), lambda r: status_label(r.status)),
            (self.tr("Schedule"), lambda r: f"#{r.schedule_id}" if r.schedule_id else ""),
            (self.tr("First error"), lambda r: (f"[{label(r.first_error_class)}] " if r.first_error_class else "")
             + r.first_error.splitlines()[0] if r.first_error else ""),
        ]

    # --- loading ------------------------------------------------------------------------
    def reload(self, flt: history.ExecutionFilter | None = None) -> None:
        """The first page again (after a filter change, or when the history changed)."""
        if flt is not None:
            self.filter = flt
        self._generation += 1
        gen, f = self._generation, self.filter
        self._loading = True

        def done(rows):
            if gen != self._generation:
                return
            self._loading = False
            self.beginResetModel()
            self.rows = rows
            self._more = len(rows) == self.page
            self.endResetModel()
            self.loaded.emit()

        tasks().run(lambda: history.page_executions(self.db, f, limit=self.page), done, self._failed)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent) or not self.rows:
            return
        self._loading = True
        gen, f, before = self._generation, self.filter, self.rows[-1].id

        def done(rows):
            if gen != self._generation:
                return
            self._loading = False
            self._more = len(rows) == self.page
            if rows:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()
            self.loaded.emit()

        tasks().run(lambda: history.page_executions(self.db, f, before_id=before, limit=self.page), done,
                    self._failed)

    def _failed(self, exc) -> None:
        self._loading = False
        self.failed.emit(exc)

    def row_of(self, execution_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == execution_id), -1)

    # --- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.columns[index.column()][1](row))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(self.columns) - 1 and row.first_error:
            return row.first_error
        if role == Qt.ItemDataRole.BackgroundRole:
            c = status_colour(row.status)
            return QColor(c) if c else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section][0].upper()
        return None


class LogModel(QAbstractTableModel):
    """One execution's log: time, level, class, where, message (whole: the view wraps it)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[LogEntry] = []
        self.titles = [self.tr("Time"), self.tr("Level"), self.tr("Class"), self.tr("Where"), self.tr("Message")]

    def set_rows(self, rows: list[LogEntry]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def text(self, e: LogEntry, column: int) -> str:
        return [local(e.at), level_label(e.level), label(e.error_class) if e.error_class else "", e.where,
                e.message][column]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.titles)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        e = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(e, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            if e.first:
                return QColor(ERROR_RED)
            if e.level is LogLevel.ERROR:
                return QColor("#fde2e4")
            if e.level is LogLevel.WARNING:
                return QColor("#fff2cc")
        if role == Qt.ItemDataRole.FontRole and e.first:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.titles):
            return self.titles[section]
        return None


def error_above(rows: list[LogEntry], index: int) -> int:
    """For a Cascade line, the row of the error it follows from (the nearest non-cascade error above)."""
    for i in range(index - 1, -1, -1):
        e = rows[i]
        if e.level is LogLevel.ERROR and e.error_class is not ErrorClass.CASCADE:
            return i
    return -1
