"""The seat plan driven like a user: drags, clicks, edits, undo/redo, exports, sales,
and another workstation's change showing up — on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from app.db.models import Execution, PerformanceSeat, SeatHistory, Ticket
from app.domain.enums import ExecutionStatus, SyncFunction, Trigger
from app.domain.selection import Range, SeatSelection
from app.services.inventory.allocation import edit_seats
from app.services.inventory.counts import performance_counts
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE


def seat_index(w, zone, block, row, number):
    p = w.plan
    for i in range(len(p)):
        b = p.blocks[p.block[i]]
        if b.zone_code == zone and b.code == block and p.row[i] == row and p.number[i] == number:
            return i
    raise AssertionError(f"no seat {zone}/{block} {row}-{number}")


def view_pos(w, i, dx=0.0, dy=0.0) -> QPoint:
    return w.view.mapFromScene(w.plan.x[i] + dx, w.plan.y[i] + dy)


def focus(w, i, scale=1.5):
    """Zoom so that seats are well apart in pixels, centred on seat i."""
    w.view.zoom_by(scale / w.view.transform().m11())
    w.view.centerOn(w.plan.x[i], w.plan.y[i])


def corners(w, first, last):
    """Drag corners just outside the first and last seats' squares."""
    m = w.model.seat_size / 2 + 1
    return view_pos(w, first, -m, -m), view_pos(w, last, m, m)


def drag(w, a: QPoint, b: QPoint, modifier=Qt.KeyboardModifier.NoModifier, steps=6):
    vp = w.view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, modifier, a)
    for k in range(1, steps + 1):
        QTest.mouseMove(vp, a + (b - a) * (k / steps))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, b)


def click(w, i, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, modifier, view_pos(w, i))


def contingent_of(db, seat_ids):
    with db.read() as s:
        return dict(s.execute(select(PerformanceSeat.seat_id, PerformanceSeat.contingent_id)
                              .where(PerformanceSeat.performance_id == 1, PerformanceSeat.seat_id.in_(seat_ids))).all())


def counter(w, key, column=1):
    rows = {r[0]: r for r in w.counters.model.rows}
    return rows[key][column]


def test_drag_selects_a_rectangle_and_assign_writes_db_and_counters(plan_window, demo_db):
    w = plan_window()
    first = seat_index(w, "PAR", "C", "1", 1)
    last = seat_index(w, "PAR", "C", "4", 10)
    focus(w, first, 1.2)
    drag(w, *corners(w, first, last))
    assert w.model.count == 40
    assert w.status_label.text() == "Selection: 40 seat(s)"
    w.select_contingent("Pass")
    w.act_assign.trigger()
    ids = w.model.selected_seat_ids()
    pass_id = w.current_contingent().id
    assert set(contingent_of(demo_db, ids).values()) == {pass_id}
    assert performance_counts(demo_db, WALKYRIE, contingent="Pass").counts.total == 40
    # The counters panel shows the new filter figures at once.
    w.counters.contingent.setCurrentIndex(w.counters.contingent.findData("Pass"))
    assert counter(w, "total", 2) == 40 and counter(w, "total", 1) == 1526
    assert "2.6 %" in w.counters.share.text()
    with demo_db.read() as s:
        # one history line for the 40 seats of the edit, with the operator (migration 0017)
        assert s.execute(select(func.count(), func.sum(SeatHistory.quantity))
                         .where(SeatHistory.new_value == "Pass", SeatHistory.operator_id.is_not(None))).one() == (1, 40)
    # A later Ctrl-drag over the first row removes it from the selection.
    row_end = seat_index(w, "PAR", "C", "1", 10)
    drag(w, *corners(w, first, row_end), Qt.KeyboardModifier.ControlModifier)
    assert w.model.count == 30


def test_click_ctrl_click_and_shift_click(plan_window):
    w = plan_window()
    a, b = seat_index(w, "B1", "C", "2", 5), seat_index(w, "B1", "C", "3", 9)
    focus(w, a)
    click(w, a)
    assert w.model.selected_indices() == [a]
    click(w, b, Qt.KeyboardModifier.ControlModifier)
    assert w.model.selected_indices() == sorted([a, b])
    click(w, a, Qt.KeyboardModifier.ControlModifier)
    assert w.model.selected_indices() == [b]
    click(w, a, Qt.KeyboardModifier.ShiftModifier)
    assert w.model.count == 2
    click(w, a)
    assert w.model.selected_indices() == [a]
    # A double click takes the seat's whole row.
    QTest.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view_pos(w, b))
    assert w.model.count >= 24


