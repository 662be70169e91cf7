"""The interface editor's Mappings tab (Correspondances): filters, the list, new / edit /
delete, and the Excel export and import."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import MappedObject, MappingKind
from app.services.setup import mappings as mapping_service
from app.services.setup import mappings_excel
from app.ui.setup_widgets import add_enum_items, combo_enum, confirm, label, set_combo, short_kind, table_view
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error

from .mapping_dialog import MappingDialog

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import InterfacesPage


class MappingsTab(QWidget):
    changed = Signal()

    def __init__(self, page: "InterfacesPage"):
        super().__init__()
        self.page = page
        self.interface_id: int | None = None
        self.objects: list[mapping_service.MappableObject] = []
        self.seasons: list = []
        self.kind = QComboBox(objectName="kindFilter")
        self.kind.addItem(self.tr("All data"), None)
        add_enum_items(self.kind, MappingKind)
        self.season = QComboBox(objectName="seasonFilter")
        self.product = QComboBox(objectName="productFilter")
        self.external = QLineEdit(objectName="externalFilter")
        self.external.setPlaceholderText(self.tr("External id…"))
        self.external.setClearButtonEnabled(True)
        # Columns: DONNÉE, SAISON, NOM LOCAL, ID EXTERNE, OBJET.
        self.model = RowsModel([
            Column(self.tr("Data"), lambda r: short_kind(r.kind)),
            Column(self.tr("Season"), lambda r: r.season_code),
            Column(self.tr("Local name"), lambda r: r.local_name),
            Column(self.tr("External id"), lambda r: r.external_id),
            Column(self.tr("Object"), lambda r: f"{label(r.object_type)} {r.reference}"
                   + (" (" + self.tr("generic") + ")" if r.generic else "")),
        ], self)
        self.table = table_view(self.model, "mappingsTable")
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, header.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.kind.setMaximumWidth(280)
        for combo in (self.season, self.product):
            combo.setMinimumWidth(110)
        self.external.setMinimumWidth(140)
        self.count = QLabel(objectName="mappingsCount")
        self.new_button = QPushButton(self.tr("New"), objectName="newMapping")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteMappings")
        self.export_button = QPushButton(self.tr("Export to Excel"), objectName="exportExcel")  # Exporter vers Excel
        self.import_button = QPushButton(self.tr("Import from Excel"), objectName="importExcel")
        top = QHBoxLayout()
        for text, w in ((self.tr("Data"), self.kind), (self.tr("Season"), self.season),
                        (self.tr("Product"), self.product)):
            top.addWidget(QLabel(text))
            top.addWidget(w)
        top.addWidget(self.external, 1)
        bottom = QHBoxLayout()
        for b in (self.new_button, self.delete_button):
            bottom.addWidget(b)
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.import_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        for w in (self.new_button, self.delete_button, self.import_button):
            w.setEnabled(page.actor.is_manager)
        for combo in (self.kind, self.season, self.product):
            combo.currentIndexChanged.connect(lambda *_: self.reload())
        self.external.textChanged.connect(lambda *_: self.reload())
        self.new_button.clicked.connect(lambda: self.open_editor())
        self.table.doubleClicked.connect(lambda idx: self.open_editor(self.model.rows[idx.row()]))
        self.delete_button.clicked.connect(self.delete)
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_)
        # Injectable for tests: where to save / what to open, and how the dialog runs.
        self.ask_save_path = lambda name: QFileDialog.getSaveFileName(
            self, self.tr("Export mappings"), f"{name}.xlsx", self.tr("Excel workbook (*.xlsx)"))[0]
        self.ask_open_path = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Import mappings"), "", self.tr("Excel workbook (*.xlsx)"))[0]
        self.run_dialog = lambda dialog: dialog.open()
        self.last_dialog: MappingDialog | None = None

    def set_interface(self, interface_id: int | None) -> None:
        self.interface_id = interface_id
        self.setEnabled(interface_id is not None)
        if interface_id is None:
            self.model.set_rows([])
            return

        def load():
            return mapping_service.list_objects(self.page.db), mapping_service.list_seasons(self.page.db)

        def done(data):
            self.objects, self.seasons = data
            for combo in (self.season, self.product):
                combo.blockSignals(True)
            keep_s, keep_p = self.season.currentData(), self.product.currentData()
            self.season.clear()
            self.season.addItem(self.tr("All seasons"), None)
            for sid, code, name in self.seasons:
                self.season.addItem(f"{code} — {name}", sid)
            self.product.clear()
            self.product.addItem(self.tr("All products"), None)
            for o in self.objects:
                if o.kind is MappingKind.PRODUCT and o.object_type is not MappedObject.PERFORMANCE:
                    self.product.addItem(f"{o.name} ({o.code})", o.object_id)
            set_combo(self.season, keep_s)
            set_combo(self.product, keep_p)
            for combo in (self.season, self.product):
                combo.blockSignals(False)
            self.reload()

        tasks().run(load, done, self._fail)

    def _fail(self, exc) -> None:
        show_error(self, self.tr("Mappings"), exc)

    def reload(self) -> None:
        iid = self.interface_id
        if iid is None:
            return
        kind, season, product, ext = (combo_enum(self.kind, MappingKind), self.season.currentData(),
                                      self.product.currentData(), self.external.text())

        def done(rows):
            self.model.set_rows(rows)
            self.count.setText(self.tr("%n mapping(s)", "", len(rows)))

        tasks().run(lambda: mapping_service.list_mappings(self.page.db, iid, kind=kind, season_id=season,
                                                          product_id=product, external_id=ext), done, self._fail)

    def open_editor(self, row=None, preset=None) -> MappingDialog | None:
        if self.interface_id is None:
            return None
        dialog = MappingDialog(self.page, self.interface_id, self.objects, self.seasons, row, preset, self)
        dialog.accepted.connect(lambda: (self.reload(), self.changed.emit()))
        self.last_dialog = dialog
        self.run_dialog(dialog)
        return dialog

    def delete(self) -> None:
        rows = [self.model.rows[i.row()] for i in self.table.selectionModel().selectedRows()]
        if not rows or not confirm(self, self.tr("Delete mappings"),
                                   self.tr("Delete %n mapping(s)?", "", len(rows))):
            return
        iid = self.interface_id
        tasks().run(lambda: mapping_service.delete_mappings(self.page.db, self.page.actor, iid, [r.id for r in rows]),
                    lambda _: (self.reload(), self.changed.emit()), self._fail)

    def export(self) -> None:
        iid = self.interface_id
        name = self.page.general.current.name_fr if self.page.general.current else "mappings"
        path = self.ask_save_path(name) if iid else ""
        if not path:
            return
        self.export_button.setEnabled(False)

        def ok(result):
            self.export_button.setEnabled(True)
            self._info(self.tr("Export to Excel", "dialog title"),
                       self.tr("%1: %2 mapping(s), %3 object(s) still unmapped (sheet 'Unmapped').")
                       .replace("%1", result.path).replace("%2", str(result.mappings))
                       .replace("%3", str(result.unmapped)))

        def failed(exc):
            self.export_button.setEnabled(True)
            self._fail(exc)

        tasks().run(lambda: mappings_excel.export_mappings(self.page.db, iid, path), ok, failed)

    def import_(self) -> None:
        iid = self.interface_id
        path = self.ask_open_path() if iid else ""
        if not path:
            return

        def ok(result):
            self.reload()
            self.changed.emit()
            self._info(self.tr("Import from Excel", "dialog title"), result.message())

        def failed(exc):
            if isinstance(exc, mappings_excel.WorkbookErrors):
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import from Excel", "dialog title"),
                                  self.tr("The workbook was not imported: %n error(s). Nothing was saved.", "",
                                          len(exc.errors)), QMessageBox.StandardButton.Ok, self)
                box.setDetailedText("\n".join(str(e) for e in exc.errors))
                box.setObjectName("importErrors")
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()
                self.last_errors = exc.errors
            else:
                self._fail(exc)

        tasks().run(lambda: mappings_excel.import_mappings(self.page.db, self.page.actor, iid, path), ok, failed)

    def _info(self, title, text) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("infoDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
