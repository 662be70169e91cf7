"""The seat plan's side panels: counters, legend, sale basket, execution status."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ExecutionStatus
from app.services.sync.count_labels import counts_text
from app.domain.seats import COUNTER_KEYS
from app.seatplan.model import BLOCKED, FREE, INVALID, LOCKED, S_RESERVED, S_SOLD
from app.seatplan.scene import legend_icon
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error
from app.i18n import amount, number


def counter_labels(_w: QWidget | None = None) -> dict[str, str]:
    translate = QCoreApplication.translate  # literal (context, text) pairs: pyside6-lupdate reads them
    return {
        "total": translate("CountersPanel", "Total"), "free": translate("CountersPanel", "Free seats"),
        "locked": translate("CountersPanel", "Locked seats"), "blocked": translate("CountersPanel", "Blocked seats"),
        "reserved": translate("CountersPanel", "Reserved seats"), "sold": translate("CountersPanel", "Sold seats"),
        "invalid": translate("CountersPanel", "Invalid seats"),
        "sold_not_controlled": translate("CountersPanel", "Sold not controlled"),
    }


class CountersPanel(QWidget):
    """Counters of the whole plan and of the current filter (category, contingent)."""

    refreshed = Signal()

    def __init__(self, db, performance_id: int, plan, parent=None):
        super().__init__(parent)
        self.db, self.performance_id = db, performance_id
        self.category = QComboBox(objectName="countersCategory")
        self.category.addItem(self.tr("All"), None)
        for c in sorted(plan.categories.values(), key=lambda c: c.code):
            self.category.addItem(c.name, c.code)
        self.contingent = QComboBox(objectName="countersContingent")
        self.contingent.addItem(self.tr("All"), None)
        for c in plan.contingents.values():
            self.contingent.addItem(legend_icon(FREE, c.fill_color), f"{c.name} ({c.code})", c.code)
        self.non_numbered = QCheckBox(self.tr("Include non-numbered"), objectName="countersNonNumbered")
        labels = counter_labels(self)
        self.model = RowsModel([
            Column(self.tr("Counter"), lambda r: labels[r[0]]),
            Column(self.tr("Whole plan"), lambda r: r[1], align_right=True),
            Column(self.tr("Filter"), lambda r: r[2], align_right=True),
        ], self)
        self.table = QTableView(objectName="countersTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # "Places verrouillées"
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.share = QLabel(objectName="shareLabel")
        self.share.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form = QFormLayout()
        form.addRow(self.tr("Cat:"), self.category)
        form.addRow(self.tr("Cont:"), self.contingent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(form)
        lay.addWidget(self.non_numbered)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.share)
        self.category.currentIndexChanged.connect(self.refresh)
        self.contingent.currentIndexChanged.connect(self.refresh)
        self.non_numbered.toggled.connect(self.refresh)
        self.report = None
        self._pending = False
        self._running = False

    def refresh(self) -> None:
        """Reload (coalesced: one query in flight, one queued at most)."""
        if self._running:
            self._pending = True
            return
        self._running = True
        perf, cont, cat = self.performance_id, self.contingent.currentData(), self.category.currentData()
        nn = self.non_numbered.isChecked()

        def load():
            from app.services.inventory.counts import performance_counts

            return performance_counts(self.db, perf, contingent=cont, category=cat, include_non_numbered=nn)

        tasks().run(load, self._show, self._failed)

    def _failed(self, exc) -> None:
        self._running = False
        show_error(self, self.tr("Counters"), exc)

    def _show(self, report) -> None:
        self._running = False
        self.report = report
        hall, filt = report.hall.as_dict(), report.counts.as_dict()
        self.model.set_rows([(k, hall[k], filt[k]) for k in COUNTER_KEYS])
        self.share.setText(self.tr("Share of the hall: %1").replace("%1", f"<b>{number(report.share_percent, 1)} %</b>"))
        self.refreshed.emit()
        if self._pending:
            self._pending = False
            self.refresh()


class Legend(QListWidget):
    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.setObjectName("legend")
        self.setIconSize(self.iconSize().expandedTo(self.iconSize()))
        self.plan = plan
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        present = set(self.plan.states.contingent)
        for c in self.plan.contingents.values():
            if c.id in present:
                self._add(QIcon(legend_icon(FREE, c.fill_color)), f"{c.name} ({c.code})")
        if 0 in present:
            self._add(QIcon(legend_icon(FREE)), self.tr("No contingent"))
        for state, text in [(S_SOLD, self.tr("Sold")), (S_RESERVED, self.tr("Reserved")),
                            (LOCKED, self.tr("Locked (in a basket)")), (BLOCKED, self.tr("Blocked")),
                            (INVALID, self.tr("Invalid"))]:
            self._add(QIcon(legend_icon(state)), text)
        self._add(QIcon(legend_icon(FREE, selected=True)), self.tr("Selected"))
        self._add(QIcon(legend_icon(FREE, dimmed=True)), self.tr("Not sellable here (sale mode)"))

    def _add(self, icon, text) -> None:
        item = QListWidgetItem(icon, text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.addItem(item)


class SaleLinesModel(QAbstractTableModel):
    """The seats being sold: seat, category, tariff (editable), price."""

    totalChanged = Signal(object)

    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.rows: list[list] = []  # [seat index, label, category id, tariff id]
        self.headers = [self.tr("Seat"), self.tr("Category"), self.tr("Tariff"), self.tr("Price")]
        self.tariffs = {t.id: t for t in plan.tariffs}

    def set_seats(self, seats: list[tuple[int, str]], tariff_id: int) -> None:
        keep = {r[0]: r[3] for r in self.rows}
        self.beginResetModel()
        self.rows = [[i, label, self.plan.category[i], keep.get(i, tariff_id)] for i, label in seats]
        self.endResetModel()
        self.totalChanged.emit(self.total())

    def set_all_tariffs(self, tariff_id: int) -> None:
        for r in self.rows:
            r[3] = tariff_id
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 3))
        self.totalChanged.emit(self.total())

    def price(self, row) -> Decimal | None:
        return self.plan.prices.get((row[2], row[3]))

    def total(self) -> Decimal:
        return sum((self.price(r) or Decimal(0) for r in self.rows), Decimal(0))

    def seat_tariffs(self) -> dict[int, str]:
        return {self.plan.seat_id[r[0]]: self.tariffs[r[3]].code for r in self.rows}

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def flags(self, index):
        f = super().flags(index)
        if index.isValid() and index.column() == 2:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r[1]
            if col == 1:
                c = self.plan.categories.get(r[2])
                return c.name if c else ""
            if col == 2:
                return self.tariffs[r[3]].name
            p = self.price(r)
            return amount(p) if p is not None else self.tr("no price")
        if role == Qt.ItemDataRole.EditRole and col == 2:
            return r[3]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 2 or role != Qt.ItemDataRole.EditRole:
            return False
        if value not in self.tariffs:
            return False
        self.rows[index.row()][3] = value
        self.dataChanged.emit(self.index(index.row(), 2), self.index(index.row(), 3))
        self.totalChanged.emit(self.total())
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 4:
            return self.headers[section]
        return None


class TariffDelegate(QStyledItemDelegate):
    def __init__(self, tariffs, parent=None):
        super().__init__(parent)
        self.tariffs = tariffs

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        for t in self.tariffs:
            combo.addItem(t.name, t.id)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SalePanel(QWidget):
    sellRequested = Signal()

    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.tariff = QComboBox(objectName="saleTariffAll")
        for t in plan.tariffs:
            self.tariff.addItem(t.name, t.id)
        self.lines = SaleLinesModel(plan, self)
        self.table = QTableView(objectName="saleLines")
        self.table.setModel(self.lines)
        self.table.setItemDelegateForColumn(2, TariffDelegate(plan.tariffs, self.table))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.total = QLabel(objectName="saleTotal")
        self.sell = QPushButton(self.tr("Sell"), objectName="sellButton")
        self.sell.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Tariff for all:"), self.tariff)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(form)
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.sell)
        lay.addLayout(bottom)
        self.tariff.currentIndexChanged.connect(lambda _i: self.lines.set_all_tariffs(self.tariff.currentData()))
        self.lines.totalChanged.connect(self._total)
        self.sell.clicked.connect(self.sellRequested)
        self._total(Decimal(0))

    def set_seats(self, seats: list[tuple[int, str]]) -> None:
        self.lines.set_seats(seats, self.tariff.currentData())

    def _total(self, total) -> None:
        n = len(self.lines.rows)
        self.total.setText(self.tr("%n seat(s), total %1 EUR", "", n).replace("%1", amount(total)))
        self.sell.setEnabled(n > 0)


STATUS_COLOURS = {"pending": "#FFF4CE", "running": "#DCEBFF", "ok": "#DFF6DD", "warning": "#FFE8C2",
                  "held": "#FDE2C8", "error": "#FDE7E9", "skipped": "#EDEBE9"}


class ExecutionsPanel(QWidget):
    """"Statut des exécutions": the executions that touched this performance (exports from
    this plan or run by hand, reintegrations that booked on it), refreshed periodically."""

    backlogChanged = Signal(int, int)  # exports pending, interfaces whose last export failed

    def __init__(self, db, performance_id: int, interval_ms: int = 3000, parent=None):
        super().__init__(parent)
        self.db, self.performance_id = db, performance_id
        self.model = RowsModel([
            Column(self.tr("Date"), lambda r: f"{r.created_at:%d.%m.%Y %H:%M:%S}"),
            Column(self.tr("Type"), lambda r: self._function(r.function)),
            Column(self.tr("Interface"), lambda r: r.interface),
            Column(self.tr("Contingent"), lambda r: r.contingent),
            Column(self.tr("Status"), lambda r: self._status(r.status),
                   background=lambda r: STATUS_COLOURS.get(r.status)),
        ], self)
        self.table = QTableView(objectName="executionsTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QPushButton(self.tr("Execution details…"), objectName="executionDetailsButton")
        self.details.clicked.connect(self.show_details)
        self.table.doubleClicked.connect(lambda _i: self.show_details())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.details)
        lay.addLayout(row)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self._running = False
        self.dialog = None

    def _function(self, value: str) -> str:
        return {"export-allotments": self.tr("Export allotments"), "reintegrate-sales": self.tr("Sales reintegration"),
                "allocated-sold-counts": self.tr("Allocated and sold counts"),
                "backup": self.tr("Database backup")}.get(value, value)

    def _status(self, value: str) -> str:
        """Every `ExecutionStatus` in the operator's words (tests check none is left raw)."""
        S = ExecutionStatus
        return {S.PENDING: self.tr("Pending"), S.RUNNING: self.tr("Running"), S.OK: self.tr("Done"),
                S.WARNING: self.tr("Done with warnings"), S.HELD: self.tr("Done with held lines"),
                S.ERROR: self.tr("Error"), S.SKIPPED: self.tr("Skipped")}.get(value, value)

    def refresh(self) -> None:
        if self._running:
            return
        self._running = True

        def load():
            from app.services.sync.executions_queue import plan_executions

            return plan_executions(self.db, self.performance_id)

        def done(rows):
            self._running = False
            current = self.selected_id()
            if [(r.id, r.status) for r in rows] != [(r.id, r.status) for r in self.model.rows]:
                from app.services.sync.executions_queue import export_backlog

                self.model.set_rows(rows)
                self.backlogChanged.emit(*export_backlog(rows))
                for k, r in enumerate(rows):
                    if r.id == current:
                        self.table.selectRow(k)

        def failed(_exc):
            self._running = False

        tasks().run(load, done, failed)

    def selected_id(self) -> int | None:
        idx = self.table.selectionModel().selectedRows()
        if idx:
            return self.model.rows[idx[0].row()].id
        return self.model.rows[0].id if self.model.rows else None

    def show_details(self) -> None:
        ex_id = self.selected_id()
        if ex_id is None:
            return

        def load():
            from app.services.sync.executions_queue import execution_details

            return execution_details(self.db, ex_id)

        tasks().run(load, self._open_details, lambda e: show_error(self, self.tr("Execution details"), e))

    def _open_details(self, details) -> None:
        self.dialog = ExecutionDetailsDialog(details, self._function, self._status, self)
        self.dialog.open()


