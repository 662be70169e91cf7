"""Benchmark of the Journal screen: a journal of 200,000 operations (appended through the real
chain, `journal.append`: sales, a cancellation every 50th, an invitation every 97th) in the demo
database; the screen with the real thread pools.

- open_ms: from creating the screen until its first page is in the table (median of 5; a fresh
  screen each time); first_open_ms: the first of them (cold).
- filter_ms: the kind filter set to cancellations until its first page is shown (median of 5).
- jump_ms: selecting an operation in the middle of the journal until its page is shown.
- verify_ms: "Verify the chain" until the verdict; verify_max_stall_ms: the longest the event
  loop waited meanwhile (a 10 ms timer: the screen does not freeze while the chain is checked).

Usage: python bench/journal_view.py [--database URL] [--operations 200000]
(default database: SQLite in a temporary folder). The last line printed is one JSON object."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._scratch import scratch_dir  # noqa: E402
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", metavar="URL", help="database URL (default: SQLite in a temporary folder)")
    ap.add_argument("--operations", type=int, default=200_000)
    args = ap.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.db.engine import open_database
    from app.db.models import utcnow
    from app.services import journal
    from app.services.operators import find_actor
    from app.services.seeding import seed_demo
    from app.ui.journal_page import JournalPage
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    tmp = scratch_dir("guichet-bench-journal-view-")
    db = open_database(args.database or f"sqlite:///{tmp / 'bench.sqlite'}")
    seed_demo(db)
    manager = find_actor(db, "manager")
    t = time.perf_counter()
    done, now = 0, utcnow()
    while done < args.operations:
        n = min(args.operations - done, 20_000)
        rows = []
        for i in range(done, done + n):
            kind = "cancel" if i % 50 == 49 else "invitation" if i % 97 == 0 else "sale"
            price = Decimal("0.00") if kind == "invitation" else Decimal("-42.00") if kind == "cancel" else \
                Decimal("42.00")
            rows.append({"at": now, "kind": kind, "operator": "bench", "workstation": "BENCH",
                         "point_of_sale": "GUICHET-1", "channel": "GUICHET", "venue": "Opéra", "show": "La Walkyrie",
                         "performance_id": 1, "performance": "2014-12-07 20:00", "seat": f"PAR G R{i % 30} P{i % 40}",
                         "category": "Catégorie 1", "tariff": "Normal", "price": price, "payment": "CARD",
                         "order_reference": f"B{i}", "ticket_id": None, "corrects_no": i if kind == "cancel" else None})
        with db.write() as s:
            journal.append(s, rows)
        done += n
    print(f"appended {args.operations} operations in {time.perf_counter() - t:.1f} s", flush=True)

    pool = TaskManager()
    set_tasks(pool)

    def wait(cond, limit_s=60.0):
        end = time.perf_counter() + limit_s
        while not cond():
            app.processEvents()
            if time.perf_counter() > end:
                raise SystemExit("timed out")

    def first_page(page):
        return page.model.rowCount() > 0 and 0 in page.model.pages

    opens, filters, jumps = [], [], []
    page = None
    for _ in range(5):
        if page is not None:
            page.close()
            page.deleteLater()
            app.processEvents()
        t = time.perf_counter()
        page = JournalPage(db, manager)
        page.resize(1366, 700)
        page.show()
        wait(lambda: first_page(page) and page.model.rowCount() == args.operations)
        opens.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        page.kind.setCurrentIndex(page.kind.findData(journal.CANCEL))
        page.apply_filters()
        wait(lambda: first_page(page) and page.model.rowCount() == args.operations // 50)
        filters.append((time.perf_counter() - t) * 1000)
        page.kind.setCurrentIndex(0)
        page.apply_filters()
        wait(lambda: first_page(page) and page.model.rowCount() == args.operations)
        middle = args.operations // 2 + len(jumps) * 1000
        t = time.perf_counter()
        row = page.select_operation(middle)
        wait(lambda: page.model.stored(row) is not None)
        jumps.append((time.perf_counter() - t) * 1000)

    gaps, last = [], [time.perf_counter()]

    def tick():
        now_ = time.perf_counter()
        gaps.append(now_ - last[0])
        last[0] = now_

    ticker = QTimer(interval=10)
    ticker.timeout.connect(tick)
    ticker.start()
    t = time.perf_counter()
    page.verify()
    wait(lambda: page.verify_button.isEnabled(), 600)
    verify_ms = (time.perf_counter() - t) * 1000
    ticker.stop()
    assert "✔" in page.verdict.text(), page.verdict.text()
    pool.shutdown()
    out = {"database": db.engine.dialect.name, "operations": args.operations,
           "open_ms": round(statistics.median(opens), 1), "first_open_ms": round(opens[0], 1),
           "filter_ms": round(statistics.median(filters), 1), "jump_ms": round(statistics.median(jumps), 1),
           "verify_ms": round(verify_ms, 1), "verify_max_stall_ms": round(max(gaps) * 1000, 1)}
    print(f"open {out['open_ms']} ms (runs {', '.join(f'{x:.0f}' for x in opens)}), kind filter "
          f"{out['filter_ms']} ms, jump to the middle {out['jump_ms']} ms, verify {out['verify_ms']} ms "
          f"(event loop stalled {out['verify_max_stall_ms']} ms at most)")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
