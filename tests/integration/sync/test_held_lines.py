"""Held lines and a distributor's sale as a fact, over the simulator on SQLite and PostgreSQL:
one bad line never stalls the feed, its cancellation is held with it, a retry after the fix
applies both, a dismissal keeps its reason; a seat sold from the last export is reintegrated
even if blocked locally since."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.cli import main
from app.db.models import DistributorInterface, PerformanceSeat, SeatHistory, Ticket
from app.domain.enums import ErrorClass, PricePolicy
from app.domain.selection import Range, SeatSelection
from app.services.inventory.allocation import edit_seats
from app.services.sync.executions import execution_detail
from app.services.sync.export import export_allotments
from app.services.sync.held_lines import dismiss_held_line, list_held_lines, retry_held_line
from app.services.lookup import find_contingent, find_performance
from app.services.sync.reintegration import reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import interface_id, local_live, simulator_live

FNAC = "NTJ FNAC"


def test_a_bad_line_is_held_the_feed_goes_on_and_a_retry_after_the_fix_applies_it_with_its_cancellation(
        linked, manager, sim):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    sim.sell("fnac-demo", 2)
    (bad,) = sim.sell("fnac-demo", 1, fault="price_mismatch")
    sim.sell("fnac-demo", 3)
    r = reintegrate_sales(linked, manager, FNAC, batch_size=4)
    assert r.status.value == "held" and r.counts["held_lines"] == 1 and r.counts["sales"] == 5, r.summary()
    (h,) = list_held_lines(linked, FNAC)
    assert h.external_ticket_id == bad and h.error_class is ErrorClass.EXTERNAL and "differs from ours" in h.cause
    assert h.raw["external_ticket_id"] == bad and h.raw["price"]
    sim.cancel("fnac-demo", bad)  # the distributor refunds it: the cancellation is held with its sale
    (other,) = sim.sell("fnac-demo", 1)
    r2 = reintegrate_sales(linked, manager, FNAC)
    assert r2.status.value == "held" and r2.counts["sales"] == 1, r2.summary()
    assert [(x.external_ticket_id, x.action) for x in list_held_lines(linked, FNAC)] == [(bad, "sale"), (bad, "cancel")]
    # a retry before the fix: still held, nothing written
    still = retry_held_line(linked, manager, h.id)
    assert still.status.value == "error" and "differs" in still.first_error
    assert len(list_held_lines(linked, FNAC)) == 2
    with linked.write() as s:
        s.get(DistributorInterface, interface_id(linked, FNAC)).price_policy = PricePolicy.TAKE_THEIRS
    ok = retry_held_line(linked, manager, h.id)
    assert ok.status.value == "ok" and ok.counts["sales"] == 1 and ok.counts["cancellations"] == 1, ok.summary()
    assert list_held_lines(linked, FNAC) == []
    assert local_live(linked, FNAC) == simulator_live(sim, "fnac-demo")  # the refunded ticket is not live
    with linked.read() as s:
        assert s.scalar(select(Ticket.state).where(Ticket.external_ticket_id == bad)).value == "cancelled"
    _, logs = execution_detail(linked, ok.execution_id)
    assert any("retried" in l.message for l in logs)


def test_dismissing_a_held_line_needs_a_reason_and_is_listed_with_it(linked, manager, sim, capsys, db_url):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    (bad,) = sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")
    r = reintegrate_sales(linked, manager, FNAC)
    assert r.status.value == "held" and r.first_error_class is ErrorClass.MAPPING and bad in r.first_error

    def cli(*args):
        code = main(["--database", db_url, *args])
        return code, capsys.readouterr()

    code, out = cli("held-lines", "--json")
    assert code == 0
    (row,) = json.loads(out.out)
    assert row["ticket"] == bad and row["class"] == "mapping" and "tariff" in row["cause"]
    code, out = cli("held-lines", "dismiss", str(row["id"]), "--reason", "   ")
    assert code == 2 and "reason" in out.err and "Traceback" not in out.err
    code, out = cli("held-lines", "dismiss", str(row["id"]), "--reason", "test sale, refunded by phone")
    assert code == 0 and "1 held line dismissed" in out.out
    code, out = cli("held-lines", "--interface", FNAC)
    assert code == 0 and out.out.strip() == "no held lines"
    code, out = cli("held-lines", "--all", "--json")
    assert json.loads(out.out)[0]["status"] == "dismissed"
    assert json.loads(out.out)[0]["reason"] == "test sale, refunded by phone"
    code, out = cli("held-lines", "retry", str(row["id"]))
    assert code == 2 and "already dismissed" in out.err


def test_a_seat_sold_from_the_last_export_is_the_distributors_even_if_blocked_since(linked, manager, sim):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    (ticket,) = sim.sell("fnac-demo", 1)
    e = sim.store.tickets["fnac-demo"][ticket]
    seat = SeatSelection(zone="B2", block="C", rows=Range(e["row"], e["row"]), numbers=Range(e["number"], e["number"]))
    # the manager takes the seat back and blocks it, answering "No" to "export now?"
    edit_seats(linked, manager, WALKYRIE, "unassign", seat)
    edit_seats(linked, manager, WALKYRIE, "block", seat)
    (outside,) = sim.sell("fnac-demo", 1, fault="outside_allotment")  # a seat never exported to it
    r = reintegrate_sales(linked, manager, FNAC)
    assert r.status.value == "held" and r.counts["sales"] == 1, r.summary()
    assert set(local_live(linked, FNAC)) == {ticket}
    (h,) = list_held_lines(linked, FNAC)
    assert h.external_ticket_id == outside and "does not exist" in h.cause
    _, logs = execution_detail(linked, r.execution_id)
    assert any(l.level.value == "warning" and "now sold to" in l.message and ticket in l.message for l in logs)
    with linked.read() as s:
        perf = find_performance(s, WALKYRIE).id
        sid = s.scalar(select(Ticket.seat_id).where(Ticket.external_ticket_id == ticket))
        ps = s.scalars(select(PerformanceSeat).where(PerformanceSeat.performance_id == perf,
                                                     PerformanceSeat.seat_id == sid)).one()
        assert ps.contingent_id == find_contingent(s, "FNAC").id and not ps.blocked
        history = s.scalars(select(SeatHistory.reference).where(SeatHistory.performance_id == perf,
                                                                SeatHistory.seat_id == sid)).all()
        assert any("last export" in ref for ref in history)
