"""The main window: navigation on the left, the current screen, database and operator
in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
)

from app import __version__
from app.db.engine import Database
from app.domain.actors import Actor
from app.ui import settings
from app.ui.pages import Page, pages


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        # The application display name adds " — Guichet" itself.
        self.setWindowTitle(self.tr("Box office"))
        self.resize(1280, 800)
        self._pages: dict[str, Page] = {}
        self._widgets: dict[str, object] = {}

        self.nav = QTreeWidget(objectName="navigation")
        self.nav.setHeaderHidden(True)
        self.stack = QStackedWidget(objectName="pages")
        sections: dict[str, QTreeWidgetItem] = {}
        for page in pages():
            self._pages[page.key] = page
            parent_item = sections.get(page.section)
            if parent_item is None:
                parent_item = sections[page.section] = QTreeWidgetItem(self.nav, [page.section])
                parent_item.setFlags(parent_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                parent_item.setExpanded(True)
            item = QTreeWidgetItem(parent_item, [page.title])
            item.setData(0, Qt.ItemDataRole.UserRole, page.key)
        self.nav.expandAll()
        self.nav.currentItemChanged.connect(self._on_nav)

        split = QSplitter()
        split.addWidget(self.nav)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([230, 1050])
        self.setCentralWidget(split)

        self.db_label = QLabel(objectName="databaseLabel")
        self.db_label.setText(self.tr("Database: %1").replace("%1", db.url))
        self.operator_label = QLabel(objectName="operatorLabel")
        self._show_operator()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.operator_label)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        lock_action = QAction(self.tr("&Lock the till"), self, objectName="lockAction")
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        lock_action.triggered.connect(lambda: self.idle_lock.lock())
        import_action = QAction(self.tr("&Import a sales file…"), self, objectName="importSalesAction")
        import_action.triggered.connect(self.import_sales_file)
        file_menu.addAction(import_action)
        file_menu.addAction(lock_action)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))  # fr: "Affichage"
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        chosen = settings.LANGUAGE.get() or ""
        # Each language in its own words, whatever the current one.
        for code, text in (("fr", "Français"), ("en", "English"), ("", self.tr("System language"))):
            action = QAction(text, group, checkable=True, objectName=f"language_{code or 'system'}")
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))  # fr: "Outils"
        settings_action = QAction(self.tr("&Settings…"), self, objectName="settingsAction")  # fr: "Paramètres…"
        settings_action.triggered.connect(self.open_settings)
        tools_menu.addAction(settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Guichet"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        from app.ui.change_watcher import watcher_for
        from app.ui.idle_lock import IdleLock

        watcher_for(db).start()  # other workstations' changes, for every screen; stopped in closeEvent

        self.idle_lock = IdleLock(self)
        self.show_page("counters")

    def _show_operator(self) -> None:
        role = (self.tr("manager") if self.actor.is_manager else self.tr("auditor (read-only)") if self.actor.is_auditor
                else self.tr("cashier"))
        self.operator_label.setText(f"{self.actor.display_name} ({role})")

    def set_actor(self, actor: Actor) -> None:
        """Another operator signed in at the lock: the screens are built again with their rights."""
        _close_seat_plans()
        self.actor = actor
        for widget in self._widgets.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._widgets.clear()
        self._show_operator()
        self.show_page("counters")

    def show_page(self, key: str):
        widget = self._widgets.get(key)
        if widget is None:
            widget = self._pages[key].factory(self.db, self.actor)
            widget.setObjectName(f"page_{key}")
            self._widgets[key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        item = self._find_item(key)
        if item is not None and self.nav.currentItem() is not item:
            self.nav.setCurrentItem(item)
        return widget

    def _find_item(self, key: str):
        for i in range(self.nav.topLevelItemCount()):
            top = self.nav.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, Qt.ItemDataRole.UserRole) == key:
                    return top.child(j)
        return None

    def _on_nav(self, current, _previous) -> None:
        key = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        if key:
            self.show_page(key)

    def set_language(self, code: str) -> None:
        """Remember the language for the next start; the open screens keep theirs."""
        settings.LANGUAGE.set(code)
        self.language_actions[code].setChecked(True)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Language"),
                          self.tr("The new language applies the next time Guichet starts."),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("languageDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.language_box = box

    def import_sales_file(self) -> None:
        """File ▸ Import a sales file: the preview and reintegration dialog, any interface."""
        from app.services.setup.interfaces import list_interfaces
        from app.ui.sync_runs.file_import import FileImportDialog
        from app.ui.tasks import tasks

        def show(rows):
            self.file_import = FileImportDialog(self.db, self.actor, [(r.id, r.name_fr) for r in rows], parent=self)
            self.file_import.show()

        tasks().run(lambda: list_interfaces(self.db), show)

    def open_settings(self):
        """Tools > Settings: this workstation's and the venue's settings."""
        from app.ui.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.db, self.actor, parent=self)
        self.settings_dialog.open()
        return self.settings_dialog

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Guichet"),
                          self.tr("Guichet %1 — box office for venues selling through distributors.")
                          .replace("%1", __version__))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        from app.ui.tasks import tasks

        from app.ui.change_watcher import watcher_for

        _close_seat_plans()  # File > Quit leaves no plan window (and no process) behind
        watcher_for(self.db).stop()
        tasks().shutdown()
        super().closeEvent(event)


def _close_seat_plans() -> None:
    from PySide6.QtWidgets import QApplication

    for w in QApplication.topLevelWidgets():
        if w.objectName() == "seatPlanWindow":
            w.close()
