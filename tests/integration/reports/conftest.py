"""A demo database with sales: box-office sales (two tariffs, two payment modes' points of
sale), a few blocked seats, and distributor sales reintegrated from the simulator over real
HTTP (with cancellations), on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import DistributorInterface
from app.domain.selection import Range, SeatSelection
from app.services.inventory.allocation import edit_seats
from app.services.sync.export import export_allotments
from app.services.sync.reintegration import reintegrate_sales
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import allotted, link_interfaces, linked, sim  # noqa: F401 - fixtures

COMMISSION = Decimal("8.50")


@pytest.fixture
def sales_db(linked, manager, sim):  # noqa: F811 - the imported fixtures
    db = linked
    sell(db, manager, WALKYRIE, SeatSelection(zone="PAR", block="C", rows=Range("1", "1"), numbers=Range("1", "4")),
         tariff="Normal")
    sell(db, manager, WALKYRIE, SeatSelection(zone="PAR", block="C", rows=Range("2", "2"), numbers=Range("1", "2")),
         tariff="Reduced")
    sell(db, manager, WALKYRIE, SeatSelection(zone="B1", block="C", rows=Range("1", "1"), numbers=Range("1", "3")),
         tariff="Normal", point_of_sale="WEB-1")
    edit_seats(db, manager, WALKYRIE, "block", SeatSelection(zone="PAR", block="D", rows=Range("1", "1")))
    with db.write() as s:
        s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == "NTJ FNAC")).one() \
            .commission_percent = COMMISSION
    for name, login, count in (("NTJ FNAC", "fnac-demo", 12), ("NTJ Ticketnet", "ticketnet-demo", 5)):
        r = export_allotments(db, manager, name, WALKYRIE)
        assert r.status.value == "ok", r.summary()
        sold = sim.sell(login, count)
        if login == "fnac-demo":
            for t in sold[:2]:
                sim.cancel(login, t)
        r = reintegrate_sales(db, manager, name)
        assert r.status.value == "ok", r.summary()
    return db
