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
from app.services.export import export_allotments
from app.services.reintegration import import_sales_file, reintegrate_sales
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
