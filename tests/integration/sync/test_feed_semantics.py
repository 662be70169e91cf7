"""The reintegration's feed semantics on SQLite and PostgreSQL: a batch gives the result of
its lines applied one by one in feed order (a refunded seat resold in one page), one local
order per distributor order whatever the paging."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.db.models import Order, Ticket
from app.domain.enums import TicketState
from app.domain.sales import SaleAction
from app.services.sync.export import export_allotments
from app.services.sync.reintegration import import_sales_file, reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import interface_id, local_live, sale_line, seats_of, simulator_live

FNAC = "NTJ FNAC"


def _seat_owner(db, interface: str) -> dict[int, str]:
    """seat id → external ticket id of its live ticket."""
    iid = interface_id(db, interface)
    with db.read() as s:
        return dict(s.execute(select(Ticket.seat_id, Ticket.external_ticket_id).join(Order, Order.id == Ticket.order_id)
                              .where(Order.interface_id == iid, Ticket.state != TicketState.CANCELLED)).all())


@pytest.mark.parametrize("batch_size, earlier", [(1000, False), (2, False), (1000, True)])
def test_a_seat_refunded_and_resold_in_one_page_ends_sold_to_the_new_buyer(linked, manager, sim, batch_size, earlier):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    (first,) = sim.sell("fnac-demo", 1, buyer={"last_name": "Durand"})
    if earlier:  # the first sale came in an earlier run; its refund and the resale in one page
        assert reintegrate_sales(linked, manager, FNAC).status.value == "ok"
    sim.cancel("fnac-demo", first)
    (second,) = sim.sell("fnac-demo", 1, buyer={"last_name": "Martin"})  # the same seat, the first free one
    e1, e2 = sim.store.tickets["fnac-demo"][first], sim.store.tickets["fnac-demo"][second]
    assert (e1["zone"], e1["row"], e1["number"]) == (e2["zone"], e2["row"], e2["number"])
    r = reintegrate_sales(linked, manager, FNAC, batch_size=batch_size)
    assert r.status.value == "ok", r.summary()
    assert set(local_live(linked, FNAC)) == {second} == set(simulator_live(sim, "fnac-demo"))


def test_a_file_with_a_sale_its_cancellation_and_a_resale_imports(allotted, manager, tmp_path):
    from app.adapters.files import write_guichet_csv

    stx = "NTJ Secutix File"
    seat = seats_of(allotted, "PAR", "G")[0]
    path = tmp_path / "resale.csv"
    write_guichet_csv(path, [
        sale_line("S-1", seat, sold_at=datetime(2014, 11, 1, 10, 0)),
        sale_line("S-1", seat, action=SaleAction.CANCEL, sold_at=datetime(2014, 11, 2, 10, 0)),
        sale_line("S-2", seat, sold_at=datetime(2014, 11, 3, 10, 0), buyer_last_name="Martin"),
    ])
    first = tmp_path / "first.csv"
    write_guichet_csv(first, [sale_line("S-1", seat, sold_at=datetime(2014, 11, 1, 10, 0))])
    assert import_sales_file(allotted, manager, stx, first, performance=WALKYRIE).status.value == "ok"
    for size in (None, 1):  # the whole statement again: S-1 already there, its refund and the resale new
        r = import_sales_file(allotted, manager, stx, path, performance=WALKYRIE, batch_size=size)
        assert r.status.value == "ok", r.summary()
        assert _seat_owner(allotted, stx) == {seat.seat_id: "S-2"}


def _local_orders(db, interface: str) -> dict[frozenset, tuple]:
    """frozenset of the external ticket ids of each local order → (status, total, live ids)."""
    iid = interface_id(db, interface)
    out: dict[int, list] = {}
    with db.read() as s:
        rows = s.execute(select(Order.id, Order.status, Order.total, Ticket.external_ticket_id, Ticket.state)
                         .join(Ticket, Ticket.order_id == Order.id).where(Order.interface_id == iid)).all()
    for oid, status, total, ext, state in rows:
        o = out.setdefault(oid, [status.value, total, set(), set()])
        o[2].add(ext)
        if state is not TicketState.CANCELLED:
            o[3].add(ext)
    return {frozenset(o[2]): (o[0], o[1], frozenset(o[3])) for o in out.values()}


@pytest.mark.parametrize("page", [1, 7, 100, 10000])
def test_one_local_order_per_distributor_order_whatever_the_page_size(linked, manager, sim, page):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    sold = sim.store.sell_orders("fnac-demo", 60, cancelled=0)  # orders of 1-8 tickets, 80 % named
    by_order: dict[str, set] = {}
    for t in sold:
        by_order.setdefault(sim.store.tickets["fnac-demo"][t]["order"], set()).add(t)
    big = next(ts for ts in by_order.values() if len(ts) >= 3)
    partial = sorted(big)[0]
    sim.cancel("fnac-demo", partial)  # part of an order refunded
    r = reintegrate_sales(linked, manager, FNAC, batch_size=page)
    assert r.status.value == "ok", r.summary()
    orders = _local_orders(linked, FNAC)
    assert set(orders) == {frozenset(ts) for ts in by_order.values()}
    assert r.counts["orders"] == len(by_order)
    status, total, live = orders[frozenset(big)]
    assert status == "paid" and live == frozenset(big - {partial})
    prices = {t: e[4] for t, e in simulator_live(sim, "fnac-demo").items()}
    assert total == sum(prices[t] for t in live)


@pytest.mark.parametrize("size", [None, 1])
def test_without_an_order_id_the_buyer_and_sale_time_make_the_order(allotted, manager, tmp_path, size):
    from app.adapters.files import write_guichet_csv

    stx = "NTJ Secutix File"
    s1, s2, s3 = seats_of(allotted, "PAR", "G")[:3]
    at = datetime(2014, 11, 1, 10, 0)
    path = tmp_path / "orders.csv"
    write_guichet_csv(path, [sale_line("A-1", s1, sold_at=at, buyer_last_name="Martin"),
                             sale_line("A-2", s2, sold_at=at, buyer_last_name="Martin"),
                             sale_line("B-1", s3, sold_at=at, buyer_last_name="Durand")])
    r = import_sales_file(allotted, manager, stx, path, performance=WALKYRIE, batch_size=size)
    assert r.status.value == "ok", r.summary()
    assert set(_local_orders(allotted, stx)) == {frozenset({"A-1", "A-2"}), frozenset({"B-1"})}
