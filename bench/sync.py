"""Benchmark of the synchronisation engine on an 80,000-seat stadium (SQLite).

- export_80k_s: export the 80,000-seat allotment of one performance to the simulator
  (Ticketnet protocol, JSON over real HTTP on 127.0.0.1), building it from the database
  through the mappings.
- reintegrate_100k_s: the simulator sells 100,000 places — every seat of performance 1
  (80,000) and 20,000 of performance 2 (one performance only has 80,000 seats) — and we
  reintegrate the 100,000 sales lines it serves (pages of 5,000 lines, one transaction each).
- bulk_insert_100k_s: in the same run and database, the rows that reintegration wrote
  (orders, tickets, reintegrated-line keys, seat history) deleted and inserted again with bare
  executemany INSERTs in one transaction: the floor for writing those rows.
- reintegrate_ratio = reintegrate_100k_s / bulk_insert_100k_s.

Usage: python bench/sync.py [--seats 80000] [--second 20000] [--page 5000]
The last line printed is one JSON object with those keys."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GUICHET_KEYRING", "memory")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seats", type=int, default=80_000)
    ap.add_argument("--second", type=int, default=20_000, help="places sold on performance 2")
    ap.add_argument("--page", type=int, default=5_000, help="sales lines per page / transaction")
    args = ap.parse_args()

    from sqlalchemy import delete, func, insert, select, update

    from app.adapters.simulator import start_simulator
    from app.db.engine import open_database
    from app.db.models import (
        Contingent, DistributorInterface, Order, PerformanceSeat, Performance, Product, ReintegratedLine,
        SeatHistory, Ticket,
    )
    from app.domain.actors import SYSTEM
    from app.services.export import export_allotments
    from app.services.mapping_resolver import generate_event_mappings
    from app.services.reintegration import reintegrate_sales
    from app.services.secrets import set_password
    from app.services.seeding import seed_demo, seed_stadium

    tmp = Path(tempfile.mkdtemp(prefix="guichet-bench-sync-"))
    db = open_database(f"sqlite:///{tmp / 'bench.sqlite'}")
    t = time.perf_counter()
    seed_demo(db)  # channels, contingents and the distributor interfaces
    seed_stadium(db, args.seats, performances=2)
    print(f"seeded {args.seats} seats x 2 performances in {time.perf_counter() - t:.1f} s")
    sim = start_simulator(port=0)
    try:
        with db.write() as s:
            iface = s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == "NTJ Ticketnet")).one()
            iface.url = sim.url
            generate_event_mappings(s, iface.id, "STADE", tariffs={"Normal": "PT", "Reduced": "RED"})
            tkn = s.scalars(select(Contingent.id).where(Contingent.code == "TKN")).one()
            perfs = list(s.scalars(select(Performance.id).join(Product).where(Product.code == "STADE")
                                   .order_by(Performance.starts_at)))
            # The whole stadium goes to the distributor's contingent (set-based: bench set-up).
            s.execute(update(PerformanceSeat).where(PerformanceSeat.performance_id.in_(perfs))
                      .values(contingent_id=tkn))
            iface_id = iface.id
            starts = {p: s.get(Performance, p).starts_at for p in perfs}
        set_password(db, iface_id, "demo")

        t = time.perf_counter()
        r = export_allotments(db, SYSTEM, iface_id, perfs[0])
        export_s = time.perf_counter() - t
        assert r.status.value == "ok" and r.counts["seats"] == args.seats, r.summary()
        print(f"export of {r.counts['seats']} seats: {export_s:.2f} s")
        r2 = export_allotments(db, SYSTEM, iface_id, perfs[1])
        assert r2.status.value == "ok", r2.summary()

        ext = [f"STADE-{starts[p]:%Y%m%d%H%M}" for p in perfs]
        t = time.perf_counter()
        sim.sell("ticketnet-demo", args.seats, performance=ext[0])
        sim.sell("ticketnet-demo", args.second, performance=ext[1])
        lines = args.seats + args.second
        print(f"simulator sold {lines} places in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        r = reintegrate_sales(db, SYSTEM, iface_id, batch_size=args.page)
        reint_s = time.perf_counter() - t
        assert r.status.value == "ok" and r.counts["sales"] == lines, r.summary()
        print(f"reintegration of {lines} lines: {reint_s:.2f} s ({r.counts['batches']} batches, "
              f"{r.counts['orders']} orders)")

        # The floor: the very rows reintegration wrote, inserted again with bare executemany.
        tables = [Order.__table__, Ticket.__table__, ReintegratedLine.__table__, SeatHistory.__table__]
        with db.read() as s:
            rows = {tb.name: [dict(m) for m in s.execute(select(tb)).mappings()] for tb in tables}
        written = {k: len(v) for k, v in rows.items()}
        with db.write() as s:
            for tb in reversed(tables):
                s.execute(delete(tb))
        t = time.perf_counter()
        with db.write() as s:
            conn = s.connection()
            for tb in tables:
                conn.execute(insert(tb), rows[tb.name])
        bulk_s = time.perf_counter() - t
        with db.read() as s:
            assert s.scalar(select(func.count(Ticket.id))) == lines
        print(f"bare bulk INSERT of the same rows {written}: {bulk_s:.2f} s")
    finally:
        sim.stop()
        db.dispose()
    result = {"reintegrate_100k_s": round(reint_s, 2), "bulk_insert_100k_s": round(bulk_s, 2),
              "reintegrate_ratio": round(reint_s / bulk_s, 2), "export_80k_s": round(export_s, 2)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
