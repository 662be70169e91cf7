"""Reintegration racing a box-office sale on one seat, through the unique index itself: the
box-office sale commits between the reintegration's state check and its insert (a seam in
`write.apply_batch`), so the database's unique live-seat index is what refuses the second ticket.
Exactly one live ticket; the box-office sale stands; the distributor's line is held as sold
locally first.

PostgreSQL only: there, the reintegration's revision row lock does not stop a writer that got
past its own check from inserting, so the index is the last guard. On SQLite every writer
opens with BEGIN IMMEDIATE: no other connection can commit inside the reintegration's
transaction, the interleaving cannot happen (the seam's writer would wait for the lock)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from app.db.models import Block, Order, PerformanceSeat, PointOfSale, SalesChannel, Seat, Tariff, Ticket, utcnow
from app.domain.enums import OrderStatus, TicketState
from app.services.sync.reintegration import write as reintegration_write
from app.services.sync.export import export_allotments
from app.services.sync.held_lines import list_held_lines
from app.services.lookup import find_performance
from app.services.sync.reintegration import reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import local_live, seats_of

FNAC = "NTJ FNAC"


@pytest.mark.parametrize("attempt", range(2))
def test_box_office_sale_between_check_and_insert_wins_by_the_unique_index(linked, manager, sim, monkeypatch,
                                                                          attempt):
    if linked.is_sqlite:
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE: the interleaving cannot happen")
    export_allotments(linked, manager, FNAC, WALKYRIE)
    (ticket,) = sim.sell("fnac-demo", 1)
    e = sim.store.tickets["fnac-demo"][ticket]
    seat = next(x for x in seats_of(linked, "B2", "C") if (x.row, str(x.number)) == (e["row"], e["number"]))
    calls, errors = [], []

    def box_office_sale():  # another workstation's sale, committed on its own connection
        try:
            with linked.write() as s:
                perf = find_performance(s, WALKYRIE).id
                pos, channel = s.execute(select(PointOfSale.id, PointOfSale.channel_id)
                                         .join(SalesChannel, SalesChannel.id == PointOfSale.channel_id)
                                         .order_by(PointOfSale.id)).first()
                cat = s.scalar(select(PerformanceSeat.category_id).where(PerformanceSeat.performance_id == perf,
                                                                         PerformanceSeat.seat_id == seat.seat_id))
                oid = s.execute(insert(Order).values(reference=f"BOX-{attempt}", channel_id=channel,
                                                     point_of_sale_id=pos, status=OrderStatus.PAID,
                                                     total=Decimal("85.00"), created_at=utcnow())
                                .returning(Order.id)).scalar_one()
                tariff = s.scalar(select(Tariff.id).order_by(Tariff.id))
                zone = s.scalar(select(Block.zone_id).join(Seat, Seat.block_id == Block.id)
                                .where(Seat.id == seat.seat_id))
                s.execute(insert(Ticket).values(order_id=oid, performance_id=perf, seat_id=seat.seat_id,
                                                zone_id=zone, category_id=cat, tariff_id=tariff,
                                                price=Decimal("85.00"), state=TicketState.SOLD,
                                                created_at=utcnow()))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    def seam(plan):
        calls.append(len(plan.tickets))
        if len(calls) == 1:  # the first attempt passed its check: the box office commits now
            t = threading.Thread(target=box_office_sale)
            t.start()
            t.join(30)

    monkeypatch.setattr(reintegration_write, "between_check_and_write", seam)
    r = reintegrate_sales(linked, manager, FNAC)
    assert errors == []
    assert calls[0] == 1 and len(calls) == 2  # planned the sale, hit the index, planned again
    assert r.status.value == "held", r.summary()
    (h,) = list_held_lines(linked, FNAC)
    assert h.external_ticket_id == ticket and "sold locally first" in h.cause and "BOX-" in h.cause
    assert local_live(linked, FNAC) == {}
    with linked.read() as s:
        live = s.execute(select(Order.reference).join(Ticket, Ticket.order_id == Order.id)
                         .where(Ticket.seat_id == seat.seat_id, Ticket.state != TicketState.CANCELLED)).scalars().all()
    assert live == [f"BOX-{attempt}"]
