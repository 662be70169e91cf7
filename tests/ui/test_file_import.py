"""Manual reintegration of a sales file through the dialog: the preview lists the lines with
their resolved performance, seat, tariff and price, the totals and every error with its
line; Reintegrate commits all or nothing; a file of another distributor is refused; importing
it again says nothing is new."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from app.adapters.files import write_guichet_csv, write_ticketnet
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import live_tickets, sale_line, seats_of, snapshot
from tests.ui.sync_fixtures import (  # noqa: F401 - fixtures
    FNAC, STX, allotted, interface_id, interfaces_page, linked, select_interface, sim,
)


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def open_import(qtbot, page, name, path):
    buttons = select_interface(page, name)
    qtbot.mouseClick(buttons.file_button, Qt.MouseButton.LeftButton)
    dlg = buttons.dialog
    assert dlg.interface.currentText() == name
    dlg.path.setText(str(path))
    qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    return dlg


def test_preview_then_reintegrate_then_nothing_new(qtbot, interfaces_page, linked, tmp_path):
    seats = seats_of(linked, "PAR", "G")
    path = tmp_path / "stx.csv"
    write_guichet_csv(path, [sale_line("S1", seats[0]), sale_line("S2", seats[1], tariff="Reduced", normal=False),
                             sale_line("S3", None, price=Decimal("15.00"))])
    dlg = open_import(qtbot, interfaces_page, STX, path)
    rows = cells(dlg.lines)
    assert len(rows) == 3 and all(r[3] == WALKYRIE for r in rows)
    assert rows[0][4] == f"{seats[0].ext_zone} {seats[0].row}-{seats[0].number}" and rows[0][5] == "Normal"
    assert rows[2][4] == "DEBOUT" and rows[2][6] == "15.00"
    totals = {(r[0], r[1]): (r[2], r[3]) for r in cells(dlg.totals)}
    assert totals[(WALKYRIE, "Reduced")][0] == "1" and sum(int(n) for n, _ in totals.values()) == 3
    assert cells(dlg.errors) == [] and "3 new" in dlg.summary.text()
    assert snapshot(linked)["orders"] == 0  # the preview wrote nothing
    qtbot.mouseClick(dlg.commit_button, Qt.MouseButton.LeftButton)
    assert set(live_tickets(linked, STX)) == {"S1", "S2", "S3"}
    assert "3 sale(s)" in dlg.summary.text() and not dlg.commit_button.isEnabled()
    before = snapshot(linked)
    qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    assert "nothing new" in dlg.summary.text() and not dlg.commit_button.isEnabled()
    assert snapshot(linked) == before


def test_a_malformed_file_lists_its_errors_with_their_lines_and_commits_nothing(qtbot, interfaces_page, linked,
                                                                                 tmp_path):
    seats = seats_of(linked, "PAR", "G")
    path = tmp_path / "bad.csv"
    write_guichet_csv(path, [sale_line("B1", seats[0]), sale_line("B2", seats[1]),
                             sale_line("B3", seats_of(linked, "B2", "C")[0])])  # not in the file channel's contingent
    path.write_text(path.read_text(encoding="utf-8") + "not;a;sales;line\n", encoding="utf-8")  # line 5
    before = snapshot(linked)
    dlg = open_import(qtbot, interfaces_page, STX, path)
    errors = cells(dlg.errors)
    assert errors and dlg.tabs.currentWidget() is dlg.errors
    assert any("line 5" in where for where, _ in errors)  # the unreadable line, named
    assert any("B3" in where or "line 4" in where for where, _ in errors)  # the seat outside the contingent
    assert not dlg.commit_button.isEnabled() and "nothing can be reintegrated" in dlg.summary.text()
    dlg.commit()  # even forced, nothing is written
    assert snapshot(linked) == before


def test_another_distributor_s_statement_is_refused_saying_why(qtbot, interfaces_page, linked, tmp_path):
    seats = seats_of(linked, "GAL", "C")
    path = tmp_path / "tkn.txt"
    write_ticketnet(path, [sale_line(f"TN{i:012d}", seats[i], tariff="PT", zone="GALC", seat_category="C3")
                           for i in range(1, 3)])
    before = snapshot(linked)
    dlg = open_import(qtbot, interfaces_page, FNAC, path)
    text = dlg.summary.text()
    assert "Refused" in text and "tkn.txt: refused" in text and "Ticketnet" in text and "Fnac interface" in text
    assert not dlg.commit_button.isEnabled() and snapshot(linked) == before


def test_file_menu_opens_the_import_with_every_interface(qtbot, linked, manager, inline_tasks):
    from app.ui.main_window import MainWindow

    win = MainWindow(linked, manager)
    qtbot.addWidget(win)
    action = win.findChild(type(win.menuBar().actions()[0]), "importSalesAction")
    action.trigger()
    names = [win.file_import.interface.itemText(i) for i in range(win.file_import.interface.count())]
    assert FNAC in names and STX in names
