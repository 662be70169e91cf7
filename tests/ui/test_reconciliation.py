"""Fnac reconciliation through the dialog, with the simulator over real HTTP: a sale at the
distributor shows as a difference with its action; the action (reintegrate) makes it go."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import WALKYRIE
from tests.ui.sync_fixtures import (  # noqa: F401 - fixtures
    FNAC, allotted, interface_id, interfaces_page, linked, select_interface, sim,
)


def row_of(dlg, label):
    for r in range(dlg.table.rowCount()):
        if dlg.table.item(r, 0).text() == label:
            return r
    raise AssertionError(f"no row {label}")


def test_a_sale_at_fnac_is_a_difference_until_reintegrated(qtbot, interfaces_page, sim):
    buttons = select_interface(interfaces_page, FNAC)
    qtbot.mouseClick(buttons.counts_button, Qt.MouseButton.LeftButton)
    dlg = buttons.dialog
    r = row_of(dlg, WALKYRIE)  # nothing exported yet: Fnac holds nothing, we hold 144
    assert [dlg.table.item(r, c).text() for c in (1, 2, 3, 4)] == ["0", "144", "0", "0"]
    assert dlg.differences() == [(WALKYRIE, "export")]
    export = dlg.table.cellWidget(r, 5)
    assert export.text() == "Export again"
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)  # opens the run dialog: diff, then Confirm
    qtbot.mouseClick(dlg.last_run_dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dlg.differences() == []  # refreshed after the run
    assert dlg.table.item(row_of(dlg, WALKYRIE), 5).text() == "in agreement"

    sim.sell("fnac-demo", 3)
    qtbot.mouseClick(dlg.refresh_button, Qt.MouseButton.LeftButton)
    r = row_of(dlg, WALKYRIE)
    assert [dlg.table.item(r, c).text() for c in (1, 2, 3, 4)] == ["144", "144", "3", "0"]
    assert dlg.table.item(r, 3).background().color().name() == "#ffd9b3"  # highlighted
    assert dlg.differences() == [(WALKYRIE, "reintegrate")]
    qtbot.mouseClick(dlg.table.cellWidget(r, 5), Qt.MouseButton.LeftButton)
    assert dlg.last_run_dialog.result.counts["sales"] == 3
    assert dlg.differences() == []
    r = row_of(dlg, WALKYRIE)
    assert [dlg.table.item(r, c).text() for c in (3, 4)] == ["3", "3"]
    assert "0 difference(s)" in dlg.status.text()
