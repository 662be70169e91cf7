"""Reports at stadium scale (issue 13): the sale sheet and the gauge of an 80,000-seat event
with 10 performances, each built and written to PDF and to XLSX. Goal: < 2 s each.
Prints its figures; the last line is JSON.

Usage: .venv/bin/python bench/reports.py [--database URL] [--seats N] [--performances K]
(default: a throw-away SQLite file; a given database gets the demo and the stadium seeded
if missing)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.db.engine import open_database  # noqa: E402
from app.services import reports  # noqa: E402
from app.services.reports import ReportParams  # noqa: E402
from app.services.seeding import seed_demo, seed_stadium  # noqa: E402


def timed(db, kind: str, params: ReportParams, out: Path, runs: int) -> dict:
    """Median seconds of build, PDF and XLSX, and of the whole (build + both files)."""
    build, pdf, xlsx, total = [], [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        report = reports.generate(db, kind, params)
        t1 = time.perf_counter()
        reports.save(report, out / f"{kind}.pdf")
        t2 = time.perf_counter()
        reports.save(report, out / f"{kind}.xlsx")
        t3 = time.perf_counter()
        build.append(t1 - t0)
        pdf.append(t2 - t1)
        xlsx.append(t3 - t2)
        total.append(t3 - t0)
    rows = sum(len(t.rows) for t in report.tables)
    return {"build_s": statistics.median(build), "pdf_s": statistics.median(pdf),
            "xlsx_s": statistics.median(xlsx), "total_s": statistics.median(total), "rows": rows,
            "pdf_bytes": (out / f"{kind}.pdf").stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", metavar="URL")
    parser.add_argument("--seats", type=int, default=80_000)
    parser.add_argument("--performances", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        db = open_database(args.database or f"sqlite:///{tmp}/bench.sqlite")
        t0 = time.perf_counter()
        seed_demo(db)  # the distributor interfaces
        seed_stadium(db, args.seats, args.performances)
        seed_s = time.perf_counter() - t0
        sale = timed(db, "sale-sheet", ReportParams(event="STADE", interface="NTJ FNAC", lang="fr"), out, args.runs)
        gauge = timed(db, "gauge", ReportParams(event="STADE", lang="fr"), out, args.runs)
        db.dispose()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(f"seed: {seed_s:.1f} s ({args.seats} seats, {args.performances} performances)")
    for name, r in (("sale sheet", sale), ("gauge", gauge)):
        print(f"{name}: {r['total_s']:.2f} s (build {r['build_s']:.2f}, PDF {r['pdf_s']:.2f}, "
              f"XLSX {r['xlsx_s']:.2f}; {r['rows']} rows)")
    print(json.dumps({"seats": args.seats, "performances": args.performances,
                      "sale_sheet_80k_s": round(sale["total_s"], 3), "gauge_80k_s": round(gauge["total_s"], 3),
                      "sale_sheet_build_s": round(sale["build_s"], 3), "gauge_build_s": round(gauge["build_s"], 3),
                      "gauge_pdf_s": round(gauge["pdf_s"], 3), "gauge_xlsx_s": round(gauge["xlsx_s"], 3),
                      "load_1min": load}))


if __name__ == "__main__":
    main()
