"""The held lines: the distributor's lines reintegration could not apply, each with its cause,
class, raw content and the action that fixes it; Retry (after the fix) and Dismiss… (with a
reason). A retried or dismissed line leaves the list; both are logged in an execution."""

from __future__ import annotations

import json
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ErrorClass
from app.services.sync import held_lines as held_service
from app.services.sync.held_lines import HeldLineInfo
from app.ui.schedules.overview import status_label
from app.ui.setup_widgets import label, open_screen, selected_row, table_view
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error

from .details import quoted_code
from .models import local


def fix_of(h: HeldLineInfo) -> tuple[str, str]:
    """(what fixes the line, the interface editor's tab that does it)."""
    translate = QCoreApplication.translate
    cause = (h.cause_en or h.cause).lower()  # English whatever the language shown
    if h.error_class is ErrorClass.MAPPING:
        return translate("HeldLines", "Add the missing mapping, then Retry."), "mappings"
    if "price" in cause:
        return (translate("HeldLines", "Change the interface's reseller price policy (or the tariff), then Retry."),
                "general")
    if h.error_class is ErrorClass.CONFIGURATION:
        return translate("HeldLines", "Complete the interface's set-up, then Retry."), "general"
    return (translate("HeldLines", "Check the seat or ticket with the distributor; Retry when settled, or Dismiss "
                                   "with the reason."), "")


class HeldLinesView(QWidget):
    changed = Signal()  # a line was retried or dismissed

    def __init__(self, db, actor, parent=None, *, interface_id: int | None = None, scoped: bool = False,
                 ask_reason: Callable[[QWidget], str | None] | None = None):
        super().__init__(parent)
        self.db, self.actor, self.scoped = db, actor, scoped
        self.interface_id = interface_id
        self.ask_reason = ask_reason or self._ask_reason
        self.model = RowsModel([
            Column(self.tr("No."), lambda h: h.id, align_right=True),
            Column(self.tr("Held on"), lambda h: local(h.created_at)),
            Column(self.tr("Interface"), lambda h: h.interface),
            Column(self.tr("Ticket"), lambda h: h.external_ticket_id),
            Column(self.tr("Line"), lambda h: self._action(h.action)),
            Column(self.tr("Class"), lambda h: label(h.error_class),
                   background=lambda h: "#ffd966" if h.error_class is not ErrorClass.MAPPING else "#fcd5b4"),
            Column(self.tr("Cause"), lambda h: h.cause),
        ], self)
        self.table = table_view(self.model, "heldLinesTable")
        self.table.setWordWrap(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_select())
        self.raw = QPlainTextEdit(objectName="heldLineRaw", readOnly=True)
        self.fix = QLabel(objectName="heldLineFix", wordWrap=True)
        self.open_button = QPushButton(self.tr("Open the fix"), objectName="openFixButton")
        self.retry_button = QPushButton(self.tr("Retry"), objectName="retryHeldButton")
        self.dismiss_button = QPushButton(self.tr("Dismiss…"), objectName="dismissHeldButton")
        self.status = QLabel(objectName="heldStatus", wordWrap=True)
        self.open_button.clicked.connect(self.open_fix)
        self.retry_button.clicked.connect(self.retry)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.empty = QLabel(self.tr("No held line: every line the distributors sent was applied."),
                            objectName="noHeldLines")

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(self.tr("What fixes it")))
        rl.addWidget(self.fix)
        rl.addWidget(QLabel(self.tr("Raw line as the distributor sent it")))
        rl.addWidget(self.raw, 1)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.retry_button, self.dismiss_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        rl.addLayout(buttons)
        rl.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.empty)
        ll.addWidget(self.table, 1)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self._on_select()

    def _action(self, action: str) -> str:
        return {"sale": self.tr("sale"), "cancel": self.tr("cancellation")}.get(action, action)

    # --- data -------------------------------------------------------------------------------
    def set_interface(self, interface_id: int | None) -> None:
        self.interface_id = interface_id
        self.reload()

    def reload(self) -> None:
        iid = self.interface_id
        if iid == -1:  # the editor's tab before an interface is chosen
            self._show([])
            return
        tasks().run(lambda: held_service.list_held_lines(self.db, iid), self._show,
                    lambda exc: show_error(self, self.tr("Held lines"), exc))

    def _show(self, rows) -> None:
        keep = selected_row(self.table)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            i = next((n for n, h in enumerate(rows) if keep is not None and h.id == keep.id), 0)
            self.table.selectRow(i)
        self._on_select()

    def _on_select(self) -> None:
        h = selected_row(self.table)
        for b in (self.retry_button, self.dismiss_button):
            b.setEnabled(h is not None and self.actor.is_manager)
        self.open_button.setEnabled(h is not None)
        if h is None:
            self.raw.setPlainText("")
            self.fix.setText("")
            return
        self.raw.setPlainText(json.dumps(h.raw, ensure_ascii=False, indent=2, default=str))
        text, tab = fix_of(h)
        self.fix.setText(f"<b>{label(h.error_class)}</b> — {h.cause}<br>{text}"
                         + (f"<br><i>{h.where}</i>" if h.where else ""))
        self.open_button.setVisible(bool(tab))

    # --- actions ------------------------------------------------------------------------
    def open_fix(self) -> None:
        h = selected_row(self.table)
        if h is None:
            return
        _, tab = fix_of(h)
        page = open_screen(self, "interfaces", interface_id=h.interface_id, tab=tab or "general")
        search = getattr(getattr(page, "mappings", None), "external", None)
        code = quoted_code(h.cause)
        if tab == "mappings" and search is not None and code:
            search.setText(code)

    def retry(self) -> None:
        h = selected_row(self.table)
        if h is None:
            return
        self.retry_button.setEnabled(False)
        self.status.setText(self.tr("Retrying line #%1…").replace("%1", str(h.id)))

        def ok(result):
            self.status.setText(self.tr("Retry of line #%1: execution #%2, %3").replace("%1", str(h.id))
                                .replace("%2", str(result.execution_id)).replace("%3", status_label(result.status))
                                + ("" if result.status.value == "ok" else " — " + result.summary()))
            self.reload()
            self.changed.emit()

        def failed(exc):
            self.retry_button.setEnabled(True)
            self.status.clear()
            show_error(self, self.tr("Retry"), exc)

        tasks().run(lambda: held_service.retry_held_line(self.db, self.actor, h.id), ok, failed, pool="net")

    def dismiss(self) -> None:
        h = selected_row(self.table)
        if h is None:
            return
        reason = self.ask_reason(self)
        if reason is None:
            return
        if not reason.strip():
            show_error(self, self.tr("Dismiss"), self.tr("A held line is dismissed only with a reason."))
            return

        def ok(n):
            self.status.setText(self.tr("%1 line(s) dismissed").replace("%1", str(n)))
            self.reload()
            self.changed.emit()

        tasks().run(lambda: held_service.dismiss_held_line(self.db, self.actor, h.id, reason), ok,
                    lambda exc: show_error(self, self.tr("Dismiss"), exc))

    def _ask_reason(self, parent) -> str | None:
        text, ok = QInputDialog.getText(parent, self.tr("Dismiss the held line"),
                                        self.tr("Why is this line given up? (kept with it)"))
        return text if ok else None