def test_undo_and_redo_restore_each_seat_through_the_service(plan_window, demo_db, manager, qtbot):
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="B1", block="C", rows=Range("1", "1")), "Pass")
    w = plan_window()
    w.model.select(w.model.block_of(seat_index(w, "B1", "C", "1", 1)))
    ids = w.model.selected_seat_ids()
    w.select_contingent("Visites")
    w.act_assign.trigger()
    vis = w.current_contingent().id
    pass_id = next(c.id for c in w.plan.contingents.values() if c.code == "Pass")
    assert set(contingent_of(demo_db, ids).values()) == {vis}
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    QTest.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after_undo = contingent_of(demo_db, ids)
    assert sum(1 for c in after_undo.values() if c == pass_id) == 24
    assert sum(1 for c in after_undo.values() if c is None) == 144 - 24
    assert w.model.states.contingent[w.model.index_of(ids[0])] == pass_id
    QTest.keyClick(w.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert set(contingent_of(demo_db, ids).values()) == {vis}
    with demo_db.read() as s:
        refs = dict(s.execute(select(SeatHistory.reference, func.sum(SeatHistory.quantity))
                              .group_by(SeatHistory.reference)).all())
    assert refs["undo"] == 144 and refs["redo"] == 144
    assert not w.act_redo.isEnabled() and w.act_undo.isEnabled()


def test_export_question_only_after_touching_a_distributor_and_yes_queues_pending(plan_window, demo_db, manager):
    w = plan_window(answers=[True])
    w.model.select(w.model.row_of(seat_index(w, "B2", "C", "1", 1)))
    w.select_contingent("Visites")
    w.act_assign.trigger()
    assert w.asked == []  # not a distributor's contingent: no question
    w.select_contingent("FNAC")
    w.act_assign.trigger()
    assert len(w.asked) == 1 and "Run a contingent export now?" in w.asked[0]
    with demo_db.read() as s:
        (ex,) = s.scalars(select(Execution)).all()
        iface_name = s.scalar(select(func.min(Execution.interface_id)))
    assert ex.status is ExecutionStatus.PENDING and ex.trigger is Trigger.SEAT_PLAN
    assert ex.function is SyncFunction.EXPORT_ALLOTMENTS and ex.performance_id == 1
    assert ex.operator_id == manager.operator_id and ex.contingent_id == w.current_contingent().id
    assert iface_name == ex.interface_id
    assert [r.contingent for r in w.executions.model.rows] == ["FNAC"]
    assert w.executions.model.rows[0].interface == "NTJ FNAC"


def test_no_batches_and_the_toolbar_button_exports_later(plan_window, demo_db):
    w = plan_window(answers=[False, False])
    w.model.select(w.model.row_of(seat_index(w, "B2", "C", "1", 1)))
    w.select_contingent("FNAC")
    w.act_assign.trigger()
    w.model.select(w.model.row_of(seat_index(w, "B2", "C", "2", 1)))
    w.select_contingent("TKN")
    w.act_assign.trigger()
    assert len(w.asked) == 2 and w.exports.pending == {"FNAC", "TKN"}
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Execution)) == 0
    assert w.act_export.text().endswith("(2)")
    w.act_export.trigger()
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Execution)
                        .where(Execution.status == ExecutionStatus.PENDING)) == 2
    assert w.exports.pending == set()


def test_sold_seats_keep_their_sale_and_contingent(plan_window, demo_db, manager):
    sold = sell(demo_db, manager, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("1", "1")))
    w = plan_window()
    w.model.select(w.model.block_of(seat_index(w, "PAR", "G", "1", 1)))
    w.select_contingent("Pass")
    w.act_assign.trigger()
    after = contingent_of(demo_db, list(sold.seat_ids))
    assert set(after.values()) == {None}
    assert "keep their sale" in w.statusBar().currentMessage()
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.state == "sold")) == 12
    assert performance_counts(demo_db, WALKYRIE, contingent="Pass").counts.total == 240 - 12


