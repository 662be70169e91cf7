"""The Journal screen ("Journal des opérations", issue 17): every ticketing operation as the
journal keeps it, for the auditor and the manager; nothing on it changes anything.

- The table is a window over the journal (`JournalModel`): a filter's operation numbers come
  first (a range when they have no gap, else one narrow query), then the rows a page at a time
  as the view shows them
  (`services.journal.listing`), so 200,000 operations open like 200 (`bench/journal_view.py`).
- Filters: performance, the venue's local days, from operation n°, kind.
- "Verify the chain" runs `journal.verify` on the task pool and names the first broken row,
  selected in the table (the filters are cleared if they hid it).
- "View the ticket" (or a double-click) shows the ticket of an operation with its mentions,
  in the tickets preview without its Print and Save buttons: nothing is journalled.
- Export writes the filtered journal with its hashes (CSV or JSON lines, `journal.backup.export`).
- While shown, the journal head's number is read every 2 s; new operations of the filter are
  appended (and followed when the view was at the end).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QCompleter, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from app.services import journal
from app.services.journal.listing import COLUMNS, JournalFilter
from app.ui.setup_widgets import heading
from app.ui.tasks import tasks
from app.ui.widgets import performance_text, show_error, venue_time

REFRESH_MS = 2000
PAGE = 200
KEPT_PAGES = 60  # pages kept in memory (12,000 rows); the others are read again when shown
CANCELLED_RED = "#c0392b"
BROKEN_RED = "#ffc7ce"


def kind_labels() -> dict[str, str]:
    """The journal's kinds of operation in the user's language."""
    translate = QCoreApplication.translate
    return {
        journal.SALE: translate("Journal", "Sale"),  # Vente
        journal.INVITATION: translate("Journal", "Invitation"),  # Invitation (exonéré)
        journal.PRINT: translate("Journal", "Print"),  # Impression
        journal.REPRINT: translate("Journal", "Reprint"),  # Réimpression
        journal.CANCEL: translate("Journal", "Cancellation"),  # Annulation
        journal.DIST_SALE: translate("Journal", "Distributor sale"),  # Vente distributeur
        journal.DIST_CANCEL: translate("Journal", "Distributor cancellation"),  # Annulation distributeur
    }


_AT = COLUMNS.index
I_NO, I_AT, I_KIND, I_PRICE, I_PERF = _AT("op_no"), _AT("at"), _AT("kind"), _AT("price"), _AT("performance")
I_TICKET, I_CORRECTS, I_HASH, I_PREV = _AT("ticket_id"), _AT("corrects_no"), _AT("hash"), _AT("prev_hash")


def load_page(db, nos, tz, lang: str) -> list[tuple[tuple, dict[int, str]]]:
    """A page's rows (worker thread): the stored row and its formatted time, price, performance."""
    from app.services.excel_table import MONEY
    from app.services.reports.render import format_value

    return [(r, {I_AT: venue_time(r[I_AT], tz), I_PRICE: format_value(r[I_PRICE], MONEY, lang),
                 I_PERF: performance_text(r[I_PERF] or "")})
            for r in journal.listing.page(db, nos)]


def joined(shown, new):
    """Operation numbers followed by newer ones: still a range when both are and they touch."""
    if not len(shown):
        return new
    if isinstance(shown, range) and isinstance(new, range) and new.start == shown.stop:
        return range(shown.start, new.stop)
    out = shown if isinstance(shown, array) else array("q", shown)
    out.extend(new)
    return out


