"""The client stays responsive while it reintegrates 100,000 sales lines (offscreen).

The simulator sells 100,000 places of an 80,000-seat stadium (every seat of performance 1,
20,000 of performance 2, realistic orders as in bench/sync.py); the reintegration is started
the way the client starts it — the run dialog (app/ui/sync_runs/run_dialog.py), its worker
on the task helper's network pool, progress through signals — while a QTimer probes the Qt
event loop every 10 ms.

- worst_stall_ms: the longest the event loop went beyond its 10 ms beat (goal <= 50);
- p99_stall_ms: the 99th percentile of those delays;
- reintegrate_100k_s: from Start to the dialog's "finished" (the run's own time included).

Usage: python bench/ui_latency.py [--database URL] [--seats 80000] [--second 20000] [--page N]
The last line printed is one JSON object."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._scratch import scratch_dir  # noqa: E402
os.environ.setdefault("GUICHET_KEYRING", "memory")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seats", type=int, default=80_000)
    ap.add_argument("--second", type=int, default=20_000, help="places sold on performance 2")
    ap.add_argument("--page", type=int, default=None, help="sales lines per page / transaction (default: the "
                                                           "client's, as the run dialog sends none)")
    ap.add_argument("--database", metavar="URL", help="database URL (default: SQLite in a temporary folder)")
    args = ap.parse_args()

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from app.adapters.simulator import start_simulator
    from app.db.engine import open_database
    from app.domain.actors import SYSTEM
    from app.domain.enums import SyncFunction
    from app.services.seeding import seed_demo, seed_stadium
    from bench._stadium import link_ticketnet
    from app.services.sync.export import export_allotments
    from app.ui.sync_runs.run_dialog import RunDialog
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    manager = TaskManager()
    set_tasks(manager)
    tmp = scratch_dir("guichet-bench-ui-")
    db = open_database(args.database or f"sqlite:///{tmp / 'bench.sqlite'}")
    t = time.perf_counter()
    seed_demo(db)
    seed_stadium(db, args.seats, performances=2)
    print(f"seeded {args.seats} seats x 2 performances in {time.perf_counter() - t:.1f} s")
    sim = start_simulator(port=0)
    try:
        stadium = link_ticketnet(db, sim.url)  # the whole stadium in the distributor's contingent
        iface_id, name, perfs, starts = stadium.interface_id, "NTJ Ticketnet", stadium.performances, stadium.starts
        for p in perfs:
            r = export_allotments(db, SYSTEM, iface_id, p)
            assert r.status.value == "ok", r.summary()
        ext = [f"STADE-{starts[p]:%Y%m%d%H%M}" for p in perfs]
        sim.store.sell_orders("ticketnet-demo", args.seats, performance=ext[0])
        sim.store.sell_orders("ticketnet-demo", args.second, performance=ext[1])
        lines = args.seats + args.second
        print(f"simulator sold {lines} places")

        dlg = RunDialog(db, SYSTEM, iface_id, name, SyncFunction.REINTEGRATE_SALES, batch_size=args.page)
        dlg.resize(760, 520)
        dlg.show()
        delays: list[float] = []
        clock = QElapsedTimer()
        probe = QTimer(interval=10)

        marks: list[tuple[float, float]] = []

        def beat():
            delays.append(max(0.0, clock.restart() - 10.0))
            marks.append((time.perf_counter() - t, delays[-1]))

        probe.timeout.connect(beat)
        loop = QEventLoop()
        outcome = {}
        dlg.run.finished.connect(lambda r: (outcome.setdefault("result", r), loop.quit()))
        dlg.run.failed.connect(lambda e: (outcome.setdefault("error", e), loop.quit()))
        pages = []
        dlg.run.progressed.connect(lambda p: pages.append(p.done))
        import gc

        gc_pauses: list[tuple[int, float]] = []  # (generation, ms) of each collection during the run
        gc_started = {}

        def on_gc(phase, info):
            if phase == "start":
                gc_started["t"] = time.perf_counter()
            elif "t" in gc_started:
                gc_pauses.append((info["generation"], (time.perf_counter() - gc_started.pop("t")) * 1000))

        gc.callbacks.append(on_gc)
        t = time.perf_counter()
        clock.start()
        probe.start()
        dlg.start()
        loop.exec()
        reint_s = time.perf_counter() - t
        probe.stop()
        if "error" in outcome:
            raise outcome["error"]
        r, _log = outcome["result"]
        assert r.status.value == "ok" and r.counts["sales"] == lines, r.summary()
        print(f"reintegration of {lines} lines from the run dialog: {reint_s:.2f} s, {len(pages)} progress "
              f"report(s), {len(delays)} beats; dialog says: {dlg.status.text()}")
        gc.callbacks.remove(on_gc)
        worst_gc = max(gc_pauses, key=lambda g: g[1], default=(None, 0.0))
        print(f"{len(gc_pauses)} collections during the run, the longest {worst_gc[1]:.0f} ms (generation {worst_gc[0]})")
        worst = sorted(marks, key=lambda m: -m[1])[:5]
        print("worst beats (s after start, ms late):", ", ".join(f"{a:.2f}s {d:.0f}ms" for a, d in worst))
        dlg.close()
    finally:
        manager.shutdown() if hasattr(manager, "shutdown") else None
        sim.stop()
        db.dispose()
    ordered = sorted(delays)
    p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else 0.0
    result = {"database": "sqlite" if db.is_sqlite else "postgresql", "lines": lines, "page": args.page or 1000,
              "worst_stall_ms": round(max(delays or [0.0]), 1), "p99_stall_ms": round(p99, 1),
              "worst_gc_pause_ms": round(worst_gc[1], 1), "reintegrate_100k_s": round(reint_s, 2)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
