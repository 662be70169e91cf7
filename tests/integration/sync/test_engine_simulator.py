"""The engine against the distributor simulator over real HTTP, on SQLite and PostgreSQL:
export, simulated sales, reintegration seat by seat, idempotent reruns, injected faults,
a distributor that is down, and a box-office sale racing a reintegration."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.db.models import PerformanceSeat, Ticket
from app.domain.enums import ErrorClass, TicketState
from app.domain.errors import RuleViolation
from app.domain.selection import Range, SeatSelection
from app.services.inventory.allocation import edit_seats
from app.services.sync.executions import execution_detail
from app.services.sync.runner import rerun_execution
from app.services.sync.export import export_allotments
from app.services.lookup import find_contingent, find_performance
from app.services.sync.reintegration import import_sales_file, reintegrate_sales
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import (
    PERF_EXT, interface_id, local_live, sale_line, seats_of, simulator_live, snapshot,
)

FNAC, TKN = "NTJ FNAC", "NTJ Ticketnet"


def sim_allotment(sim, login: str):
    return sim.store.allotment(login, PERF_EXT)


@pytest.mark.parametrize("interface, login, seats", [(FNAC, "fnac-demo", 144), (TKN, "ticketnet-demo", 118)])
def test_export_sell_reintegrate_equals_the_distributor_seat_by_seat(linked, manager, sim, interface, login, seats):
    r = export_allotments(linked, manager, interface, WALKYRIE)
    assert r.status.value == "ok", r.summary()
    assert r.counts["seats"] == seats and r.counts["added"] == seats
    assert len(sim_allotment(sim, login).seats) == seats
    sold = sim.sell(login, 30, shuffle=True)
    for t in sold[:4]:
        sim.cancel(login, t)
    r1 = reintegrate_sales(linked, manager, interface, batch_size=8)
    assert r1.status.value == "ok", r1.summary()
    assert r1.counts["sales"] == 30 and r1.counts["cancellations"] == 4 and r1.counts["batches"] == 5
    assert local_live(linked, interface) == simulator_live(sim, login)
    before = snapshot(linked)
    r2 = reintegrate_sales(linked, manager, interface)
    assert r2.status.value == "ok" and r2.counts["sales"] == 0 and snapshot(linked) == before
    # the distributor keeps selling; the next run picks up after the cursor
    sim.sell(login, 5)
    r3 = reintegrate_sales(linked, manager, interface)
    assert r3.counts["sales"] == 5 and local_live(linked, interface) == simulator_live(sim, login)
    # every reintegrated order is the distributor's: contact, channel, point of sale, waiting account
    with linked.read() as s:
        from app.db.models import DistributorInterface, Order, PaymentMode

        iface = s.get(DistributorInterface, interface_id(linked, interface))
        orders = s.scalars(select(Order).where(Order.interface_id == iface.id)).all()
        assert {(o.contact_id, o.channel_id, o.point_of_sale_id) for o in orders} == {
            (iface.contact_id, iface.channel_id, iface.point_of_sale_id)}
        assert all(s.get(PaymentMode, o.payment_mode_id).waiting_account for o in orders)


def test_export_honours_blocked_seats_batches_and_dry_run(linked, manager, sim):
    edit_seats(linked, manager, WALKYRIE, "block", SeatSelection(zone="B2", block="C", rows=Range("1", "1")))
    dry = export_allotments(linked, manager, FNAC, WALKYRIE, dry_run=True)
    assert dry.status.value == "ok"  # the distributor holds no allotment yet: everything is "added"
    assert dry.counts["would_add"] == 120 and dry.counts["skipped_blocked"] == 24
    assert sim_allotment(sim, "fnac-demo") is None  # nothing sent
    r = export_allotments(linked, manager, FNAC, WALKYRIE, batch_size=50)
    assert r.status.value == "ok" and r.counts["seats"] == 120
    assert len(sim_allotment(sim, "fnac-demo").seats) == 120
    assert all(k[1] != "1" for k in sim_allotment(sim, "fnac-demo").seats)  # row 1 blocked, never sent
    assert sim.requests("fnac-demo")["fnac-demo"]["export"] == 5  # open, 3 batches of <= 50, validate
    edit_seats(linked, manager, WALKYRIE, "unassign", SeatSelection(zone="B2", block="C", rows=Range("2", "3")))
    dry2 = export_allotments(linked, manager, FNAC, WALKYRIE, dry_run=True)
    assert dry2.counts["would_add"] == 0 and dry2.counts["would_remove"] == 48
    assert len(sim_allotment(sim, "fnac-demo").seats) == 120


def test_seats_sold_meanwhile_stay_sold_and_come_back_to_the_distributor(linked, manager, sim):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    (ticket,) = sim.sell("fnac-demo", 1)
    # the manager takes row 1 back (and blocks it) before the sale is reintegrated
    row1 = SeatSelection(zone="B2", block="C", rows=Range("1", "1"))
    edit_seats(linked, manager, WALKYRIE, "unassign", row1)
    edit_seats(linked, manager, WALKYRIE, "block", row1)
    r = export_allotments(linked, manager, FNAC, WALKYRIE)
    assert r.status.value == "ok" and r.counts["kept_sold"] == 1 and r.counts["kept_sold_restored"] == 1
    re = reintegrate_sales(linked, manager, FNAC)
    assert re.status.value == "ok", re.summary()
    assert set(local_live(linked, FNAC)) == {ticket}
    with linked.read() as s:
        perf = find_performance(s, WALKYRIE)
        fnac = find_contingent(s, "FNAC").id
        seat = s.scalar(select(Ticket.seat_id).where(Ticket.external_ticket_id == ticket))
        ps = s.scalars(select(PerformanceSeat).where(PerformanceSeat.performance_id == perf.id,
                                                     PerformanceSeat.seat_id == seat)).one()
        assert ps.contingent_id == fnac and not ps.blocked


@pytest.mark.parametrize("fault, kwargs, error_class, names", [
    ("http_500", {"operation": "sales", "count": 5}, ErrorClass.EXTERNAL, "cursor"),
    ("timeout", {"operation": "sales", "count": 2, "delay_s": 3.0}, ErrorClass.EXTERNAL, "cursor"),
    ("malformed", {"operation": "sales"}, ErrorClass.EXTERNAL, "cursor"),
    ("bad_credentials", {"operation": "sales"}, ErrorClass.CONFIGURATION, ""),
    ("unknown_id", {"field": "tariff"}, ErrorClass.MAPPING, "ticket FN"),
    ("unknown_id", {"field": "zone"}, ErrorClass.MAPPING, "ticket FN"),
    ("price_mismatch", {}, ErrorClass.EXTERNAL, "ticket FN"),
    ("outside_allotment", {}, ErrorClass.EXTERNAL, "ticket FN"),
    ("duplicate_ticket", {}, ErrorClass.EXTERNAL, "ticket FN"),
])
def test_each_injected_fault_ends_in_its_class_naming_the_line_and_leaves_the_batch_unwritten(
        linked, manager, sim, fault, kwargs, error_class, names):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    sim.sell("fnac-demo", 6)
    ok = reintegrate_sales(linked, manager, FNAC)
    assert ok.counts["sales"] == 6
    before = snapshot(linked)
    scope = "sale" if fault in ("price_mismatch", "outside_allotment", "duplicate_ticket") or \
        (fault == "unknown_id" and "field" in kwargs) else "request"
    if scope == "sale":
        sim.sell("fnac-demo", 3)
        faulty = sim.sell("fnac-demo", 1, fault=fault, **kwargs)[0]
        sim.sell("fnac-demo", 2)
    else:
        sim.sell("fnac-demo", 3)
        sim.inject(fault, login="fnac-demo", **kwargs)
    r = reintegrate_sales(linked, manager, FNAC)
    if scope == "sale":  # one bad line never stalls the feed: it is held, the lines after it applied
        from app.services.sync.held_lines import list_held_lines

        assert r.status.value == "held", r.summary()
        held = list_held_lines(linked, FNAC)
        assert [(h.external_ticket_id, h.error_class) for h in held] == [(faulty, error_class)], held
        assert names in f"{held[0].where} {held[0].cause}"
        live = set(local_live(linked, FNAC))
        assert faulty not in live or fault == "duplicate_ticket"
        assert len(live) == 6 + 3 + 2 + (1 if fault == "duplicate_ticket" else 0)
        assert snapshot(linked)["cursors"] != before["cursors"]
        return
    assert r.status.value == "error", r.summary()
    assert r.first_error_class is error_class, r.summary()
    if scope == "sale":
        assert faulty in r.first_error
    assert names in r.first_error
    assert snapshot(linked) == before  # the whole batch rolled back, cursor included
    _, logs = execution_detail(linked, r.execution_id)
    assert [l for l in logs if l.first][0].error_class is error_class
    if scope == "request":  # a transient failure: rerunning (once it is over) finishes the work
        sim.store.clear_faults()
        again = rerun_execution(linked, manager, r.execution_id)
        assert again.status.value == "ok", again.summary()
        assert local_live(linked, FNAC) == simulator_live(sim, "fnac-demo")


def test_distributor_down_export_fails_and_a_file_still_reintegrates(linked, manager, sim, tmp_path):
    sim.stop()
    before = snapshot(linked)
    r = export_allotments(linked, manager, FNAC, WALKYRIE)
    assert r.status.value == "error" and r.first_error_class is ErrorClass.EXTERNAL, r.summary()
    assert snapshot(linked) == before
    from app.adapters.files import write_fnac_csv

    seats = seats_of(linked, "B2", "C")
    path = tmp_path / "fnac-offline.csv"
    write_fnac_csv(path, [sale_line("FN-OFF-1", seats[0], tariff="0", extra={"tariff_code": "PT"}),
                          sale_line("FN-OFF-2", seats[1], tariff="0", extra={"tariff_code": "PT"})])
    f = import_sales_file(linked, manager, FNAC, path, performance=WALKYRIE)
    assert f.status.value == "ok" and f.counts["sales"] == 2
    down = reintegrate_sales(linked, manager, FNAC)
    assert down.status.value == "error" and down.first_error_class is ErrorClass.EXTERNAL


def test_digitick_export_is_a_printed_list_logged_as_information(linked, manager, sim, tmp_path):
    from app.db.models import DistributorInterface

    edit_seats(linked, manager, WALKYRIE, "assign", SeatSelection(zone="B1", block="G"), "DGTK")
    with linked.write() as s:
        iface = s.get(DistributorInterface, interface_id(linked, "NTJ Digitick"))
        iface.options = {**iface.options, "export_folder": str(tmp_path)}
    r = export_allotments(linked, manager, "NTJ Digitick", WALKYRIE)
    assert r.status.value == "ok" and r.first_error_class is None, r.summary()
    _, logs = execution_detail(linked, r.execution_id)
    assert any(l.level.value == "info" and "by phone" in l.message for l in logs)
    assert list(tmp_path.iterdir())


def test_missing_mapping_is_a_mapping_error_naming_the_object(linked, manager, sim):
    from app.db.models import Mapping
    from app.domain.enums import MappedObject

    with linked.write() as s:
        for m in s.scalars(select(Mapping).where(Mapping.interface_id == interface_id(linked, FNAC),
                                                 Mapping.object_type == MappedObject.BLOCK)):
            s.delete(m)
    r = export_allotments(linked, manager, FNAC, WALKYRIE)
    assert r.first_error_class is ErrorClass.MAPPING and "block B2/C" in r.first_error
    assert sim_allotment(sim, "fnac-demo") is None
    _, logs = execution_detail(linked, r.execution_id)
    assert any(l.error_class is ErrorClass.CASCADE and "not exported" in l.message for l in logs)


@pytest.mark.parametrize("attempt", range(3))
def test_box_office_sale_racing_a_reintegration_one_wins_the_other_is_refused(linked, manager, sim, attempt):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    (ticket,) = sim.sell("fnac-demo", 1)
    entry = sim.store.tickets["fnac-demo"][ticket]
    sel = SeatSelection(zone="B2", block="C", rows=Range(entry["row"], entry["row"]),
                        numbers=Range(entry["number"], entry["number"]))
    go = threading.Barrier(2)
    out: dict = {}

    def distributor():
        go.wait()
        out["reintegration"] = reintegrate_sales(linked, manager, FNAC)

    def box_office():
        go.wait()
        try:
            edit_seats(linked, manager, WALKYRIE, "unassign", sel)
            out["sale"] = sell(linked, manager, WALKYRIE, sel)
        except RuleViolation as exc:
            out["refused"] = str(exc)

    threads = [threading.Thread(target=distributor), threading.Thread(target=box_office)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    r = out["reintegration"]
    with linked.read() as s:
        live = s.scalar(select(func.count(Ticket.id)).join(PerformanceSeat, PerformanceSeat.seat_id == Ticket.seat_id)
                        .where(Ticket.state != TicketState.CANCELLED, Ticket.seat_id == select(Ticket.seat_id)
                               .where(Ticket.external_ticket_id == ticket).scalar_subquery()))
    if "sale" in out:  # the box office won: the distributor's line is held, sold locally first
        from app.services.sync.held_lines import list_held_lines

        assert r.status.value == "held", r.summary()
        (h,) = list_held_lines(linked, FNAC)
        assert h.external_ticket_id == ticket and h.error_class is ErrorClass.EXTERNAL
        assert "sold locally first" in h.cause
        assert local_live(linked, FNAC) == {}
    else:  # the distributor won: the box office was refused, the ticket is the distributor's
        assert r.status.value == "ok" and "refused" in out
        assert set(local_live(linked, FNAC)) == {ticket}
        assert live == 1