class JournalModel(QAbstractTableModel):
    """The operations of a filter, in operation order, read a page at a time as they are shown."""

    loaded = Signal()  # a reload's numbers and first page arrived
    grew = Signal(int)  # n operations of the filter were appended
    failed = Signal(object)

    def __init__(self, db, parent=None, *, page: int = PAGE):
        super().__init__(parent)
        self.db, self.page = db, page
        self.tz = None
        self.lang = "en"
        self.filter = JournalFilter()
        self.numbers = range(0)  # the filter's operation numbers, ascending (a range, or an array)
        self.upto = 0  # the journal head's number when they were read
        self.pages: OrderedDict[int, list] = OrderedDict()
        self.broken_no: int | None = None
        self._wanted: list[int] = []
        self._busy_page: int | None = None
        self._generation = 0
        self._growing = False
        self.kinds = kind_labels()
        self.columns = [  # (title, index in a stored row, right-aligned): what an auditor reads first on the left
            (self.tr("No."), I_NO, True), (self.tr("Time"), I_AT, False), (self.tr("Kind"), I_KIND, False),
            (self.tr("Show"), _AT("show"), False), (self.tr("Performance"), I_PERF, False),
            (self.tr("Seat / zone"), _AT("seat"), False), (self.tr("Category"), _AT("category"), False),
            (self.tr("Tariff"), _AT("tariff"), False), (self.tr("Price"), I_PRICE, True),
            (self.tr("Payment"), _AT("payment"), False), (self.tr("Operator"), _AT("operator"), False),
            (self.tr("Workstation"), _AT("workstation"), False), (self.tr("Point of sale"), _AT("point_of_sale"), False),
            (self.tr("Channel"), _AT("channel"), False), (self.tr("Order"), _AT("order_reference"), False),
            (self.tr("Ticket"), I_TICKET, True), (self.tr("Corrects"), I_CORRECTS, True),
        ]

    # --- loading ------------------------------------------------------------------------
    def reload(self, flt: JournalFilter | None = None) -> None:
        if flt is not None:
            self.filter = flt
        self._generation += 1
        gen, f, db, tz, lang, size = self._generation, self.filter, self.db, self.tz, self.lang, self.page

        def work():
            found = journal.listing.numbers(db, f)
            return found, load_page(db, found.numbers[:size], tz, lang)

        def done(result):
            if gen != self._generation:
                return
            found, first = result
            self.beginResetModel()
            self.numbers, self.upto = found.numbers, found.upto
            self.pages = OrderedDict({0: first}) if first else OrderedDict()
            self._wanted.clear()
            self.endResetModel()
            self.loaded.emit()

        tasks().run(work, done, self._failed)

    def _want(self, p: int) -> None:
        if p in self.pages or p == self._busy_page:
            return
        if p in self._wanted:
            self._wanted.remove(p)
        self._wanted.append(p)
        del self._wanted[:-8]  # scrolled past quickly: only the latest pages asked are still wanted
        QTimer.singleShot(0, self._pump)

    def _pump(self) -> None:
        if self._busy_page is not None or not self._wanted:
            return
        p = self._busy_page = self._wanted.pop()  # the most recently asked: what the view shows now
        gen, db, tz, lang = self._generation, self.db, self.tz, self.lang
        nos = self.numbers[p * self.page:(p + 1) * self.page]

        def done(rows):
            self._busy_page = None
            if gen == self._generation and rows:
                self.pages[p] = rows
                while len(self.pages) > KEPT_PAGES:
                    self.pages.popitem(last=False)
                first = p * self.page
                self.dataChanged.emit(self.index(first, 0), self.index(first + len(rows) - 1, len(self.columns) - 1))
            self._pump()

        def failed(exc):
            self._busy_page = None
            self._failed(exc)

        tasks().run(lambda: load_page(db, nos, tz, lang), done, failed)

    def poll(self) -> None:
        """Operations committed since: the head's number (one row), then the new numbers of the filter."""
        if self._growing:
            return
        self._growing = True
        gen, f, db, upto = self._generation, self.filter, self.db, self.upto

        def work():
            if journal.listing.last_number(db) <= upto:
                return None
            return journal.listing.numbers(db, f, after=upto)

        def done(found):
            self._growing = False
            if found is None or gen != self._generation:
                return
            self.upto = found.upto
            n = len(found.numbers)
            if not n:
                return
            last_page = (len(self.numbers) - 1) // self.page if self.numbers else None
            if last_page in self.pages and len(self.pages[last_page]) < self.page:
                del self.pages[last_page]  # it will be read again with its new rows
            start = len(self.numbers)
            self.beginInsertRows(QModelIndex(), start, start + n - 1)
            self.numbers = joined(self.numbers, found.numbers)
            self.endInsertRows()
            self.grew.emit(n)

        def failed(_exc):  # the database away for a moment: the next tick tries again
            self._growing = False

        tasks().run(work, done, failed)

    def _failed(self, exc) -> None:
        self.failed.emit(exc)

    # --- lookups ------------------------------------------------------------------------
    def stored(self, row: int) -> tuple | None:
        """The stored row (COLUMNS order) at `row`, when its page is loaded."""
        rows = self.pages.get(row // self.page)
        if rows is None or not 0 <= row - (row // self.page) * self.page < len(rows):
            return None
        return rows[row - (row // self.page) * self.page][0]

    def row_of(self, op_no: int) -> int:
        """The row of operation `op_no`, or of the first one after it (-1: none)."""
        i = bisect_left(self.numbers, op_no)
        return i if i < len(self.numbers) else len(self.numbers) - 1

    def has(self, op_no: int) -> bool:
        i = bisect_left(self.numbers, op_no)
        return i < len(self.numbers) and self.numbers[i] == op_no

    # --- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.numbers)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        p = row // self.page
        rows = self.pages.get(p)
        if rows is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(p)
                return str(self.numbers[row]) if index.column() == 0 else ""
            return None
        i = row - p * self.page
        if i >= len(rows):
            return None
        r, shown = rows[i]
        _title, key, right = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key in shown:
                return shown[key]
            if key == I_KIND:
                return self.kinds.get(r[I_KIND], r[I_KIND])
            value = r[key]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Hash: %1\nPrevious hash: %2").replace("%1", r[I_HASH]).replace("%2", r[I_PREV])
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and r[I_NO] == self.broken_no:
            return QColor(BROKEN_RED)
        if role == Qt.ItemDataRole.ForegroundRole and key == I_PRICE and r[I_PRICE] < 0:
            return QColor(CANCELLED_RED)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section][0]
        return None

    def texts(self, row: int) -> list[str]:
        """What a loaded row shows, column by column."""
        return [self.data(self.index(row, c)) or "" for c in range(len(self.columns))]


def _load_choices(db):
    from app.services.lookup import list_performances
    from app.services.schedules.rules import venue_timezone

    with db.read() as s:
        perfs = [(p.id, f"{p.event_code} — {p.event_name} — {p.starts_at:%d/%m/%Y %H:%M}") for p in list_performances(s)]
    return venue_timezone(db), perfs


class JournalPage(QWidget):
    """The journal, read only, for every role (the auditor's screen)."""

    def __init__(self, db, actor, parent=None, *, page: int = PAGE, ask_path=None):
        super().__init__(parent)
        from app.ui.i18n import current_language

        self.db, self.actor = db, actor
        self.ask_path = ask_path  # tests: answers the export's file dialog
        self.ticket_dialog = None
        self._pending_select: int | None = None
        self._widths_set = False
        self._ready = False

        self.model = JournalModel(db, self, page=page)
        self.model.lang = current_language()
        self.model.loaded.connect(self._loaded)
        self.model.grew.connect(self._grew)
        self.model.failed.connect(lambda exc: show_error(self, self.tr("Operations journal"), exc))
        self.table = QTableView(objectName="journalTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.view_ticket(index.row()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        # filters
        self.performance = QComboBox(objectName="journalPerformance", editable=True)
        self.performance.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.performance.addItem(self.tr("All performances"), None)
        completer = self.performance.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.performance.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.performance.setMinimumContentsLength(28)
        self.kind = QComboBox(objectName="journalKind")
        self.kind.addItem(self.tr("All kinds"), None)
        for code, text in kind_labels().items():
            self.kind.addItem(text, code)
        self.use_dates = QCheckBox(self.tr("From"), objectName="journalDates")
        today = QDate.currentDate()
        self.day_from = QDateEdit(today, objectName="journalFrom", calendarPopup=True)
        self.day_to = QDateEdit(today, objectName="journalTo", calendarPopup=True)
        for d in (self.day_from, self.day_to):
            d.setDisplayFormat("dd/MM/yyyy")
            d.setEnabled(False)
        self.use_dates.toggled.connect(lambda on: (self.day_from.setEnabled(on), self.day_to.setEnabled(on)))
        self.start = QSpinBox(objectName="journalStart", minimum=0, maximum=2_147_483_647)
        self.start.setSpecialValueText(self.tr("the first"))  # 0: no lower bound
        self.start.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000000000") + 40)

        self.verify_button = QPushButton(self.tr("Verify the chain"), objectName="journalVerify")
        self.ticket_button = QPushButton(self.tr("View the ticket"), objectName="journalTicket")
        self.export_button = QPushButton(self.tr("Export…"), objectName="journalExport")
        self.ticket_button.setEnabled(False)
        self.count_label = QLabel(objectName="journalCount")
        self.verdict = QLabel(objectName="journalVerdict", wordWrap=True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Performance")))
        filters.addWidget(self.performance, 2)
        filters.addWidget(QLabel(self.tr("Kind")))
        filters.addWidget(self.kind)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.day_from)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.day_to)
        filters.addWidget(QLabel(self.tr("From n°")))
        filters.addWidget(self.start)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.ticket_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.verify_button)

        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Operations journal")))  # Journal des opérations
        note = QLabel(self.tr("Every ticketing operation, numbered and chained: this screen reads it and "
                              "changes nothing."), wordWrap=True)
        note.setStyleSheet("color: #555")
        lay.addWidget(note)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.verdict)
        lay.addLayout(buttons)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filters)
        for combo in (self.performance, self.kind):
            combo.currentIndexChanged.connect(lambda *_: self._debounce.start())
        for d in (self.day_from, self.day_to):
            d.dateChanged.connect(lambda *_: self._debounce.start())
        self.use_dates.toggled.connect(lambda *_: self._debounce.start())
        self.start.valueChanged.connect(lambda *_: self._debounce.start())
        self.verify_button.clicked.connect(self.verify)
        self.ticket_button.clicked.connect(lambda: self.view_ticket(self.table.currentIndex().row()))
        self.export_button.clicked.connect(lambda: self.export())

        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.poll)
        tasks().run(lambda: _load_choices(db), self._choices, lambda e: show_error(self, self.tr("Operations journal"), e))

    # --- filters ----------------------------------------------------------------------------
    def _choices(self, data) -> None:
        tz, perfs = data
        self.model.tz = tz
        self.performance.blockSignals(True)
        for pid, text in perfs:
            self.performance.addItem(text, pid)
        self.performance.blockSignals(False)
        self._ready = True
        self.apply_filters()

    def current_filter(self) -> JournalFilter:
        from app.services.reports.model import ReportParams

        at_from = at_before = None
        if self.use_dates.isChecked():  # the venue's local days, as UTC instants (an inverted period is refused)
            at_from, at_before = ReportParams(date_from=self.day_from.date().toPython(),
                                              date_to=self.day_to.date().toPython()).period(self.model.tz)
        kind = self.kind.currentData()
        return JournalFilter(performance_id=self.performance.currentData(), at_from=at_from, at_before=at_before,
                             start=self.start.value() or None, kinds=(kind,) if kind else ())

    def apply_filters(self) -> None:
        if not self._ready:
            return
        self._debounce.stop()
        try:
            flt = self.current_filter()
        except Exception as exc:  # noqa: BLE001 - an inverted period: said, nothing read
            self.count_label.setText(str(exc))
            return
        self.count_label.setText(self.tr("Reading the journal…"))
        self.model.reload(flt)

    def clear_filters(self) -> None:
        for w in (self.performance, self.kind, self.use_dates, self.start):
            w.blockSignals(True)
        self.performance.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        self.day_from.setEnabled(False)
        self.day_to.setEnabled(False)
        self.start.setValue(0)
        for w in (self.performance, self.kind, self.use_dates, self.start):
            w.blockSignals(False)
        self.apply_filters()

    def _show_count(self) -> None:
        n = len(self.model.numbers)
        self.count_label.setText(self.tr("%n operation(s)", "", n) + " · "
                                 + self.tr("last n° %1").replace("%1", str(self.model.upto)))

    def _loaded(self) -> None:
        self._show_count()
        if not self._widths_set and self.model.pages:
            self._set_widths()
        if self._pending_select is not None:
            no, self._pending_select = self._pending_select, None
            self.select_operation(no)
        self._update_buttons()

    def _set_widths(self) -> None:
        """Columns as wide as their title and the first page's texts (never measured over the
        whole journal: the view would read every page)."""
        fm = self.table.fontMetrics()
        rows = range(min(self.model.rowCount(), self.model.page))
        texts = [self.model.texts(r) for r in rows]
        header = self.table.horizontalHeader()
        bold = header.fontMetrics()
        for c, (title, _key, _right) in enumerate(self.model.columns):
            widest = max([bold.horizontalAdvance(title) + 24] + [fm.horizontalAdvance(t[c]) + 16 for t in texts])
            self.table.setColumnWidth(c, min(widest, 320))
        self._widths_set = True

    def _grew(self, n: int) -> None:
        bar = self.table.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        self._show_count()
        if at_end:
            self.table.scrollToBottom()

    # --- selection, ticket -------------------------------------------------------------------
    def select_operation(self, op_no: int) -> int:
        """Select operation `op_no` (or the first one after it); returns its row."""
        row = self.model.row_of(op_no)
        if row < 0:
            return row
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return row

    def _update_buttons(self) -> None:
        r = self.model.stored(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        self.ticket_button.setEnabled(r is not None and r[I_TICKET] is not None)

    def view_ticket(self, row: int) -> None:
        """The ticket of the operation at `row`, with its mentions: looked at, never printed."""
        from app.services.inventory.tickets import ticket_view
        from app.ui.till.tickets_preview import TicketsDialog

        r = self.model.stored(row) if row >= 0 else None
        if r is None or r[I_TICKET] is None:
            return
        ticket_id, db, tz = r[I_TICKET], self.db, self.model.tz

        def show(ticket):
            self.ticket_dialog = TicketsDialog([ticket], self, view_only=True, tz=tz)
            self.ticket_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.ticket_dialog.show()

        tasks().run(lambda: ticket_view(db, ticket_id), show, lambda e: show_error(self, self.tr("Ticket"), e))

    # --- verify, export ------------------------------------------------------------------
    def verify(self) -> None:
        """The whole chain checked on the task pool; the verdict below the table."""
        db = self.db
        self.verify_button.setEnabled(False)
        self._verdict(self.tr("Verifying the chain…"), None)

        def done(res):
            self.verify_button.setEnabled(True)
            self.model.broken_no = res.broken_no
            self._verdict(res.message(), res.ok)
            if res.ok:
                self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(
                    max(self.model.rowCount() - 1, 0), self.model.columnCount() - 1))
                return
            if self.model.has(res.broken_no) or not self._filtered():
                self.select_operation(res.broken_no)
            else:  # the filters hide it: the whole journal, then the row
                self._pending_select = res.broken_no
                self.clear_filters()

        def failed(exc):
            self.verify_button.setEnabled(True)
            self._verdict("", None)
            show_error(self, self.tr("Operations journal"), exc)

        tasks().run(lambda: journal.verify(db), done, failed)

    def _filtered(self) -> bool:
        return self.model.filter != JournalFilter()

    def _verdict(self, text: str, ok: bool | None) -> None:
        colour = {True: "#1e7b34", False: "#b00020", None: "#555"}[ok]
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: {'bold' if ok is not None else 'normal'}")
        self.verdict.setText(("✔ " if ok else "✘ " if ok is False else "") + text)

    def export(self, path: str | None = None) -> None:
        """The filtered journal with its hashes, to a CSV or JSON lines file."""
        from app.services.journal.backup import export

        if path is None:
            if self.ask_path is not None:
                path = self.ask_path()
            else:
                path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the journal"), "journal.csv",
                                                      self.tr("CSV (*.csv);;JSON lines (*.jsonl)"))
            if not path:
                return
        try:
            flt = self.current_filter()
        except Exception as exc:  # noqa: BLE001
            show_error(self, self.tr("Operations journal"), exc)
            return
        db = self.db
        self.export_button.setEnabled(False)

        def done(n):
            self.export_button.setEnabled(True)
            self._verdict(self.tr("%n operation(s) written to %1", "", n).replace("%1", path), None)

        def failed(exc):
            self.export_button.setEnabled(True)
            show_error(self, self.tr("Operations journal"), exc)

        tasks().run(lambda: export(db, path, where=flt), done, failed)

    # --- real time ------------------------------------------------------------------------
    def poll(self) -> None:
        if self._ready:
            self.model.poll()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.timer.start()
        self.poll()

    def hideEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)
