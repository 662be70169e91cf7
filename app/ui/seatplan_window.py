"""The seat plan window of one performance: allocation ("Cont :", assign, remove, block,
unblock, undo/redo), sale mode ("Vente"), counters, legend, execution status, and the
"export now?" question after an edit touching a distributor's contingent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.selection import SeatSelection
from app.seatplan.model import ADD, FREE, REPLACE, STATE_NAMES, PlanModel
from app.seatplan.scene import SeatPlanScene, legend_icon
from app.seatplan.view import SeatPlanView
from app.services.inventory.seatplan_data import PlanData
from app.ui import settings
from app.ui.seatplan_panels import CountersPanel, ExecutionsPanel, Legend, SalePanel
from app.ui.tasks import tasks
from app.ui.widgets import show_error

TWO_STEP_MARK = "two steps"  # in app.domain.seats.move_refusal's message


@dataclass(frozen=True)
class EditRecord:
    """One undoable edit: the seats' (id, contingent id, blocked) before and after."""

    label: str
    before: tuple
    after: tuple


def window_title(plan: PlanData) -> str:
    # Seed wording (fr): "Séance : %1 > %2"
    return QCoreApplication.translate("SeatPlanWindow", "Performance: %1 > %2").replace(
        "%1", plan.event_name).replace("%2", f"{plan.starts_at:%d.%m.%Y %H:%M}")


