"""On PostgreSQL the server journals a box-office operation itself (`journal_record`,
migration 0018): its rows and hashes must be exactly those the Python writer makes
(`journal.build_rows` + `journal.append`, which SQLite uses). Each stored row is made again
here in Python from its ticket and compared field for field, hash included; on SQLite the
same test checks the Python writer against itself."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.db.models import Performance, Price, SeatCategory, Tariff
from app.domain.selection import Range, SeatSelection
from app.services import journal
from app.services.inventory.orders import cancel_order
from app.services.inventory.selling import sell
from app.services.inventory.standing import sell_standing
from app.services.inventory.tickets import order_tickets
from tests.conftest import WALKYRIE


def _free_tariff(db):
    with db.write() as s:
        t = Tariff(code="INV", name_fr="Invitation", name_en="Invitation", name_es="Invitación")
        s.add(t)
        s.flush()
        perf = s.scalars(select(Performance)).first()
        for c in s.scalars(select(SeatCategory)):
            s.add(Price(performance_id=perf.id, category_id=c.id, tariff_id=t.id, amount=Decimal("0")))


def test_every_kind_of_box_office_row_is_the_python_writers_row(demo_db, cashier, manager):
    _free_tariff(demo_db)
    sale = sell(demo_db, cashier, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("1", "1"),
                                                          numbers=Range("1", "3")), payment="CARD")
    free = sell(demo_db, manager, WALKYRIE, SeatSelection(zone="PAR", block="G", rows=Range("2", "2"),
                                                          numbers=Range("1", "2")), tariff="INV", payment="CASH")
    standing = sell_standing(demo_db, cashier, WALKYRIE, "DEBOUT", 2)
    order_tickets(demo_db, sale.order_reference, actor=cashier)  # prints
    order_tickets(demo_db, sale.order_reference, actor=cashier)  # reprints
    cancel_order(demo_db, cashier, sale.order_reference, list(sale.ticket_ids[:2]))
    cancel_order(demo_db, manager, free.order_reference, list(free.ticket_ids[:1]))
    cancel_order(demo_db, cashier, standing.order_reference)

    ops = journal.operations(demo_db)
    kinds = [o["kind"] for o in ops]
    assert kinds == ["sale"] * 3 + ["invitation"] * 2 + ["sale"] * 2 + ["print"] * 3 + ["reprint"] * 3 + \
        ["cancel"] * 5, kinds
    prev = journal.GENESIS
    with demo_db.read() as s:
        for o in ops:
            asked = "sale" if o["kind"] == "invitation" else o["kind"]
            (made,) = journal.build_rows(s, asked, [o["ticket_id"]], operator=o["operator"], payment=o["payment"],
                                         at=o["at"], workstation=o["workstation"])
            made["op_no"] = o["op_no"]
            assert {f: o[f] for f in journal.FIELDS} == made, o["op_no"]
            assert o["prev_hash"] == prev and o["hash"] == journal.row_hash(made, prev), o["op_no"]
            prev = o["hash"]
    seats = {o["seat"] for o in ops}
    assert "Debout" in seats or any(" R" not in x for x in seats)  # a standing place: its zone
    assert any(o["price"] < 0 and o["corrects_no"] for o in ops)
    assert journal.verify(demo_db).ok
