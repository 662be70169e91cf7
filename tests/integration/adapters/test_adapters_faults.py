"""Every fault the simulator injects ends in the right DistributorError subclass, with
`where` naming the URL, the performance or the ticket; transient faults are retried a bounded
number of times (counted on the simulator's side)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.adapters.base import ConfigurationError, ExternalError, MappingError
from app.adapters.registry import make_adapter
from app.domain.enums import ErrorClass
from wire_helpers import ATTEMPTS, LOGINS

SALES_KINDS = ["fnac", "ticketnet", "digitick"]


def prepare(kind, sim, adapter, allotment):
    """Give the account its allotment: over the wire, or as Digitick gets it (by phone)."""
    if kind == "digitick":
        sim.store.set_allotment("digitick-demo", allotment.event, allotment.performance,
                                [(s.zone, s.row, s.number, s.category, s.seat_ref) for s in allotment.seats],
                                [(q.zone, q.category, q.quantity) for q in allotment.quantities],
                                [(p.category, p.tariff, str(p.price)) for p in allotment.prices])
    else:
        adapter.export_allotment(allotment)


def sales_requests(sim, kind) -> int:
    return sim.requests(LOGINS[kind]).get(LOGINS[kind], {}).get("sales", 0)


@pytest.mark.parametrize("kind", SALES_KINDS)
def test_a_passing_500_is_retried_and_succeeds(kind, sim, adapter_for, allotment):
    a = adapter_for(kind)
    prepare(kind, sim, a, allotment)
    sim.sell(LOGINS[kind], 2)
    sim.inject("http_500", login=LOGINS[kind], operation="sales", count=2)
    page = a.fetch_sales("")
    assert len(page.lines) == 2
    assert sales_requests(sim, kind) == 3


@pytest.mark.parametrize("kind", SALES_KINDS)
def test_a_lasting_500_is_retried_then_external(kind, sim, adapter_for):
    a = adapter_for(kind)
    sim.inject("http_500", login=LOGINS[kind], count=0)
    with pytest.raises(ExternalError) as err:
        a.fetch_sales("")
    assert "unavailable" in str(err.value) and "HTTP 500" in str(err.value)
    assert err.value.error_class is ErrorClass.EXTERNAL and sim.url in err.value.where
    assert sales_requests(sim, kind) == ATTEMPTS


@pytest.mark.parametrize("kind", SALES_KINDS)
def test_a_timeout_is_retried_then_external(kind, sim, adapter_for):
    a = adapter_for(kind, timeout_s=0.2)
    sim.inject("timeout", login=LOGINS[kind], count=0, delay_s=1.0)
    with pytest.raises(ExternalError) as err:
        a.fetch_sales("")
    assert "no answer within 0.2 s" in str(err.value) and sim.url in err.value.where
    assert sales_requests(sim, kind) == ATTEMPTS


@pytest.mark.parametrize("kind", SALES_KINDS)
def test_a_malformed_body_is_external_naming_it(kind, sim, adapter_for, allotment):
    a = adapter_for(kind)
    prepare(kind, sim, a, allotment)
    sim.sell(LOGINS[kind], 3)
    sim.inject("malformed", login=LOGINS[kind], operation="sales")
    with pytest.raises(ExternalError) as err:
        a.fetch_sales("")
    assert "malformed" in str(err.value) and sim.url in err.value.where
    assert sales_requests(sim, kind) == 1  # not transient: no retry
    assert len(a.fetch_sales("").lines) == 3  # the next answer is whole again


@pytest.mark.parametrize("kind", SALES_KINDS)
def test_a_malformed_line_names_its_ticket(kind, sim, adapter_for, allotment):
    a = adapter_for(kind)
    prepare(kind, sim, a, allotment)
    first = sim.sell(LOGINS[kind], 2)[0]
    sim.inject("malformed_line", login=LOGINS[kind])
    with pytest.raises(ExternalError) as err:
        a.fetch_sales("")
    assert first in err.value.where and "n/a" in str(err.value)


@pytest.mark.parametrize("kind", SALES_KINDS)
def test_wrong_credentials_are_a_configuration_error_without_retry(kind, sim, adapter_for):
    a = adapter_for(kind, password="wrong")
    with pytest.raises(ConfigurationError) as err:
        a.fetch_sales("")
    assert err.value.error_class is ErrorClass.CONFIGURATION and sim.url in err.value.where
    assert sales_requests(sim, kind) == 1
    b = adapter_for(kind)
    sim.inject("bad_credentials", login=LOGINS[kind])
    with pytest.raises(ConfigurationError):
        b.fetch_sales("")


def test_fnac_wrong_manager_code_is_a_configuration_error(adapter_for):
    with pytest.raises(ConfigurationError, match="manager code"):
        adapter_for("fnac", manager_code="NOPE").fetch_sales("")


@pytest.mark.parametrize("kind", ["fnac", "ticketnet"])
def test_an_unknown_performance_is_a_mapping_error(kind, sim, adapter_for, allotment):
    a = adapter_for(kind)
    sim.inject("unknown_id", login=LOGINS[kind], operation="export")
    with pytest.raises(MappingError) as err:
        a.export_allotment(allotment)
    assert allotment.performance in err.value.where and allotment.performance in str(err.value)
    assert a.current_allotment(allotment.event, allotment.performance).places == 0  # nothing was sent


@pytest.mark.parametrize("kind", ["fnac", "ticketnet"])
def test_a_lasting_500_on_export_changes_nothing_at_the_distributor(kind, sim, adapter_for, allotment):
    a = adapter_for(kind)
    a.export_allotment(allotment)
    sim.inject("http_500", login=LOGINS[kind], operation="export", count=0)
    with pytest.raises(ExternalError):
        a.export_allotment(type(allotment)(allotment.event, allotment.performance))  # would empty it
    sim.store.clear_faults()
    assert a.current_allotment(allotment.event, allotment.performance).places == allotment.places


@pytest.mark.parametrize("kind", SALES_KINDS)
def test_sale_faults_reach_the_lines(kind, sim, adapter_for, allotment):
    a = adapter_for(kind)
    prepare(kind, sim, a, allotment)
    login = LOGINS[kind]
    table = {(p.category, p.tariff): p.price for p in allotment.prices}
    allotted = {(s.zone, s.row, s.number) for s in allotment.seats}
    # Removing two seats makes them "former" seats: outside the allotment from now on.
    prepare(kind, sim, a, type(allotment)(allotment.event, allotment.performance, allotment.seats[2:],
                                          allotment.quantities, allotment.prices))
    price_t = sim.sell(login, 1, fault="price_mismatch")[0]
    outside_t = sim.sell(login, 1, fault="outside_allotment")[0]
    dup_t = sim.sell(login, 1, fault="duplicate_ticket")[0]
    unknown_t = sim.sell(login, 1, fault="unknown_id")[0]
    sim.inject("unknown_id", scope="sale", login=login, field="tariff")  # armed: the next sale
    unknown_tariff_t = sim.sell(login, 1)[0]
    lines = a.fetch_sales("", limit=100).lines
    by_id = {}
    for line in lines:
        by_id.setdefault(line.external_ticket_id, []).append(line)
    price_line = by_id[price_t][0]
    assert price_line.price == table[(price_line.seat_category, price_line.tariff)] + Decimal("1.00")
    outside = by_id[outside_t][0]
    assert (outside.zone, outside.row, outside.seat) in allotted - {(s.zone, s.row, s.number)
                                                                    for s in allotment.seats[2:]}
    assert len(by_id[dup_t]) == 2 and by_id[dup_t][0] == by_id[dup_t][1]
    assert by_id[unknown_t][0].performance == f"UNKNOWN-{allotment.performance}"
    assert by_id[unknown_tariff_t][0].tariff.startswith("UNKNOWN-")
    assert len(lines) == 6


def test_a_cursor_ahead_of_the_feed_is_refused(sim, adapter_for):
    with pytest.raises(ExternalError, match="ahead"):
        adapter_for("ticketnet").fetch_sales("999")


def test_nobody_listening_is_external_after_retries(settings_for, sim):
    sim.stop()
    a = make_adapter("ticketnet", settings_for("ticketnet"))
    with pytest.raises(ExternalError, match="unavailable: cannot reach") as err:
        a.fetch_sales("")
    assert a.link.requests_made == ATTEMPTS and sim.url in err.value.where
