"""A standing place sold at the till is a ticketing operation like a seat: journalled, with its
operation number on the ticket, and counted by the takings statement."""

from __future__ import annotations

from app.services import journal
from app.services.inventory.orders import cancel_order, order_detail
from app.services.inventory.standing import sell_standing
from app.services.inventory.tickets import order_tickets
from tests.conftest import WALKYRIE


def test_standing_places_sold_and_cancelled_are_journalled(demo_db, cashier):
    sale = sell_standing(demo_db, cashier, WALKYRIE, "DEBOUT", 3, payment="CARD")
    ops = journal.operations(demo_db)
    assert [o["kind"] for o in ops] == ["sale"] * 3
    assert all(o["order_reference"] == sale.order_reference and o["payment"] == "CARD" and o["operator"] == "caisse"
               for o in ops)
    assert sum(o["price"] for o in ops) == sale.total
    assert {o["seat"] for o in ops} == {ops[0]["seat"]} and ops[0]["seat"]  # the zone: no seat to name
    printed = order_tickets(demo_db, sale.order_reference, actor=cashier)
    assert sorted(t.operation_no for t in printed) == [o["op_no"] for o in ops]
    first = printed[0].id
    cancel_order(demo_db, cashier, sale.order_reference, [first])
    cancel = journal.operations(demo_db)[-1]
    assert cancel["kind"] == "cancel" and cancel["ticket_id"] == first and cancel["price"] == -ops[0]["price"]
    assert cancel["corrects_no"] == next(o["op_no"] for o in ops if o["ticket_id"] == first)
    assert journal.verify(demo_db).ok
