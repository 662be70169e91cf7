"""What the operations journal costs (issue 17).

- sales_*: 1,000 box-office sales of one seat each; the time spent inside the journal's
  call (`journal.record_tickets`, timed by a wrapper) against the rest of the sale.
- reint_*: a distributor's sales reintegrated (default 100,000 lines, pages of 5,000); the
  time inside `journal.record_distributor_batch` and `journal.batch.sale_rows` (the batch's
  rows) against the rest of the run. The simulator runs in a process of its own. (Timing the
  journal's own calls within one run: comparing two runs measured the simulator's feed,
  which slows as its store grows, more than the journal.)
- journal_overhead_pct: the larger of the two overheads (journal time / time without it), in percent.
- reint_floor_pct: the least any journal of one full row per reintegrated ticket could add
  (the issue's row: seat, category, tariff, price…, chained by SHA-256, with the indexes the
  statements and a ticket's mentions read): the same rows, already made, inserted by the
  app's own bulk route (executemany / binary COPY) into a copy of the journal's table and
  indexes, page by page, plus SHA-256 over their canonical texts, already encoded; against
  the same rest of the run. Nothing of making a row, numbering or chaining is in it.
- verify_1m_s: `journal verify` of 1,000,000 operations (appended through `journal.append`).
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._scratch import scratch_dir  # noqa: E402
os.environ.setdefault("GUICHET_KEYRING", "memory")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", metavar="URL", help="database URL (default: SQLite in a temporary folder)")
    ap.add_argument("--sales", type=int, default=1_000)
    ap.add_argument("--lines", type=int, default=100_000, help="reintegrated lines per run")
    ap.add_argument("--page", type=int, default=5_000)
    ap.add_argument("--verify-rows", type=int, default=1_000_000)
    args = ap.parse_args()

    from sqlalchemy import select

    from app.db.engine import open_database
    from app.db.models import Performance, PerformanceSeat, Product, utcnow
    from app.domain.actors import SYSTEM
    from app.domain.selection import SeatSelection
    from app.services import journal
    from app.services.inventory.selling import sell
    from app.services.operators import find_actor
    from app.services.seeding import seed_demo, seed_stadium
    from app.services.journal import batch as journal_batch
    from bench._simulator_process import SimulatorProcess
    from bench._stadium import link_ticketnet
    from app.services.sync.export import export_allotments
    from app.services.sync.reintegration import reintegrate_sales

    tmp = scratch_dir("guichet-bench-journal-")
    db = open_database(args.database or f"sqlite:///{tmp / 'bench.sqlite'}")
    seats = max(args.lines, args.sales) + 1000
    t = time.perf_counter()
    seed_demo(db)
    seed_stadium(db, seats, performances=1)
    print(f"seeded {seats} seats in {time.perf_counter() - t:.1f} s", flush=True)
    spent = {"sales": 0.0, "reint": 0.0}

    def timed(key, fn):
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[key] += time.perf_counter() - t0
        return wrapper

    journal.record_tickets = timed("sales", journal.record_tickets)
    journal.record_distributor_batch = timed("reint", journal.record_distributor_batch)
    journal_batch.sale_rows = timed("reint", journal_batch.sale_rows)  # a batch's rows, made by the reintegration

    with db.read() as s:
        perfs = list(s.scalars(select(Performance.id).join(Product).where(Product.code == "STADE")
                               .order_by(Performance.starts_at)))
        starts = {p: s.get(Performance, p).starts_at for p in perfs}
        seat_ids = {p: list(s.scalars(select(PerformanceSeat.seat_id).where(PerformanceSeat.performance_id == p)
                                      .order_by(PerformanceSeat.seat_id))) for p in perfs}
    manager = find_actor(db, "manager")
    # 1. box-office sales, from the end of the seat list (the distributor gets the start).
    t = time.perf_counter()
    for i in range(args.sales):
        sell(db, manager, perfs[0], SeatSelection(seat_ids=(seat_ids[perfs[0]][-1 - i],)),
             point_of_sale="GUICHET-1", payment="CASH")
    t_on = time.perf_counter() - t
    t_off = t_on - spent["sales"]
    sales_pct = 100 * spent["sales"] / t_off
    print(f"{args.sales} sales: {t_on:.2f} s, of which {spent['sales']:.2f} s in the journal ({sales_pct:+.1f} %)",
          flush=True)

    # 2. reintegration: the distributor's contingent holds the first `lines` seats of each performance.
    sim = SimulatorProcess()  # the distributor's work in a process of its own (bench/_simulator_process.py)
    try:
        stadium = link_ticketnet(db, sim.url, seats={perfs[0]: seat_ids[perfs[0]][:args.lines]})
        iface_id, starts = stadium.interface_id, stadium.starts
        r = export_allotments(db, SYSTEM, iface_id, perfs[0])
        assert r.status.value == "ok", r.summary()
        sim.call("sell_orders", "ticketnet-demo", args.lines, performance=f"STADE-{starts[perfs[0]]:%Y%m%d%H%M}")
        t = time.perf_counter()
        r = reintegrate_sales(db, SYSTEM, iface_id, batch_size=args.page)
        reint_total = time.perf_counter() - t
        assert r.status.value == "ok" and r.counts["sales"] == args.lines, r.summary()
        times = {True: reint_total, False: reint_total - spent["reint"]}
    finally:
        sim.stop()
    reint_pct = 100 * (times[True] - times[False]) / times[False]
    print(f"reintegration of {args.lines} lines: {times[True]:.2f} s, of which {spent['reint']:.2f} s in the "
          f"journal ({reint_pct:+.1f} %)", flush=True)
    assert journal.verify(db).ok
    floor_s = reint_floor(db, args.page)
    floor_pct = 100 * floor_s / times[False]
    print(f"floor of such a journal (insert the made rows + their hashes): {floor_s:.2f} s ({floor_pct:+.1f} %)",
          flush=True)

    # 3. verify a million operations: synthetic rows appended in batches through the real chain.
    with db.read() as s:
        have = s.scalar(select(journal.JournalOperation.op_no).order_by(journal.JournalOperation.op_no.desc()).limit(1)) or 0
    todo, t = args.verify_rows - have, time.perf_counter()
    now = utcnow()
    while todo > 0:
        n = min(todo, 20_000)
        rows = [{"at": now, "kind": "sale", "operator": "bench", "workstation": "BENCH", "point_of_sale": "GUICHET-1",
                 "channel": "GUICHET", "venue": "Stade de Guichet", "show": "Stade", "performance_id": perfs[0],
                 "performance": f"{starts[perfs[0]]:%Y-%m-%d %H:%M}", "seat": f"N 01 R{i % 50} P{i % 40}",
                 "category": "Cat 1", "tariff": "Plein tarif", "price": Decimal("42.00"), "payment": "CASH",
                 "order_reference": f"B{i}", "ticket_id": None, "corrects_no": None} for i in range(n)]
        with db.write() as s:
            journal.append(s, rows)
        todo -= n
    print(f"appended up to {args.verify_rows} operations in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    res = journal.verify(db)
    verify_s = time.perf_counter() - t
    assert res.ok and res.checked >= args.verify_rows, res.message()
    print(f"journal verify of {res.checked} operations: {verify_s:.2f} s", flush=True)
    db.dispose()
    result = {"database": db.engine.dialect.name, "sales": args.sales, "lines": args.lines,
              "sales_with_journal_s": round(t_on, 2), "sales_without_journal_s": round(t_off, 2),
              "sales_overhead_pct": round(sales_pct, 1),
              "reint_with_journal_s": round(times[True], 2), "reint_without_journal_s": round(times[False], 2),
              "reint_overhead_pct": round(reint_pct, 1), "reint_floor_pct": round(floor_pct, 1),
              "journal_overhead_pct": round(max(sales_pct, reint_pct), 1),
              "verify_rows": res.checked, "verify_1m_s": round(verify_s, 2)}
    print(json.dumps(result))
    return 0


def reint_floor(db, page: int) -> float:
    """Seconds to insert the reintegration's journal rows (as the journal holds them) into an
    empty copy of the journal's table with its indexes, `page` rows per transaction by
    `bulk_insert`, plus SHA-256 of each row's canonical text (made and encoded beforehand).
    The copy is dropped after."""
    import hashlib

    from sqlalchemy import MetaData, select

    from app.db.bulk import bulk_insert
    from app.services import journal
    from app.services.journal.canonical import FIELDS, SEP, _text

    table = journal.JournalOperation.__table__
    with db.read() as s:
        rows = [tuple(r) for r in s.execute(select(*(table.c[c] for c in journal.COLUMNS))
                                            .where(table.c.kind == journal.DIST_SALE).order_by(table.c.op_no))]
    copy = table.to_metadata(MetaData(), name="bench_journal_floor")
    for named in (*copy.indexes, *copy.constraints):  # names are the schema's, not the table's
        if isinstance(named.name, str):
            named.name = named.name.replace("journal_operations", "bench_journal_floor")
    copy.create(db.engine)
    try:
        n = len(FIELDS)
        texts = [SEP.join([_text(v) for v in r[:n]] + [r[n]]).encode("utf-8") for r in rows]  # + prev_hash
        hashes = [r[n + 1] for r in rows]
        sqlite = db.engine.dialect.name == "sqlite"
        if sqlite:  # bound as the journal binds them there (batch.chain): "at" as its text, price as float
            rows = [(r[0], _text(r[1]), *r[2:14], float(r[14]), *r[15:]) for r in rows]
        spent = 0.0
        for i in range(0, len(rows), page):
            with db.write() as s:
                s.connection()
                t = time.perf_counter()
                bulk_insert(s, copy, journal.COLUMNS, rows[i:i + page])
                spent += time.perf_counter() - t
        sha = hashlib.sha256
        t = time.perf_counter()
        made = [sha(b).hexdigest() for b in texts]
        spent += time.perf_counter() - t
        assert made == hashes, "the floor's hashes differ from the journal's"
    finally:
        copy.drop(db.engine)
    return spent


if __name__ == "__main__":
    sys.exit(main())
