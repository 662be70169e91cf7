"""Several workstations, SQLite and PostgreSQL side by side from one run (issue 15).

Runs bench/live_refresh.py twice, one after the other on the same machine: on SQLite in a
temporary folder, then on a new database made for the run on the PostgreSQL server of
--database (default: this machine's server, postgresql+psycopg://postgres@127.0.0.1:5432/test;
the new database is dropped afterwards, the one named is left untouched). Each run seeds the
demo and the 80,000-seat stadium, then measures (see bench/live_refresh.py):

- sqlite_refresh_p95_ms / pg_refresh_p95_ms: another process's change on this one's watcher;
- sqlite_/pg_ assign_20k_ms, remove_20k_ms, block_20k_ms: the seat edits of 20,000 seats;
- pg_over_sqlite_assign, _remove, _block: the PostgreSQL figure over the SQLite one.

Run: .venv/bin/python bench/live.py [--database URL]. The last line is one JSON object."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._child import figures  # noqa: E402
from bench._scratch import scratch_dir  # noqa: E402

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOT = ("assign_20k_ms", "remove_20k_ms", "block_20k_ms")


def run(url: str) -> dict:
    return figures([str(ROOT / "bench" / "live_refresh.py"), "--database", url], f"{url.split(':')[0]} live_refresh")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", metavar="URL", default=DEFAULT_SERVER,
                    help="a PostgreSQL database on the server to use (a new database is made beside it)")
    args = ap.parse_args()
    if not args.database.startswith("postgresql"):
        ap.error("--database: give a PostgreSQL URL (SQLite is always run, in a temporary folder)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(args.database)
    name = f"guichet_bench_live_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - told in one line, no traceback
        sys.exit(f"--database {server.render_as_string(hide_password=True)}: cannot create a database there: "
                 f"{str(exc).splitlines()[0]}")
    try:
        print("== SQLite ==", flush=True)
        lite = run(f"sqlite:///{scratch_dir('guichet-bench-live-')}/bench.sqlite")
        print("== PostgreSQL ==", flush=True)
        pg = run(server.set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    out = {"sqlite_refresh_p95_ms": lite["refresh_p95_ms"], "pg_refresh_p95_ms": pg["refresh_p95_ms"]}
    for key in HOT:
        out[f"sqlite_{key}"], out[f"pg_{key}"] = lite[key], pg[key]
    for key in HOT:
        out[f"pg_over_sqlite_{key.split('_')[0]}"] = round(pg[key] / lite[key], 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
