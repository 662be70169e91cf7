"""The operations journal: every sale and cancellation is a numbered, chained row that the
database refuses to change; `journal verify` names the first edited row."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.domain.selection import Range, SeatSelection
from app.services import journal
from app.services.inventory.orders import cancel_order
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE

ROW = SeatSelection(zone="PAR", block="G", rows=Range("1", "1"), numbers=Range("1", "4"))


def test_sales_and_cancellations_are_numbered_gapless_and_chained(demo_db, cashier):
    r = sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    cancel_order(demo_db, cashier, r.order_reference, list(r.ticket_ids[:1]))
    ops = journal.operations(demo_db)
    assert [o["op_no"] for o in ops] == [1, 2, 3, 4, 5]
    assert [o["kind"] for o in ops] == ["sale"] * 4 + ["cancel"]
    assert ops[0]["operator"] == "caisse" and ops[0]["payment"] == "CARD" and ops[0]["show"]
    assert ops[4]["corrects_no"] == 1 and ops[4]["price"] == -ops[0]["price"]
    assert sum(o["price"] for o in ops) == sum(o["price"] for o in ops[1:4])
    assert all(o["prev_hash"] == p["hash"] for p, o in zip(ops, ops[1:]))
    assert journal.verify(demo_db).ok and journal.verify(demo_db).checked == 5
    assert journal.verify(demo_db, start=3).checked == 3
    assert journal.verify(demo_db, batch=2).checked == 5  # read in ranges of 2 numbers


def test_the_database_refuses_to_update_or_delete_a_journal_row(demo_db, cashier):
    sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    for sql in ("UPDATE journal_operations SET price = 1 WHERE op_no = 2",
                "DELETE FROM journal_operations WHERE op_no = 2"):
        with pytest.raises(DBAPIError, match="append-only"):
            with demo_db.write() as s:
                s.execute(text(sql))
    assert journal.verify(demo_db).ok


def _drop_triggers(db):
    with db.write() as s:
        if db.engine.dialect.name == "postgresql":
            s.execute(text("DROP TRIGGER journal_no_update ON journal_operations"))
        else:
            s.execute(text("DROP TRIGGER journal_no_update"))
            s.execute(text("DROP TRIGGER journal_no_delete"))


def test_a_price_edited_by_hand_is_named_by_verify(demo_db, cashier):
    sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    _drop_triggers(demo_db)
    with demo_db.write() as s:
        s.execute(text("UPDATE journal_operations SET price = 0.01 WHERE op_no = 3"))
    v = journal.verify(demo_db)
    assert not v.ok and v.broken_no == 3 and "n° 3" in v.message()
    with demo_db.write() as s:
        s.execute(text("DELETE FROM journal_operations WHERE op_no = 3"))
    v = journal.verify(demo_db)
    assert v.broken_no == 3 and "missing" in v.reason
    assert journal.verify(demo_db, batch=2).broken_no == 3  # the range [3, 5) starts with 4
    with demo_db.write() as s:
        s.execute(text("DELETE FROM journal_operations WHERE op_no = 4"))
    v = journal.verify(demo_db, batch=2)  # the range [3, 5) is empty: a whole range missing
    assert v.broken_no == 3 and "missing" in v.reason


def test_an_invitation_is_journalled_as_free(demo_db, manager):
    from app.db.models import Tariff
    from sqlalchemy import select
    with demo_db.read() as s:
        codes = [t.code for t in s.scalars(select(Tariff))]
    r = sell(demo_db, manager, WALKYRIE, ROW, payment="CARD")
    ops = journal.operations(demo_db)
    assert all(o["kind"] in ("sale", "invitation") for o in ops)
    assert all((o["kind"] == "invitation") == (o["price"] == Decimal("0")) for o in ops)
    assert codes and r.ticket_ids


def test_a_large_batch_goes_through_the_bulk_path_and_chains(demo_db, cashier):
    from app.db.models import utcnow

    sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    rows = [{"at": utcnow(), "kind": "dist_sale", "operator": "NTJ", "workstation": "", "point_of_sale": "WEB",
             "channel": "DIST", "venue": "Opéra", "show": "Die Walküre", "performance_id": None,
             "performance": "2014-12-07 20:00", "seat": f"PAR G R1 P{i}", "category": "Cat 1", "tariff": "Normal",
             "price": Decimal("12.50"), "payment": "", "order_reference": f"N{i}", "ticket_id": i,
             "corrects_no": None} for i in range(150)]
    with demo_db.write() as s:
        assert journal.append(s, rows) == list(range(5, 155))
    assert journal.verify(demo_db).ok
    ops = journal.operations(demo_db, start=5)
    assert len(ops) == 150 and ops[0]["price"] == Decimal("12.50") and ops[0]["at"] == rows[0]["at"]
    sell(demo_db, cashier, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("2", "2"),
                                                   numbers=Range("1", "1")), payment="CARD")
    assert journal.verify(demo_db).ok


def test_a_sqlite_commit_is_on_disk_before_it_returns(demo_db):
    """Power cuts (arrêté of 8 March 1993): in WAL mode, synchronous=NORMAL may lose the last
    commits of a sale whose ticket is printed; FULL syncs the WAL at each commit."""
    if demo_db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's own setting (PostgreSQL syncs its WAL at commit by default)")
    with demo_db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
