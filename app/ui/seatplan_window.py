"""The seat plan window of one performance: allocation ("Cont :", assign, remove, block,
unblock, undo/redo), sale mode ("Vente"), counters, legend, execution status.

Helpers: `seatplan_history.EditHistory` (undo/redo), `seatplan_export.ExportController`
(the "export now?" question, the exports and the guided two-step move), and the shared
`change_watcher.ChangeWatcher` (other workstations' changes)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.selection import SeatSelection
from app.seatplan.model import ADD, FREE, REPLACE, PlanModel
from app.seatplan.scene import SeatPlanScene, legend_icon
from app.seatplan.view import SeatPlanView
from app.services.inventory.seatplan_data import PlanData
from app.ui import settings
from app.ui.change_watcher import ChangeWatcher, watcher_for
from app.ui.seatplan_export import TWO_STEP_MARK, ExportController
from app.ui.seatplan_history import EditHistory
from app.ui.seatplan_panels import CountersPanel, ExecutionsPanel, Legend, SalePanel
from app.ui.seatplan_tooltip import seat_tooltip
from app.ui.tasks import tasks
from app.ui.widgets import show_error
from app.i18n import amount


def window_title(plan: PlanData) -> str:
    # Seed wording (fr): "Séance : %1 > %2"
    return QCoreApplication.translate("SeatPlanWindow", "Performance: %1 > %2").replace(
        "%1", plan.event_name).replace("%2", f"{plan.starts_at:%d.%m.%Y %H:%M}")


class SeatPlanWindow(QMainWindow):
    loaded = Signal()
    edited = Signal(object)  # EditResult
    sold = Signal(object)  # SaleResult
    exportsQueued = Signal(object)  # list[QueuedExport] (relayed from the export controller)
    exportFinished = Signal(object)  # RunResult, or the exception
    movedInTwoSteps = Signal(object)  # MoveResult of the guided move, or the exception
    statesRefreshed = Signal()

    def __init__(self, db: Database, actor: Actor, performance_id: int, *, plan: PlanData | None = None,
                 ask: Callable[[str], bool] | None = None, point_of_sale: str | None = None,
                 poll_ms: int | None = None, run_queued: bool = True,
                 ask_move: Callable[[str], bool] | None = None, watcher: ChangeWatcher | None = None,
                 parent=None):
        super().__init__(parent)
        self.db, self.actor, self.performance_id = db, actor, performance_id
        self.exports = ExportController(self, ask=ask, ask_move=ask_move, run_queued=run_queued)
        self.exports.exportsQueued.connect(self.exportsQueued)
        self.exports.exportFinished.connect(self.exportFinished)
        self.exports.movedInTwoSteps.connect(self.movedInTwoSteps)
        self.history = EditHistory()
        # Other workstations' changes: the process's watcher of this database, or the one
        # given; `poll_ms` (tests, benchmarks) gives this window a watcher of its own.
        self.watcher = watcher or (ChangeWatcher(db, poll_ms, parent=self) if poll_ms else watcher_for(db))
        if poll_ms and watcher is None:
            self.watcher.start()
        self.point_of_sale = point_of_sale or settings.POINT_OF_SALE.get()
        self.setObjectName("seatPlanWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1400, 900)
        self.model: PlanModel | None = None
        self.view: SeatPlanView | None = None
        self._busy = False
        self._revision: int | None = None
        self._latest_seen = 0  # the highest revision the watcher reported
        self._watching = False
        self.status_label = QLabel(objectName="selectionLabel")
        self.statusBar().addPermanentWidget(self.status_label)
        self.setCentralWidget(QLabel(self.tr("Loading the seat plan…"), alignment=Qt.AlignmentFlag.AlignCenter))
        self.watcher.changed.connect(self._revision_seen)
        if plan is not None:
            self._build(plan)
        else:
            self.reload()

    # --- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        from app.services.inventory.seatplan_data import load_plan

        from app.services.inventory.payment import workstation_point_of_sale

        db, perf, pos = self.db, self.performance_id, self.point_of_sale

        def load():  # no point of sale given: this workstation's
            code = pos or workstation_point_of_sale(db) or ""
            return code, load_plan(db, perf, code or None)

        def loaded(result):
            self.point_of_sale = result[0]
            self._build(result[1])

        tasks().run(load, loaded, lambda e: show_error(self, self.tr("Seat plan"), e))

    def _build(self, plan: PlanData) -> None:
        self.plan = plan
        self._revision = plan.states.revision
        self.setWindowTitle(window_title(plan))
        self.model = PlanModel(plan, self)
        self.scene = SeatPlanScene(self.model, self)
        self.view = SeatPlanView(self.scene)
        self.view.tooltip_text = self.seat_tooltip
        self.setCentralWidget(self.view)
        self.model.selectionChanged.connect(self._selection_changed)
        self.view.seatDoubleClicked.connect(lambda i: self.model.select(self.model.row_of(i), ADD))
        self.view.contextRequested.connect(self._context_menu)
        self._make_toolbar()
        self._make_docks()
        self._selection_changed(0)
        self._set_mode(not self.actor.is_manager)
        QTimer.singleShot(0, self.view.fit)
        self.counters.refresh()
        self.executions.refresh()
        if not self._watching:
            self._watching = True
            self.watcher.watch(self.performance_id)
        self.loaded.emit()

    def _make_toolbar(self) -> None:
        tb = self.addToolBar(self.tr("Seat plan"))
        tb.setObjectName("seatPlanToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        group = QActionGroup(self)
        self.act_alloc = QAction(self.tr("Allocation"), group, checkable=True, objectName="modeAllocation")
        self.act_sale = QAction(self.tr("Sale"), group, checkable=True, objectName="modeSale")  # fr: "Vente"
        self.act_alloc.setEnabled(self.actor.is_manager)
        self.act_alloc.triggered.connect(lambda: self._set_mode(False))
        self.act_sale.triggered.connect(lambda: self._set_mode(True))
        tb.addAction(self.act_alloc)
        tb.addAction(self.act_sale)
        self.act_orders = tb.addAction(self.tr("Orders…"), self.open_orders)
        self.act_orders.setObjectName("openOrders")
        tb.addSeparator()
        self.cont_label = QLabel(self.tr("Cont:") + " ")
        self.cont_label_action = tb.addWidget(self.cont_label)  # a toolbar hides its widgets by their action
        self.contingent = QComboBox(objectName="currentContingent")
        for c in self.plan.contingents.values():
            self.contingent.addItem(legend_icon(FREE, c.fill_color), f"{c.name} ({c.code})", c.code)
        self.contingent.setMinimumContentsLength(18)
        self.cont_action = tb.addWidget(self.contingent)

        def act(text, name, slot, shortcut=None, tip=None):
            a = QAction(text, self, objectName=name)
            if shortcut:
                a.setShortcut(shortcut)
            if tip:
                a.setToolTip(tip)
            a.triggered.connect(slot)
            tb.addAction(a)
            return a

        self.act_assign = act(self.tr("Assign"), "assignAction", lambda: self.edit("assign"), "Ctrl+Return",
                              self.tr("Put the selected seats in the current contingent"))
        self.act_unassign = act(self.tr("Remove from contingent"), "unassignAction", lambda: self.edit("unassign"))
        self.act_block = act(self.tr("Block"), "blockAction", lambda: self.edit("block"))
        self.act_unblock = act(self.tr("Unblock"), "unblockAction", lambda: self.edit("unblock"))
        tb.addSeparator()
        self.act_undo = act(self.tr("Undo"), "undoAction", self.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = act(self.tr("Redo"), "redoAction", self.redo, QKeySequence("Ctrl+Y"))
        redo_keys = [QKeySequence("Ctrl+Y")]
        redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys]
        self.act_redo.setShortcuts(redo_keys)
        tb.addSeparator()
        select_button = QToolButton(objectName="selectMenuButton")
        select_button.setText(self.tr("Select"))
        select_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(select_button)
        clear = QAction(self.tr("Clear selection"), self, objectName="clearSelectionAction")
        clear.setShortcut(QKeySequence("Esc"))
        clear.triggered.connect(self.model.clear_selection)
        self.addAction(clear)
        menu.addAction(clear)
        cats = menu.addMenu(self.tr("All seats of a category"))
        for c in sorted(self.plan.categories.values(), key=lambda c: c.code):
            cats.addAction(c.name, (lambda cid: lambda: self.model.select(self.model.with_category(cid), REPLACE))(c.id))
        self.contingents_menu = menu.addMenu(self.tr("All seats of a contingent"))
        self.contingents_menu.aboutToShow.connect(self._fill_contingent_menu)
        select_button.setMenu(menu)
        tb.addWidget(select_button)
        tb.addSeparator()
        act(self.tr("Fit"), "fitAction", lambda: self.view.fit(), "Ctrl+0")
        act(self.tr("Zoom in"), "zoomInAction", lambda: self.view.zoom_by(1.25), QKeySequence.StandardKey.ZoomIn)
        act(self.tr("Zoom out"), "zoomOutAction", lambda: self.view.zoom_by(0.8), QKeySequence.StandardKey.ZoomOut)
        tb.addSeparator()
        self.act_export = act(self.tr("Export contingents"), "exportAction", self.exports.export_pending,
                              tip=self.tr("Queue an allotment export for the distributors whose seats changed"))
        self.act_export.setEnabled(self.actor.is_manager)
        self._update_undo()

    def _fill_contingent_menu(self) -> None:
        self.contingents_menu.clear()
        present = set(self.plan.states.contingent)
        for c in self.plan.contingents.values():
            if c.id in present:
                self.contingents_menu.addAction(
                    legend_icon(FREE, c.fill_color), f"{c.name} ({c.code})",
                    (lambda cid: lambda: self.model.select(self.model.with_contingent(cid), REPLACE))(c.id))
        if 0 in present:
            self.contingents_menu.addAction(self.tr("No contingent"),
                                            lambda: self.model.select(self.model.with_contingent(0), REPLACE))

    def _make_docks(self) -> None:
        self.counters = CountersPanel(self.db, self.performance_id, self.plan, self)
        self.legend = Legend(self.plan, self)
        side = QWidget()
        lay = QVBoxLayout(side)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.counters, 3)
        lay.addWidget(QLabel("<b>" + self.tr("Legend") + "</b>"))
        lay.addWidget(self.legend, 2)
        dock = QDockWidget(self.tr("Counters"), self, objectName="countersDock")
        dock.setWidget(side)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.sale = SalePanel(self.plan, self)
        self.sale.sellRequested.connect(self.sell)
        self.sale_dock = QDockWidget(self.tr("Sale"), self, objectName="saleDock")
        self.sale_dock.setWidget(self.sale)
        self.sale_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.sale_dock)
        self.executions = ExecutionsPanel(self.db, self.performance_id, parent=self)
        self.exports.executionsChanged.connect(self.executions.refresh)
        self.executions.backlogChanged.connect(self.exports.set_backlog)
        # fr: "Statut des exécutions"
        self.exec_dock = QDockWidget(self.tr("Execution status"), self, objectName="executionsDock")
        self.exec_dock.setWidget(self.executions)
        self.exec_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                   | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.exec_dock)
        self.resizeDocks([dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.exec_dock], [170], Qt.Orientation.Vertical)
        self.model.statesReplaced.connect(self.legend.rebuild)

    # --- mode and selection -----------------------------------------------------------
    def _set_mode(self, sale: bool) -> None:
        sale = sale or not self.actor.is_manager
        self.act_sale.setChecked(sale)
        self.act_alloc.setChecked(not sale)
        for a in (self.act_assign, self.act_unassign, self.act_block, self.act_unblock, self.act_undo,
                  self.act_redo, self.cont_action, self.act_export):
            a.setVisible(not sale)
        self.cont_label_action.setVisible(not sale)
        self.sale_dock.setVisible(sale)
        # Exports are the managers' allocation work: at the till the plan and basket get the room.
        self.exec_dock.setVisible(not sale)
        self.model.set_sale_mode(sale)
        self._update_undo()
        self._selection_changed(self.model.count)

    @property
    def sale_mode(self) -> bool:
        return self.model is not None and self.model.sale_mode

    def _selection_changed(self, count: int) -> None:
        # fr: "Sélection : %n places", "Sélection : aucune"
        self.status_label.setText(self.tr("Selection: %n seat(s)", "", count) if count
                                  else self.tr("Selection: none"))
        if self.sale_mode:
            self._sale_timer_start()

    def _sale_timer_start(self) -> None:
        # Coalesce the basket's rebuild while a rubber band is moving.
        if not hasattr(self, "_sale_timer"):
            self._sale_timer = QTimer(self, singleShot=True, interval=60)
            self._sale_timer.timeout.connect(self._refresh_basket)
        self._sale_timer.start()

    def _refresh_basket(self) -> None:
        m = self.model
        self.sale.set_seats([(i, m.label(i)) for i in m.selected_indices()])

    def _context_menu(self, seat, global_pos) -> None:
        menu = QMenu(self)
        if seat is not None:
            menu.addAction(self.tr("Select row %1").replace("%1", self.plan.row[seat]),
                           lambda: self.model.select(self.model.row_of(seat), ADD))
            b = self.plan.blocks[self.plan.block[seat]]
            menu.addAction(self.tr("Select block %1").replace("%1", b.name),
                           lambda: self.model.select(self.model.block_of(seat), ADD))
            menu.addSeparator()
        menu.addAction(self.tr("Clear selection"), self.model.clear_selection)
        menu.popup(global_pos)

    def seat_tooltip(self, i: int) -> str:
        return seat_tooltip(self.plan, self.model, i)

    # --- edits ------------------------------------------------------------------------
    def current_contingent(self):
        code = self.contingent.currentData()
        return next((c for c in self.plan.contingents.values() if c.code == code), None)

    def select_contingent(self, code: str) -> None:
        self.contingent.setCurrentIndex(self.contingent.findData(code))

    def edit(self, action: str) -> None:
        if self._busy or self.sale_mode:
            return
        ids = self.model.selected_seat_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select seats first."), 4000)
            return
        target = self.current_contingent() if action in ("assign", "unassign") else None
        if action == "assign" and target is None:
            self.statusBar().showMessage(self.tr("Pick a contingent first."), 4000)
            return
        code = target.code if target is not None and action == "assign" else None
        from app.services.inventory.allocation import edit_seats

        db, actor, perf = self.db, self.actor, self.performance_id
        self.set_busy(True)
        tasks().run(lambda: edit_seats(db, actor, perf, action, SeatSelection(seat_ids=tuple(ids)), code),
                    lambda r: self._edited(r, action, target, ids),
                    lambda e: self.failed(e, lambda: self.edit(action)))

    @property
    def busy(self) -> bool:
        """A write of this window (edit, undo, sale, guided move) is under way."""
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self.statusBar().showMessage(self.tr("Saving…"))

    def failed(self, exc, retry=None) -> None:
        self.set_busy(False)
        self.statusBar().clearMessage()
        show_error(self, self.tr("Seat plan"), exc, retry)

    def _edited(self, result, action: str, target, seat_ids=()) -> None:
        self.set_busy(False)
        if action == "assign":
            self.model.apply_values(result.changed_seat_ids, contingent=target.id)
        elif action == "unassign":
            self.model.apply_values(result.changed_seat_ids, contingent=0)
        else:
            self.model.apply_values(result.changed_seat_ids, blocked=action == "block")
        if result.changed:
            self.history.record(action, result.before, target.id if action == "assign" else None)
            self._update_undo()
        self._after_write(result)
        move = (seat_ids, target.code) if action == "assign" and target is not None and target.is_distributor else None
        self._report(result, move)
        self.edited.emit(result)
        if result.distributor_contingents:
            self.exports.offer_export(result.distributor_contingents)

    def _after_write(self, result) -> None:
        """Our own write bumped the revision by one; anything more came from elsewhere."""
        if (self._revision is not None and result.revision == self._revision + 1
                and self._latest_seen <= result.revision):
            self._revision = result.revision
        else:
            self.refresh_states()
        self.counters.refresh()
        self.legend.rebuild()

    def _report(self, result, move: tuple | None = None) -> None:
        """Say what changed; a direct move between distributors was refused: the export
        controller explains the two steps (and, for an assignment, offers to do them)."""
        lines = [self.tr("%n seat(s) changed.", "", result.changed)]
        two_step = None
        for reason, n in result.skipped.items():
            lines.append(self.tr("%n seat(s) not changed: %1", "", n).replace("%1", reason))
            if TWO_STEP_MARK in reason:
                two_step = reason
        self.statusBar().showMessage(" ".join(lines), 10000)
        if two_step:
            self.exports.explain_two_steps(two_step, move)

    # --- undo / redo --------------------------------------------------------------------
    def _update_undo(self) -> None:
        if not hasattr(self, "act_undo"):
            return
        allowed = self.actor.is_manager and not self.sale_mode
        self.act_undo.setEnabled(allowed and self.history.can_undo)
        self.act_redo.setEnabled(allowed and self.history.can_redo)

    def undo(self) -> None:
        if not (self._busy or self.sale_mode) and self.history.can_undo:
            self._restore(self.history.undo_states(), "undo", self.history.undone)

    def redo(self) -> None:
        if not (self._busy or self.sale_mode) and self.history.can_redo:
            self._restore(self.history.redo_states(), "redo", self.history.redone)

    def _restore(self, states, reference: str, moved: Callable[[], None]) -> None:
        from app.services.inventory.allocation import restore_seats

        db, actor, perf = self.db, self.actor, self.performance_id
        self.set_busy(True)

        def done(result):
            self.set_busy(False)
            wanted = {sid: (c, b) for sid, c, b in states}
            self.model.apply_seat_states([(sid, *wanted[sid]) for sid in result.changed_seat_ids])
            moved()
            self._update_undo()
            self._after_write(result)
            self._report(result)
            self.edited.emit(result)
            if result.distributor_contingents:
                self.exports.offer_export(result.distributor_contingents)

        tasks().run(lambda: restore_seats(db, actor, perf, list(states), reference), done, self.failed)

    # --- sale mode --------------------------------------------------------------------
    def sell(self) -> None:
        if self._busy or not self.sale_mode:
            return
        self._refresh_basket()
        ids = self.model.selected_seat_ids()
        if not ids:
            return
        from app.ui.till.sale_flow import SaleFlow

        tariffs = self.sale.lines.seat_tariffs()
        default = next((t.code for t in self.plan.tariffs if t.id == self.sale.tariff.currentData()), None)
        # The confirmation (payment, customer) comes first; then the sale and its tickets.
        self.sale_flow = SaleFlow(self, ids, default, tariffs, self.sale.lines.total())
        self.sale_flow.start()

    def open_orders(self) -> None:
        """This performance's orders: reprint, cancel (refund); the plan follows a cancellation."""
        from app.ui.till.orders_dialog import OrdersDialog

        self.orders_dialog = OrdersDialog(self.db, self.actor, self.performance_id, parent=self)
        self.orders_dialog.cancelled.connect(lambda _r: self.refresh_states())
        self.orders_dialog.open()

    def _sold(self, result) -> None:
        self.model.apply_values(result.seat_ids, sold=True)
        self._refresh_basket()
        self._after_write(result)
        self.statusBar().showMessage(
            self.tr("Order %1: %n seat(s) sold, total %2 EUR", "", len(result.seat_ids))
            .replace("%1", result.order_reference).replace("%2", amount(result.total)), 15000)
        self.sold.emit(result)

    # --- other workstations -----------------------------------------------------------
    def _revision_seen(self, performance_id: int, revision: int) -> None:
        """The watcher's news; our own writes move the revision too (see `_after_write`)."""
        if performance_id != self.performance_id or self.model is None:
            return
        self._latest_seen = max(self._latest_seen, revision)
        if revision != self._revision and not self._busy:
            self.refresh_states()

    def refresh_states(self) -> None:
        from app.services.inventory.seatplan_data import load_states

        db, perf = self.db, self.performance_id

        def done(states):
            if len(states.contingent) != len(self.plan):
                self.reload()
                return
            self._revision = states.revision
            self.model.replace_states(states)
            self.counters.refresh()
            if self.sale_mode:
                self._refresh_basket()
            self.statesRefreshed.emit()

        seat_ids = self.plan.seat_id
        tasks().run(lambda: load_states(db, perf, seat_ids), done, lambda e: None)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.stop_watching()
        if hasattr(self, "executions"):
            self.executions.timer.stop()
        super().closeEvent(event)

    def stop_watching(self) -> None:
        if self._watching:
            self._watching = False
            self.watcher.unwatch(self.performance_id)
