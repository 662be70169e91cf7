"""Small shared widgets: error dialogs, a list-backed table model."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from app.domain.errors import GuichetError


def performance_text(stored: str) -> str:
    """A performance as the journal and the tickets keep it, "2014-12-07 20:00", as the screens
    show dates: "07/12/2014 20:00"."""
    if len(stored) >= 16 and stored[4] == "-":
        return f"{stored[8:10]}/{stored[5:7]}/{stored[:4]} {stored[11:16]}"
    return stored


def venue_time(at, tz) -> str:
    """A stored (naive UTC) instant as the venue's wall clock (`tz`: a ZoneInfo), to the second."""
    if at is None:
        return ""
    from datetime import timezone

    return f"{at.replace(tzinfo=timezone.utc).astimezone(tz):%d/%m/%Y %H:%M:%S}"


def error_text(exc: BaseException) -> str:
    if isinstance(exc, GuichetError):
        return str(exc)
    from sqlalchemy.exc import SQLAlchemyError

    from app.db.engine import DatabaseError, is_busy

    if isinstance(exc, DatabaseError):
        return str(exc)
    if is_busy(exc):
        return QCoreApplication.translate(
            "Errors", "The inventory is busy (another workstation is writing); try again.")
    if isinstance(exc, SQLAlchemyError):  # one line, no SQL: the traceback goes to the log file
        from app.services.error_log import log_exception, technical_summary

        return f"{technical_summary(exc)} ({log_exception(exc)})"
    return f"{type(exc).__name__}: {exc}"


def show_error(parent, title: str, exc: BaseException | str, retry: Callable[[], None] | None = None) -> None:
    """A user-facing error dialog; never a crash. Non-blocking (open(), not exec()). When
    the inventory was busy and `retry` is given, the dialog offers to try again."""
    from app.db.engine import is_busy

    busy = retry is not None and not isinstance(exc, str) and is_busy(exc)
    buttons = (QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel if busy
               else QMessageBox.StandardButton.Ok)
    box = QMessageBox(QMessageBox.Icon.Warning, title, exc if isinstance(exc, str) else error_text(exc),
                      buttons, parent)
    if busy:
        box.setDefaultButton(QMessageBox.StandardButton.Retry)
        box.button(QMessageBox.StandardButton.Retry).clicked.connect(retry)
    details = getattr(exc, "__traceback_text__", None)
    if details and not isinstance(exc, GuichetError):
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("errorDialog")
    box.open()


class Column:
    def __init__(self, title: str, value: Callable[[Any], Any], *, align_right: bool = False,
                 background: Callable[[Any], str | None] | None = None):
        self.title, self.value, self.align_right, self.background = title, value, align_right, background


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of plain objects, one Column per column."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.upper_headers = False  # the set-up lists' look (the seed's NOM INTERNE, CODE…)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        col, row = self.columns[index.column()], self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = col.value(row)
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col.background is not None:
            c = col.background(row)
            return QColor(c) if c else None
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                title = self.columns[section].title
                return title.upper() if self.upper_headers else title
        return None
