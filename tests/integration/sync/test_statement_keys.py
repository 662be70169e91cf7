"""The foreign keys of the tables written in bulk hold on both databases. On PostgreSQL they are
kept by statement-level triggers (migration 0015: one check per statement instead of one per
row and key, ~3.5 s of a 100,000-line reintegration); these tests break each key by hand and
expect the refusal PostgreSQL's own key would give, naming the constraint."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.db.migrate import alembic_config
from app.domain.selection import SeatSelection
from app.services.inventory.orders import cancel_order
from app.services.inventory.payment import Customer
from app.services.inventory.selling import sell
from app.services.sync.reintegration import import_sales_file
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import sale_line, seats_of


def _keys():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_revision("0015_pg_statement_keys").module


@pytest.fixture
def written(allotted, manager, tmp_path):
    """A reintegrated file (orders of the interface and its execution, tickets, reintegrated
    lines, a buyer), a box-office sale to a named customer, and a refunded ticket."""
    from app.adapters.files import write_guichet_csv

    seats = seats_of(allotted, "PAR", "G")[:2]
    path = tmp_path / "sales.csv"
    write_guichet_csv(path, [sale_line("K-1", seats[0], sold_at=datetime(2014, 11, 1, 10, 0), buyer_last_name="Durand"),
                             sale_line("K-2", seats[1], sold_at=datetime(2014, 11, 1, 10, 5))])
    assert import_sales_file(allotted, manager, "NTJ Secutix File", path, performance=WALKYRIE).status.value == "ok"
    sale = sell(allotted, manager, WALKYRIE, SeatSelection(first=2), customer=Customer(name="Martin"))
    with allotted.read() as s:
        first = s.scalar(text("SELECT min(id) FROM tickets WHERE order_id = :o"), {"o": sale.order_id})
    cancel_order(allotted, manager, sale.order_reference, [first])
    with allotted.write() as s:  # the mark an export leaves on a seat it sent to a distributor
        s.execute(text("INSERT INTO exported_seats (interface_id, performance_id, seat_id) "
                       "SELECT o.interface_id, t.performance_id, t.seat_id FROM tickets t JOIN orders o "
                       "ON o.id = t.order_id WHERE o.interface_id IS NOT NULL AND t.seat_id IS NOT NULL"))
    return allotted


def _refused(db, sql: str, params: dict, constraint: str) -> None:
    with pytest.raises(IntegrityError) as caught:
        with db.write() as s:
            s.execute(text(sql), params)
    diag = getattr(caught.value.orig, "diag", None)
    if diag is not None:  # PostgreSQL names the constraint, as its own key would
        assert diag.constraint_name == constraint, caught.value


def test_each_key_refuses_a_missing_row_on_both_databases(written):
    keys = _keys()
    exercised = {}
    for table, columns in keys.KEYS.items():
        # a row's identity: its id, or its whole key where it has none (exported_seats)
        ident = ["id"] if table != "exported_seats" else [c for c, _p in columns]
        match = " AND ".join(f"{c} = :k_{c}" for c in ident)
        for column, parent in columns:
            with written.read() as s:
                row = s.execute(text(f"SELECT {', '.join(ident)}, {column} AS value FROM {table} "
                                     f"WHERE {column} IS NOT NULL ORDER BY {', '.join(ident)} LIMIT 1")).first()
                missing = (s.scalar(text(f"SELECT max(id) FROM {parent}")) or 0) + 1000
            if row is None:
                continue
            where = {f"k_{c}": getattr(row, c) for c in ident}
            _refused(written, f"UPDATE {table} SET {column} = :v WHERE {match}", {"v": missing, **where},
                     keys.constraint(table, column, parent))
            exercised[(table, column)] = (match, where, row.value)
    every = {(t, c) for t, cols in keys.KEYS.items() for c, _p in cols}
    assert set(exercised) == every, f"no row to break for {sorted(every - set(exercised))}"
    with written.read() as s:  # each refused write left its row as it was
        for (table, column), (match, where, value) in exercised.items():
            assert s.scalar(text(f"SELECT {column} FROM {table} WHERE {match}"), where) == value


def test_an_insert_naming_a_missing_row_is_refused_whole(written):
    keys = _keys()
    with written.read() as s:
        before = s.scalar(text("SELECT count(*) FROM tickets"))
        missing = s.scalar(text("SELECT max(id) FROM orders")) + 1000
    # every ticket copied as cancelled (no live seat twice), one of them naming a missing order
    _refused(written, "INSERT INTO tickets (performance_id, seat_id, zone_id, category_id, tariff_id, contingent_id, "
             "price, state, controlled, external_ticket_id, created_at, cancelled_at, order_id) "
             "SELECT performance_id, seat_id, zone_id, category_id, tariff_id, contingent_id, price, 'cancelled', "
             "controlled, external_ticket_id, created_at, cancelled_at, "
             "CASE WHEN id = (SELECT max(id) FROM tickets) THEN :missing ELSE order_id END FROM tickets",
             {"missing": missing}, keys.constraint("tickets", "order_id", "orders"))
    with written.read() as s:
        assert s.scalar(text("SELECT count(*) FROM tickets")) == before


def test_a_named_row_is_neither_deleted_nor_renumbered(written):
    keys = _keys()
    with written.read() as s:
        # a reintegrated ticket: named by its reintegrated line only (no refund, no print)
        ticket, order = s.execute(text(
            "SELECT t.id, t.order_id FROM tickets t JOIN reintegrated_lines r ON r.ticket_id = t.id "
            "WHERE t.state <> 'cancelled' ORDER BY t.id LIMIT 1")).one()
        refunded = s.scalar(text("SELECT count(*) FROM refunds WHERE order_id = :o"), {"o": order})
        top = s.scalar(text("SELECT max(id) FROM tickets")) + 1000
    assert refunded == 0
    _refused(written, "DELETE FROM tickets WHERE id = :t", {"t": ticket},
             keys.constraint("reintegrated_lines", "ticket_id", "tickets"))
    _refused(written, "UPDATE tickets SET id = :n WHERE id = :t", {"n": top, "t": ticket},
             keys.constraint("reintegrated_lines", "ticket_id", "tickets"))
    _refused(written, "DELETE FROM orders WHERE id = :o", {"o": order},
             keys.constraint("tickets", "order_id", "orders"))
    with written.read() as s:
        assert s.scalar(text("SELECT count(*) FROM tickets WHERE id = :t"), {"t": ticket}) == 1
        assert s.scalar(text("SELECT count(*) FROM orders WHERE id = :o"), {"o": order}) == 1
