"""One execution in full: its summary and counts, its first error with the action its class
calls for, the whole log (wrapped, tooltips, copy), Relancer and Exporter vers Excel."""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel
from app.services.sync import executions as execution_service
from app.services.sync.count_labels import counts_text
from app.services.sync.executions import ExecutionInfo, LogEntry
from app.ui.schedules.overview import function_label, status_label
from app.ui.setup_widgets import label, open_screen
from app.ui.tasks import tasks
from app.ui.widgets import show_error

from .models import LogModel, error_above, local, status_colour, trigger_label


def action_text(cls: ErrorClass | None) -> tuple[str, str]:
    """(button, hint) of the action an error class calls for."""
    translate = QCoreApplication.translate
    return {
        ErrorClass.EXTERNAL: (translate("Executions", "Rerun"),
                              translate("Executions", "The distributor refused or did not answer: rerun; if it "
                                                      "fails again, call the distributor.")),
        ErrorClass.CONFIGURATION: (translate("Executions", "Open the interface"),
                                   translate("Executions", "Something is missing or wrong in the interface's "
                                                           "set-up (address, login, password, options).")),
        ErrorClass.MAPPING: (translate("Executions", "Open the mappings"),
                             translate("Executions", "A code of the distributor has no correspondence here: "
                                                     "fill the mapping, then rerun.")),
        ErrorClass.TECHNICAL: (translate("Executions", "Copy the details for support"),
                               translate("Executions", "An unexpected technical failure: copy the details and "
                                                       "send them to your support.")),
        ErrorClass.CASCADE: (translate("Executions", "Go to the error above"),
                             translate("Executions", "This line follows from an earlier error: fix that one.")),
    }.get(cls, ("", ""))


def quoted_code(message: str) -> str:
    """The distributor's code a mapping error names ('UNKNOWN-0' in "no mapping for tariff code 'UNKNOWN-0'")."""
    m = re.search(r"'([^']+)'", message)
    return m.group(1) if m else ""


def _with_interface(info) -> str:
    """"interface — " before the function, nothing for a run without one (the backup)."""
    return f"{info.interface} — " if info.interface_id is not None else ""


