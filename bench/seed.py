"""Seeding and counting at stadium scale (issue 2): seed 80,000 seats with their inventory,
then time the counters. Prints its figures; the last line is JSON."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.db.engine import open_database  # noqa: E402
from app.services.inventory.counts import counts_by_contingent, performance_counts  # noqa: E402
from app.services.seeding import seed_stadium  # noqa: E402

SEATS = 80_000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.sqlite")
        t0 = time.perf_counter()
        result = seed_stadium(db, SEATS)
        seed_s = time.perf_counter() - t0
        assert result.seats == SEATS, result
        perf = "STADE@2027-03-06 21:00"
        timings, by_contingent = [], []
        for _ in range(10):
            t0 = time.perf_counter()
            report = performance_counts(db, perf, include_non_numbered=True)
            timings.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            counts_by_contingent(db, report.performance.id)
            by_contingent.append((time.perf_counter() - t0) * 1000)
        assert report.counts.total == SEATS
        filtered = []
        for _ in range(10):
            t0 = time.perf_counter()
            performance_counts(db, perf, contingent="FNAC", category="Cat1")
            filtered.append((time.perf_counter() - t0) * 1000)
        db.dispose()
    figures = {
        "seats": SEATS,
        "seed_80k_s": round(seed_s, 3),
        "counts_80k_ms": round(statistics.median(timings), 1),
        "counts_filtered_80k_ms": round(statistics.median(filtered), 1),
        "counts_by_contingent_80k_ms": round(statistics.median(by_contingent), 1),
    }
    print(f"seeded {SEATS:,} seats with their inventory in {seed_s:.2f} s (target < 2 s)")
    print(f"counts of the whole plan: median {figures['counts_80k_ms']} ms over 10 runs (target < 100 ms)")
    print(f"counts for contingent+category filter: median {figures['counts_filtered_80k_ms']} ms")
    print(f"counts by contingent: median {figures['counts_by_contingent_80k_ms']} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