class SeatPlanWindow(QMainWindow):
    loaded = Signal()
    edited = Signal(object)  # EditResult
    sold = Signal(object)  # SaleResult
    exportsQueued = Signal(object)  # list[QueuedExport]
    exportFinished = Signal(object)  # RunResult, or the exception
    movedInTwoSteps = Signal(object)  # MoveResult of the guided move, or the exception
    statesRefreshed = Signal()

    def __init__(self, db: Database, actor: Actor, performance_id: int, *, plan: PlanData | None = None,
                 ask: Callable[[str], bool] | None = None, point_of_sale: str | None = None,
                 poll_ms: int | None = None, run_queued: bool = True,
                 ask_move: Callable[[str], bool] | None = None, parent=None):
        super().__init__(parent)
        self.db, self.actor, self.performance_id = db, actor, performance_id
        # Queued exports run at once in the background (one queue per distributor);
        # False leaves them pending for `guichet run --pending` or another workstation.
        self.run_queued = run_queued
        self.ask = ask or self._ask_dialog
        # The two-step explanation's choice: True runs the guided move, False keeps the
        # refusal. None shows the dialog ("Move in two steps" / "Cancel").
        self.ask_move = ask_move
        self.point_of_sale = point_of_sale or settings.POINT_OF_SALE.get()
        self.setObjectName("seatPlanWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1400, 900)
        self.model: PlanModel | None = None
        self.view: SeatPlanView | None = None
        self._history: list[EditRecord] = []
        self._pos = 0
        self._busy = False
        self._revision: int | None = None
        self.pending_exports: set[str] = set()
        self.status_label = QLabel(objectName="selectionLabel")
        self.statusBar().addPermanentWidget(self.status_label)
        self.setCentralWidget(QLabel(self.tr("Loading the seat plan…"), alignment=Qt.AlignmentFlag.AlignCenter))
        self._poll = QTimer(self, interval=poll_ms or min(settings.REFRESH_SECONDS.get(), 4) * 1000)
        self._poll.timeout.connect(self._check_revision)
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
        self._poll.start()
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
        self.act_export = act(self.tr("Export contingents"), "exportAction", self.export_pending,
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
        p, m = self.plan, self.model
        b = p.blocks[p.block[i]]
        cat = p.categories.get(p.category[i])
        cid = p.states.contingent[i]
        cont = p.contingents.get(cid) if cid else None
        states = {"free": self.tr("free"), "sold": self.tr("sold"), "reserved": self.tr("reserved"),
                  "invalid": self.tr("invalid"), "blocked": self.tr("blocked"), "locked": self.tr("locked")}
        prices = ", ".join(f"{t.name} {p.prices[(p.category[i], t.id)]:.2f}" for t in p.tariffs
                           if (p.category[i], t.id) in p.prices)
        lines = [
            f"<b>{b.zone_name} · {b.name}</b>",
            self.tr("Row %1, seat %2").replace("%1", p.row[i]).replace("%2", str(p.number[i])),
            self.tr("Category: %1").replace("%1", cat.name if cat else "—"),
            self.tr("Contingent: %1").replace("%1", f"{cont.name} ({cont.code})" if cont else self.tr("none")),
            self.tr("State: %1").replace("%1", states[STATE_NAMES[m.state(i)]]),
            self.tr("Price: %1").replace("%1", prices or "—"),
        ]
        if m.sale_mode:
            why = m.sale_refusal(i)
            if why:
                why = states.get(why, why)  # a seat state, or the contingent's reason (from the services)
                lines.append("<i>" + self.tr("Not sellable here: %1").replace("%1", why) + "</i>")
        return "<br>".join(lines)

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
        self._set_busy(True)
        tasks().run(lambda: edit_seats(db, actor, perf, action, SeatSelection(seat_ids=tuple(ids)), code),
                    lambda r: self._edited(r, action, target, ids),
                    lambda e: self._failed(e, lambda: self.edit(action)))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self.statusBar().showMessage(self.tr("Saving…"))

    def _failed(self, exc, retry=None) -> None:
        self._set_busy(False)
        self.statusBar().clearMessage()
        show_error(self, self.tr("Seat plan"), exc, retry)

    def _edited(self, result, action: str, target, seat_ids=()) -> None:
        self._set_busy(False)
        if action == "assign":
            self.model.apply_values(result.changed_seat_ids, contingent=target.id)
            after = tuple((sid, target.id, b) for sid, _c, b in result.before)
        elif action == "unassign":
            self.model.apply_values(result.changed_seat_ids, contingent=0)
            after = tuple((sid, None, b) for sid, _c, b in result.before)
        else:
            blocked = action == "block"
            self.model.apply_values(result.changed_seat_ids, blocked=blocked)
            after = tuple((sid, c, blocked) for sid, c, _b in result.before)
        if result.changed:
            del self._history[self._pos:]
            self._history.append(EditRecord(action, result.before, after))
            self._pos = len(self._history)
            self._update_undo()
        self._after_write(result)
        move = (seat_ids, target.code) if action == "assign" and target is not None and target.is_distributor else None
        self._report(result, move)
        self.edited.emit(result)
        if result.distributor_contingents:
            self.offer_export(result.distributor_contingents)

    def _after_write(self, result) -> None:
        """Our own write bumped the revision by one; anything more came from elsewhere."""
        if self._revision is not None and result.revision == self._revision + 1:
            self._revision = result.revision
        else:
            self.refresh_states()
        self.counters.refresh()
        self.legend.rebuild()

    def _report(self, result, move: tuple | None = None) -> None:
        """Say what changed; a direct move between distributors was refused: explain the
        two-step procedure and, for an assignment (`move` = seat ids, target code), offer
        to do it."""
        lines = [self.tr("%n seat(s) changed.", "", result.changed)]
        two_step = None
        for reason, n in result.skipped.items():
            lines.append(self.tr("%n seat(s) not changed: %1", "", n).replace("%1", reason))
            if TWO_STEP_MARK in reason:
                two_step = reason
        self.statusBar().showMessage(" ".join(lines), 10000)
        if not two_step:
            return
        text = (self.tr("Seats never go straight from one distributor to another. "
                        "Do it in two steps:\n\n1. remove the seats from the first distributor's "
                        "contingent and block them, then export;\n2. once that export has run, "
                        "assign them to the other distributor, unblock them and export again.")
                + "\n\n" + two_step)
        if move is not None:
            text += "\n\n" + self.tr("Guichet can do both steps now, with the exports between them: "
                                     "the seats are only given to %1 once the first export has succeeded."
                                     ).replace("%1", move[1])
            if self.ask_move is not None:
                if self.ask_move(text):
                    self.move_in_two_steps(*move)
                return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Move between distributors"), text,
                          QMessageBox.StandardButton.NoButton if move else QMessageBox.StandardButton.Ok, self)
        box.setObjectName("twoStepDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if move is not None:
            go = box.addButton(self.tr("Move in two steps"), QMessageBox.ButtonRole.AcceptRole)
            go.setObjectName("moveInTwoSteps")
            box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))

            def chosen(_result) -> None:
                if box.clickedButton() is go:
                    self.move_in_two_steps(*move)

            box.finished.connect(chosen)
        box.open()
        self.two_step_box = box

    def move_in_two_steps(self, seat_ids, target_code: str) -> None:
        """The guided move in the background (it talks to the distributors): remove and
        block, export the source distributors, then assign, unblock and export the target."""
        if self._busy:
            return
        from app.services.sync.guided_move import move_between_distributors

        db, actor, perf, ids = self.db, self.actor, self.performance_id, tuple(seat_ids)
        self._set_busy(True)
        self.statusBar().showMessage(self.tr("Moving the seats in two steps, with the exports…"))

        def done(result) -> None:
            self._set_busy(False)
            self.refresh_states()
            self.executions.refresh()
            self.legend.rebuild()
            self.statusBar().showMessage(result.message().splitlines()[0], 15000)
            if result.steps_done:
                self.pending_exports -= set(result.sources) | {result.target}
                self._update_export_button()
            if result.steps_done == 1 or result.failed_execution_id is not None:
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Move between distributors"),
                                  self.tr("The move did not finish.") + "\n\n" + result.message(),
                                  QMessageBox.StandardButton.Ok, self)
                box.setObjectName("twoStepResult")
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()
                self.two_step_result_box = box
            self.movedInTwoSteps.emit(result)

        def failed(exc) -> None:
            self._failed(exc)
            self.refresh_states()
            self.executions.refresh()
            self.movedInTwoSteps.emit(exc)

        tasks().run(lambda: move_between_distributors(db, actor, perf, ids, target_code), done, failed, pool="net")

    def _update_undo(self) -> None:
        if not hasattr(self, "act_undo"):
            return
        allowed = self.actor.is_manager and not self.sale_mode
        self.act_undo.setEnabled(allowed and self._pos > 0)
        self.act_redo.setEnabled(allowed and self._pos < len(self._history))

    def undo(self) -> None:
        if self._busy or self._pos == 0 or self.sale_mode:
            return
        record = self._history[self._pos - 1]
        self._restore(record.before, -1)

    def redo(self) -> None:
        if self._busy or self._pos >= len(self._history) or self.sale_mode:
            return
        self._restore(self._history[self._pos].after, +1)

    def _restore(self, states, step: int) -> None:
        from app.services.inventory.allocation import restore_seats

        db, actor, perf = self.db, self.actor, self.performance_id
        reference = "undo" if step < 0 else "redo"
        self._set_busy(True)

        def done(result):
            self._set_busy(False)
            wanted = {sid: (c, b) for sid, c, b in states}
            self.model.apply_seat_states([(sid, *wanted[sid]) for sid in result.changed_seat_ids])
            self._pos += step
            self._update_undo()
            self._after_write(result)
            self._report(result)
            self.edited.emit(result)
            if result.distributor_contingents:
                self.offer_export(result.distributor_contingents)

        tasks().run(lambda: restore_seats(db, actor, perf, list(states), reference), done, self._failed)

    # --- exports ----------------------------------------------------------------------
    def _ask_dialog(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Contingent export"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def offer_export(self, codes) -> None:
        """After an edit touching distributors' seats: export now, or batch for later."""
        if not settings.ASK_EXPORT.get():
            self.pending_exports |= set(codes)
            self._update_export_button()
            return
        # Seed wording (fr): "Exécuter maintenant un export de contingents ?"
        question = self.tr("Run a contingent export now?") + "\n" + ", ".join(sorted(codes))
        if self.ask(question):
            self.queue_exports(set(codes) | self.pending_exports)
        else:
            self.pending_exports |= set(codes)
            self._update_export_button()

    def _update_export_button(self) -> None:
        n = len(self.pending_exports)
        text = self.tr("Export contingents")
        self.act_export.setText(f"{text} ({n})" if n else text)

    def export_pending(self) -> None:
        codes = set(self.pending_exports)
        if not codes:
            present = set(self.plan.states.contingent)
            codes = {c.code for c in self.plan.contingents.values() if c.is_distributor and c.id in present}
        if not codes:
            self.statusBar().showMessage(self.tr("No distributor contingent on this plan."), 5000)
            return
        self.queue_exports(codes)

    def queue_exports(self, codes) -> None:
        from app.services.sync.executions_queue import queue_contingent_exports

        db, actor, perf = self.db, self.actor, self.performance_id

        def done(queued):
            self.pending_exports -= {q.contingent for q in queued}
            self._update_export_button()
            ok = [f"{q.contingent} → {q.interface}" for q in queued if q.execution_id]
            missing = [q.reason for q in queued if not q.execution_id]
            msg = self.tr("Export queued: %1").replace("%1", ", ".join(ok)) if ok else ""
            self.statusBar().showMessage(msg, 10000)
            if missing:
                show_error(self, self.tr("Contingent export"), "\n".join(missing))
            self.executions.refresh()
            self.exportsQueued.emit(queued)
            if self.run_queued:
                for q in queued:
                    if q.execution_id:
                        self.run_export(q.execution_id, q.interface or "")

        tasks().run(lambda: queue_contingent_exports(db, actor, perf, sorted(codes)), done,
                    lambda e: show_error(self, self.tr("Contingent export"), e))

    def run_export(self, execution_id: int, interface: str) -> None:
        """Run a queued export off the GUI thread, after any other call to the same
        distributor; the "Execution status" panel follows it."""
        from app.services.sync.runner import run_execution

        db, actor = self.db, self.actor

        def finished(result) -> None:
            self.executions.refresh()
            self.exportFinished.emit(result)

        def failed(exc) -> None:
            self.executions.refresh()
            show_error(self, self.tr("Contingent export"), exc)
            self.exportFinished.emit(exc)

        tasks().run(lambda: run_execution(db, actor, execution_id), finished, failed,
                    pool="net", serial=f"interface:{interface}")

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
            .replace("%1", result.order_reference).replace("%2", f"{result.total:.2f}"), 15000)
        self.sold.emit(result)

    # --- other workstations -----------------------------------------------------------
    def _check_revision(self) -> None:
        if self._busy or self.model is None or getattr(self, "_checking", False):
            return
        self._checking = True
        from app.services.inventory.seatplan_data import revision_of

        db, perf = self.db, self.performance_id

        def seen(rev):
            self._checking = False
            if rev != self._revision and not self._busy:
                self.refresh_states()

        def failed(_exc):
            self._checking = False

        tasks().run(lambda: revision_of(db, perf), seen, failed)

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
        self._poll.stop()
        if hasattr(self, "executions"):
            self.executions.timer.stop()
        super().closeEvent(event)
