"""The seat plan's exports: the "export now?" question after an edit touching a
distributor's seats, the batch kept for later (the toolbar's "Export contingents (n)"),
queuing and running the exports, and the guided two-step move between distributors.

Every call to a distributor from the plan goes through the task helper's serial queue of
that distributor (`queue_key`: its channel), the guided move included: it holds the queues
of its source distributors and of its target for its whole run, so it never overlaps an
export to one of them started from this workstation. The executions status panel
refreshes on `executionsChanged`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from app.ui import settings
from app.ui.tasks import tasks
from app.ui.widgets import show_error

if TYPE_CHECKING:
    from app.ui.seatplan_window import SeatPlanWindow

TWO_STEP_MARK = "two steps"  # in app.domain.seats.move_refusal's message


class ExportController(QObject):
    exportsQueued = Signal(object)  # list[QueuedExport]
    exportFinished = Signal(object)  # RunResult, or the exception
    movedInTwoSteps = Signal(object)  # MoveResult of the guided move, or the exception
    executionsChanged = Signal()  # an execution was queued, ran or ended: the status panel reloads

    def __init__(self, window: SeatPlanWindow, *, ask: Callable[[str], bool] | None = None,
                 ask_move: Callable[[str], bool] | None = None, run_queued: bool = True):
        super().__init__(window)
        self.window = window
        self.ask = ask or self._ask_dialog
        # The two-step explanation's choice: True runs the guided move, False keeps the
        # refusal. None shows the dialog ("Move in two steps" / "Cancel").
        self.ask_move = ask_move
        # Queued exports run at once in the background (one queue per distributor);
        # False leaves them pending for `guichet run --pending` or another workstation.
        self.run_queued = run_queued
        self.pending: set[str] = set()  # contingent codes whose export the manager put off
        self.backlog = (0, 0)  # exports of this performance queued/running, interfaces whose last one failed
        self.two_step_box = self.two_step_result_box = None

    def queue_key(self, contingent_code: str) -> str:
        """The serial queue of the distributor a contingent exports to (its channel)."""
        c = next((c for c in self.window.plan.contingents.values() if c.code == contingent_code), None)
        return f"distributor:{c.channel_id}" if c is not None and c.channel_id else f"contingent:{contingent_code}"

    def _status(self, text: str, ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- "export now?" --------------------------------------------------------------------
    def _ask_dialog(self, question: str) -> bool:
        answer = QMessageBox.question(self.window, self.tr("Contingent export"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def offer_export(self, codes) -> None:
        """After an edit touching distributors' seats: export now, or batch for later."""
        if not settings.ASK_EXPORT.get():
            self._put_off(codes)
            return
        # Seed wording (fr): "Vous avez procédé à des modifications sur des sièges susceptibles d'être
        # utilisés par des revendeurs externes…" then "Exécuter maintenant un export de contingents ?"
        question = (self.tr("You have made changes to seats that external resellers may be using: their "
                            "allotments must be exported for the resellers to take them into account.")
                    + "\n\n" + self.tr("Run a contingent export now?") + "\n" + ", ".join(sorted(codes)))
        if self.ask(question):
            self.queue_exports(set(codes) | self.pending)
        else:
            self._put_off(codes)

    def _put_off(self, codes) -> None:
        self.pending |= set(codes)
        self.update_button()

    def set_backlog(self, pending: int, failed: int) -> None:
        """From the executions panel: exports of this performance queued or running, failed."""
        self.backlog = (pending, failed)
        self.update_button()

    def update_button(self) -> None:
        n = len(self.pending)
        text = self.tr("Export contingents")
        parts = [str(n)] if n else []
        queued, failed = self.backlog
        if queued:
            parts.append(self.tr("%1 pending").replace("%1", str(queued)))
        if failed:
            parts.append(self.tr("%1 failed").replace("%1", str(failed)))
        self.window.act_export.setText(f"{text} ({', '.join(parts)})" if parts else text)

    def export_pending(self) -> None:
        """The toolbar button: the batch put off, else every distributor on the plan."""
        codes = set(self.pending)
        if not codes:
            plan = self.window.plan
            present = set(plan.states.contingent)
            codes = {c.code for c in plan.contingents.values() if c.is_distributor and c.id in present}
        if not codes:
            self._status(self.tr("No distributor contingent on this plan."), 5000)
            return
        self.queue_exports(codes)

    # --- queue and run ------------------------------------------------------------------
    def queue_exports(self, codes) -> None:
        from app.services.sync.executions_queue import queue_contingent_exports

        w = self.window
        db, actor, perf = w.db, w.actor, w.performance_id

        def done(queued):
            self.pending -= {q.contingent for q in queued}
            self.update_button()
            ok = [f"{q.contingent} → {q.interface}" for q in queued if q.execution_id]
            missing = [q.reason for q in queued if not q.execution_id]
            self._status(self.tr("Export queued: %1").replace("%1", ", ".join(ok)) if ok else "", 10000)
            if missing:
                show_error(w, self.tr("Contingent export"), "\n".join(missing))
            self.executionsChanged.emit()
            self.exportsQueued.emit(queued)
            if self.run_queued:
                for q in queued:
                    if q.execution_id:
                        self.run_export(q.execution_id, q.contingent)

        tasks().run(lambda: queue_contingent_exports(db, actor, perf, sorted(codes)), done,
                    lambda e: show_error(w, self.tr("Contingent export"), e))

    def run_export(self, execution_id: int, contingent_code: str) -> None:
        """Run a queued export off the GUI thread, after any other call to the same
        distributor; the "Execution status" panel follows it."""
        from app.services.sync.runner import run_execution

        w = self.window
        db, actor = w.db, w.actor

        def finished(result) -> None:
            # the "Export queued" message would outlive the export: say how it ended instead
            self._status(self.tr("Export of %1: execution #%2 %3").replace("%1", contingent_code)
                         .replace("%2", str(result.execution_id)).replace("%3", self._ended(result.status.value)),
                         10000)
            self.executionsChanged.emit()
            self.exportFinished.emit(result)

        def failed(exc) -> None:
            self._status("")
            self.executionsChanged.emit()
            show_error(w, self.tr("Contingent export"), exc)
            self.exportFinished.emit(exc)

        tasks().run(lambda: run_execution(db, actor, execution_id), finished, failed,
                    pool="net", serial=self.queue_key(contingent_code))

    def _ended(self, status: str) -> str:
        return {"ok": self.tr("done"), "warning": self.tr("done with warnings"), "held": self.tr("done, lines held"),
                "error": self.tr("failed")}.get(status, status)

    # --- the guided two-step move -------------------------------------------------------
    def explain_two_steps(self, reason: str, move: tuple | None = None) -> None:
        """A direct move between distributors was refused (`reason`): explain the two-step
        procedure and, for an assignment (`move` = seat ids, target code), offer to do it."""
        w = self.window
        text = (self.tr("Seats never go straight from one distributor to another. "
                        "Do it in two steps:\n\n1. remove the seats from the first distributor's "
                        "contingent and block them, then export;\n2. once that export has run, "
                        "assign them to the other distributor, unblock them and export again.")
                + "\n\n" + reason)
        if move is not None:
            text += "\n\n" + self.tr("Guichet can do both steps now, with the exports between them: "
                                     "the seats are only given to %1 once the first export has succeeded."
                                     ).replace("%1", move[1])
            if self.ask_move is not None:
                if self.ask_move(text):
                    self.move_in_two_steps(*move)
                return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Move between distributors"), text,
                          QMessageBox.StandardButton.NoButton if move else QMessageBox.StandardButton.Ok, w)
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

    def move_keys(self, seat_ids, target_code: str) -> list[str]:
        """The queues the move holds: the distributors now holding the seats, and the target."""
        plan, model = self.window.plan, self.window.model
        codes = {target_code}
        for sid in seat_ids:
            c = plan.contingents.get(int(plan.states.contingent[model.index_of(sid)]))
            if c is not None and c.is_distributor:
                codes.add(c.code)
        return sorted({self.queue_key(code) for code in codes})

    def move_in_two_steps(self, seat_ids, target_code: str) -> None:
        """The guided move in the background (it talks to the distributors): remove and
        block, export the source distributors, then assign, unblock and export the target."""
        w = self.window
        if w.busy:
            return
        from app.services.sync.guided_move import move_between_distributors

        db, actor, perf, ids = w.db, w.actor, w.performance_id, tuple(seat_ids)
        w.set_busy(True)
        self._status(self.tr("Moving the seats in two steps, with the exports…"))

        def done(result) -> None:
            w.set_busy(False)
            w.refresh_states()
            w.legend.rebuild()
            self.executionsChanged.emit()
            self._status(result.message().splitlines()[0], 15000)
            if result.steps_done:
                self.pending -= set(result.sources) | {result.target}
                self.update_button()
            if result.steps_done == 1 or result.failed_execution_id is not None:
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Move between distributors"),
                                  self.tr("The move did not finish.") + "\n\n" + result.message(),
                                  QMessageBox.StandardButton.Ok, w)
                box.setObjectName("twoStepResult")
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()
                self.two_step_result_box = box
            self.movedInTwoSteps.emit(result)

        def failed(exc) -> None:
            w.failed(exc)
            w.refresh_states()
            self.executionsChanged.emit()
            self.movedInTwoSteps.emit(exc)

        tasks().run(lambda: move_between_distributors(db, actor, perf, ids, target_code), done, failed,
                    pool="net", serial=self.move_keys(ids, target_code))
