"""Benchmark of the synchronisation engine on an 80,000-seat stadium (SQLite or PostgreSQL).

- export_80k_s: export the 80,000-seat allotment of one performance to the simulator
  (Ticketnet protocol, JSON over real HTTP on 127.0.0.1), building it from the database
  through the mappings.
- reintegrate_100k_s: the simulator sells 100,000 places — every seat of performance 1
  (80,000) and 20,000 of performance 2 — as a realistic feed: orders of 1 to 8 tickets, each
  with its own sale time, a buyer's name on 80 % of them, 2 % of the tickets refunded
  (cancellation lines); we reintegrate the lines it serves (pages of 5,000 lines, one
  transaction each). orders_100k: the local orders that made (one per distributor order).
- bulk_insert_100k_s, the floor: in the same run and database, every row the reintegration
  wrote (orders, tickets, reintegrated-line keys, seat history, held lines, the operations
  journal's rows) read back raw,
  deleted, and inserted again by the database driver's fastest route in one transaction, into
  the same tables, indexes and checks: sqlite3's executemany; on PostgreSQL psycopg's binary
  COPY (as app/db/bulk.py writes; its executemany sends a statement per row, which the key-checking triggers of migration
  0015 run once each: the floor would be slower than the reintegration).
- sqlalchemy_insert_100k_s: the same rows through SQLAlchemy Core with dict rows (the floor
  this bench used to quote: it carries SQLAlchemy's per-row cost, so it flattered the ratio).
- reintegrate_ratio = reintegrate_100k_s / bulk_insert_100k_s.

The simulator runs in a process of its own (bench/_simulator_process.py): a distributor's
work is done on its machine, not in the venue's process.

Usage: python bench/sync.py [--database URL] [--seats 80000] [--second 20000] [--page 5000]
(default database: SQLite in a temporary folder). The last line printed is one JSON object."""

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seats", type=int, default=80_000)
    ap.add_argument("--second", type=int, default=20_000, help="places sold on performance 2")
    ap.add_argument("--page", type=int, default=5_000, help="sales lines per page / transaction")
    ap.add_argument("--database", metavar="URL", help="database URL (default: SQLite in a temporary folder)")
    ap.add_argument("--flat", action="store_true", help="the old unrealistic feed (one order per sell call, "
                                                        "no names, no cancellations)")
    args = ap.parse_args()

    from sqlalchemy import delete, func, insert, select, text

    from app.db.engine import open_database
    from app.db.models import Order, ReintegratedLine, SeatHistory, Ticket
    from app.domain.actors import SYSTEM
    from app.services.sync.export import export_allotments
    from app.services.sync.reintegration import reintegrate_sales
    from app.services.seeding import seed_demo, seed_stadium
    from bench._simulator_process import SimulatorProcess
    from bench._stadium import link_ticketnet

    tmp = scratch_dir("guichet-bench-sync-")
    db = open_database(args.database or f"sqlite:///{tmp / 'bench.sqlite'}")
    t = time.perf_counter()
    seed_demo(db)  # channels, contingents and the distributor interfaces
    seed_stadium(db, args.seats, performances=2)
    print(f"seeded {args.seats} seats x 2 performances in {time.perf_counter() - t:.1f} s")
    sim = SimulatorProcess()  # the distributor's work in a process of its own, as on its own machine
    try:
        stadium = link_ticketnet(db, sim.url)  # the whole stadium in the distributor's contingent
        iface_id, perfs = stadium.interface_id, stadium.performances

        t = time.perf_counter()
        r = export_allotments(db, SYSTEM, iface_id, perfs[0])
        export_s = time.perf_counter() - t
        assert r.status.value == "ok" and r.counts["seats"] == args.seats, r.summary()
        print(f"export of {r.counts['seats']} seats: {export_s:.2f} s")
        r2 = export_allotments(db, SYSTEM, iface_id, perfs[1])
        assert r2.status.value == "ok", r2.summary()

        ext = [stadium.external_id(p) for p in perfs]
        t = time.perf_counter()
        if args.flat:
            sim.call("sell", "ticketnet-demo", args.seats, performance=ext[0])
            sim.call("sell", "ticketnet-demo", args.second, performance=ext[1])
        else:
            sim.call("sell_orders", "ticketnet-demo", args.seats, performance=ext[0])
            sim.call("sell_orders", "ticketnet-demo", args.second, performance=ext[1])
        lines = args.seats + args.second
        print(f"simulator sold {lines} places in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        r = reintegrate_sales(db, SYSTEM, iface_id, batch_size=args.page)
        reint_s = time.perf_counter() - t
        assert r.status.value == "ok" and r.counts["sales"] == lines, r.summary()
        orders = r.counts["orders"]
        print(f"reintegration of {lines} lines: {reint_s:.2f} s ({r.counts['batches']} batches, "
              f"{r.counts['orders']} orders)")

        # The floor: the very rows reintegration wrote, read back raw and inserted again by the
        # driver's fastest route, in one transaction, into the same tables and indexes.
        import app.db.models as models

        tables = [Order.__table__, Ticket.__table__, ReintegratedLine.__table__, SeatHistory.__table__]
        if hasattr(models, "HeldLine"):  # absent before the held lines (a BEFORE run on older code)
            tables.append(models.HeldLine.__table__)
        journal = getattr(models, "JournalOperation", None)  # the operations journal's rows are written too
        if journal is not None:
            tables.append(journal.__table__)
        with db.read() as s:
            raw = s.connection().connection.driver_connection
            cur = raw.cursor()
            rows, cols, types = {}, {}, {}
            for tb in tables:
                cur.execute(f"SELECT * FROM {tb.name}")
                cols[tb.name] = [d[0] for d in cur.description]
                types[tb.name] = [d[1] for d in cur.description]  # PostgreSQL: the columns' type oids
                rows[tb.name] = [tuple(r) for r in cur.fetchall()]
            cur.close()
        written = {k: len(v) for k, v in rows.items()}

        def clear():
            with db.write() as s:
                # The journal refuses DELETE (its triggers): lifted for this bench's own clean-up
                # and put back in the same transaction, before the timed insert.
                if journal is not None and db.is_sqlite:
                    triggers = s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                              "AND tbl_name = 'journal_operations'")).all()
                    for name, _sql in triggers:
                        s.execute(text(f'DROP TRIGGER "{name}"'))
                elif not db.is_sqlite:  # no trigger (the journal's, the foreign keys' checks) in this clean-up
                    s.execute(text("SET LOCAL session_replication_role = replica"))
                for tb in reversed(tables):
                    s.execute(delete(tb))
                if journal is not None and db.is_sqlite:
                    for _name, sql in triggers:
                        s.execute(text(sql))

        def driver_insert():
            with db.write() as s:
                dbapi = s.connection().connection.driver_connection
                mark = "?" if db.is_sqlite else "%s"
                cur = dbapi.cursor()
                for tb in tables:
                    if not rows[tb.name]:
                        continue
                    names = ", ".join(f'"{c}"' for c in cols[tb.name])
                    if db.is_sqlite:
                        cur.executemany(f"INSERT INTO {tb.name} ({names}) VALUES "
                                        f"({', '.join(mark for _ in cols[tb.name])})", rows[tb.name])
                    else:  # binary COPY: PostgreSQL's fastest route (executemany is a statement per row)
                        with cur.copy(f"COPY {tb.name} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
                            copy.set_types(types[tb.name])
                            for row in rows[tb.name]:
                                copy.write_row(row)
                cur.close()

        clear()
        t = time.perf_counter()
        driver_insert()
        bulk_s = time.perf_counter() - t
        with db.read() as s:
            assert s.scalar(select(func.count(Ticket.id))) == written["tickets"]
        print(f"driver {'executemany' if db.is_sqlite else 'COPY'} of the same rows {written}: {bulk_s:.2f} s")
        with db.read() as s:
            dict_rows = {tb.name: [dict(m) for m in s.execute(select(tb)).mappings()] for tb in tables}
        clear()
        t = time.perf_counter()
        with db.write() as s:
            conn = s.connection()
            for tb in tables:
                if dict_rows[tb.name]:
                    conn.execute(insert(tb), dict_rows[tb.name])
        sqla_s = time.perf_counter() - t
        print(f"SQLAlchemy Core insert of the same rows: {sqla_s:.2f} s")
    finally:
        sim.stop()
        db.dispose()
    result = {"database": "sqlite" if db.is_sqlite else "postgresql", "feed": "flat" if args.flat else "realistic",
              "reintegrate_100k_s": round(reint_s, 2), "orders_100k": orders,
              "bulk_insert_100k_s": round(bulk_s, 2), "sqlalchemy_insert_100k_s": round(sqla_s, 2),
              "reintegrate_ratio": round(reint_s / bulk_s, 2), "export_80k_s": round(export_s, 2)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
