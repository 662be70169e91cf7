"""The Journal screen with real widgets on a real database (SQLite, and PostgreSQL when it
answers): an auditor signed in reads the operations that real sales and cancellations
journalled, narrows them, verifies the chain (and sees the edited row named and selected),
looks at a ticket without journalling anything, exports, and sees a new sale arrive. Nothing
on the screen writes."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from app.domain.enums import Role
from app.domain.selection import Range, SeatSelection
from app.services import journal
from app.services.inventory.orders import cancel_order
from app.services.inventory.selling import sell
from app.services.operators import NewOperator, add_operator, find_actor
from tests.conftest import WALKYRIE
from tests.integration.journal.test_journal import ROW, _drop_triggers


@pytest.fixture
def auditor(demo_db, manager):
    add_operator(demo_db, manager, NewOperator("controle", "Contrôleur DGFiP", Role.AUDITOR, None, "Secret-123!"))
    return find_actor(demo_db, "controle")


@pytest.fixture
def sales(demo_db, cashier, manager):
    """Two box-office sales (4 + 2 tickets) and the cancellation of one ticket: 7 operations."""
    first = sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    second = sell(demo_db, manager, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("2", "2"),
                                                            numbers=Range("1", "2")), payment="CASH")
    cancel_order(demo_db, cashier, first.order_reference, [first.ticket_ids[0]])
    return first, second


def _journal_page(qtbot, main_window_or_page):
    page = main_window_or_page
    qtbot.waitUntil(lambda: bool(page._ready and page.model.rowCount() > 0 and page.model.pages))
    return page


def _shown(page) -> list[int]:
    return list(page.model.numbers)


def _column(page, title: str) -> int:
    return [c[0] for c in page.model.columns].index(title)


@pytest.fixture
def open_page(qtbot, demo_db, inline_tasks, tmp_path):
    from app.ui.journal_page import JournalPage

    made = []

    def make(actor, **kw):
        page = JournalPage(demo_db, actor, ask_path=lambda: str(tmp_path / "journal.csv"), **kw)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        made.append(page)
        return _journal_page(qtbot, page)

    return make


def test_an_auditor_signed_in_reads_the_journal_in_the_main_window(qtbot, demo_db, auditor, sales, inline_tasks):
    from app.ui.main_window import MainWindow

    w = MainWindow(demo_db, auditor)
    qtbot.addWidget(w)
    assert w._find_item("journal") is not None and w._find_item("reports") is not None
    assert "auditor" in w.operator_label.text()
    page = _journal_page(qtbot, w.show_page("journal"))
    assert _shown(page) == [1, 2, 3, 4, 5, 6, 7]
    texts = [page.model.texts(r) for r in range(7)]
    kind, price, corrects = (_column(page, t) for t in ("Kind", "Price", "Corrects"))
    assert [t[kind] for t in texts] == ["Sale"] * 6 + ["Cancellation"]
    assert texts[0][_column(page, "Operator")] == "caisse" and texts[4][_column(page, "Operator")] == "manager"
    assert texts[6][corrects] == "1" and texts[6][price].startswith("-") and "€" in texts[6][price]
    assert texts[0][_column(page, "Show")] and texts[0][_column(page, "Seat / zone")]
    assert texts[0][_column(page, "Payment")] == "CARD" and texts[4][_column(page, "Payment")] == "CASH"
    assert texts[0][_column(page, "Performance")] == "07/12/2014 20:00"
    ops = journal.operations(demo_db)
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ToolTipRole).count(ops[0]["hash"]) == 1


def test_the_auditor_reaches_the_takings_statement(qtbot, demo_db, auditor, sales, inline_tasks):
    from app.ui.main_window import MainWindow

    w = MainWindow(demo_db, auditor)
    qtbot.addWidget(w)
    reports = w.show_page("reports")
    reports.select_report("takings-statement")
    reports.performance.setCurrentIndex(reports.performance.findData(WALKYRIE))
    assert reports.generate_button.isEnabled()
    reports.generate_button.click()
    qtbot.waitUntil(lambda: reports.preview is not None)
    assert reports.preview.report.tables and not reports.preview.report.empty


def test_filters_narrow_the_rows(qtbot, demo_db, manager, sales, open_page):
    from app.services.seeding import seed_stadium

    seed_stadium(demo_db, 50)  # another performance, nothing sold
    page = open_page(manager)
    assert page.model.rowCount() == 7
    page.kind.setCurrentIndex(page.kind.findData(journal.CANCEL))
    page.apply_filters()
    assert _shown(page) == [7]
    page.kind.setCurrentIndex(0)
    page.start.setValue(5)
    page.apply_filters()
    assert _shown(page) == [5, 6, 7]
    page.start.setValue(0)
    page.use_dates.setChecked(True)
    page.day_from.setDate(page.day_from.date().addDays(-10))
    page.day_to.setDate(page.day_from.date().addDays(1))  # a period that ended days ago
    page.apply_filters()
    assert _shown(page) == []
    page.day_to.setDate(page.day_from.date().addDays(20))
    page.apply_filters()
    assert _shown(page) == [1, 2, 3, 4, 5, 6, 7]
    page.use_dates.setChecked(False)
    other = next(i for i in range(1, page.performance.count()) if "STADE" in page.performance.itemText(i))
    page.performance.setCurrentIndex(other)
    page.apply_filters()
    assert _shown(page) == []
    walkyrie = next(i for i in range(1, page.performance.count()) if "07/12/2014 20:00" in page.performance.itemText(i)
                    and "WALKYRIE" in page.performance.itemText(i))
    page.performance.setCurrentIndex(walkyrie)
    page.apply_filters()
    assert _shown(page) == [1, 2, 3, 4, 5, 6, 7]


def test_verify_says_ok_then_names_and_selects_an_edited_row(qtbot, demo_db, manager, auditor, sales, open_page):
    page = open_page(auditor)
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_button.isEnabled())
    assert "valid" in page.verdict.text() and "7 operation(s) checked" in page.verdict.text()
    _drop_triggers(demo_db)
    with demo_db.write() as s:
        s.execute(text("UPDATE journal_operations SET price = 0.01 WHERE op_no = 3"))
    page.kind.setCurrentIndex(page.kind.findData(journal.CANCEL))  # a filter that hides the edited row
    page.apply_filters()
    assert _shown(page) == [7]
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.table.currentIndex().isValid())
    assert "n° 3" in page.verdict.text() and "edited" in page.verdict.text()
    assert page.kind.currentIndex() == 0 and _shown(page) == [1, 2, 3, 4, 5, 6, 7]  # the filters cleared
    row = page.table.currentIndex().row()
    assert page.model.numbers[row] == 3 and page.table.selectionModel().isRowSelected(row)
    assert page.model.data(page.model.index(row, 1), Qt.ItemDataRole.BackgroundRole) is not None


def test_the_ticket_view_shows_the_mentions_and_journals_nothing(qtbot, demo_db, auditor, cashier, sales, open_page):
    for actor in (auditor, cashier):
        page = open_page(actor)
        before = journal.operations(demo_db)
        page.select_operation(7)  # the cancellation: its ticket, cancelled, is still shown
        assert page.ticket_button.isEnabled()
        page.ticket_button.click()
        qtbot.waitUntil(lambda: page.ticket_dialog is not None and page.ticket_dialog.isVisible())
        dialog = page.ticket_dialog
        assert not dialog.print_button.isVisible() and not dialog.save_button.isVisible()
        mentions = dialog.mentions.text()
        assert "n° 1" in mentions and sales[0].order_reference in mentions and "cancelled" in mentions
        assert dialog.preview.pageCount() == 1
        dialog.close()
        page.ticket_dialog = None
        index = page.model.index(page.select_operation(2), 3)
        qtbot.waitExposed(page)
        where = page.table.visualRect(index).center()
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.waitUntil(lambda: page.ticket_dialog is not None)
        page.ticket_dialog.close()
        assert journal.operations(demo_db) == before  # looking at a ticket is not printing it


def test_the_screen_has_no_write_action(qtbot, demo_db, auditor, sales, open_page, tmp_path):
    page = open_page(auditor)
    buttons = {b.objectName() for b in page.findChildren(QPushButton)}
    assert buttons == {"journalVerify", "journalTicket", "journalExport"}
    before = journal.operations(demo_db)
    page.kind.setCurrentIndex(page.kind.findData(journal.SALE))
    page.apply_filters()
    page.export_button.click()
    qtbot.waitUntil(lambda: page.export_button.isEnabled() and "written" in page.verdict.text())
    rows = list(csv.DictReader((tmp_path / "journal.csv").open(encoding="utf-8")))
    assert [int(r["op_no"]) for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0]["hash"] == before[0]["hash"] and rows[1]["prev_hash"] == before[0]["hash"]
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_button.isEnabled())
    assert journal.operations(demo_db) == before and journal.verify(demo_db).ok


def test_a_new_sale_shows_up_after_a_refresh_tick(qtbot, demo_db, cashier, sales, open_page):
    page = open_page(cashier, page=3)  # pages of 3 rows: the new rows land after a partial last page
    assert page.model.rowCount() == 7 and list(page.model.pages) == [0]
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: 2 in page.model.pages)  # the last page, read as the view shows it
    sell(demo_db, cashier, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("3", "3"),
                                                   numbers=Range("1", "2")), payment="CARD")
    page.timer.timeout.emit()
    qtbot.waitUntil(lambda: page.model.rowCount() == 9)
    qtbot.waitUntil(lambda: page.model.stored(8) is not None)
    assert page.model.stored(8)[0] == 9 and page.model.texts(8)[_column(page, "Kind")] == "Sale"
    assert "9 operation" in page.count_label.text()


def test_new_sales_after_a_gap_of_the_filter(qtbot, demo_db, cashier, sales, open_page):
    page = open_page(cashier)
    page.kind.setCurrentIndex(page.kind.findData(journal.SALE))
    page.apply_filters()
    assert _shown(page) == [1, 2, 3, 4, 5, 6]  # the cancellation (7) is not a sale
    sell(demo_db, cashier, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("3", "3"),
                                                   numbers=Range("1", "2")), payment="CARD")
    page.poll()
    qtbot.waitUntil(lambda: page.model.rowCount() == 8)
    assert _shown(page) == [1, 2, 3, 4, 5, 6, 8, 9]
    page.apply_filters()  # read again: numbers with a gap
    assert _shown(page) == [1, 2, 3, 4, 5, 6, 8, 9] and page.model.row_of(7) == 6 and page.model.has(8)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.stored(7) is not None)
    assert page.model.stored(7)[0] == 9
