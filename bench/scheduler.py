"""The scheduler's own cost, without distributor calls: an idle tick over N schedules (none
due), and claiming N due slots whose window is empty (each recorded as a skipped run).

Usage: python bench/scheduler.py [N] [--database URL]   (last line: one JSON object; default
database: SQLite in a temporary folder)"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._scratch import scratch_dir  # noqa: E402
os.environ.setdefault("GUICHET_KEYRING", "memory")

from sqlalchemy import insert, select  # noqa: E402

from app.db.engine import open_database  # noqa: E402
from app.db.models import DistributorInterface, Schedule  # noqa: E402
from app.domain.actors import SYSTEM  # noqa: E402
from app.domain.enums import StartMode, SyncFunction  # noqa: E402
from app.services.schedules import rules  # noqa: E402
from app.services.schedules.scheduler import Scheduler  # noqa: E402
from app.services.seeding import seed_demo  # noqa: E402


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=500, help="schedules (default 500)")
    ap.add_argument("--database", metavar="URL", help="database URL (default: SQLite in a temporary folder)")
    args = ap.parse_args()
    n = args.n
    url = args.database or f"sqlite:///{scratch_dir('guichet-bench-scheduler-')}/bench.sqlite"
    db = open_database(url)
    seed_demo(db)
    tz = rules.venue_timezone(db)
    first = datetime(2030, 1, 1, 3, 0)
    text = rules.compose("FREQ=DAILY;BYHOUR=3;BYMINUTE=0", first)
    with db.write() as s:
        iid = s.scalar(select(DistributorInterface.id).where(DistributorInterface.name_fr == "NTJ FNAC"))
        s.execute(insert(Schedule), [dict(
            interface_id=iid, function=SyncFunction.REINTEGRATE_SALES, start_mode=StartMode.AUTOMATIC,
            name_fr=f"B{i}", name_en="", name_es="", rrule=text, next_run_at=rules.to_utc(first, tz),
            window_start_days_before=1, window_end_days_after=0, window_start_time="", window_end_time="",
            file_path="", enabled=True, claimed_by="", preflight_warning="", error_count=0) for i in range(n)])
    sched = Scheduler(db, SYSTEM)
    t0 = time.perf_counter()
    for _ in range(20):
        assert sched.run_due(rules.to_utc(first, tz) - timedelta(hours=1)) == []
    idle = (time.perf_counter() - t0) / 20
    t0 = time.perf_counter()
    out = sched.run_due(rules.to_utc(first, tz))
    claim = time.perf_counter() - t0
    assert len(out) == n
    print(json.dumps({"schedules": n, "backend": db.engine.dialect.name, "idle_tick_ms": round(idle * 1000, 2),
                      "claim_and_skip_ms_per_slot": round(claim * 1000 / n, 2), "load": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