class ExecutionDetailsDialog(QDialog):
    def __init__(self, d, function_name, status_name, parent=None):
        super().__init__(parent)
        self.setObjectName("executionDetails")
        self.setWindowTitle(self.tr("Execution details"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form = QFormLayout()
        r = d.row

        def when(v):
            return f"{v:%d.%m.%Y %H:%M:%S}" if v else "—"

        for label, value in [
            (self.tr("Execution"), str(r.id)), (self.tr("Type"), function_name(r.function)),
            (self.tr("Interface"), r.interface), (self.tr("Contingent"), r.contingent or "—"),
            (self.tr("Status"), status_name(r.status)), (self.tr("Created"), when(r.created_at)),
            (self.tr("Started"), when(d.started_at)), (self.tr("Ended"), when(d.ended_at)),
            (self.tr("Counts"), counts_text(d.counts) or "—"),
            (self.tr("First error"), (f"[{self._error_class(d.first_error_class)}] " if d.first_error_class else "")
             + (r.first_error or "—")),
        ]:
            lab = QLabel(value)
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, lab)
        logs = RowsModel([
            Column(self.tr("Time"), lambda l: f"{l[0]:%H:%M:%S}"), Column(self.tr("Level"), lambda l: self._level(l[1])),
            Column(self.tr("Message"), lambda l: l[2]), Column(self.tr("Where"), lambda l: l[3]),
        ], self)
        logs.set_rows(d.logs)
        self.logs = QTableView(objectName="executionLog")
        self.logs.setModel(logs)
        self.logs.horizontalHeader().setStretchLastSection(True)
        self.logs.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("Log") if d.logs else self.tr("No log yet: the execution has not run.")))
        lay.addWidget(self.logs, 1)
        lay.addWidget(buttons)
        self.resize(620, 460)

    def _error_class(self, value: str) -> str:
        # The seed's error grid: «Externe», «Technique», «Correspondance»…
        return {"external": self.tr("External"), "configuration": self.tr("Configuration"),
                "mapping": self.tr("Mapping"), "technical": self.tr("Technical"),
                "cascade": self.tr("Cascade")}.get(value, value)

    def _level(self, value: str) -> str:
        return {"info": self.tr("Info"), "warning": self.tr("Warning"), "error": self.tr("Error")}.get(value, value)