def test_direct_move_between_distributors_is_refused_with_the_procedure(plan_window, demo_db, qtbot):
    w = plan_window(answers=[False])
    row = w.model.row_of(seat_index(w, "GAL", "C", "1", 1))
    w.model.select(row)
    w.select_contingent("FNAC")
    w.act_assign.trigger()
    w.select_contingent("TKN")
    w.act_assign.trigger()
    ids = w.model.selected_seat_ids()
    fnac = next(c.id for c in w.plan.contingents.values() if c.code == "FNAC")
    assert set(contingent_of(demo_db, ids).values()) == {fnac}
    box = w.findChild(object, "twoStepDialog")
    assert box is not None and "two steps" in box.text()
    from PySide6.QtWidgets import QPushButton

    offer = box.findChild(QPushButton, "moveInTwoSteps")
    assert offer is not None and offer.text() == "Move in two steps"
    box.reject()  # "Cancel": the plain refusal, nothing moved
    assert set(contingent_of(demo_db, ids).values()) == {fnac}
    # Step one, then step two, is allowed.
    w.act_unassign.trigger()
    w.act_block.trigger()
    w.act_assign.trigger()
    w.act_unblock.trigger()
    tkn = w.current_contingent().id
    assert set(contingent_of(demo_db, ids).values()) == {tkn}


def test_another_workstation_s_change_shows_within_the_poll(plan_window, db_url, demo_db, qtbot):
    from app.db.engine import open_database
    from app.services.operators import find_actor

    w = plan_window(poll_ms=200)
    other = open_database(db_url)
    try:
        clerk = find_actor(other, "caisse")
        sold = sell(other, clerk, WALKYRIE, SeatSelection(zone="B2", block="D", rows=Range("1", "1")))
        boss = find_actor(other, "manager")
        edit_seats(other, boss, WALKYRIE, "assign", SeatSelection(zone="B1", block="G"), "DGTK")
    finally:
        other.dispose()
    i = w.model.index_of(sold.seat_ids[0])
    dgtk = next(c.id for c in w.plan.contingents.values() if c.code == "DGTK")
    qtbot.waitUntil(lambda: w.model.state(i) == 1 and w.model.states.contingent[
        seat_index(w, "B1", "G", "1", 1)] == dgtk, timeout=5000)
    qtbot.waitUntil(lambda: counter(w, "sold") == 10, timeout=5000)


def test_sale_mode_sells_only_sellable_seats(plan_window, demo_db, manager):
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="PAR", block="C", rows=Range("2", "2")), "FNAC")
    w = plan_window()
    w.act_sale.trigger()
    assert w.sale_dock.isVisible() and not w.act_assign.isVisible()
    first = seat_index(w, "PAR", "C", "1", 1)
    last = seat_index(w, "PAR", "C", "2", 3)
    focus(w, first)
    drag(w, *corners(w, first, last))
    assert w.model.count == 3  # row 2 is FNAC's: not sellable at the box office
    w._refresh_basket()
    assert w.sale.lines.rowCount() == 3
    reduced = next(t.id for t in w.plan.tariffs if t.code == "Reduced")
    w.sale.lines.setData(w.sale.lines.index(0, 2), reduced)
    assert w.sale.lines.total() == 120 + 120 + 96
    w.sale.sell.click()
    dialog = w.sale_flow.dialog  # nothing is sold before the confirmation
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 0
    dialog.mode_buttons["CARD"].setChecked(True)
    dialog.confirm.click()
    with demo_db.read() as s:
        prices = sorted(s.scalars(select(Ticket.price)).all())
    assert [float(p) for p in prices] == [96.0, 120.0, 120.0]
    assert w.model.count == 0 and w.model.state(first) == 1
    assert counter(w, "sold") == 3


def test_cashier_only_gets_the_sale_mode(plan_window, cashier):
    w = plan_window(actor=cashier)
    assert w.sale_mode and not w.act_alloc.isEnabled()
    w.edit("assign")  # ignored in sale mode, nothing raised


