"""The main window opens offscreen, navigates, and shows working counters."""

from PySide6.QtCore import Qt

from app.domain.selection import SeatSelection
from app.services.inventory.selling import sell
from app.ui.main_window import MainWindow
from app.ui.widgets import Column, RowsModel
from tests.conftest import WALKYRIE


def counter(page, key_row: int, col: int) -> str:
    m = page.summary_model
    return m.data(m.index(key_row, col), Qt.ItemDataRole.DisplayRole)


def test_main_window_shows_database_operator_and_counters(qtbot, demo_db, manager, threaded_tasks):
    w = MainWindow(demo_db, manager)
    qtbot.addWidget(w)
    w.show()
    assert demo_db.url.split("://")[0] in w.db_label.text()
    assert manager.display_name in w.operator_label.text()
    page = w.show_page("counters")
    qtbot.waitUntil(lambda: page.summary_model.rowCount() == 8, timeout=10000)
    assert counter(page, 0, 1) == "1526"  # Total, whole plan
    assert counter(page, 1, 1) == "1526"  # Free
    assert page.performance.currentText() == "La Walkyrie > 07.12.2014 20:00"


def test_counters_follow_other_workstations(qtbot, demo_db, manager, threaded_tasks):
    w = MainWindow(demo_db, manager)
    qtbot.addWidget(w)
    w.show()
    page = w.show_page("counters")
    page.watcher.set_interval(200)
    qtbot.waitUntil(lambda: counter(page, 0, 1) == "1526", timeout=10000)
    sell(demo_db, manager, WALKYRIE, SeatSelection(first=5))  # as another workstation would
    qtbot.waitUntil(lambda: counter(page, 5, 1) == "5", timeout=10000)  # Sold
    assert counter(page, 1, 1) == "1521"


def test_filter_and_share_of_the_hall(qtbot, demo_db, manager, inline_tasks):
    from app.services.inventory.allocation import edit_seats

    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="PAR"), "DGTK")
    w = MainWindow(demo_db, manager)
    qtbot.addWidget(w)
    page = w.show_page("counters")
    page.contingent.setCurrentIndex(page.contingent.findData("DGTK"))
    assert counter(page, 0, 2) == "880"
    assert "57.7 %" in page.share.text()
    page.non_numbered.setChecked(True)
    assert counter(page, 0, 1) == str(1526 + 120)


def test_every_navigation_entry_opens_a_screen(qtbot, demo_db, manager, inline_tasks):
    w = MainWindow(demo_db, manager)
    qtbot.addWidget(w)
    for key in list(w._pages):
        widget = w.show_page(key)
        assert w.stack.currentWidget() is widget


def test_rows_model_is_a_correct_qt_model(qtmodeltester):
    model = RowsModel([Column("a", lambda r: r[0]), Column("b", lambda r: r[1], align_right=True,
                                                          background=lambda r: "#ff0000")])
    model.set_rows([(1, 2), (3, 4)])
    qtmodeltester.check(model)
