"""Manual reintegration of a sales file: pick the interface and the file, the format is
recognised (or chosen), a preview lists the lines with their resolved performance, seat,
tariff and price, the totals per performance and tariff and every error with its line;
"Reintegrate" commits the whole file or nothing. A file of another distributor is refused,
saying why; importing a file again says that nothing is new."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import SyncFunction
from app.services.sync.file_preview import FilePreview, preview_sales_file
from app.services.sync.manual_runs import run_by_hand
from app.ui.tasks import tasks

from .progress import BackgroundRun
from .run_dialog import status_label
from app.i18n import amount

FORMATS = ("fnac-csv", "ticketnet", "guichet-csv", "xlsx")
SHOWN_LINES = 2000  # a table of widgets per line: a 100,000-line file shows its first lines, its totals all


def _table(name: str, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers), objectName=name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[tuple], right: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            item = QTableWidgetItem("" if v is None else str(v))
            if j in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, j, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


class FileImportDialog(QDialog):
    imported = Signal(object)  # the RunResult

    def __init__(self, db: Database, actor: Actor, interfaces: list[tuple[int, str]], interface_id: int | None = None,
                 parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setObjectName("fileImportDialog")
        self.setWindowTitle(self.tr("Import a sales file"))
        self.interface = QComboBox(objectName="interfaceCombo")
        for iid, name in interfaces:
            self.interface.addItem(name, iid)
        if interface_id is not None:
            self.interface.setCurrentIndex(max(0, self.interface.findData(interface_id)))
        self.path = QLineEdit(objectName="filePath")
        self.path.setPlaceholderText(self.tr("The distributor's sales file (CSV or Excel)"))
        self.browse_button = QPushButton(self.tr("Choose…"), objectName="browseButton")
        self.format = QComboBox(objectName="formatCombo")
        self.format.addItem(self.tr("Recognise from the file"), None)
        for f in FORMATS:
            self.format.addItem(f, f)
        self.preview_button = QPushButton(self.tr("Preview"), objectName="previewButton")
        self.summary = QLabel(objectName="summaryLabel")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(objectName="previewTabs")
        self.lines = _table("linesTable", [self.tr("Line"), self.tr("Ticket"), self.tr("Action"),
                                           self.tr("Performance"), self.tr("Seat"), self.tr("Tariff"),
                                           self.tr("Price")])
        self.totals = _table("totalsTable", [self.tr("Performance"), self.tr("Tariff"), self.tr("Tickets"),
                                             self.tr("Amount")])
        self.errors = _table("errorsTable", [self.tr("Line"), self.tr("Error")])
        self.tabs.addTab(self.lines, self.tr("Lines"))
        self.tabs.addTab(self.totals, self.tr("Totals"))
        self.tabs.addTab(self.errors, self.tr("Errors"))
        self.commit_button = QPushButton(self.tr("Reintegrate"), objectName="commitButton")  # "Réintégrer"
        self.commit_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"), objectName="closeButton")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Interface")))
        top.addWidget(self.interface, 1)
        top.addWidget(QLabel(self.tr("Format")))
        top.addWidget(self.format)
        fl = QHBoxLayout()
        fl.addWidget(QLabel(self.tr("File")))
        fl.addWidget(self.path, 1)
        fl.addWidget(self.browse_button)
        fl.addWidget(self.preview_button)
        bl = QHBoxLayout()
        bl.addStretch(1)
        bl.addWidget(self.commit_button)
        bl.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(fl)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.summary)
        lay.addLayout(bl)
        self.resize(980, 560)
        self.current: FilePreview | None = None
        self.run = BackgroundRun(0, self)
        self.run.finished.connect(self._imported)
        self.run.failed.connect(self._refused)
        self.browse_button.clicked.connect(self.browse)
        self.preview_button.clicked.connect(self.preview)
        self.commit_button.clicked.connect(self.commit)
        self.close_button.clicked.connect(self.close)
        for w in (self.interface, self.format):
            w.currentIndexChanged.connect(lambda *_: self._clear())
        self.path.textChanged.connect(lambda *_: self._clear())

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Sales file"), self.path.text(),
                                              self.tr("Sales files (*.csv *.txt *.xlsx);;All files (*)"))
        if path:
            self.path.setText(path)
            self.preview()

    def _clear(self) -> None:
        self.current = None
        self.commit_button.setEnabled(False)
        for t in (self.lines, self.totals, self.errors):
            t.setRowCount(0)
        self.summary.setText("")

    def preview(self) -> None:
        self._clear()
        iid, path, fmt = self.interface.currentData(), self.path.text().strip(), self.format.currentData()
        if iid is None or not path:
            self.summary.setText(self.tr("Choose an interface and a file first."))
            return
        self.preview_button.setEnabled(False)
        self.summary.setText(self.tr("Reading %1…").replace("%1", path))
        tasks().run(lambda: preview_sales_file(self.db, iid, path, fmt), self._show, self._refused)

    def _show(self, p: FilePreview) -> None:
        self.preview_button.setEnabled(True)
        self.current = p
        actions = {"sale": self.tr("sale"), "cancel": self.tr("cancellation")}
        _fill(self.lines, [(ln.where, ln.ticket, actions.get(ln.action, ln.action), ln.performance, ln.seat,
                            ln.tariff, ln.price) for ln in p.lines[:SHOWN_LINES]], right=(6,))
        _fill(self.totals, [(t.performance, t.tariff, t.tickets, amount(t.amount)) for t in p.totals], right=(2, 3))
        _fill(self.errors, [(e.where, e.message) for e in p.errors])
        self.tabs.setTabText(2, self.tr("Errors (%1)").replace("%1", str(len(p.errors))))
        if p.errors:
            self.tabs.setCurrentWidget(self.errors)
            text = self.tr("%1 (%2): %3 error(s): fix the file or the mappings; nothing can be reintegrated.") \
                .replace("%1", p.file).replace("%2", p.format).replace("%3", str(len(p.errors)))
        elif not p.new_lines:
            text = self.tr("%1 (%2): nothing new — its %3 line(s) were reintegrated before.") \
                .replace("%1", p.file).replace("%2", p.format).replace("%3", str(len(p.lines)))
        else:
            total = sum((t.amount for t in p.totals), 0)
            text = self.tr("%1 (%2): %3 line(s), %4 new, amount %5. Reintegrate commits them all or none.") \
                .replace("%1", p.file).replace("%2", p.format).replace("%3", str(len(p.lines))) \
                .replace("%4", str(p.new_lines)).replace("%5", amount(total))
            self.tabs.setCurrentWidget(self.lines)
        if len(p.lines) > SHOWN_LINES:
            text += " " + self.tr("(the first %1 lines are listed)").replace("%1", str(SHOWN_LINES))
        self.summary.setText(text)
        self.commit_button.setEnabled(p.can_commit)

    def _refused(self, exc) -> None:
        self.preview_button.setEnabled(True)
        self.commit_button.setEnabled(False)
        self.summary.setText("<span style='color:#a00000'>" + self.tr("Refused: %1").replace("%1", str(exc))
                             + "</span>")

    def commit(self) -> None:
        p, iid, path = self.current, self.interface.currentData(), self.path.text().strip()
        if p is None or not p.can_commit:
            return
        self.commit_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.summary.setText(self.tr("Reintegrating %1…").replace("%1", p.file))
        db, actor, fmt = self.db, self.actor, p.format
        self.run.interface_id = iid
        self.run.start(lambda control: run_by_hand(db, actor, iid, SyncFunction.REINTEGRATE_SALES, file=path,
                                                   format=fmt, performance=p.performance, parsed=p.parsed,
                                                   control=control))

    def _imported(self, r) -> None:
        self.preview_button.setEnabled(True)
        self.current = None
        self.summary.setText(self.tr("Execution #%1 %2: %3 sale(s), %4 cancellation(s), %5 already reintegrated")
                             .replace("%1", str(r.execution_id)).replace("%2", status_label(r.status.value))
                             .replace("%3", str(r.counts.get("sales", 0)))
                             .replace("%4", str(r.counts.get("cancellations", 0)))
                             .replace("%5", str(r.counts.get("already_reintegrated", 0))))
        self.imported.emit(r)