def test_tooltip_names_the_seat(plan_window):
    w = plan_window()
    i = seat_index(w, "PAR", "C", "3", 7)
    text = w.seat_tooltip(i)
    assert "Parterre centre" in text and "Row 3, seat 7" in text and "Catégorie 1" in text and "120.00" in text


def test_table_models_pass_the_model_tester(plan_window, qtmodeltester):
    w = plan_window()
    w.act_sale.trigger()
    w.model.select(w.model.row_of(seat_index(w, "PAR", "C", "1", 1)))
    w._refresh_basket()
    qtmodeltester.check(w.sale.lines)
    qtmodeltester.check(w.counters.model)
    qtmodeltester.check(w.executions.model)


def test_page_opens_the_plan_with_its_title(qtbot, demo_db, manager, inline_tasks, ui_settings):
    from app.ui.seatplan_page import SeatPlanPage

    page = SeatPlanPage(demo_db, manager)
    qtbot.addWidget(page)
    assert page.event_combo.count() >= 1 and page.performance.currentText() == "07.12.2014 20:00"
    window = page.open_plan()
    qtbot.addWidget(window)
    assert window.windowTitle() == "Performance: La Walkyrie > 07.12.2014 20:00"
    window.stop_watching()
    window.executions.timer.stop()


def test_yes_runs_the_export_for_real_and_the_status_panel_follows_it(plan_window, demo_db, qtbot):
    """After the synchronisation engine: the queued export runs against the distributor."""
    from app.adapters.simulator import start_simulator
    from tests.integration.sync.conftest import link_interfaces

    sim = start_simulator(port=0)
    try:
        link_interfaces(demo_db, sim.url)
        w = plan_window(answers=[True], run_queued=True)
        w.model.select(w.model.block_of(seat_index(w, "B2", "C", "1", 1)))
        w.select_contingent("FNAC")
        with qtbot.waitSignal(w.exportFinished, timeout=20000) as finished:
            w.act_assign.trigger()
        result = finished.args[0]
        assert not isinstance(result, BaseException), result
        with demo_db.read() as s:
            (ex,) = s.scalars(select(Execution)).all()
        assert ex.status is ExecutionStatus.OK, ex.first_error
        assert ex.trigger is Trigger.SEAT_PLAN
        assert sim.store.counts("fnac-demo", "WALKYRIE-201412072000") == (144, 0)  # allocated, sold
        qtbot.waitUntil(lambda: [r.status for r in w.executions.model.rows] == ["ok"], timeout=10000)
    finally:
        sim.stop()


def _moving_window(plan_window, demo_db, sim, choices):
    """FNAC holds GAL/C row 1 (exported); the plan then tries to give it to TKN."""
    from app.services.sync.export import export_allotments
    from tests.integration.sync.conftest import link_interfaces

    link_interfaces(demo_db, sim.url)
    edit_seats(demo_db, demo_db_manager(demo_db), WALKYRIE, "assign",
               SeatSelection(zone="GAL", block="C", rows=Range("1", "1")), "FNAC")
    assert export_allotments(demo_db, demo_db_manager(demo_db), "NTJ FNAC", WALKYRIE).status.value == "ok"
    w = plan_window(answers=[False])
    w.exports.ask_move = lambda text: _answer(choices, text)
    w.model.select(w.model.row_of(seat_index(w, "GAL", "C", "1", 1)))
    w.select_contingent("TKN")
    return w


def _answer(choices, text):
    choices["asked"].append(text)
    return choices["answer"]


def demo_db_manager(db):
    from app.services.operators import find_actor

    return find_actor(db, "manager")


