"""The Reports screen ("Rapports"): TYPE DE RAPPORT, RAPPORT, the report's filters and
GÉNÉRER, which opens the preview of the PDF it makes."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QVBoxLayout, QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.ui.tasks import tasks
from app.ui.widgets import show_error


def _load_choices(db: Database) -> dict:
    from sqlalchemy import select

    from app.db.models import DistributorInterface, Product
    from app.domain.enums import ProductKind
    from app.services.lookup import list_performances

    with db.read() as s:
        events = [(p.code, p.name_fr) for p in s.scalars(select(Product).where(Product.kind == ProductKind.EVENT)
                                                          .order_by(Product.code))]
        interfaces = list(s.scalars(select(DistributorInterface.name_fr).order_by(DistributorInterface.name_fr)))
        perfs = [(p.label, p.event_name) for p in list_performances(s)]
    return {"events": events, "interfaces": interfaces, "performances": perfs}


class ReportsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent=None, *, ask_path=None):
        super().__init__(parent)
        self.db, self.actor, self.ask_path = db, actor, ask_path
        self.preview = None
        self.type_combo = QComboBox(objectName="reportType")
        self.report_list = QListWidget(objectName="reportList")
        self.event_choice = QComboBox(objectName="eventFilter")
        self.interface = QComboBox(objectName="interfaceFilter")
        self.performance = QComboBox(objectName="performanceFilter")
        self.use_period = QCheckBox(self.tr("Period"), objectName="usePeriod")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30), objectName="dateFrom", calendarPopup=True)
        self.date_to = QDateEdit(today, objectName="dateTo", calendarPopup=True)
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat("dd/MM/yyyy")
        self.generate_button = QPushButton(self.tr("Generate"), objectName="generateButton")
        self.hint = QLabel(objectName="reportHint", wordWrap=True)

        self.titles = {
            "sale-sheet": self.tr("Sale sheet"),
            "partner-statement": self.tr("Partner statement"),
            "digitick-allotment": self.tr("Digitick allotment (to phone in)"),
            "collections": self.tr("Takings consolidation"),
            "takings-statement": self.tr("Takings statement (from the journal)"),
            "gauge": self.tr("Gauge by block, door, sector and level"),
        }
        self.hints = {
            "sale-sheet": self.tr("What a distributor needs to put an event on sale, our codes beside theirs. "
                                  "Its Excel workbook, once filled, imports back as the interface's mappings."),
            "partner-statement": self.tr("What a distributor sold and cancelled over the period, its commission "
                                         "and the amount due on the waiting account."),
            "digitick-allotment": self.tr("Digitick takes no allotment online: the sheet to read out on the phone."),
            "collections": self.tr("Takings per day, channel, point of sale and payment mode, with totals."),
            "takings-statement": self.tr("The statement of a performance, or of one day (period from = to): "
                                         "tickets issued per category and tariff, free tickets, cancellations, "
                                         "takings, from the operations journal."),
            "gauge": self.tr("Capacity, sold, reserved, blocked and free places per zone and block, "
                             "and per contingent."),
        }
        self.groups = [("distributors", self.tr("Distributors")), ("takings", self.tr("Takings")),
                       ("inventory", self.tr("Inventory"))]
        for key, text in self.groups:
            self.type_combo.addItem(text, key)

        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        layout.addLayout(left, 1)
        left.addWidget(QLabel(self.tr("REPORT TYPE")))
        left.addWidget(self.type_combo)
        left.addWidget(QLabel(self.tr("REPORT")))
        left.addWidget(self.report_list, 1)
        filters = QGroupBox(self.tr("Filters"))
        form = QFormLayout(filters)
        form.addRow(self.tr("Event"), self.event_choice)
        form.addRow(self.tr("Interface"), self.interface)
        form.addRow(self.tr("Performance"), self.performance)
        period = QHBoxLayout()
        period.addWidget(self.use_period)
        period.addWidget(QLabel(self.tr("from")))
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form.addRow(self.tr("Dates"), period)
        right = QVBoxLayout()
        layout.addLayout(right, 2)
        right.addWidget(self.hint)
        right.addWidget(filters)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.generate_button)
        right.addLayout(buttons)
        right.addStretch(1)

        self.type_combo.currentIndexChanged.connect(self._fill_reports)
        self.report_list.currentItemChanged.connect(lambda *_: self._update_filters())
        self.use_period.toggled.connect(lambda *_: self._update_filters())
        self.generate_button.clicked.connect(self.generate)
        self._fill_reports()
        tasks().run(lambda: _load_choices(db), self._fill_choices,
                    lambda e: show_error(self, self.tr("Reports"), e))

    # --- choices ----------------------------------------------------------------------

    def _fill_choices(self, data: dict) -> None:
        for combo, items in ((self.event_choice, data["events"]), (self.performance, data["performances"])):
            combo.clear()
            if combo is self.event_choice:
                combo.addItem(self.tr("(all events)"), None)
            for code, name in items:
                combo.addItem(f"{code} — {name}", code)
            combo.setCurrentIndex(1 if combo is self.event_choice and combo.count() > 1 else 0)
        self.interface.clear()
        for name in data["interfaces"]:
            self.interface.addItem(name, name)
        self._update_filters()

    def _fill_reports(self) -> None:
        from app.services.reports import REPORTS

        group = self.type_combo.currentData()
        self.report_list.clear()
        for key, rt in REPORTS.items():
            if rt.group == group:
                item = QListWidgetItem(self.titles[key])
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.report_list.addItem(item)
        self.report_list.setCurrentRow(0)
        self._update_filters()

    def current_kind(self) -> str | None:
        item = self.report_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_report(self, kind: str) -> None:
        from app.services.reports import REPORTS

        self.type_combo.setCurrentIndex([k for k, _ in self.groups].index(REPORTS[kind].group))
        for i in range(self.report_list.count()):
            if self.report_list.item(i).data(Qt.ItemDataRole.UserRole) == kind:
                self.report_list.setCurrentRow(i)

    def _update_filters(self) -> None:
        from app.services.reports import REPORTS

        kind = self.current_kind()
        rt = REPORTS.get(kind) if kind else None
        accepts = rt.accepts if rt else frozenset()
        self.hint.setText(self.hints.get(kind, ""))
        self.event_choice.setEnabled("event" in accepts)
        self.interface.setEnabled("interface" in accepts)
        # An event-wide report takes the event; the performance choice is for the others.
        self.performance.setEnabled("performance" in accepts and "event" not in accepts)
        self.use_period.setEnabled("period" in accepts)
        dated = "period" in accepts and self.use_period.isChecked()
        self.date_from.setEnabled(dated)
        self.date_to.setEnabled(dated)
        self.generate_button.setEnabled(rt is not None)

    # --- generate ---------------------------------------------------------------------

    def params(self):
        from app.services.reports import REPORTS, ReportParams
        from app.ui.i18n import current_language

        accepts = REPORTS[self.current_kind()].accepts
        dated = "period" in accepts and self.use_period.isChecked()

        def pick(combo, key):
            return combo.currentData() if key in accepts and combo.currentIndex() >= 0 else None

        # The gauge and collections take an event or a performance: the performance wins
        # only for the gauge when the event is left aside (collections: by event).
        return ReportParams(
            event=pick(self.event_choice, "event"), interface=pick(self.interface, "interface"),
            performance=pick(self.performance, "performance") if "event" not in accepts else None,
            date_from=self.date_from.date().toPython() if dated else None,
            date_to=self.date_to.date().toPython() if dated else None,
            lang=current_language(), operator=self.actor.display_name)

    def generate(self) -> None:
        from app.services.reports import generate, to_pdf_bytes

        kind = self.current_kind()
        if kind is None:
            return
        params = self.params()
        db = self.db
        self.generate_button.setEnabled(False)

        def work():
            report = generate(db, kind, params)
            return report, to_pdf_bytes(report)

        def failed(exc):
            self.generate_button.setEnabled(True)
            show_error(self, self.tr("Reports"), exc)

        tasks().run(work, self._show_preview, failed)

    def _show_preview(self, result) -> None:
        from app.ui.reports.preview import ReportPreview

        self.generate_button.setEnabled(True)
        report, pdf = result
        kw = {"ask_path": self.ask_path} if self.ask_path else {}
        self.preview = ReportPreview(report, pdf, parent=self, **kw)
        self.preview.show()
