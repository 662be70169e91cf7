"""Running an interface's functions by hand from the interface editor, through the widgets,
with the distributor simulator over real HTTP: export (its diff, then Confirm), reintegrate,
cancel between batches, a busy interface, Digitick's allotment sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.enums import SyncFunction
from app.services.sync import interface_claim
from app.services.sync.reintegration import reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import PERF_EXT, local_live, simulator_live, snapshot
from tests.ui.sync_fixtures import (  # noqa: F401 - fixtures
    DGT, FNAC, allotted, interface_id, interfaces_page, linked, select_interface, sim,
)


def test_export_shows_the_diff_first_and_sends_on_confirm(qtbot, interfaces_page, sim):
    buttons = select_interface(interfaces_page, FNAC)
    assert buttons.export_button.isEnabled() and buttons.counts_button.isEnabled()
    qtbot.mouseClick(buttons.export_button, Qt.MouseButton.LeftButton)
    dlg = buttons.dialog
    assert "144 seat(s) or place(s) added, 0 removed" in dlg.diff.text()
    assert sim.store.allotment("fnac-demo", PERF_EXT) is None  # the diff sent nothing
    assert dlg.confirm_button.isVisible() and dlg.confirm_button.isEnabled()
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    assert dlg.result.status.value == "ok", dlg.status.text()
    assert "finished" in dlg.status.text() and "seats: 144" in dlg.status.text()
    assert len(sim.store.allotment("fnac-demo", PERF_EXT).seats) == 144
    assert dlg.bar.value() == dlg.bar.maximum()
    # the next diff is empty: the distributor holds what we hold
    qtbot.mouseClick(buttons.export_button, Qt.MouseButton.LeftButton)
    assert "0 seat(s) or place(s) added, 0 removed" in buttons.dialog.diff.text()


def test_reintegrate_from_the_editor_books_the_distributor_s_sales(qtbot, interfaces_page, linked, sim):
    buttons = select_interface(interfaces_page, FNAC)
    qtbot.mouseClick(buttons.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons.dialog.confirm_button, Qt.MouseButton.LeftButton)
    sim.sell("fnac-demo", 12, shuffle=True)
    qtbot.mouseClick(buttons.reintegrate_button, Qt.MouseButton.LeftButton)
    dlg = buttons.dialog
    assert not dlg.confirm_button.isVisible()  # no diff step for a reintegration
    assert dlg.result.status.value == "ok" and "sales: 12" in dlg.status.text()
    assert local_live(linked, FNAC) == simulator_live(sim, "fnac-demo")


def test_cancel_between_batches_then_a_rerun_completes_exactly_once(qtbot, linked, manager, inline_tasks, sim):
    from app.ui.sync_runs.run_dialog import RunDialog

    RunDialog(linked, manager, interface_id(linked, FNAC), FNAC, SyncFunction.EXPORT_ALLOTMENTS).confirm()
    sim.sell("fnac-demo", 20, shuffle=True)
    dlg = RunDialog(linked, manager, interface_id(linked, FNAC), FNAC, SyncFunction.REINTEGRATE_SALES, batch_size=4)
    qtbot.addWidget(dlg)
    seen = []

    def on_progress(p):
        seen.append(p.done)
        if p.done == 2:  # the operator clicks Cancel while the third page is fetched
            qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)

    dlg.run.progressed.connect(on_progress)
    dlg.start()
    assert seen == [1, 2]
    assert "cancelled" in dlg.status.text() and dlg.result.counts["sales"] == 8
    assert len(local_live(linked, FNAC)) == 8
    rerun = RunDialog(linked, manager, interface_id(linked, FNAC), FNAC, SyncFunction.REINTEGRATE_SALES, batch_size=4)
    rerun.start()
    assert rerun.result.counts["sales"] == 12 and rerun.result.counts.get("already_reintegrated", 0) == 0
    assert local_live(linked, FNAC) == simulator_live(sim, "fnac-demo")
    before = snapshot(linked)
    assert reintegrate_sales(linked, manager, FNAC).counts["sales"] == 0 and snapshot(linked) == before


def test_a_second_run_of_a_busy_interface_says_so_and_runs_nothing(qtbot, interfaces_page, linked, sim):
    buttons = select_interface(interfaces_page, FNAC)
    with interface_claim.hold(linked, interface_id(linked, FNAC)) as held:
        assert held
        before = snapshot(linked)
        qtbot.mouseClick(buttons.reintegrate_button, Qt.MouseButton.LeftButton)
    assert "Not run: another run of NTJ FNAC is going on" in buttons.dialog.status.text()
    assert snapshot(linked) == before and buttons.dialog.close_button.isEnabled()


def test_digitick_export_opens_the_allotment_sheet_and_saves_the_pdf_where_asked(qtbot, interfaces_page, tmp_path):
    from app.ui.sync_runs import digitick

    buttons = select_interface(interfaces_page, DGT)
    assert not buttons.counts_button.isEnabled()
    shown = []
    digitick.open_allotment_sheet(interfaces_page, interfaces_page.db, buttons.interface.id, None,
                                  ask_path=lambda *a: str(tmp_path / "digitick.pdf"),
                                  choose=lambda _p, choices: [p for p, label in choices if label == WALKYRIE][0],
                                  shown=shown.append)
    (preview,) = shown
    qtbot.addWidget(preview)
    assert preview.document.pageCount() >= 1
    preview.save_as("pdf")
    assert (tmp_path / "digitick.pdf").read_bytes().startswith(b"%PDF")


def test_the_plan_s_panel_shows_runs_by_hand_and_its_export_button_counts_failures(qtbot, linked, manager, sim,
                                                                                      plan_window):
    from app.services.sync.manual_runs import run_by_hand

    run_by_hand(linked, manager, FNAC, SyncFunction.EXPORT_ALLOTMENTS)  # every performance, from the editor
    sim.sell("fnac-demo", 2)
    run_by_hand(linked, manager, FNAC, SyncFunction.REINTEGRATE_SALES)
    w = plan_window()
    w.executions.refresh()
    assert {(r.function, r.interface, r.status) for r in w.executions.model.rows} >= {
        ("export-allotments", FNAC, "ok"), ("reintegrate-sales", FNAC, "ok")}
    assert w.act_export.text() == "Export contingents"
    sim.stop()  # the distributor is down: the plan's export fails
    w.exports.run_queued = True
    w.exports.queue_exports({"FNAC"})
    message = w.statusBar().currentMessage()
    assert message.startswith("Export of FNAC: execution #") and message.endswith("failed")
    w.executions.refresh()
    assert w.act_export.text() == "Export contingents (1 failed)"


def test_a_run_goes_on_in_the_background_when_its_window_is_closed(qtbot, linked, manager, sim, threaded_tasks):
    from app.services.sync.manual_runs import run_by_hand
    from app.ui.sync_runs.run_dialog import RunDialog

    run_by_hand(linked, manager, FNAC, SyncFunction.EXPORT_ALLOTMENTS, performance=WALKYRIE)
    sim.sell("fnac-demo", 10)
    dlg = RunDialog(linked, manager, interface_id(linked, FNAC), FNAC, SyncFunction.REINTEGRATE_SALES, batch_size=2)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.start()
    assert dlg.close_button.isEnabled()
    dlg.close()
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=30000)
    assert dlg.result.status.value == "ok" and dlg.result.counts["sales"] == 10
    assert local_live(linked, FNAC) == simulator_live(sim, "fnac-demo")
