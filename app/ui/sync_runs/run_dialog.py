"""The run dialog: one function of one interface run by hand. An export shows the dry-run diff
first (seats added / removed at the distributor) and sends only on Confirm; then every run goes
on in the background with a progress bar, can be cancelled between batches and ends with its
status and log (the execution is in the Exécutions view and the seat plan's panel)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QProgressBar, QPushButton, QVBoxLayout,
)

from app.services.sync.count_labels import counts_text
from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import LogLevel, SyncFunction
from app.services.sync.executions import execution_detail
from app.services.sync.manual_runs import run_by_hand

from .progress import BackgroundRun, show_progress


def function_label(function: SyncFunction) -> str:
    return {SyncFunction.EXPORT_ALLOTMENTS: QCoreApplication.translate("SyncRuns", "Export allotments"),
            SyncFunction.REINTEGRATE_SALES: QCoreApplication.translate("SyncRuns", "Reintegrate sales"),
            SyncFunction.ALLOCATED_SOLD_COUNTS: QCoreApplication.translate("SyncRuns", "Allocated/sold counts"),
            }[SyncFunction(function)]


def status_label(status: str) -> str:
    return {"ok": QCoreApplication.translate("SyncRuns", "finished"),
            "warning": QCoreApplication.translate("SyncRuns", "finished with warnings"),
            "held": QCoreApplication.translate("SyncRuns", "finished, lines held"),
            "error": QCoreApplication.translate("SyncRuns", "failed")}.get(status, status)


_LIVE: set = set()  # dialogs whose run goes on (closed ones included)


class RunDialog(QDialog):
    finished_run = Signal(object)  # the RunResult of the real run (not the dry run)

    def __init__(self, db: Database, actor: Actor, interface_id: int, interface_name: str,
                 function: SyncFunction, performance=None, performance_label: str = "", parent=None, *,
                 batch_size: int | None = None):
        super().__init__(parent)
        self.batch_size = batch_size
        self.db, self.actor, self.interface_id, self.function = db, actor, interface_id, SyncFunction(function)
        self.performance = performance
        self.setObjectName("runDialog")
        what = function_label(self.function)
        scope = performance_label or self.tr("every performance of the interface")
        self.setWindowTitle(f"{what} — {interface_name}")
        self.heading = QLabel(f"<h3>{what} — {interface_name}</h3>" + self.tr("Scope: %1").replace("%1", scope))
        self.diff = QLabel(objectName="diffLabel")
        self.diff.setWordWrap(True)
        self.status = QLabel(objectName="statusLabel")
        self.status.setWordWrap(True)
        self.bar = QProgressBar(objectName="progress")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.log = QListWidget(objectName="runLog")
        self.confirm_button = QPushButton(self.tr("Confirm export"), objectName="confirmButton")
        self.cancel_button = QPushButton(self.tr("Cancel run"), objectName="cancelButton")
        self.close_button = QPushButton(self.tr("Close"), objectName="closeButton")
        self.close_button.setToolTip(self.tr("A run goes on in the background when this window is closed; "
                                             "Cancel run stops it"))
        self.confirm_button.setVisible(False)
        self.cancel_button.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.diff)
        lay.addWidget(self.bar)
        lay.addWidget(self.status)
        lay.addWidget(self.log, 1)
        bl = QHBoxLayout()
        bl.addStretch(1)
        for b in (self.confirm_button, self.cancel_button, self.close_button):
            bl.addWidget(b)
        lay.addLayout(bl)
        self.resize(760, 520)
        self.run = BackgroundRun(interface_id, self)
        self.run.progressed.connect(self._progress)
        self.run.finished.connect(self._done)
        self.run.failed.connect(self._failed)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.result = None
        self._dry = False

    # --- steps ---------------------------------------------------------------------------

    def start(self) -> None:
        """An export first shows what it would change; the others run at once."""
        if self.function is SyncFunction.EXPORT_ALLOTMENTS:
            self._launch(dry_run=True)
        else:
            self._launch(dry_run=False)

    def confirm(self) -> None:
        self.confirm_button.setEnabled(False)
        self._launch(dry_run=False)

    def cancel(self) -> None:
        self.run.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling: the run stops after the batch under way…"))

    def _launch(self, dry_run: bool) -> None:
        self._dry = dry_run
        self.log.clear()
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Reading the distributor's allotment…") if dry_run else self.tr("Running…"))
        db, actor, iid, fn, perf, size = self.db, self.actor, self.interface_id, self.function, self.performance, \
            self.batch_size

        def work(control):
            r = run_by_hand(db, actor, iid, fn, performance=perf, dry_run=dry_run, control=control, batch_size=size)
            return r, execution_detail(db, r.execution_id)[1]

        _LIVE.add(self)
        self.run.start(work)

    # --- results -------------------------------------------------------------------------

    def _progress(self, p) -> None:
        self.status.setText(show_progress(self.bar, p) + (f" — {p.note}" if p.note else ""))

    def _done(self, outcome) -> None:
        _LIVE.discard(self)
        r, log = outcome
        self.close_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        for entry in log:
            shown = entry.message if not entry.where or entry.message.startswith(entry.where) \
                else f"{entry.where}: {entry.message}"
            item = QListWidgetItem(shown)
            if entry.level is LogLevel.ERROR:
                item.setForeground(Qt.GlobalColor.darkRed)
            elif entry.level is LogLevel.WARNING:
                item.setForeground(Qt.GlobalColor.darkYellow)
            self.log.addItem(item)
        if self._dry:
            add, rem = r.counts.get("would_add", 0), r.counts.get("would_remove", 0)
            self.diff.setText("<b>" + self.tr("At the distributor: %1 seat(s) or place(s) added, %2 removed")
                              .replace("%1", str(add)).replace("%2", str(rem)) + "</b><br>"
                              + self.tr("Nothing has been sent yet: Confirm export sends the allotment."))
            ok = r.status.value != "error"
            self.status.setText(self.tr("Dry run %1 (execution #%2)").replace("%1", status_label(r.status.value))
                                .replace("%2", str(r.execution_id)))
            self.confirm_button.setVisible(True)
            self.confirm_button.setEnabled(ok)
            self.bar.setValue(0)
            return
        self.result = r
        text = self.tr("Execution #%1 %2").replace("%1", str(r.execution_id)).replace("%2", status_label(r.status.value))
        if r.counts.get("cancelled"):
            text = self.tr("Execution #%1 cancelled: what was committed stays; running it again goes on from there") \
                .replace("%1", str(r.execution_id))
        figures = counts_text({k: r.counts[k] for k in ("performances_exported", "seats", "added", "removed",
                                                        "batches", "lines", "sales", "cancellations", "held_lines")
                               if k in r.counts})  # labelled in the user's language
        self.status.setText(text + (f" — {figures}" if figures else ""))
        self.finished_run.emit(r)

    def _failed(self, exc) -> None:
        _LIVE.discard(self)
        self.close_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setText(self.tr("Not run: %1").replace("%1", str(exc)))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Closing hides the dialog; the run goes on in the background (Cancel stops it) and
        # ends in the Exécutions view and the seat plan's panel. The dialog stays referenced
        # until then, so that the run's callbacks find it.
        super().closeEvent(event)
