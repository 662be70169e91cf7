"""Fnac reconciliation: per performance, the places the distributor holds and sold beside
ours, differences highlighted, each with the action that fixes it (export again, reintegrate,
look at the held lines)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import SyncFunction
from app.services.sync.manual_runs import CountRow, allocated_sold_counts

from .progress import BackgroundRun

DIFF = QColor("#ffd9b3")


class ReconciliationDialog(QDialog):
    action_requested = Signal(str, object)  # "export" | "reintegrate" | "held-lines", the CountRow

    def __init__(self, db: Database, actor: Actor, interface_id: int, interface_name: str, parent=None):
        super().__init__(parent)
        self.db, self.actor, self.interface_id, self.interface_name = db, actor, interface_id, interface_name
        self.setObjectName("reconciliationDialog")
        self.setWindowTitle(self.tr("Allocated and sold — %1").replace("%1", interface_name))
        self.heading = QLabel("<h3>" + self.tr("Allocated and sold at %1 and here").replace("%1", interface_name)
                              + "</h3>")
        self.status = QLabel(objectName="statusLabel")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 6, objectName="reconciliationTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Performance"), self.tr("Allocated there"), self.tr("Allocated here"),
            self.tr("Sold there"), self.tr("Sold here"), self.tr("Action")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 6):
            head.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.refresh_button = QPushButton(self.tr("Ask again"), objectName="refreshButton")
        self.close_button = QPushButton(self.tr("Close"), objectName="closeButton")
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        bl = QHBoxLayout()
        bl.addStretch(1)
        bl.addWidget(self.refresh_button)
        bl.addWidget(self.close_button)
        lay.addLayout(bl)
        self.resize(900, 480)
        self.rows: list[CountRow] = []
        self.run = BackgroundRun(interface_id, self)
        self.run.finished.connect(self._show)
        self.run.failed.connect(lambda exc: self._set_status(self.tr("Not run: %1").replace("%1", str(exc))))
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button.clicked.connect(self.close)
        self.action_requested.connect(self._act)

    def _set_status(self, text: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(text)

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Asking %1…").replace("%1", self.interface_name))
        from app.services.sync import interface_claim
        from app.services.sync.manual_runs import InterfaceBusy, busy_message

        db, actor, iid = self.db, self.actor, self.interface_id

        def work(control):
            with interface_claim.hold(db, iid) as held:
                if not held:
                    raise InterfaceBusy(busy_message(db, iid))
                return allocated_sold_counts(db, actor, iid, control=control)

        self.run.start(work)

    def action_text(self, action: str) -> str:
        return {"export": self.tr("Export again"), "reintegrate": self.tr("Reintegrate"),
                "held-lines": self.tr("See the held lines")}.get(action, "")

    def _show(self, out) -> None:
        self.rows = out.rows
        self.table.setRowCount(len(self.rows))
        diffs = 0
        for i, r in enumerate(self.rows):
            def cell(col, value, differs=False):
                item = QTableWidgetItem("—" if value is None else str(value))
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if differs:
                    item.setBackground(QBrush(DIFF))
                self.table.setItem(i, col, item)

            cell(0, r.label + (f" ({r.problem})" if r.problem else ""))
            cell(1, r.theirs_allocated, r.allocated_differs)
            cell(2, r.ours_allocated, r.allocated_differs)
            cell(3, r.theirs_sold, r.sold_differs)
            cell(4, r.ours_sold, r.sold_differs)
            if r.action:
                diffs += 1
                button = QPushButton(self.action_text(r.action), objectName=f"action_{r.action}")
                button.clicked.connect(lambda _=False, row=r: self.action_requested.emit(row.action, row))
                self.table.setCellWidget(i, 5, button)
            else:
                self.table.removeCellWidget(i, 5)
                cell(5, self.tr("in agreement"))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._set_status(self.tr("%1 performance(s), %2 difference(s) (execution #%3)")
                         .replace("%1", str(len(self.rows))).replace("%2", str(diffs))
                         .replace("%3", str(out.result.execution_id)))

    def differences(self) -> list[tuple[str, str]]:
        """(performance, action) of every row that differs: what a user sees highlighted."""
        return [(r.label, r.action) for r in self.rows if r.action]

    def _act(self, action: str, row: CountRow) -> None:
        if action == "held-lines":
            from app.ui.setup_widgets import open_screen

            open_screen(self.parent() or self, "executions", interface_id=self.interface_id, held=True)
            return
        from .run_dialog import RunDialog

        fn = SyncFunction.EXPORT_ALLOTMENTS if action == "export" else SyncFunction.REINTEGRATE_SALES
        perf = row.performance_id if action == "export" else None
        dlg = RunDialog(self.db, self.actor, self.interface_id, self.interface_name, fn, perf,
                        row.label if action == "export" else "", self)
        dlg.finished_run.connect(lambda _r: self.refresh())
        self.last_run_dialog = dlg
        dlg.show()
        dlg.start()
