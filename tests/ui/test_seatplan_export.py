"""The guided two-step move waits in the same per-distributor queue as every export."""

from __future__ import annotations

import threading
import time

from app.domain.selection import Range, SeatSelection
from app.services.inventory.allocation import edit_seats
from tests.conftest import WALKYRIE


def _contingents(db, ids):
    from sqlalchemy import select

    from app.db.models import PerformanceSeat

    with db.read() as s:
        return set(s.scalars(select(PerformanceSeat.contingent_id).where(PerformanceSeat.seat_id.in_(ids))))


def test_the_move_waits_for_the_export_running_on_its_source_distributor(qtbot, demo_db, manager, threaded_tasks):
    from app.ui.change_watcher import ChangeWatcher
    from app.ui.seatplan_window import SeatPlanWindow
    from app.ui.tasks import tasks

    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="GAL", block="C", rows=Range("1", "1")), "FNAC")
    w = SeatPlanWindow(demo_db, manager, 1, ask=lambda _q: False, run_queued=False,
                       watcher=ChangeWatcher(demo_db, 60_000))
    w.show()
    try:
        qtbot.waitUntil(lambda: w.model is not None, timeout=15000)
        fnac = next(c for c in w.plan.contingents.values() if c.code == "FNAC")
        ids = [int(w.plan.seat_id[i]) for i in range(len(w.plan)) if w.plan.states.contingent[i] == fnac.id]
        assert ids
        keys = w.exports.move_keys(ids, "TKN")
        assert keys == sorted({w.exports.queue_key("FNAC"), w.exports.queue_key("TKN")}) and len(keys) == 2
        export_running = threading.Event()
        release = threading.Event()

        def export_to_fnac():  # stands for an export of FNAC already running from this plan
            export_running.set()
            assert release.wait(20)

        tasks().run(export_to_fnac, pool="net", serial=w.exports.queue_key("FNAC"))
        assert export_running.wait(10)
        with qtbot.waitSignal(w.movedInTwoSteps, timeout=60000):
            w.exports.move_in_two_steps(ids, "TKN")
            time.sleep(0.5)
            assert _contingents(demo_db, ids) == {fnac.id}  # the move has not started: FNAC is busy
            release.set()
        assert fnac.id not in _contingents(demo_db, ids)  # then it ran (step 1 at least)
    finally:
        for _ in range(4):  # let the plan's follow-up reloads land while it is open
            for pool in threaded_tasks._pools.values():
                pool.waitForDone(10000)
            qtbot.wait(50)
        w.close()
