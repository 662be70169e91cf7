"""Several workstations on one inventory: how fast another workstation's change reaches this
one's change watcher, and the inventory hot paths on an 80,000-seat stadium.

- refresh_p95_ms / refresh_max_ms: a second process commits a change (blocks then unblocks
  one seat, 40 times, at irregular gaps); the first process runs the real ChangeWatcher
  (live: PostgreSQL LISTEN/NOTIFY, SQLite PRAGMA data_version) under a Qt event loop,
  offscreen, with the real task pool; measured from the start of the other process's write
  call (so its own write time is included: the NOTIFY can arrive before the writer's commit
  call has returned) to the watcher's `changed` signal on the GUI thread (one machine, one clock).
- assign_20k_ms / block_20k_ms / remove_20k_ms: edit_seats on 20,000 seats of the stadium by
  seat ids (assign to a contingent; block; unassign = remove), the best of 3 runs; the
  reverse edit between runs.

Prints each figure, then one JSON line with those keys (same keys on both backends).
Run: .venv/bin/python bench/live_refresh.py [--database URL]   (default: SQLite in a temp folder)"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._scratch import scratch_dir  # noqa: E402

CHANGES = 40
STADIUM_PERF_SQL = ("SELECT p.id FROM performances p JOIN products pr ON pr.id = p.product_id "
                    "WHERE pr.code = 'STADE' ORDER BY p.id")


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def other_workstation(url: str, perf_id: int) -> None:
    """The second process: on each 'go' line, block then unblock one seat; print the revision
    and the wall-clock time the write started."""
    from app.db.engine import open_database
    from app.domain.selection import SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.operators import find_actor

    db = open_database(url, upgrade=False)
    manager = find_actor(db, "manager")
    from sqlalchemy import text

    with db.read() as s:
        seat = s.execute(text("SELECT seat_id FROM performance_seats WHERE performance_id = :p "
                              "ORDER BY seat_id LIMIT 1"), {"p": perf_id}).scalar()
    blocked = False
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            break
        blocked = not blocked
        t_start = time.time()  # before the write: the figure includes the write itself
        r = edit_seats(db, manager, perf_id, "block" if blocked else "unblock", SeatSelection(seat_ids=(seat,)))
        print(f"{r.revision} {t_start!r}", flush=True)
    db.dispose()


def refresh(db, url: str, perf_id: int) -> list[float]:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from app.ui.change_watcher import ChangeWatcher
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    set_tasks(TaskManager())
    arrived: dict[int, float] = {}
    watcher = ChangeWatcher(db)  # live, as watcher_for makes it
    watcher.changed.connect(lambda pid, rev: arrived.setdefault(rev, time.time()))
    watcher.watch(perf_id)
    watcher.start()

    def spin_until(cond, timeout=10.0):
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise SystemExit("the change never reached the watcher")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)

    spin_until(lambda: watcher.source.connected.is_set() and bool(arrived))
    child = subprocess.Popen([sys.executable, __file__, "--other", url, str(perf_id)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, bufsize=1)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(child.stdout.readline, "")), daemon=True)
    reader.start()
    spin_until(lambda: "ready\n" in lines, 60)
    delays = []
    rng = random.Random(15)
    for i in range(CHANGES):
        child.stdin.write("go\n")
        child.stdin.flush()
        spin_until(lambda: len(lines) >= i + 2)
        rev, t_commit = lines[i + 1].split()
        spin_until(lambda: int(rev) in arrived)
        delays.append((arrived[int(rev)] - float(t_commit)) * 1000)
        end = time.monotonic() + rng.uniform(0.05, 0.4)  # irregular gaps: any phase of a poll
        while time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.002)
    child.stdin.close()
    child.wait(30)
    watcher.stop()
    return delays


def hot_paths(db, perf_id: int) -> dict[str, float]:
    from sqlalchemy import text

    from app.domain.selection import SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.operators import find_actor

    manager = find_actor(db, "manager")
    with db.read() as s:
        ids = tuple(s.execute(text("SELECT seat_id FROM performance_seats WHERE performance_id = :p "
                                   "ORDER BY seat_id LIMIT 20000"), {"p": perf_id}).scalars())
    sel = SeatSelection(seat_ids=ids)
    out: dict[str, list[float]] = {"assign_20k_ms": [], "remove_20k_ms": [], "block_20k_ms": []}
    for _ in range(3):
        t0 = time.perf_counter()
        r = edit_seats(db, manager, perf_id, "assign", sel, "Pass")
        out["assign_20k_ms"].append(ms(t0))
        assert r.changed == len(ids), r.message()
        t0 = time.perf_counter()
        r = edit_seats(db, manager, perf_id, "unassign", sel)
        out["remove_20k_ms"].append(ms(t0))
        assert r.changed == len(ids), r.message()
        t0 = time.perf_counter()
        r = edit_seats(db, manager, perf_id, "block", sel)
        out["block_20k_ms"].append(ms(t0))
        assert r.changed == len(ids), r.message()
        edit_seats(db, manager, perf_id, "unblock", sel)
    for k, v in out.items():
        print(f"{k}: best {min(v):.0f} ms (runs {', '.join(f'{t:.0f}' for t in v)})")
    return {k: round(min(v), 1) for k, v in out.items()}


def main() -> None:
    import argparse

    if len(sys.argv) == 4 and sys.argv[1] == "--other":
        other_workstation(sys.argv[2], int(sys.argv[3]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", metavar="URL", help="an empty database to seed (default: SQLite in a temp folder)")
    args = ap.parse_args()
    from sqlalchemy import text

    from app.db.engine import open_database
    from app.services.seeding import seed_demo, seed_stadium

    url = args.database or f"sqlite:///{scratch_dir('guichet-bench-live-')}/bench.sqlite"
    db = open_database(url)
    t0 = time.perf_counter()
    seed_demo(db)
    seed_stadium(db, 80_000)
    print(f"seeded the demo and an 80,000-seat stadium in {ms(t0) / 1000:.1f} s ({db.url})")
    with db.read() as s:
        perf_id = s.execute(text(STADIUM_PERF_SQL)).scalar()
    result = hot_paths(db, perf_id)
    delays = sorted(refresh(db, url, perf_id))
    p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
    print(f"refresh over {len(delays)} changes: median {statistics.median(delays):.0f} ms, "
          f"p95 {p95:.0f} ms, max {max(delays):.0f} ms")
    db.dispose()
    result = {"refresh_p95_ms": round(p95, 1), "refresh_max_ms": round(max(delays), 1), **result}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
