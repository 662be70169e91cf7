"""Distributor interfaces: "Liste des interfaces" (type "Ventes externes") with new /
delete / hide, and the editor with its tabs addressed by key: general (Général), mappings
(Correspondances), schedules (Programmations), executions (Exécutions), check (pre-flight)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import MappedObject, MappingKind
from app.services.setup import channels as channel_service
from app.services.setup import interfaces as service
from app.services.setup import mappings as mapping_service
from app.services.setup import preflight as preflight_service
from app.ui.setup_widgets import confirm, heading, label, open_screen, select_where, selected_row, table_view
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error

from .check_tab import PreflightTab
from .general_tab import GeneralTab
from .mappings_tab import MappingsTab



class InterfacesPage(QWidget):
    # The tabs that only make sense for a saved interface (disabled while a new one is edited).
    NEEDS_INTERFACE = ("mappings", "schedules", "check")
    open_requested = Signal(str, dict)  # page key, hints — when the fix lives on another screen

    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.type_filter = QComboBox(objectName="typeFilter")
        self.type_filter.addItem(self.tr("External sales"), service.INTERFACE_TYPE)  # "Ventes externes"
        self._held: dict[int, int] = {}  # held lines waiting for a fix, per interface
        self.show_hidden = QCheckBox(self.tr("Show hidden"), objectName="showHidden")
        self.model = RowsModel([
            Column(self.tr("Internal name"), lambda r: r.name_fr),
            Column(self.tr("Distributor"), lambda r: label(r.kind)),
            Column(self.tr("Channel"), lambda r: r.channel_code),
            Column(self.tr("Mappings"), lambda r: r.mappings, align_right=True),
            Column(self.tr("Held"), lambda r: self._held.get(r.id) or "", align_right=True,  # lignes retenues
                   background=lambda r: "#ffd966" if self._held.get(r.id) else None),
            Column(self.tr("Status"), lambda r: self.tr("Visible") if r.visible else self.tr("Hidden"),
                   background=lambda r: None if r.visible else "#e6e6e6"),
        ], self)
        self.table = table_view(self.model, "interfacesTable")
        self.new_button = QPushButton(self.tr("New"), objectName="newInterface")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteInterface")
        self.hide_button = QPushButton(self.tr("Hide"), objectName="hideInterface")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(heading(self.tr("Interfaces")))  # "Liste des interfaces"
        tl = QHBoxLayout()
        tl.addWidget(QLabel(self.tr("Type")))
        tl.addWidget(self.type_filter, 1)
        tl.addWidget(self.show_hidden)
        ll.addLayout(tl)
        ll.addWidget(self.table, 1)
        bl = QHBoxLayout()
        for b in (self.new_button, self.delete_button, self.hide_button):
            bl.addWidget(b)
        bl.addStretch(1)
        ll.addLayout(bl)

        self.title = QLabel(objectName="editorTitle")
        self.tabs = QTabWidget(objectName="interfaceTabs")
        self._tabs: dict[str, QWidget] = {}  # key → tab widget, in the order shown
        self.general = self._add_tab("general", GeneralTab(self), self.tr("General"))  # Général
        self.mappings = self._add_tab("mappings", MappingsTab(self), self.tr("Mappings"))  # Correspondances
        from app.ui.schedules.overview import SchedulesList

        self.schedules = self._add_tab("schedules", SchedulesList(db, actor, scoped=True, parent=self),
                                       self.tr("Schedules"))  # Programmations
        from app.ui.executions import ExecutionsView

        self.executions = self._add_tab("executions", ExecutionsView(db, actor, self, scoped=True),
                                        self.tr("Executions"))  # Exécutions
        self.check = self._add_tab("check", PreflightTab(self), self.tr("Pre-flight check"))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        from app.ui.sync_runs.buttons import RunButtons  # run by hand: export, reintegrate, counts, file

        self.run_buttons = RunButtons(db, actor, self)
        rl.addWidget(self.run_buttons)
        rl.addWidget(self.tabs, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        left.setMinimumWidth(300)
        split.setSizes([480, 760])
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_select())
        self.show_hidden.toggled.connect(lambda *_: self.reload())
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.general.saved.connect(lambda d: self.reload(d.id))
        self.mappings.changed.connect(lambda: self.reload())
        self.executions.held.changed.connect(lambda: self.reload())  # the held-lines count
        for w in (self.new_button, self.delete_button, self.hide_button):
            w.setEnabled(actor.is_manager)
        self._events = []
        self._selected_id: int | None = None
        self.start()

    def _fail(self, exc) -> None:
        show_error(self, self.tr("Interfaces"), exc)

    def start(self) -> None:
        def load():
            return (channel_service.list_channels(self.db), channel_service.list_contacts(self.db),
                    channel_service.list_points_of_sale(self.db),
                    [o for o in mapping_service.list_objects(self.db, MappingKind.PRODUCT)
                     if o.object_type is MappedObject.EVENT])

        def done(data):
            chans, contacts, pos, self._events = data
            self.general.set_choices(chans, contacts, pos)
            self.reload()

        tasks().run(load, done, self._fail)

    def reload(self, select_id: int | None = None) -> None:
        select_id = select_id or self._selected_id
        hidden = self.show_hidden.isChecked()

        def load():
            from app.services.sync.execution_history import held_counts

            return service.list_interfaces(self.db, include_hidden=hidden), held_counts(self.db)

        def done(data):
            rows, self._held = data
            self.model.set_rows(rows)
            if not (select_id and select_where(self.table, lambda r: r.id == select_id)):
                if rows:
                    self.table.selectRow(0)
                else:
                    self.edit(None)

        tasks().run(load, done, self._fail)

    def _on_select(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.edit(row)

    def edit(self, d: service.InterfaceData | None) -> None:
        changed = (d.id if d else None) != self._selected_id
        self._selected_id = d.id if d else None
        self.title.setText(f"<h3>{d.name_fr}</h3>" if d else "<h3>" + self.tr("New interface") + "</h3>")
        self.general.edit(d)
        self.run_buttons.set_interface(d, [(r.id, r.name_fr) for r in self.model.rows])
        self.hide_button.setText(self.tr("Show") if d and not d.visible else self.tr("Hide"))
        if changed or d is None:
            self.mappings.set_interface(d.id if d else None)
            self.check.set_interface(d.id if d else None, self._events)
            self.schedules.set_interface(d.id if d else None)
            self.executions.set_interface(d.id if d else None)
        for key in self.NEEDS_INTERFACE:
            self.set_tab_enabled(key, d is not None)

    def new(self) -> None:
        self.table.clearSelection()
        self.edit(None)
        self.show_tab("general")
        self.general.name_fr.setFocus()

    def _add_tab(self, key: str, widget: QWidget, title: str) -> QWidget:
        self._tabs[key] = widget
        self.tabs.addTab(widget, title)
        return widget

    def tab(self, key: str) -> QWidget:
        """The tab widget of `key` (general, mappings, schedules, executions, check)."""
        try:
            return self._tabs[key]
        except KeyError:
            raise KeyError(f"no tab {key!r} in the interface editor; tabs: {', '.join(self._tabs)}") from None

    def tab_keys(self) -> list[str]:
        return list(self._tabs)

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.tab(key))

    def set_tab_enabled(self, key: str, on: bool) -> None:
        self.tabs.setTabEnabled(self.tabs.indexOf(self.tab(key)), on)

    def is_tab_enabled(self, key: str) -> bool:
        return self.tabs.isTabEnabled(self.tabs.indexOf(self.tab(key)))

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return

        def with_usage(usage):
            used = {k: n for k, n in usage.items() if n}
            if used:
                what = ", ".join(f"{n} {k}" for k, n in used.items())
                if not confirm(self, self.tr("Delete interface"),
                               self.tr("%1 has %2. Deleting it would destroy that history: hide it instead?")
                               .replace("%1", row.name_fr).replace("%2", what)):
                    return
                hide = True
            else:
                if not confirm(self, self.tr("Delete interface"),
                               self.tr("Delete interface %1 and its stored password?").replace("%1", row.name_fr)):
                    return
                hide = False

            def ok(_outcome):
                if _outcome == "deleted":
                    self._selected_id = None
                self.reload()

            tasks().run(lambda: service.delete_interface(self.db, self.actor, row.id, hide_if_used=hide), ok,
                        self._fail)

        tasks().run(lambda: service.interface_usage(self.db, row.id), with_usage, self._fail)

    def toggle_hidden(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        if row.visible and not self.show_hidden.isChecked():
            self.show_hidden.setChecked(True)
        tasks().run(lambda: service.set_visible(self.db, self.actor, row.id, not row.visible),
                    lambda _: self.reload(row.id), self._fail)

    def focus_on(self, interface_id: int | None = None, tab: str | None = None, **_):
        if interface_id:
            select_where(self.table, lambda r: r.id == interface_id)
        if tab:
            self.show_tab(tab)

    def fix(self, item: preflight_service.PreflightItem) -> None:
        """Open where the pre-flight item is fixed."""
        if item.screen == preflight_service.SCREEN_INTERFACES and item.tab == preflight_service.TAB_MAPPINGS:
            self.show_tab("mappings")
            self.mappings.open_editor(preset=(item.object_type, item.object_id))
            return
        if item.screen == preflight_service.SCREEN_INTERFACES:
            self.show_tab("general")
            widget = self.general.form.fields.get(item.field)
            if widget is not None:
                self.general.form.show_errors({item.field: item.message})
            return
        hints = {"channel_id": item.channel_id, "season_id": item.season_id}
        if item.screen == preflight_service.SCREEN_CONTINGENTS:
            hints["new_for_channel"] = item.channel_id
        self.open_requested.emit(item.screen, hints)
        open_screen(self, item.screen, **hints)
