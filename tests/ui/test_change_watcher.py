"""One change watcher for every open screen: another workstation (its own Database object)
changes the performance, and the open plan and the counters page both follow; the watcher
reads the revisions on a worker thread, in one query for every subscriber."""

from __future__ import annotations

import threading

from app.db.engine import open_database
from app.domain.selection import Range, SeatSelection
from app.services.inventory.allocation import edit_seats
from app.services.inventory.seatplan_data import revisions_of
from app.services.inventory.selling import sell
from app.services.operators import find_actor
from app.ui.change_watcher import ChangeWatcher
from tests.conftest import WALKYRIE


def _sold_on_page(page) -> str:
    m = page.summary_model
    return m.data(m.index(5, 1))  # "Sold seats", whole plan


def test_the_plan_and_the_counters_follow_another_workstation(qtbot, db_url, demo_db, manager, threaded_tasks):
    from app.ui.counters_page import CountersPage
    from app.ui.seatplan_window import SeatPlanWindow

    calls = []

    def query(db, ids):
        on_gui = threading.current_thread() is threading.main_thread()
        calls.append((on_gui, tuple(ids)))
        assert not on_gui, "the watcher's SQL ran on the GUI thread"
        return revisions_of(db, ids)

    watcher = ChangeWatcher(demo_db, 150, query=query)
    watcher.start()
    w = SeatPlanWindow(demo_db, manager, 1, ask=lambda _q: False, run_queued=False, watcher=watcher)
    # closed by the test itself (the window deletes itself on close)
    page = CountersPage(demo_db, watcher=watcher)  # deleted by the test: it unwatches then
    w.show()
    page.show()
    qtbot.waitUntil(lambda: w.model is not None and _sold_on_page(page) == "0", timeout=15000)
    assert watcher.watched() == [1]

    other = open_database(db_url)  # another workstation: its own engine and connections
    try:
        sold = sell(other, find_actor(other, "caisse"), WALKYRIE,
                    SeatSelection(zone="B2", block="D", rows=Range("1", "1")))
        edit_seats(other, find_actor(other, "manager"), WALKYRIE, "assign", SeatSelection(zone="B1", block="G"),
                   "DGTK")
    finally:
        other.dispose()
    seat = w.model.index_of(sold.seat_ids[0])
    dgtk = next(c.id for c in w.plan.contingents.values() if c.code == "DGTK")
    b1_g = next(k for k in range(len(w.plan)) if w.plan.blocks[w.plan.block[k]].zone_code == "B1"
                and w.plan.blocks[w.plan.block[k]].code == "G")
    qtbot.waitUntil(lambda: w.model.state(seat) == 1 and w.model.states.contingent[b1_g] == dgtk, timeout=10000)
    qtbot.waitUntil(lambda: _sold_on_page(page) == str(len(sold.seat_ids)), timeout=10000)
    qtbot.waitUntil(lambda: dict((r[0], r[1]) for r in w.counters.model.rows)["sold"] == len(sold.seat_ids),
                    timeout=10000)
    assert calls and not any(on_gui for on_gui, _ids in calls)
    assert {ids for _on_gui, ids in calls} == {(1,)}  # one query for both screens
    w.close()
    page.deleteLater()
    qtbot.waitUntil(lambda: watcher.watched() == [], timeout=5000)
    assert not watcher.timer.isActive()  # nothing watched: no more queries


def test_news_is_counted_per_subscriber_and_delivered_once(qapp, demo_db, inline_tasks):
    watcher = ChangeWatcher(demo_db, 10_000)
    got = []
    watcher.changed.connect(lambda pid, rev: got.append((pid, rev)))
    watcher.watch(1)
    watcher.watch(1)  # a second screen on the same performance
    assert not watcher.timer.isActive()  # not started yet
    watcher.start()
    assert watcher.timer.isActive()
    watcher.poll()
    first = revisions_of(demo_db, [1])[1]
    assert got == [(1, first)]  # first news after watch()
    watcher.poll()
    watcher.report(1, first)
    assert got == [(1, first)]  # the same revision is no news
    watcher.report(1, first + 1)  # what a LISTEN/NOTIFY source would relay
    assert got[-1] == (1, first + 1)
    watcher.report(2, 7)  # a performance nobody watches
    assert got[-1] == (1, first + 1)
    watcher.unwatch(1)
    assert watcher.watched() == [1] and watcher.timer.isActive()
    watcher.unwatch(1)
    assert watcher.watched() == [] and not watcher.timer.isActive()
    watcher.report(1, first + 2)
    assert len(got) == 2


_OTHER_PROCESS_SALE = """
import sys
from app.db.engine import open_database
from app.domain.selection import Range, SeatSelection
from app.services.inventory.selling import sell
from app.services.operators import find_actor
db = open_database(sys.argv[1], upgrade=False)
sell(db, find_actor(db, "caisse"), sys.argv[2], SeatSelection(zone="B2", block="D", rows=Range("1", "1")))
db.dispose()
"""


def test_a_second_process_sale_reaches_the_live_watcher(qtbot, db_url, demo_db, threaded_tasks):
    """The default (live) watcher: LISTEN/NOTIFY on PostgreSQL, data_version on SQLite; the
    sale is committed by another process, and no revision query runs on the GUI thread."""
    import subprocess
    import sys

    calls = []

    def query(db, ids):
        calls.append(threading.current_thread() is threading.main_thread())
        return revisions_of(db, ids)

    watcher = ChangeWatcher(demo_db, query=query)
    assert watcher.live and not watcher.timer.isActive()
    got = []
    watcher.changed.connect(lambda pid, rev: got.append((pid, rev)))
    watcher.watch(1)
    watcher.start()
    try:
        qtbot.waitUntil(lambda: watcher.source.connected.is_set() and bool(got), timeout=10000)
        before = got[-1][1]
        subprocess.run([sys.executable, "-c", _OTHER_PROCESS_SALE, db_url, WALKYRIE], check=True, timeout=120)
        qtbot.waitUntil(lambda: got[-1][1] > before, timeout=5000)
        assert got[-1] == (1, revisions_of(demo_db, [1])[1])
        assert not watcher.timer.isActive()  # no timer: the news came from the live source
        assert not any(calls)  # never a query on the GUI thread
    finally:
        watcher.stop()
    assert watcher.source is None


def test_a_screen_closed_after_the_watcher_s_timer_is_gone_raises_nothing(qapp, demo_db, inline_tasks):
    """At quit Qt deletes objects in any order: a screen that unwatches after its watcher's timer
    was deleted must not end the application with a traceback."""
    import shiboken6

    watcher = ChangeWatcher(demo_db, 10_000)
    watcher.watch(1)
    shiboken6.delete(watcher.timer)
    watcher.unwatch(1)  # raised "Internal C++ object (QTimer) already deleted"
    assert watcher.watched() == []
