"""The counters of a performance (Total, libres, verrouillées…), whole plan and filtered,
with a breakdown by contingent. Refreshes itself when another workstation changes the plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
    QHeaderView,
)

from app.db.engine import Database
from app.domain.seats import COUNTER_KEYS
from app.ui import settings
from app.ui.change_watcher import ChangeWatcher, watcher_for
from app.i18n import number
from app.ui.seatplan_panels import counter_labels
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error


class CountersPage(QWidget):
    def __init__(self, db: Database, parent=None, *, watcher: ChangeWatcher | None = None):
        super().__init__(parent)
        self.db = db
        self._revision = None
        self._cell: list[int | None] = [None]  # the performance watched (read by `destroyed` too)
        self._latest: int | None = None  # the last revision the watcher reported for it
        self.watcher = watcher or watcher_for(db)
        self.performance = QComboBox(objectName="performanceCombo")
        self.contingent = QComboBox(objectName="contingentFilter")
        self.category = QComboBox(objectName="categoryFilter")
        self.non_numbered = QCheckBox(self.tr("Include non-numbered"), objectName="includeNonNumbered")
        refresh = QPushButton(self.tr("Refresh"), objectName="refreshButton")
        self.share = QLabel(objectName="shareLabel")

        form = QFormLayout()
        form.addRow(self.tr("Performance"), self.performance)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Cat:")))
        filters.addWidget(self.category)
        filters.addWidget(QLabel(self.tr("Cont:")))
        filters.addWidget(self.contingent)
        filters.addWidget(self.non_numbered)
        filters.addStretch(1)
        filters.addWidget(refresh)

        labels = counter_labels()
        self.summary_model = RowsModel([
            Column(self.tr("Counter"), lambda r: labels[r[0]]),
            Column(self.tr("Whole plan"), lambda r: r[1], align_right=True),
            Column(self.tr("Filter"), lambda r: r[2], align_right=True),
        ], self)
        self.summary = QTableView(objectName="countersTable")
        self.summary.setModel(self.summary_model)
        self.summary.verticalHeader().hide()
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        cols = [Column(self.tr("Contingent"), lambda r: f"{r.code} — {r.name}" if r.code else self.tr("(none)"),
                       background=lambda r: r.color if r.code else None)]
        cols += [Column(labels[k], (lambda k: lambda r: getattr(r.counts, k))(k), align_right=True) for k in COUNTER_KEYS]
        self.breakdown_model = RowsModel(cols, self)
        self.breakdown = QTableView(objectName="breakdownTable")
        self.breakdown.setModel(self.breakdown_model)
        self.breakdown.verticalHeader().hide()
        self.breakdown.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + self.tr("Seat plan counters") + "</h2>"))
        lay.addLayout(form)
        lay.addLayout(filters)
        # Every counter and both columns, without scroll bars: the table takes the size of its contents.
        self.summary.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.summary.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.summary.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QHBoxLayout()
        top.addWidget(self.summary, 0)
        share_box = QVBoxLayout()
        share_box.addWidget(QLabel(self.tr("Share of the hall (filter)")))
        share_box.addWidget(self.share)
        share_box.addStretch(1)
        top.addLayout(share_box, 0)
        top.addStretch(1)
        lay.addLayout(top, 0)
        lay.addWidget(QLabel(self.tr("By contingent")))
        lay.addWidget(self.breakdown, 3)

        refresh.clicked.connect(self.refresh)
        self.performance.currentIndexChanged.connect(self.refresh)
        self.contingent.currentIndexChanged.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)
        self.non_numbered.toggled.connect(self.refresh)
        self.watcher.changed.connect(self._revision_seen)
        watcher, cell = self.watcher, self._cell
        self.destroyed.connect(lambda *_: cell[0] is not None and watcher.unwatch(cell[0]))
        self.load_choices()

    def load_choices(self) -> None:
        def load():
            from sqlalchemy import select

            from app.db.models import Contingent, SeatCategory
            from app.services.lookup import list_performances

            with self.db.read() as s:
                perfs = list_performances(s)
                conts = [(c.code, c.name_fr) for c in s.scalars(select(Contingent).order_by(Contingent.code))]
                cats = [(c.code, c.name) for c in s.scalars(select(SeatCategory).order_by(SeatCategory.sort))]
            return perfs, conts, cats

        tasks().run(load, self._fill_choices, lambda e: show_error(self, self.tr("Counters"), e))

    def _fill_choices(self, data) -> None:
        perfs, conts, cats = data
        for combo in (self.performance, self.contingent, self.category):
            combo.blockSignals(True)
            combo.clear()
        for p in perfs:
            self.performance.addItem(f"{p.event_name} > {p.starts_at:%d.%m.%Y %H:%M}", p.id)
        self.contingent.addItem(self.tr("All"), None)
        for code, name in conts:
            self.contingent.addItem(f"{name} ({code})", code)
        self.category.addItem(self.tr("None"), None)
        for code, name in cats:
            self.category.addItem(name, code)
        last = settings.LAST_PERFORMANCE.get()
        idx = self.performance.findData(last)
        self.performance.setCurrentIndex(idx if idx >= 0 else 0)
        for combo in (self.performance, self.contingent, self.category):
            combo.blockSignals(False)
        self.refresh()

    def select_performance(self, performance_id: int) -> None:
        idx = self.performance.findData(performance_id)
        if idx >= 0:
            self.performance.setCurrentIndex(idx)

    def refresh(self) -> None:
        perf_id = self.performance.currentData()
        self._watch(perf_id)
        if perf_id is None:
            self.summary_model.set_rows([])
            self.breakdown_model.set_rows([])
            return
        settings.LAST_PERFORMANCE.set(perf_id)
        contingent, category = self.contingent.currentData(), self.category.currentData()
        nn = self.non_numbered.isChecked()

        def load():
            from app.services.inventory.counts import counts_by_contingent, performance_counts

            report = performance_counts(self.db, perf_id, contingent=contingent, category=category,
                                        include_non_numbered=nn)
            return report, counts_by_contingent(self.db, perf_id, include_non_numbered=nn)

        tasks().run(load, self._show, lambda e: show_error(self, self.tr("Counters"), e))

    def _show(self, data) -> None:
        report, rows = data
        self._revision = report.performance.revision
        if report.performance.id == self._cell[0] and self._latest is not None and self._latest > self._revision:
            self.refresh()  # the watcher saw a later change while these counts were read
        hall, filt = report.hall.as_dict(), report.counts.as_dict()
        self.summary_model.set_rows([(k, hall[k], filt[k]) for k in COUNTER_KEYS])
        self.breakdown_model.set_rows(rows)
        self.share.setText(f"<h1>{number(report.share_percent, 1)} %</h1>")

    def _watch(self, perf_id: int | None) -> None:
        if perf_id == self._cell[0]:
            return
        if self._cell[0] is not None:
            self.watcher.unwatch(self._cell[0])
        self._cell[0], self._revision, self._latest = perf_id, None, None
        if perf_id is not None:
            self.watcher.watch(perf_id)

    def _revision_seen(self, performance_id: int, revision: int) -> None:
        """Another workstation changed the performance shown: count again (when visible)."""
        if performance_id != self._cell[0]:
            return
        self._latest = revision
        if not self.isVisible():
            return
        if self._revision is not None and revision != self._revision:
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._revision is not None and self._latest is not None and self._latest != self._revision:
            self.refresh()  # changed while another screen was shown
