"""Bulk inserts at the driver's speed: executemany on SQLite, COPY on PostgreSQL.

For tens of thousands of rows (seeding, sales reintegration) SQLAlchemy's per-row
parameter processing costs more than the database itself; this skips it. Rows are tuples
in `columns` order, with values the driver accepts as they are (ints, str, Decimal,
datetime, bool, None)."""

from __future__ import annotations

from typing import Iterable, Sequence

from sqlalchemy import Table
from sqlalchemy.orm import Session


def bulk_insert(session: Session, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    conn = session.connection()
    dbapi = conn.connection.driver_connection
    cols = ", ".join(columns)
    count = 0
    if conn.dialect.name == "postgresql":
        with dbapi.cursor() as cur, cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    rows = list(rows)
    marks = ", ".join("?" for _ in columns)
    cur = dbapi.cursor()
    try:
        cur.executemany(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", rows)
    finally:
        cur.close()
    return len(rows)
