"""Fnac and Ticketnet adapters against the simulator over real HTTP: full-state export,
batches, sales with cursors and pages, cancellations, sold seats kept, counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.adapters.base import Allotment, AllotmentQuantity, ConfigurationError, DistributorAdapter
from app.domain.enums import SyncFunction
from app.domain.sales import SaleAction

from wire_helpers import LOGINS, make_allotment

ONLINE = ["fnac", "ticketnet"]


def fetch_all(adapter, cursor="", limit=1000):
    """Every line after `cursor`, page by page; returns (lines, last cursor, pages)."""
    lines, pages = [], 0
    while True:
        page = adapter.fetch_sales(cursor, limit=limit)
        pages += 1
        lines += page.lines
        cursor = page.next_cursor
        if not page.more:
            return lines, cursor, pages


@pytest.mark.parametrize("kind", ONLINE)
def test_export_is_a_full_state_that_reads_back(kind, adapter_for, allotment, sim):
    a = adapter_for(kind)
    assert isinstance(a, DistributorAdapter)
    report = a.export_allotment(allotment)
    assert (report.added, report.removed, report.kept_sold, report.sent) == (17, 0, 0, True)
    back = a.current_allotment(allotment.event, allotment.performance)
    assert set(back.seats) == set(allotment.seats)  # zone, row, number, category and seat_ref
    assert back.quantities == allotment.quantities
    assert set(back.prices) == set(allotment.prices)
    again = a.export_allotment(allotment)  # sending the same state twice is harmless
    assert (again.added, again.removed) == (0, 0)


@pytest.mark.parametrize("kind", ONLINE)
def test_export_honours_the_batch_size(kind, adapter_for, allotment, sim):
    a = adapter_for(kind)
    a.export_allotment(allotment, batch_size=5)  # 12 seats: 3 batches
    login = LOGINS[kind]
    assert sim.requests(login)[login]["export"] == 1 + 3 + 1  # open, 3 parts, commit
    assert a.current_allotment(allotment.event, allotment.performance).places == allotment.places


@pytest.mark.parametrize("kind", ONLINE)
def test_sales_carry_the_codes_sent_and_page_with_cursors(kind, adapter_for, allotment, sim):
    a = adapter_for(kind)
    a.export_allotment(allotment)
    login = LOGINS[kind]
    sold = sim.sell(login, 15)  # the 12 numbered seats, then 3 standing places
    lines, cursor, pages = fetch_all(a, limit=4)
    assert pages == 4 and [l.external_ticket_id for l in lines] == sold
    by_key = {(s.zone, s.row, s.number): s for s in allotment.seats}
    prices = {(p.category, p.tariff): p.price for p in allotment.prices}
    for line in lines[:12]:
        seat = by_key[(line.zone, line.row, line.seat)]
        assert line.action is SaleAction.SALE
        assert (line.event, line.performance, line.seat_category) == (allotment.event, allotment.performance,
                                                                        seat.category)
        assert line.extra["seat_ref"] == seat.seat_ref
        assert prices[(line.seat_category, line.tariff)] == line.price
        assert line.sold_at is not None and line.external_ticket_id in line.where
    assert len({(l.zone, l.row, l.seat) for l in lines[:12]}) == 12
    for line in lines[12:]:
        assert (line.zone, line.row, line.seat, line.seat_category, line.price) == ("DEBOUT", "", "", "Cat4",
                                                                                    Decimal("20.00"))
        assert not line.numbered
    # Nothing new: the same cursor comes back, no line twice.
    page = a.fetch_sales(cursor)
    assert (page.lines, page.next_cursor, page.more) == ((), cursor, False)
    # A cancellation comes after, with the seat of the sale.
    sim.cancel(login, sold[0])
    page = a.fetch_sales(cursor)
    assert len(page.lines) == 1 and page.lines[0].action is SaleAction.CANCEL
    assert (page.lines[0].external_ticket_id, page.lines[0].zone, page.lines[0].row, page.lines[0].seat) == \
        (sold[0], lines[0].zone, lines[0].row, lines[0].seat)


@pytest.mark.parametrize("kind", ONLINE)
def test_reexport_keeps_what_the_distributor_sold(kind, adapter_for, allotment, sim):
    a = adapter_for(kind)
    a.export_allotment(allotment)
    login = LOGINS[kind]
    sim.sell(login, 2)  # the first two seats of the allotment
    sim.sell(login, 3, zone="DEBOUT")
    smaller = Allotment(allotment.event, allotment.performance, seats=allotment.seats[4:],
                        quantities=(AllotmentQuantity("DEBOUT", "Cat4", 1),), prices=allotment.prices)
    report = a.export_allotment(smaller)
    assert report.kept_sold == 2 + 2  # two seats, and 3 standing sold where 1 is now allotted
    assert set(report.kept_sold_seats) == set(allotment.seats[:2])
    assert report.kept_sold_quantities == (AllotmentQuantity("DEBOUT", "Cat4", 2),)
    assert report.removed == 2 + 2  # seats 3 and 4; standing 5 → 3
    back = a.current_allotment(allotment.event, allotment.performance)
    assert set(back.seats) == set(allotment.seats[:2]) | set(allotment.seats[4:])


def test_fnac_counts_allocated_and_sold(adapter_for, allotment, sim):
    a = adapter_for("fnac")
    assert SyncFunction.ALLOCATED_SOLD_COUNTS in a.functions
    a.export_allotment(allotment)
    sim.sell("fnac-demo", 4)
    c = a.counts(allotment.performance)
    assert (c.performance, c.allocated, c.sold) == (allotment.performance, 17, 4)
    assert (a.counts("NEVER-SENT").allocated, a.counts("NEVER-SENT").sold) == (0, 0)


def test_ticketnet_reports_no_counts(adapter_for):
    a = adapter_for("ticketnet")
    assert SyncFunction.ALLOCATED_SOLD_COUNTS not in a.functions
    with pytest.raises(ConfigurationError):
        a.counts("P")


@pytest.mark.parametrize("kind", ONLINE)
def test_two_accounts_of_one_distributor_are_apart(kind, adapter_for, sim, settings_for):
    sim.store.add_account("second", kind, "pw2", "M2" if kind == "fnac" else "")
    first = adapter_for(kind)
    second = adapter_for(kind, login="second", password="pw2", manager_code="M2")
    first.export_allotment(make_allotment("P-1"))
    second.export_allotment(make_allotment("P-2", rows=1, standing=0))
    sim.sell("second", 4)
    assert fetch_all(first)[0] == []
    assert {l.performance for l in fetch_all(second)[0]} == {"P-2"}


def test_large_allotment_and_many_sales_round_trip(adapter_for, sim):
    """80,000 seats in batches, 20,000 sales in pages of 5,000 (no timing asserted here)."""
    big = make_allotment("STADE-1", rows=400, per_row=200, standing=0)
    a = adapter_for("ticketnet")
    assert a.export_allotment(big, batch_size=20_000).added == 80_000
    sim.sell("ticketnet-demo", 20_000)
    lines, _, pages = fetch_all(a, limit=5_000)
    assert (len(lines), pages) == (20_000, 4)
    assert len({l.external_ticket_id for l in lines}) == 20_000


@pytest.mark.parametrize("kind", ONLINE)
def test_a_huge_page_size_is_capped_to_the_protocol_maximum(kind, adapter_for, allotment, sim):
    a = adapter_for(kind)
    a.export_allotment(allotment)
    sim.sell(LOGINS[kind], 3)
    assert len(a.fetch_sales("", limit=10**7).lines) == 3
