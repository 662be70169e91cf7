"""The run buttons of the Interfaces list and editor: Export allotments, Reintegrate sales,
Allocated/sold counts (where the distributor offers them) and Import a sales file."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.adapters.registry import distributor
from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import DistributorKind, SyncFunction


class RunButtons(QWidget):
    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setObjectName("runButtons")
        self.export_button = QPushButton(self.tr("Export allotments"), objectName="runExport")
        self.reintegrate_button = QPushButton(self.tr("Reintegrate sales"), objectName="runReintegrate")
        self.counts_button = QPushButton(self.tr("Allocated/sold counts"), objectName="runCounts")
        self.file_button = QPushButton(self.tr("Import a sales file…"), objectName="runFile")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for b in (self.export_button, self.reintegrate_button, self.counts_button, self.file_button):
            lay.addWidget(b)
        lay.addStretch(1)
        self.export_button.clicked.connect(lambda: self.open_run(SyncFunction.EXPORT_ALLOTMENTS))
        self.reintegrate_button.clicked.connect(lambda: self.open_run(SyncFunction.REINTEGRATE_SALES))
        self.counts_button.clicked.connect(self.open_counts)
        self.file_button.clicked.connect(self.open_file_import)
        self.interface = None
        self.interfaces: list[tuple[int, str]] = []
        self.dialog = None  # the last dialog opened (tests drive it)
        self.set_interface(None)

    def set_interface(self, d, interfaces: list[tuple[int, str]] | None = None) -> None:
        """`d`: the interface shown (InterfaceData with id, name_fr, kind) or None."""
        self.interface = d if d is not None and d.id is not None else None
        if interfaces is not None:
            self.interfaces = interfaces
        offers = distributor(self.interface.kind).offers if self.interface else (lambda _f: False)
        manager = self.actor.is_manager
        self.export_button.setEnabled(manager and offers(SyncFunction.EXPORT_ALLOTMENTS))
        self.reintegrate_button.setEnabled(manager and offers(SyncFunction.REINTEGRATE_SALES))
        self.counts_button.setEnabled(manager and offers(SyncFunction.ALLOCATED_SOLD_COUNTS))
        self.file_button.setEnabled(manager and self.interface is not None)
        self.counts_button.setVisible(offers(SyncFunction.ALLOCATED_SOLD_COUNTS) or self.interface is None)

    def open_run(self, function: SyncFunction, performance=None, performance_label: str = ""):
        d = self.interface
        if d is None:
            return None
        if function is SyncFunction.EXPORT_ALLOTMENTS and d.kind is DistributorKind.DIGITICK:
            from .digitick import open_allotment_sheet

            open_allotment_sheet(self, self.db, d.id, performance, shown=self._shown)
            return None
        from .run_dialog import RunDialog

        self.dialog = RunDialog(self.db, self.actor, d.id, d.name_fr, function, performance, performance_label,
                                self.window())
        self.dialog.show()
        self.dialog.start()
        return self.dialog

    def _shown(self, preview) -> None:
        self.dialog = preview

    def open_counts(self):
        d = self.interface
        if d is None:
            return None
        from .reconciliation import ReconciliationDialog

        self.dialog = ReconciliationDialog(self.db, self.actor, d.id, d.name_fr, self.window())
        self.dialog.show()
        self.dialog.refresh()
        return self.dialog

    def open_file_import(self):
        from .file_import import FileImportDialog

        d = self.interface
        choices = self.interfaces or ([(d.id, d.name_fr)] if d else [])
        self.dialog = FileImportDialog(self.db, self.actor, choices, d.id if d else None, self.window())
        self.dialog.show()
        return self.dialog
