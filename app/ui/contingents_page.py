"""Contingents: the list (NOM INTERNE, CODE, TYPE, EXCLUSIF, COULEUR, with the colour shown)
and the editor with every field of docs/domain.md."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import ChannelKind, ContingentType
from app.services.setup import channels as channel_service
from app.services.setup import contingents as service
from app.ui.setup_widgets import (
    button_row,
    column,
    CheckList,
    ColorField,
    add_enum_items,
    combo_enum,
    Form,
    StyledRowsModel,
    confirm,
    editor_box,
    heading,
    label,
    save_with,
    select_where,
    selected_row,
    set_combo,
    side_by_side,
    table_view,
    yes_no,
)
from app.ui.tasks import tasks
from app.ui.widgets import Column, show_error


class ContingentsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.current: service.ContingentData | None = None
        self._channels: list[channel_service.ChannelData] = []
        self._pending_select: int | None = None

        # Column titles: the seed's NOM INTERNE, CODE, TYPE, EXCLUSIF, COULEUR.
        self.model = StyledRowsModel([
            Column(self.tr("Internal name"), lambda r: r.name_fr),
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Type"), lambda r: label(r.type)),
            Column(self.tr("Exclusive"), lambda r: yes_no(r.exclusive)),
            Column(self.tr("Colour"), lambda r: r.fill_color, background=lambda r: r.fill_color),
        ], self, foreground={4: lambda r: r.text_color})
        self.table = table_view(self.model, "contingentsTable")
        self.new_button = QPushButton(self.tr("New"), objectName="newContingent")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteContingent")
        left = column(heading(self.tr("Contingents")), self.table,
                      button_row(self.new_button, self.delete_button, None), stretch=1)

        f = self.form = Form()
        self.name_fr = f.add("name_fr", self.tr("Internal name (FR)"), QLineEdit(objectName="nameFr"))
        self.name_en = f.add("name_en", self.tr("Internal name (EN)"), QLineEdit(objectName="nameEn"))
        self.name_es = f.add("name_es", self.tr("Internal name (ES)"), QLineEdit(objectName="nameEs"))
        self.code = f.add("code", self.tr("Code"), QLineEdit(objectName="code"))
        self.status = f.add("visible", self.tr("Status"), QComboBox(objectName="status"))
        self.status.addItem(self.tr("Visible"), True)
        self.status.addItem(self.tr("Hidden"), False)
        self.fill = f.add("fill_color", self.tr("Colour"), ColorField("fillColor"))
        self.text_color = f.add("text_color", self.tr("Text colour"), ColorField("textColor"))
        self.preview = QLabel(self.tr("Preview"), objectName="colourPreview")
        self.preview.setMinimumHeight(26)
        f.add_row("", self.preview)
        self.exclusive = f.add("exclusive", self.tr("Exclusive"), QCheckBox(objectName="exclusive"))
        self.entries = f.add("entries_exits", self.tr("Entries/exits"), QSpinBox(objectName="entriesExits"))
        self.entries.setRange(0, 99)
        self.type = f.add("type", self.tr("Type"), QComboBox(objectName="type"))
        add_enum_items(self.type, ContingentType)
        self.target = f.add("target_channel", self.tr("Target: external channel"), QComboBox(objectName="target"))
        self.all_internal = f.add("all_internal", self.tr("Channels"),
                                  QCheckBox(self.tr("All internal channels"), objectName="allInternal"))
        self.channels = f.add("channels", self.tr("Allowed channels"), CheckList(objectName="channels"))
        self.channels.setMaximumHeight(130)
        f.finish()
        self.save_button = QPushButton(self.tr("Save"), objectName="saveContingent")
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancelContingent")
        self.editor = editor_box(self.tr("Contingent"), "contingentEditor", f, self.cancel_button, self.save_button)
        split = side_by_side(left, self.editor, (520, 480))
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_select())
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(lambda: self.edit(self.current))
        self.type.currentIndexChanged.connect(self._sync_enabled)
        self.all_internal.toggled.connect(self._sync_enabled)
        self.fill.changed.connect(self._preview)
        self.text_color.changed.connect(self._preview)
        for w in (self.new_button, self.delete_button, self.save_button):
            w.setEnabled(actor.is_manager)
        self.reload()

    # --- data ---
    def reload(self, select_id: int | None = None) -> None:
        self._pending_select = select_id if select_id is not None else (self.current.id if self.current else None)

        def load():
            return service.list_contingents(self.db), channel_service.list_channels(self.db)

        tasks().run(load, self._loaded, lambda e: show_error(self, self.tr("Contingents"), e))

    def _loaded(self, data) -> None:
        rows, self._channels = data
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("(none)"), None)
        for ch in self._channels:
            if ch.kind is ChannelKind.EXTERNAL:
                self.target.addItem(f"{ch.name_fr} ({ch.code})", ch.id)
        self.target.blockSignals(False)
        self.channels.set_items([(ch.id, f"{ch.name_fr} ({ch.code}, {label(ch.kind)})") for ch in self._channels])
        self.model.set_rows(rows)
        if not (self._pending_select and select_where(self.table, lambda r: r.id == self._pending_select)):
            if rows and self.current is None:
                self.table.selectRow(0)
            elif self.current is None:
                self.new()

    def _on_select(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.edit(row)

    def edit(self, c: service.ContingentData | None) -> None:
        self.current = c
        self.form.clear_errors()
        c = c or service.ContingentData(None, "", "")
        self.editor.setTitle(self.tr("Contingent %1").replace("%1", c.code) if c.id else self.tr("New contingent"))
        self.name_fr.setText(c.name_fr)
        self.name_en.setText(c.name_en)
        self.name_es.setText(c.name_es)
        self.code.setText(c.code)
        set_combo(self.status, c.visible)
        self.fill.setText(c.fill_color)
        self.text_color.setText(c.text_color)
        self.exclusive.setChecked(c.exclusive)
        self.entries.setValue(c.entries_exits)
        set_combo(self.type, c.type)
        set_combo(self.target, c.target_channel_id)
        self.all_internal.setChecked(c.all_internal_channels)
        self.channels.set_checked(c.channel_ids)
        self._sync_enabled()
        self._preview()

    def new(self, target_channel_id: int | None = None) -> None:
        self.table.clearSelection()
        data = service.ContingentData(None, "", "")
        if target_channel_id:
            ch = next((c for c in self._channels if c.id == target_channel_id), None)
            data = replace(data, type=ContingentType.EXTERNAL, target_channel_id=target_channel_id,
                           all_internal_channels=False, code=ch.code if ch else "", name_fr=ch.name_fr if ch else "")
        self.edit(data)
        self.current = None
        self.name_fr.setFocus()

    def focus_on(self, channel_id: int | None = None, new_for_channel: int | None = None, **_):
        """Opened from the pre-flight check: start an external contingent for that channel."""
        if new_for_channel:
            self.new(new_for_channel)

    def collect(self) -> service.ContingentData:
        return service.ContingentData(
            self.current.id if self.current else None, self.code.text(), self.name_fr.text(), self.name_en.text(),
            self.name_es.text(), bool(self.status.currentData()), self.fill.text(), self.text_color.text(),
            self.exclusive.isChecked(), self.entries.value(), combo_enum(self.type, ContingentType), self.target.currentData(),
            self.all_internal.isChecked(), self.channels.checked_ids(),
        )

    def save(self) -> None:
        data = self.collect()

        def ok(saved):
            self.current = saved
            self.reload(saved.id)

        save_with(self.form, lambda: service.save_contingent(self.db, self.actor, data), ok, self.tr("Contingents"),
                  {"channels": "channels", "target_channel": "target_channel"})

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        if not confirm(self, self.tr("Delete contingent"),
                       self.tr("Delete contingent %1?").replace("%1", f"{row.name_fr} ({row.code})")):
            return

        def ok(_):
            self.current = None
            self.reload()

        tasks().run(lambda: service.delete_contingent(self.db, self.actor, row.id), ok,
                    lambda e: show_error(self, self.tr("Delete contingent"), e))

    # --- view ---
    def _sync_enabled(self) -> None:
        external = combo_enum(self.type, ContingentType) is ContingentType.EXTERNAL
        self.target.setEnabled(external)
        self.all_internal.setEnabled(not external)
        self.channels.setEnabled(not external and not self.all_internal.isChecked())

    def _preview(self, *_):
        fill, text = self.fill.text(), self.text_color.text()
        name = self.name_fr.text() or self.tr("Preview")
        self.preview.setText(f" {name} ")
        self.preview.setStyleSheet(f"background: {fill}; color: {text}; padding: 3px; border: 1px solid #888")