def test_move_in_two_steps_from_the_refusal_runs_both_steps_and_exports(plan_window, demo_db, qtbot):
    from app.adapters.simulator import start_simulator

    sim = start_simulator(port=0)
    try:
        choices = {"asked": [], "answer": True}
        w = _moving_window(plan_window, demo_db, sim, choices)
        ids = w.model.selected_seat_ids()
        fnac_before = len(sim.store.allotment("fnac-demo", "WALKYRIE-201412072000").seats)
        with qtbot.waitSignal(w.movedInTwoSteps, timeout=30000) as moved:
            w.act_assign.trigger()
        result = moved.args[0]
        assert not isinstance(result, BaseException), result
        assert len(choices["asked"]) == 1 and "two steps" in choices["asked"][0]
        assert "TKN" in choices["asked"][0]
        assert result.done and len(result.seat_ids) == len(ids), result.message()
        tkn = w.current_contingent().id
        assert set(contingent_of(demo_db, ids).values()) == {tkn}
        with demo_db.read() as s:
            assert not any(s.scalars(select(PerformanceSeat.blocked).where(PerformanceSeat.seat_id.in_(ids))))
            statuses = s.scalars(select(Execution.status).where(Execution.trigger == Trigger.SEAT_PLAN)).all()
        assert len(statuses) == 2 and set(statuses) == {ExecutionStatus.OK}
        assert len(sim.store.allotment("fnac-demo", "WALKYRIE-201412072000").seats) == fnac_before - len(ids)
        assert len(sim.store.allotment("ticketnet-demo", "WALKYRIE-201412072000").seats) == len(ids)
        # the plan shows it: seats in TKN, not blocked, and the executions panel lists both
        qtbot.waitUntil(lambda: {(int(w.plan.states.contingent[w.model.index_of(i)]),
                                  int(w.plan.states.blocked[w.model.index_of(i)])) for i in ids} == {(tkn, 0)},
                        timeout=5000)
        # both exports of the move, and the one run by hand before it: it touched this performance too
        qtbot.waitUntil(lambda: len(w.executions.model.rows) == 3, timeout=5000)
        assert {r.status for r in w.executions.model.rows} == {"ok"}
    finally:
        sim.stop()


def test_cancel_keeps_the_plain_refusal_and_a_failed_first_export_stops_safely(plan_window, demo_db, qtbot):
    from app.adapters.simulator import start_simulator

    sim = start_simulator(port=0)
    try:
        choices = {"asked": [], "answer": False}
        w = _moving_window(plan_window, demo_db, sim, choices)
        ids = w.model.selected_seat_ids()
        fnac = next(c.id for c in w.plan.contingents.values() if c.code == "FNAC")
        with demo_db.read() as s:
            before = s.scalar(select(func.count()).select_from(Execution))
        w.act_assign.trigger()
        assert len(choices["asked"]) == 1
        assert set(contingent_of(demo_db, ids).values()) == {fnac}  # cancelled: nothing moved
        with demo_db.read() as s:
            assert s.scalar(select(func.count()).select_from(Execution)) == before
        # now accept, with FNAC's export failing
        sim.inject("http_500", login="fnac-demo", count=None)
        choices["answer"] = True
        with qtbot.waitSignal(w.movedInTwoSteps, timeout=30000) as moved:
            w.act_assign.trigger()
        result = moved.args[0]
        assert result.steps_done == 1 and result.failed_execution_id
        assert set(contingent_of(demo_db, ids).values()) == {None}
        box = w.findChild(object, "twoStepResult")
        assert box is not None and f"#{result.failed_execution_id}" in box.text()
        assert sim.store.allotment("ticketnet-demo", "WALKYRIE-201412072000") is None
        assert {(int(w.plan.states.contingent[w.model.index_of(i)]),
                 int(w.plan.states.blocked[w.model.index_of(i)])) for i in ids} == {(0, 1)}
    finally:
        sim.stop()


def test_zoomed_out_changes_repaint_as_a_full_redraw_would(plan_window):
    """Zoomed out the plan is the scene's background: a selection made and undone repaints
    only its block, and the pixels are those of the whole plan drawn anew."""
    from PySide6.QtGui import QColor

    from app.seatplan.scene import SELECTION

    w = plan_window()
    w.view.zoom_by(5 / w.view.seat_pixels())
    assert w.scene.zoomed_out and w.view.seat_pixels() < 7
    vp = w.view.viewport()
    i = w.plan.blocks[0].start + 5
    before = vp.grab().toImage()
    w.model.select([i])
    vp.repaint()
    after = vp.grab().toImage()
    assert QColor(after.pixel(view_pos(w, i))) == SELECTION
    assert after != before
    w.model.blocksChanged.emit(set(range(len(w.model.blocks))))
    vp.repaint()
    assert vp.grab().toImage() == after
    w.model.clear_selection()
    vp.repaint()
    assert vp.grab().toImage() == before
