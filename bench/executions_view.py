"""Benchmark of the Exécutions view: 10,000 executions (each with a log of 5 lines) in the demo
database; the time from creating the view until its first page is on screen (rows in the
model, the newest execution's details shown), with the real thread pools.

- executions_open_ms: median of 5 opens (a fresh view each time); executions_first_open_ms: the
  first of them (cold: the statements compiled, the connection pool warmed for the first time).
- executions_scroll_ms: fetching the next page when scrolled to the end (median of 5).
- executions_filter_ms: a status filter applied until its first page is shown (median of 5).

Usage: python bench/executions_view.py [--database URL] [--executions 10000]
(default database: SQLite in a temporary folder). The last line printed is one JSON object."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._scratch import scratch_dir  # noqa: E402
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", metavar="URL", help="database URL (default: SQLite in a temporary folder)")
    ap.add_argument("--executions", type=int, default=10_000)
    args = ap.parse_args()

    from PySide6.QtWidgets import QApplication
    from sqlalchemy import insert, select

    from app.db.engine import open_database
    from app.db.models import DistributorInterface, Execution, ExecutionLog
    from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel, SyncFunction, Trigger
    from app.services.operators import find_actor
    from app.services.seeding import seed_demo
    from app.ui.executions import ExecutionsView
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    tmp = scratch_dir("guichet-bench-exec-")
    db = open_database(args.database or f"sqlite:///{tmp / 'bench.sqlite'}")
    seed_demo(db)
    manager = find_actor(db, "manager")
    t = time.perf_counter()
    with db.write() as s:
        ifaces = list(s.scalars(select(DistributorInterface.id)))
        rows = []
        for i in range(args.executions):
            bad = i % 10 == 0
            rows.append({"interface_id": ifaces[i % len(ifaces)], "function": SyncFunction.REINTEGRATE_SALES,
                         "trigger": Trigger.SCHEDULE, "status": ExecutionStatus.ERROR if bad else ExecutionStatus.OK,
                         "counts": {"lines": 100, "sales": 98}, "parameters": {},
                         "first_error_class": ErrorClass.EXTERNAL if bad else None,
                         "first_error": "distributor unavailable: HTTP 500" if bad else ""})
        s.execute(insert(Execution), rows)
        ids = list(s.scalars(select(Execution.id)))
        s.execute(insert(ExecutionLog), [
            {"execution_id": eid, "level": LogLevel.INFO, "message": f"batch {n}: 20 line(s) applied", "where": "page"}
            for eid in ids for n in range(5)])
    print(f"seeded {args.executions} executions with {5 * args.executions} log lines in {time.perf_counter() - t:.1f} s")

    manager_tasks = TaskManager()
    set_tasks(manager_tasks)

    def wait(cond, limit_s=30.0):
        end = time.perf_counter() + limit_s
        while not cond():
            app.processEvents()
            if time.perf_counter() > end:
                raise SystemExit("timed out")

    opens, scrolls, filters = [], [], []
    for _ in range(5):
        t = time.perf_counter()
        view = ExecutionsView(db, manager)
        view.resize(1366, 700)
        view.show()
        wait(lambda: view.model.rows and view.details.info is not None)
        opens.append((time.perf_counter() - t) * 1000)
        n = len(view.model.rows)
        t = time.perf_counter()
        view.table.scrollToBottom()
        view.model.fetchMore()
        wait(lambda: len(view.model.rows) > n)
        scrolls.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        view.status.setCurrentIndex(view.status.findData("error"))
        wait(lambda: view.model.rows and all(r.status is ExecutionStatus.ERROR for r in view.model.rows))
        filters.append((time.perf_counter() - t) * 1000)
        view.close()
        view.deleteLater()
        app.processEvents()
    manager_tasks.shutdown()
    out = {"database": db.engine.dialect.name, "executions": args.executions,
           "executions_open_ms": round(statistics.median(opens), 1), "executions_first_open_ms": round(opens[0], 1),
           "executions_scroll_ms": round(statistics.median(scrolls), 1),
           "executions_filter_ms": round(statistics.median(filters), 1)}
    print(f"open {out['executions_open_ms']} ms (runs {', '.join(f'{x:.0f}' for x in opens)}), "
          f"next page {out['executions_scroll_ms']} ms, status filter {out['executions_filter_ms']} ms")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