class ExecutionDetails(QWidget):
    """The details pane of the Exécutions view."""

    rerun_done = Signal(int)  # the new execution's id
    held_requested = Signal()  # "See the held lines": the view shows its held-lines tab

    def __init__(self, db, actor, parent=None, *, save_path: Callable[[QWidget, str], str] | None = None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.info: ExecutionInfo | None = None
        self.logs: list[LogEntry] = []
        self.save_path = save_path or self._ask_path
        self.summary = QLabel(objectName="executionSummary", wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.first_error = QLabel(objectName="firstError", wordWrap=True)
        self.first_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.first_error.setStyleSheet("QLabel { background: #ffc7ce; padding: 6px; border-radius: 3px; }")
        self.hint = QLabel(objectName="firstErrorHint", wordWrap=True)
        self.action_button = QPushButton(objectName="firstErrorAction")
        self.action_button.clicked.connect(self.do_action)
        self.log_model = LogModel(self)
        self.log = QTableView(objectName="executionLog")
        self.log.setModel(self.log_model)
        self.log.setWordWrap(True)
        self.log.verticalHeader().hide()
        self.log.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.log.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # where: elided, whole in the tooltip
        self.log.setColumnWidth(3, 240)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.log.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.log.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.copy_action = QAction(self.tr("Copy"), self.log, objectName="copyLog")
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.log.addAction(self.copy_action)
        self.log.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.log.selectionModel().selectionChanged.connect(lambda *_: self._on_log_selected())
        self.rerun_button = QPushButton(self.tr("Rerun"), objectName="rerunButton")  # Relancer
        self.export_button = QPushButton(self.tr("Export to Excel"), objectName="exportLogButton")  # Exporter vers Excel
        self.copy_button = QPushButton(self.tr("Copy the log"), objectName="copyLogButton")
        self.rerun_button.clicked.connect(self.rerun)
        self.export_button.clicked.connect(self.export)
        self.copy_button.clicked.connect(self.copy_all)
        self.status = QLabel(objectName="detailsStatus", wordWrap=True)
        self._note: tuple[int | None, str] = (None, "")  # a line about one execution (its rerun's outcome)

        error_row = QHBoxLayout()
        error_row.addWidget(self.summary, 2)
        error_col = QVBoxLayout()
        error_col.addWidget(self.first_error)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint, 1)
        hint_row.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        error_col.addLayout(hint_row)
        error_row.addLayout(error_col, 3)
        buttons = QHBoxLayout()
        for b in (self.rerun_button, self.export_button, self.copy_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(error_row)
        lay.addWidget(self.log, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.show_execution(None)

    # --- showing --------------------------------------------------------------------------
    def show_execution(self, execution_id: int | None) -> None:
        if execution_id is None:
            self.info, self.logs = None, []
            self.log_model.set_rows([])
            self.summary.setText(self.tr("Choose an execution to see its log."))
            for w in (self.first_error, self.hint, self.action_button):
                w.hide()
            for b in (self.rerun_button, self.export_button, self.copy_button):
                b.setEnabled(False)
            return
        tasks().run(lambda: execution_service.execution_detail(self.db, execution_id), self._shown,
                    lambda exc: show_error(self, self.tr("Executions"), exc))

    def _shown(self, data) -> None:
        self.info, self.logs = data
        info = self.info
        counts = _html(counts_text(info.counts))
        colour = status_colour(info.status) or "transparent"
        self.summary.setText(
            f"<b>#{info.id}</b> — {_with_interface(info)}{function_label(info.function)} "
            f"({trigger_label(info.trigger)})<br>"
            + self.tr("Status:") + f" <span style='background:{colour}'>&nbsp;{status_label(info.status)}&nbsp;</span>"
            + "&nbsp;&nbsp;" + self.tr("created %1, ended %2").replace("%1", local(info.created_at))
            .replace("%2", local(info.ended_at) or "—")
            + (("<br>" + self.tr("Rerun of #%1").replace("%1", str(info.rerun_of_id))) if info.rerun_of_id else "")
            + (f"<br><small>{counts}</small>" if counts else ""))
        self.log_model.set_rows(self.logs)
        first = next((i for i, e in enumerate(self.logs) if e.first), -1)
        self._show_error_for(first if first >= 0 else None)
        if first >= 0:
            self.log.scrollTo(self.log_model.index(first, 0))
        running = info.status in (ExecutionStatus.PENDING, ExecutionStatus.RUNNING)
        self.rerun_button.setEnabled(self.actor.is_manager and not running)
        self.export_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        note_id, note = self._note
        self.status.setText(note if note_id == info.id else "")

    def _show_error_for(self, row: int | None) -> None:
        """The error box: the first error, or the log line chosen (when it is an error)."""
        info = self.info
        if row is None:
            if info is not None and info.first_error and info.status in (ExecutionStatus.ERROR, ExecutionStatus.HELD):
                cls, message, where = info.first_error_class, info.first_error, ""
            else:
                for w in (self.first_error, self.hint, self.action_button):
                    w.hide()
                return
        else:
            e = self.logs[row]
            cls, message, where = e.error_class, e.message, e.where
        self._error_class, self._error_row, self._error_message = cls, row, message
        # A held line is fixed where held lines are (mapping, price policy, then Retry), not by a rerun.
        # (A missing mapping still opens the mappings: that is where it is fixed.)
        self._held = info is not None and info.status is ExecutionStatus.HELD and cls is not ErrorClass.MAPPING and (
            row is None or (self.logs[row].level is LogLevel.WARNING and cls is not None))
        title = self.tr("First error") if row is None or self.logs[row].first else self.tr("Error")
        cls_text = f" [{label(cls)}]" if cls else ""
        self.first_error.setText(f"<b>{title}{cls_text}</b>: " + _html(message)
                                 + (f"<br><i>{_html(where)}</i>" if where else ""))
        button, hint = action_text(cls)
        if cls is ErrorClass.CONFIGURATION and info is not None and info.interface_id is None:  # a backup
            button = self.tr("Open the schedules")
            hint = self.tr("Check the backup folder of the schedule: it must exist and be writable by the scheduler.")
        if self._held:
            button = self.tr("See the held lines")
            hint = self.tr("This line was held and the feed went on: fix its cause, then Retry it in the held lines.")
        self.hint.setText(hint)
        self.action_button.setText(button)
        self.action_button.setVisible(bool(button))
        self.action_button.setEnabled(self._held or cls is not ErrorClass.EXTERNAL or self.actor.is_manager)
        self.first_error.show()
        self.hint.setVisible(bool(hint))

    def _on_log_selected(self) -> None:
        rows = self.log.selectionModel().selectedRows()
        if len(rows) != 1:
            return
        e = self.logs[rows[0].row()]
        if e.level is LogLevel.ERROR or (e.level is LogLevel.WARNING and e.error_class is not None):
            self._show_error_for(rows[0].row())

    # --- actions ------------------------------------------------------------------------
    def do_action(self) -> None:
        cls, info = getattr(self, "_error_class", None), self.info
        if info is None:
            return
        if getattr(self, "_held", False):
            self.held_requested.emit()
        elif cls is ErrorClass.EXTERNAL:
            self.rerun()
        elif cls is ErrorClass.CONFIGURATION and info.interface_id is None:  # a backup: its schedule's folder
            open_screen(self, "schedules")
        elif cls is ErrorClass.CONFIGURATION:
            open_screen(self, "interfaces", interface_id=info.interface_id, tab="general")
        elif cls is ErrorClass.MAPPING:
            page = open_screen(self, "interfaces", interface_id=info.interface_id, tab="mappings")
            code = quoted_code(self._error_message)
            search = getattr(getattr(page, "mappings", None), "external", None)
            if search is not None and code:
                search.setText(code)  # the mappings tab shows what to fill
        elif cls is ErrorClass.TECHNICAL:
            self.copy_all()
        elif cls is ErrorClass.CASCADE and self._error_row is not None:
            above = error_above(self.logs, self._error_row)
            if above >= 0:
                self.log.selectRow(above)
                self.log.scrollTo(self.log_model.index(above, 0))

    def rerun(self) -> None:
        info = self.info
        if info is None:
            return
        from app.services.sync.runner import rerun_execution

        self.rerun_button.setEnabled(False)
        self.status.setText(self.tr("Rerunning #%1…").replace("%1", str(info.id)))

        def ok(result):
            text = (self.tr("Rerun: execution #%1, %2").replace("%1", str(result.execution_id))
                    .replace("%2", status_label(result.status)))
            self._note = (result.execution_id, text)
            self.status.setText(text)
            self.rerun_button.setEnabled(True)
            self.rerun_done.emit(result.execution_id)

        def failed(exc):
            self.rerun_button.setEnabled(True)
            self.status.clear()
            show_error(self, self.tr("Rerun"), exc)

        tasks().run(lambda: rerun_execution(self.db, self.actor, info.id), ok, failed, pool="net")

    def export(self) -> None:
        info = self.info
        if info is None:
            return
        path = self.save_path(self, f"execution-{info.id}.xlsx")
        if not path:
            return

        def ok(written):
            self.status.setText(self.tr("Log written to %1").replace("%1", str(written)))

        tasks().run(lambda: execution_service.export_log_xlsx(self.db, info.id, path), ok,
                    lambda exc: show_error(self, self.tr("Export to Excel"), exc))

    def _ask_path(self, parent, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, self.tr("Export the log"), name, self.tr("Excel (*.xlsx)"))
        return path

    def copy_selection(self) -> None:
        rows = sorted({i.row() for i in self.log.selectionModel().selectedRows()})
        QGuiApplication.clipboard().setText(self._lines(rows))

    def copy_all(self) -> None:
        info = self.info
        if info is None:
            return
        head = [f"Guichet — execution #{info.id} — {_with_interface(info)}{info.function.value} ({info.trigger.value})",
                f"status {info.status.value}; created {local(info.created_at)}; ended {local(info.ended_at)}",
                f"counts: {info.counts}", f"parameters: {info.parameters}"]
        if info.first_error:
            head.append(f"first error [{info.first_error_class.value if info.first_error_class else ''}]: "
                        f"{info.first_error}")
        QGuiApplication.clipboard().setText("\n".join(head) + "\n\n" + self._lines(range(len(self.logs))))
        self.status.setText(self.tr("The details are in the clipboard."))

    def _lines(self, rows) -> str:
        return "\n".join("\t".join(self.log_model.text(self.logs[r], c) for c in range(5)) for r in rows)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
