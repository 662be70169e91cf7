"""The interface editor's pre-flight check tab: what would make a synchronisation fail,
with a button per problem that opens where it is fixed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import ErrorClass
from app.services.setup import preflight as preflight_service
from app.ui.setup_widgets import label, set_combo, table_view
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import InterfacesPage


class PreflightTab(QWidget):
    def __init__(self, page: "InterfacesPage"):
        super().__init__()
        self.page = page
        self.interface_id: int | None = None
        self.report: preflight_service.PreflightReport | None = None
        self.event_combo = QComboBox(objectName="checkEvent")
        self.run_button = QPushButton(self.tr("Check now"), objectName="runCheck")
        self.summary = QLabel(objectName="checkSummary")
        self.summary.setWordWrap(True)
        self.model = RowsModel([
            Column(self.tr("Class"), lambda i: label(i.error_class),
                   background=lambda i: "#fde2e1" if i.error_class is ErrorClass.MAPPING else "#fff1cc"),
            Column(self.tr("What would fail"), lambda i: i.message),
            Column(self.tr("Fix"), lambda i: ""),
        ], self)
        self.table = table_view(self.model, "checkTable")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, self.table.horizontalHeader().ResizeMode.Stretch)
        self.notes = QLabel(objectName="checkNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #555")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Event")))
        top.addWidget(self.event_combo, 1)
        top.addWidget(self.run_button)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("What would make a synchronisation fail, with the error class it would "
                                     "raise. Each button opens the screen where it is fixed.")))
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notes)
        self.run_button.clicked.connect(self.run)
        self.event_combo.currentIndexChanged.connect(lambda *_: self.run())
        self.fix_buttons: list[QPushButton] = []

    def set_interface(self, interface_id: int | None, events=None) -> None:
        self.interface_id = interface_id
        self.setEnabled(interface_id is not None)
        if events is not None:
            self.event_combo.blockSignals(True)
            keep = self.event_combo.currentData()
            self.event_combo.clear()
            self.event_combo.addItem(self.tr("All events on sale through the channel"), None)
            for o in events:
                self.event_combo.addItem(f"{o.name} ({o.code}, {o.season_code})", o.object_id)
            set_combo(self.event_combo, keep)
            self.event_combo.blockSignals(False)
        self.model.set_rows([])
        self.summary.clear()
        self.notes.clear()

    def run(self) -> None:
        iid, event = self.interface_id, self.event_combo.currentData()
        if iid is None:
            return
        self.run_button.setEnabled(False)

        def done(report):
            self.run_button.setEnabled(True)
            self.show_report(report)

        def failed(exc):
            self.run_button.setEnabled(True)
            show_error(self, self.tr("Pre-flight check"), exc)

        tasks().run(lambda: preflight_service.check_interface(self.page.db, iid, event), done, failed)

    def show_report(self, report: preflight_service.PreflightReport) -> None:
        self.report = report
        self.model.set_rows(list(report.items))
        self.fix_buttons = []
        for row, item in enumerate(report.items):
            button = QPushButton(self._fix_label(item), objectName=f"fix_{row}")
            button.clicked.connect(lambda _=False, it=item: self.fix(it))
            self.table.setIndexWidget(self.model.index(row, 2), button)
            self.fix_buttons.append(button)
        if report.ok:
            self.summary.setText("<b style='color:#1e7d32'>" + self.tr(
                "Ready: nothing missing (%1 event(s), %2 performance(s), %3 object(s) checked).")
                .replace("%1", str(report.checked.get("events", 0)))
                .replace("%2", str(report.checked.get("performances", 0)))
                .replace("%3", str(report.checked.get("objects", 0))) + "</b>")
        else:
            self.summary.setText("<b style='color:#b00020'>" + self.tr(
                "%n problem(s) would make a synchronisation fail.", "", len(report.items)) + "</b>")
        self.notes.setText("\n".join(self.tr("Note: %1").replace("%1", n) for n in report.notes))

    def _fix_label(self, item) -> str:
        if item.tab == preflight_service.TAB_MAPPINGS:
            return self.tr("Add the mapping…")
        return {preflight_service.SCREEN_INTERFACES: self.tr("Open the interface"),
                preflight_service.SCREEN_PROFILES: self.tr("Open activity profiles"),
                preflight_service.SCREEN_CONTINGENTS: self.tr("Open contingents"),
                preflight_service.SCREEN_CHANNELS: self.tr("Open sales channels")}.get(item.screen, self.tr("Open"))

    def fix(self, item: preflight_service.PreflightItem) -> None:
        self.page.fix(item)
