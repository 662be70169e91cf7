"""The "Seat plan" page: pick an event, then a performance, and open its plan."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.db.engine import Database
from app.domain.actors import Actor
from app.ui import settings
from app.ui.tasks import tasks
from app.ui.widgets import show_error


class SeatPlanPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.windows: list = []
        self.event_combo = QComboBox(objectName="eventCombo")
        self.performance = QComboBox(objectName="performanceCombo")
        self.open_button = QPushButton(self.tr("Open the seat plan"), objectName="openPlanButton")
        self.open_button.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Event"), self.event_combo)
        form.addRow(self.tr("Performance"), self.performance)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + self.tr("Seat plan") + "</h2>"))
        hint = QLabel(self.tr("Managers allocate seats to contingents and block them; cashiers sell from the "
                              "plan (Sale mode). Drag to select, Shift adds, Ctrl removes, the wheel zooms."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        lay.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        lay.addLayout(row)
        lay.addStretch(1)
        self.event_combo.currentIndexChanged.connect(self._fill_performances)
        self.open_button.clicked.connect(self.open_plan)
        self.performance.activated.connect(lambda _i: None)
        self.events = []
        from app.services.inventory.seatplan_data import events_with_performances

        tasks().run(lambda: events_with_performances(db), self._fill_events,
                    lambda e: show_error(self, self.tr("Seat plan"), e))

    def _fill_events(self, events) -> None:
        self.events = events
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for e in events:
            self.event_combo.addItem(f"{e.name} ({e.code})", e.id)
        self.event_combo.blockSignals(False)
        last = settings.LAST_PERFORMANCE.get()
        idx = next((k for k, e in enumerate(events) if any(p == last for p, _ in e.performances)), 0)
        self.event_combo.setCurrentIndex(idx)
        self._fill_performances()
        pidx = self.performance.findData(last)
        if pidx >= 0:
            self.performance.setCurrentIndex(pidx)

    def _fill_performances(self) -> None:
        self.performance.clear()
        k = self.event_combo.currentIndex()
        if 0 <= k < len(self.events):
            for perf_id, starts in self.events[k].performances:
                self.performance.addItem(f"{starts:%d.%m.%Y %H:%M}", perf_id)
        self.open_button.setEnabled(self.performance.count() > 0)

    def open_plan(self):
        from app.ui.seatplan_window import SeatPlanWindow

        perf_id = self.performance.currentData()
        if perf_id is None:
            return None
        settings.LAST_PERFORMANCE.set(perf_id)
        window = SeatPlanWindow(self.db, self.actor, perf_id)
        self.windows = [w for w in self.windows if w.isVisible()] + [window]
        window.destroyed.connect(lambda *_: self.windows.remove(window) if window in self.windows else None)
        window.show()
        return window
