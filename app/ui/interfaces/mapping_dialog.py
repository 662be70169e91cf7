"""The mapping editor: one local object (or a generic category code) ↔ its external id(s)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout

from app.domain.enums import MappingKind
from app.services.setup import mappings as mapping_service
from app.ui.setup_widgets import Form, add_enum_items, combo_enum, label, save_with, set_combo

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import InterfacesPage


class MappingDialog(QDialog):
    """New mapping, or edit one: kind → local object (or a category code, generic),
    season, external id(s) written 15|20|22."""

    def __init__(self, page: "InterfacesPage", interface_id: int, objects: list[mapping_service.MappableObject],
                 seasons, row: mapping_service.MappingRow | None = None, preset=None, parent=None):
        super().__init__(parent)
        self.page, self.interface_id, self.objects, self.row = page, interface_id, objects, row
        self.saved_row = None
        self.setWindowTitle(self.tr("Mapping") if row else self.tr("New mapping"))
        self.setObjectName("mappingDialog")
        f = self.form = Form()
        self.kind = f.add("kind", self.tr("Data"), QComboBox(objectName="mappingKind"))
        add_enum_items(self.kind, MappingKind)
        self._choices: list[tuple] = []  # (object type, object id, code) per object item
        self.object = f.add("object", self.tr("Local object"), QComboBox(objectName="mappingObject"))
        self.generic = f.add("generic", "", QCheckBox(self.tr("Generic: this code in every logical configuration"),
                                                      objectName="mappingGeneric"))
        self.season = f.add("season", self.tr("Season"), QComboBox(objectName="mappingSeason"))
        self.season.addItem(self.tr("(the object's)"), None)
        for sid, code, name in seasons:
            self.season.addItem(f"{code} — {name}", sid)
        self.external = f.add("external_id", self.tr("External id"), QLineEdit(objectName="mappingExternal"))
        self.external.setPlaceholderText(self.tr("e.g. 15, or 15|20|22 for several codes"))
        f.finish()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(f)
        lay.addWidget(buttons)
        self.resize(560, 260)
        self.kind.currentIndexChanged.connect(lambda *_: self._fill_objects())
        self.generic.toggled.connect(lambda *_: self._fill_objects(keep=True))
        if row is not None:
            set_combo(self.kind, row.kind)
            self.generic.setChecked(row.generic)
            self._fill_objects()
            self._select_object(row.object_type, row.object_id, row.object_code)
            set_combo(self.season, row.season_id)
            self.external.setText(row.external_id)
            self.kind.setEnabled(False)
            self.object.setEnabled(False)
            self.generic.setEnabled(False)
        else:
            otype, oid = preset or (None, None)
            if otype is not None:
                set_combo(self.kind, mapping_service.KIND_OF[otype])
            self._fill_objects()
            if otype is not None:
                self._select_object(otype, oid, "")
        self.external.setFocus()

    def _fill_objects(self, keep: bool = False) -> None:
        kind = combo_enum(self.kind, MappingKind)
        before = self.current_object() if keep else None
        self.generic.setVisible(kind is MappingKind.SEAT_CATEGORY)
        generic = kind is MappingKind.SEAT_CATEGORY and self.generic.isChecked()
        self.object.clear()
        self._choices = []
        for o in self.objects:
            if o.kind is kind:
                if generic:
                    self._choices.append((o.object_type, None, o.code))
                    self.object.addItem(o.code + " — " + self.tr("every configuration"), len(self._choices) - 1)
                else:
                    self._choices.append((o.object_type, o.object_id, o.code))
                    self.object.addItem(f"{o.reference} — {o.name} ({label(o.object_type)})",
                                        len(self._choices) - 1)
        if before is not None:
            self._select_object(before[0], None if generic else before[1], before[2])

    def current_object(self):
        i = self.object.currentData()
        return self._choices[i] if i is not None and 0 <= i < len(self._choices) else None

    def _select_object(self, otype, oid, code) -> None:
        for i, (t, item_id, item_code) in enumerate(self._choices):
            if t is otype and (item_id == oid if oid is not None else (item_id is None and item_code == code)):
                self.object.setCurrentIndex(self.object.findData(i))
                return

    def save(self) -> None:
        data = self.current_object()
        if data is None:
            self.form.show_errors({"object": self.tr("choose the local object")})
            return
        otype, oid, code = data
        code = code if oid is None else ""
        inp = mapping_service.MappingInput(otype, oid, self.external.text(), self.season.currentData(), code,
                                           self.row.id if self.row else None)
        page = self.page

        def ok(saved):
            self.saved_row = saved
            self.accept()

        save_with(self.form, lambda: mapping_service.save_mapping(page.db, page.actor, self.interface_id, inp),
                  ok, self.tr("Mapping"), {"season": "season"})
