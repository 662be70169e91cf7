"""Activity profiles ("Profils activité"): the list (NOM INTERNE, CODE, ÉTAT, TOUS
ÉVÉNEMENTS, TOUS TYPES TARIF), new / delete / duplicate / copy from another season, and the
editor that picks events and tariffs."""

from __future__ import annotations


from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import ProfileState
from app.services.setup import activity_profiles as service
from app.services.setup import channels as channel_service
from app.ui.setup_widgets import (
    button_row,
    column,
    CheckList,
    Form,
    add_enum_items,
    combo_enum,
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
from app.ui.widgets import Column, RowsModel, show_error


class CopySeasonDialog(QDialog):
    """Pick the season to copy profiles from, and the one to copy them to."""

    def __init__(self, seasons: list[service.Choice], target_id: int | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Copy profiles from another season"))
        self.source = QComboBox(objectName="sourceSeason")
        self.target = QComboBox(objectName="targetSeason")
        for s in seasons:
            self.source.addItem(f"{s.code} — {s.name}", s.id)
            self.target.addItem(f"{s.code} — {s.name}", s.id)
        set_combo(self.target, target_id)
        other = next((s.id for s in seasons if s.id != target_id), None)
        set_combo(self.source, other)
        form = QFormLayout()
        form.addRow(self.tr("Copy the profiles of season"), self.source)
        form.addRow(self.tr("Into season"), self.target)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("Copies are drafts: validate them after review. Events are matched by code.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


class ActivityProfilesPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.current: service.ProfileData | None = None
        self.seasons: list[service.Choice] = []
        self._pending: dict = {}

        self.season_filter = QComboBox(objectName="seasonFilter")
        # Columns: NOM INTERNE, CODE, ÉTAT, TOUS ÉVÉNEMENTS, TOUS TYPES TARIF (+ the channel).
        self.model = RowsModel([
            Column(self.tr("Internal name"), lambda r: r.name_fr),
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("State"), lambda r: label(r.state)),
            Column(self.tr("All events"), lambda r: yes_no(r.all_events)),
            Column(self.tr("All tariff types"), lambda r: yes_no(r.all_tariffs)),
            Column(self.tr("Channel"), lambda r: r.channel_code),
            Column(self.tr("Season"), lambda r: r.season_code),
        ], self)
        self.table = table_view(self.model, "profilesTable")
        self.new_button = QPushButton(self.tr("New"), objectName="newProfile")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteProfile")
        self.duplicate_button = QPushButton(self.tr("Duplicate"), objectName="duplicateProfile")
        self.copy_button = QPushButton(self.tr("Copy from another season…"), objectName="copySeason")
        left = column(button_row(QLabel(self.tr("Season")), self.season_filter, None), self.table,
                      button_row(self.new_button, self.delete_button, self.duplicate_button, self.copy_button, None),
                      stretch=1)

        f = self.form = Form()
        self.season = f.add("season", self.tr("Season"), QComboBox(objectName="season"))
        self.channel = f.add("channel", self.tr("Sales channel"), QComboBox(objectName="channel"))
        self.code = f.add("code", self.tr("Code"), QLineEdit(objectName="code"))
        self.name_fr = f.add("name_fr", self.tr("Internal name (FR)"), QLineEdit(objectName="nameFr"))
        self.name_en = f.add("name_en", self.tr("Internal name (EN)"), QLineEdit(objectName="nameEn"))
        self.name_es = f.add("name_es", self.tr("Internal name (ES)"), QLineEdit(objectName="nameEs"))
        self.state = f.add("state", self.tr("State"), QComboBox(objectName="state"))
        add_enum_items(self.state, ProfileState)
        self.all_events = f.add("all_events", self.tr("Events"), QCheckBox(self.tr("All events"),
                                                                          objectName="allEvents"))
        self.events = f.add("events", "", CheckList(objectName="events"))
        self.all_tariffs = f.add("all_tariffs", self.tr("Tariffs"), QCheckBox(self.tr("All tariff types"),
                                                                             objectName="allTariffs"))
        self.tariffs = f.add("tariffs", "", CheckList(objectName="tariffs"))
        self.events.setMaximumHeight(140)
        self.tariffs.setMaximumHeight(100)
        f.finish()
        self.save_button = QPushButton(self.tr("Save"), objectName="saveProfile")
        self.editor = editor_box(self.tr("Activity profile"), "profileEditor", f, self.save_button)
        split = side_by_side(left, self.editor, (600, 440))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Activity profiles")))
        lay.addWidget(split, 1)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_select())
        self.season_filter.currentIndexChanged.connect(lambda *_: self.reload())
        self.season.currentIndexChanged.connect(lambda *_: self._load_choices())
        self.all_events.toggled.connect(lambda on: self.events.setEnabled(not on))
        self.all_tariffs.toggled.connect(lambda on: self.tariffs.setEnabled(not on))
        self.new_button.clicked.connect(lambda: self.new())
        self.delete_button.clicked.connect(self.delete)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.copy_button.clicked.connect(self.copy_from_season)
        self.save_button.clicked.connect(self.save)
        for w in (self.new_button, self.delete_button, self.duplicate_button, self.copy_button, self.save_button):
            w.setEnabled(actor.is_manager)
        self.ask_copy = self._ask_copy
        self._start()

    def _fail(self, exc) -> None:
        show_error(self, self.tr("Activity profiles"), exc)

    def _start(self, season_id: int | None = None) -> None:
        def load():
            return service.list_seasons(self.db), channel_service.list_channels(self.db)

        def done(data):
            self.seasons, chans = data
            for combo in (self.season_filter, self.season):
                combo.blockSignals(True)
                combo.clear()
            self.season_filter.addItem(self.tr("All seasons"), None)
            for s in self.seasons:
                self.season_filter.addItem(f"{s.code} — {s.name}", s.id)
                self.season.addItem(f"{s.code} — {s.name}", s.id)
            if season_id is not None:
                set_combo(self.season_filter, season_id)
            elif self.seasons:
                self.season_filter.setCurrentIndex(len(self.seasons))  # the latest season
            for combo in (self.season_filter, self.season):
                combo.blockSignals(False)
            self.channel.clear()
            for ch in chans:
                self.channel.addItem(f"{ch.name_fr} ({ch.code})", ch.id)
            self.reload()

        tasks().run(load, done, self._fail)

    def reload(self, select_id: int | None = None) -> None:
        season_id = self.season_filter.currentData()
        select_id = select_id or (self.current.id if self.current else None)

        def done(rows):
            self.model.set_rows(rows)
            if self._pending:
                hints, self._pending = self._pending, {}
                self.focus_on(**hints)
            elif not (select_id and select_where(self.table, lambda r: r.id == select_id)):
                if rows:
                    self.table.selectRow(0)
                else:
                    self.new()

        tasks().run(lambda: service.list_profiles(self.db, season_id), done, self._fail)

    def focus_on(self, channel_id: int | None = None, season_id: int | None = None, **_):
        """Opened from the pre-flight check: the channel's profile, or a new one for it."""
        if not self.model.rows and not self.seasons:
            self._pending = {"channel_id": channel_id, "season_id": season_id}
            return
        if season_id is not None and self.season_filter.currentData() not in (None, season_id):
            self._pending = {"channel_id": channel_id, "season_id": season_id}
            set_combo(self.season_filter, season_id)
            return
        if channel_id and not select_where(self.table, lambda r: r.channel_id == channel_id):
            self.new(channel_id=channel_id)

    def _on_select(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.edit(row)

    def _load_choices(self, checked_products=(), checked_tariffs=()) -> None:
        season_id = self.season.currentData()

        def done(data):
            products, tariffs = data
            self.events.set_items([(p.id, f"{p.name} ({p.code})") for p in products], checked_products)
            self.tariffs.set_items([(t.id, f"{t.name} ({t.code})") for t in tariffs], checked_tariffs)

        tasks().run(lambda: service.events_and_tariffs(self.db, season_id), done, self._fail)

    def edit(self, p: service.ProfileData | None) -> None:
        self.current = p if p is not None and p.id else None
        self.form.clear_errors()
        p = p or service.ProfileData(None, self.season_filter.currentData(), None, "", "")
        self.editor.setTitle(self.tr("Activity profile %1").replace("%1", p.code) if p.id
                             else self.tr("New activity profile"))
        self.season.blockSignals(True)
        set_combo(self.season, p.season_id)
        self.season.blockSignals(False)
        set_combo(self.channel, p.channel_id)
        self.code.setText(p.code)
        self.name_fr.setText(p.name_fr)
        self.name_en.setText(p.name_en)
        self.name_es.setText(p.name_es)
        set_combo(self.state, p.state)
        self.all_events.setChecked(p.all_events)
        self.all_tariffs.setChecked(p.all_tariffs)
        self.events.setEnabled(not p.all_events)
        self.tariffs.setEnabled(not p.all_tariffs)
        self._load_choices(p.product_ids, p.tariff_ids)

    def new(self, channel_id: int | None = None) -> None:
        self.table.clearSelection()
        self.edit(service.ProfileData(None, self.season_filter.currentData() or self.season.currentData(),
                                      channel_id, "", ""))
        self.code.setFocus()

    def collect(self) -> service.ProfileData:
        return service.ProfileData(
            self.current.id if self.current else None, self.season.currentData(), self.channel.currentData(),
            self.code.text(), self.name_fr.text(), self.name_en.text(), self.name_es.text(),
            combo_enum(self.state, ProfileState), self.all_events.isChecked(), self.all_tariffs.isChecked(),
            self.events.checked_ids(), self.tariffs.checked_ids())

    def save(self) -> None:
        data = self.collect()

        def ok(saved):
            self.current = saved
            self.reload(saved.id)

        save_with(self.form, lambda: service.save_profile(self.db, self.actor, data), ok,
                  self.tr("Activity profiles"))

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is None or not confirm(self, self.tr("Delete activity profile"),
                                      self.tr("Delete activity profile %1?").replace("%1", row.code)):
            return

        def ok(_):
            self.current = None
            self.reload()

        tasks().run(lambda: service.delete_profile(self.db, self.actor, row.id), ok, self._fail)

    def duplicate(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return

        def ok(copy):
            self.current = copy
            self.reload(copy.id)

        tasks().run(lambda: service.duplicate_profile(self.db, self.actor, row.id), ok, self._fail)

    def _ask_copy(self) -> tuple[int, int] | None:
        dialog = CopySeasonDialog(self.seasons, self.season_filter.currentData(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.source.currentData(), dialog.target.currentData()

    def copy_from_season(self) -> None:
        answer = self.ask_copy()
        if not answer:
            return
        source, target = answer

        def ok(result: service.CopyResult):
            self.current = None
            self._start(target)  # the seasons may have changed since the screen opened
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Copy from another season"), result.message(),
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("copyResult")
            box.open()

        tasks().run(lambda: service.copy_from_season(self.db, self.actor, source, target), ok, self._fail)
