"""Manual reintegration of sales files (docs/protocols/files.md, "What the reintegration does") on a real
database, SQLite and PostgreSQL: Guichet CSV/XLSX, Fnac CSV (cp1252), Ticketnet fixed width,
with cancellations, malformed lines, unmapped codes, seats outside the contingent, prices,
batches, previews — and reimports that create nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.adapters.files import write_fnac_csv, write_guichet_csv, write_ticketnet, write_xlsx
from app.db.models import DistributorInterface, Order, SalesChannel, Tariff, Ticket
from app.domain.enums import ErrorClass, MappedObject, MappingKind, PricePolicy, TicketState
from app.domain.sales import SaleAction
from app.domain.selection import Range, SeatSelection
from app.services.inventory.counts import performance_counts
from app.services.sync.executions import execution_detail
from app.services.sync.reintegration import import_sales_file
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE

from tests.integration.sync.conftest import (
    PRICES, add_mapping, live_tickets, sale_line, seats_of, snapshot, standing_zone_id,
)

STX = "NTJ Secutix File"
CANCEL = SaleAction.CANCEL


def test_guichet_csv_creates_orders_applies_cancellations_and_reimport_creates_nothing(allotted, manager, tmp_path):
    seats = seats_of(allotted, "PAR", "G")
    lines = [sale_line("S1", seats[0]), sale_line("S2", seats[1], tariff="Reduced", normal=False),
             sale_line("S3", seats[2]), sale_line("S4", None, price=Decimal("15.00")),
             sale_line("S3", seats[2], action=CANCEL, price=None)]
    path = tmp_path / "stx.csv"
    write_guichet_csv(path, lines)
    r = import_sales_file(allotted, manager, STX, path)
    assert r.status.value == "ok", r.summary()
    assert r.counts["sales"] == 4 and r.counts["cancellations"] == 1
    live = live_tickets(allotted, STX)
    assert set(live) == {"S1", "S2", "S4"}
    assert live["S1"][0] == seats[0].seat_id and live["S2"][0] == seats[1].seat_id
    assert live["S2"][2] == PRICES[seats[1].category][1]
    assert live["S4"][0] is None and live["S4"][1] == standing_zone_id(allotted)
    with allotted.read() as s:
        iface = s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == STX)).one()
        orders = s.scalars(select(Order).where(Order.interface_id == iface.id)).all()
        assert orders and all(o.contact_id == iface.contact_id and o.channel_id == iface.channel_id
                              and o.point_of_sale_id == iface.point_of_sale_id and o.execution_id == r.execution_id
                              for o in orders)
        from app.db.models import PaymentMode

        assert {s.get(PaymentMode, o.payment_mode_id).waiting_account for o in orders} == {True}
        cancelled = s.scalars(select(Ticket).where(Ticket.external_ticket_id == "S3")).one()
        assert cancelled.state is TicketState.CANCELLED and cancelled.cancelled_at is not None
    before = snapshot(allotted)
    again = import_sales_file(allotted, manager, STX, path)
    assert again.status.value == "ok" and again.counts["sales"] == 0 and again.counts["already_reintegrated"] == 5
    assert snapshot(allotted) == before
    # the seat freed by the cancellation is free again, still in the distributor's contingent
    counts = performance_counts(allotted, WALKYRIE, contingent="STX").counts
    assert counts.sold == 2 and counts.free == len(seats) - 2


def test_xlsx_file_and_a_later_cancellation_of_an_already_reintegrated_ticket(allotted, manager, tmp_path):
    seats = seats_of(allotted, "PAR", "G")
    first = tmp_path / "ventes.xlsx"
    write_xlsx(first, [sale_line("X1", seats[5]), sale_line("X2", seats[6])])
    assert import_sales_file(allotted, manager, STX, first).status.value == "ok"
    second = tmp_path / "annulations.xlsx"
    write_xlsx(second, [sale_line("X1", seats[5], action=CANCEL, price=None)])
    r = import_sales_file(allotted, manager, STX, second)
    assert r.status.value == "ok" and r.counts["cancellations"] == 1
    assert set(live_tickets(allotted, STX)) == {"X2"}
    with allotted.read() as s:
        order = s.scalars(select(Order).join(Ticket).where(Ticket.external_ticket_id == "X1")).one()
        # X1 and X2 were one purchase (same buyer, same time): the order keeps X2
        assert order.total == PRICES[seats[6].category][0]
    assert import_sales_file(allotted, manager, STX, second).counts["already_reintegrated"] == 1


def test_fnac_csv_in_cp1252_with_multi_code_tariff_and_the_performance_given(allotted, manager, tmp_path):
    seats = seats_of(allotted, "B2", "C")
    lines = [sale_line("F1", seats[0], tariff="0", buyer_last_name="Lefèvre", extra={"tariff_code": "PT"}),
             sale_line("F2", seats[1], tariff="20", normal=False, buyer_last_name="Œuvray", extra={"tariff_code": "TR"}),
             sale_line("F3", seats[2], tariff="15", normal=False, extra={"tariff_code": "TR"}),
             sale_line("F2", seats[1], tariff="20", normal=False, action=CANCEL, extra={"tariff_code": "TR"})]
    path = tmp_path / "fnac.csv"
    write_fnac_csv(path, lines)
    assert "Œuvray".encode("cp1252") in path.read_bytes()
    # the Fnac statement names no performance: without --performance every line is refused
    refused = import_sales_file(allotted, manager, "NTJ FNAC", path)
    assert refused.status.value == "error" and refused.first_error_class is ErrorClass.MAPPING
    assert "names no performance" in refused.first_error
    r = import_sales_file(allotted, manager, "NTJ FNAC", path, performance=WALKYRIE)
    assert r.status.value == "ok", r.summary()
    live = live_tickets(allotted, "NTJ FNAC")
    assert set(live) == {"F1", "F3"}
    with allotted.read() as s:
        reduced = s.scalars(select(Tariff.id).where(Tariff.code == "Reduced")).one()
    assert live["F3"][3] == reduced and live["F3"][2] == PRICES[seats[2].category][1]
    assert import_sales_file(allotted, manager, "NTJ FNAC", path, performance=WALKYRIE).counts["sales"] == 0


def test_ticketnet_fixed_width_with_its_own_short_codes(allotted, manager, tmp_path):
    tkn = "NTJ Ticketnet"
    with allotted.read() as s:
        from app.db.models import Block, Zone

        gal = s.scalars(select(Block.id).join(Zone).where(Zone.code == "GAL", Block.code == "C")).one()
    add_mapping(allotted, tkn, MappingKind.ZONE, MappedObject.BLOCK, "GALC", object_id=gal)
    add_mapping(allotted, tkn, MappingKind.SEAT_CATEGORY, MappedObject.SEAT_CATEGORY, "C3", object_code="Cat3")
    seats = seats_of(allotted, "GAL", "C")
    lines = [sale_line(f"TN{i:012d}", seats[i], tariff="PT", zone="GALC", seat_category="C3") for i in range(1, 4)]
    lines.append(sale_line("TN000000000002", seats[2], tariff="PT", zone="GALC", seat_category="C3", action=CANCEL))
    path = tmp_path / "tkn.txt"
    write_ticketnet(path, lines)
    r = import_sales_file(allotted, manager, tkn, path, format="ticketnet")
    assert r.status.value == "ok", r.summary()
    assert set(live_tickets(allotted, tkn)) == {"TN000000000001", "TN000000000003"}
    assert live_tickets(allotted, tkn)["TN000000000001"][0] == seats[1].seat_id


def test_malformed_lines_refuse_the_whole_file_naming_them(allotted, manager, tmp_path):
    seats = seats_of(allotted, "PAR", "G")
    path = tmp_path / "bad.csv"
    write_guichet_csv(path, [sale_line("B1", seats[0]), sale_line("B2", seats[1])])
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace("2014-11-01T10:00:00", "le 5 mai")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    before = snapshot(allotted)
    r = import_sales_file(allotted, manager, STX, path)
    assert r.status.value == "error" and r.first_error_class is ErrorClass.EXTERNAL
    assert "bad.csv line 3" in r.first_error
    assert snapshot(allotted) == before
    _, logs = execution_detail(allotted, r.execution_id)
    assert any(l.error_class is ErrorClass.CASCADE and "nothing imported" in l.message for l in logs)


def test_unmapped_code_is_a_mapping_error_naming_line_and_code_and_nothing_is_written(allotted, manager, tmp_path):
    seats = seats_of(allotted, "PAR", "G")
    path = tmp_path / "unmapped.csv"
    write_guichet_csv(path, [sale_line("U1", seats[0]), sale_line("U2", seats[1], tariff="Senior")])
    before = snapshot(allotted)
    r = import_sales_file(allotted, manager, STX, path)
    assert r.status.value == "error" and r.first_error_class is ErrorClass.MAPPING
    assert "line U2" not in r.first_error and "unmapped.csv line 3" in r.first_error and "'Senior'" in r.first_error
    assert snapshot(allotted) == before


def test_seat_outside_the_contingent_or_sold_at_the_box_office_is_an_external_error(allotted, manager, tmp_path):
    par_c = seats_of(allotted, "PAR", "C")  # in no contingent
    path = tmp_path / "outside.csv"
    write_guichet_csv(path, [sale_line("O1", par_c[0])])
    r = import_sales_file(allotted, manager, STX, path)
    assert r.first_error_class is ErrorClass.EXTERNAL and "outside the distributor's contingent" in r.first_error
    # a seat of STX's contingent taken back and sold at the box office meanwhile
    from app.services.inventory.allocation import edit_seats

    sel = SeatSelection(zone="PAR", block="G", rows=Range("1", "1"), numbers=Range("1", "1"))
    edit_seats(allotted, manager, WALKYRIE, "unassign", sel)
    sold = sell(allotted, manager, WALKYRIE, sel)
    seat = seats_of(allotted, "PAR", "G")[0]
    path2 = tmp_path / "race.csv"
    write_guichet_csv(path2, [sale_line("O2", seat)])
    before = snapshot(allotted)
    r2 = import_sales_file(allotted, manager, STX, path2)
    assert r2.first_error_class is ErrorClass.EXTERNAL
    assert "already sold" in r2.first_error and sold.order_reference in r2.first_error
    assert snapshot(allotted) == before


@pytest.mark.parametrize("policy, expected", [(PricePolicy.TAKE_OURS, PRICES["Cat2"][0]),
                                              (PricePolicy.TAKE_THEIRS, Decimal("99.50")),
                                              (PricePolicy.ERROR_IF_DIFFERENT, None)])
def test_reseller_price_policy(allotted, manager, tmp_path, policy, expected):
    with allotted.write() as s:
        s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == STX)).one().price_policy = policy
    seat = seats_of(allotted, "PAR", "G")[0]
    assert seat.category == "Cat2"
    path = tmp_path / "price.csv"
    write_guichet_csv(path, [sale_line("P1", seat, price=Decimal("99.50"))])
    r = import_sales_file(allotted, manager, STX, path)
    if expected is None:
        assert r.first_error_class is ErrorClass.EXTERNAL and "99.50 differs from ours 85.00" in r.first_error
        assert live_tickets(allotted, STX) == {}
    else:
        assert r.status.value == "ok"
        assert live_tickets(allotted, STX)["P1"][2] == expected


def test_batches_commit_separately_and_a_rerun_after_the_fix_finishes_the_file(allotted, manager, tmp_path):
    seats = seats_of(allotted, "PAR", "G")
    lines = [sale_line(f"B{i}", seats[i]) for i in range(10)]
    bad = lines[:7] + [sale_line("B7", seats[7], tariff="Senior")] + lines[8:]
    path = tmp_path / "batches.csv"
    write_guichet_csv(path, bad)
    r = import_sales_file(allotted, manager, STX, path, batch_size=4)
    assert r.status.value == "error" and r.counts["sales"] == 4  # batch 1 applied, batch 2 refused, 3 not tried
    _, logs = execution_detail(allotted, r.execution_id)
    assert any("batch 3/3 not imported" in l.message and l.error_class is ErrorClass.CASCADE for l in logs)
    assert len(live_tickets(allotted, STX)) == 4
    write_guichet_csv(path, lines)
    r2 = import_sales_file(allotted, manager, STX, path, batch_size=4)
    assert r2.status.value == "ok" and r2.counts["already_reintegrated"] == 4 and r2.counts["sales"] == 6
    assert set(live_tickets(allotted, STX)) == {f"B{i}" for i in range(10)}


def test_dry_run_previews_lines_totals_and_errors_and_writes_nothing(allotted, manager, tmp_path):
    seats = seats_of(allotted, "PAR", "G")
    path = tmp_path / "preview.csv"
    write_guichet_csv(path, [sale_line("D1", seats[0]), sale_line("D2", seats[1]),
                             sale_line("D3", seats[2], zone="NOPE")])
    before = snapshot(allotted)
    r = import_sales_file(allotted, manager, STX, path, dry_run=True)
    assert snapshot(allotted) == before
    assert r.dry_run and r.preview["lines"] == 3 and r.preview["sales"] == 2
    assert Decimal(r.preview["amount"]) == PRICES[seats[0].category][0] + PRICES[seats[1].category][0]
    (err,) = r.preview["errors"]
    assert err["class"] == "mapping" and "'NOPE'" in err["message"] and "line 4" in err["where"]


def test_standing_places_are_limited_to_the_distributor_s_allocation(allotted, manager, tmp_path):
    path = tmp_path / "standing.csv"
    write_guichet_csv(path, [sale_line(f"D{i}", None, price=Decimal("15.00")) for i in range(21)])
    r = import_sales_file(allotted, manager, STX, path)
    assert r.first_error_class is ErrorClass.EXTERNAL and "no place left" in r.first_error
    assert "line 22" in r.first_error
    write_guichet_csv(path, [sale_line(f"D{i}", None, price=Decimal("15.00")) for i in range(20)])
    assert import_sales_file(allotted, manager, STX, path).counts["sales"] == 20


def test_cancellation_of_an_unknown_ticket_is_refused(allotted, manager, tmp_path):
    path = tmp_path / "cancel.csv"
    seat = seats_of(allotted, "PAR", "G")[0]
    write_guichet_csv(path, [sale_line("NEVER", seat, action=CANCEL)])
    r = import_sales_file(allotted, manager, STX, path)
    assert r.first_error_class is ErrorClass.EXTERNAL and "never reintegrated" in r.first_error


def test_orders_carry_the_distributor_channel(allotted, manager, tmp_path):
    path = tmp_path / "channel.csv"
    write_guichet_csv(path, [sale_line("C1", seats_of(allotted, "PAR", "G")[3])])
    import_sales_file(allotted, manager, STX, path)
    with allotted.read() as s:
        code = s.scalar(select(SalesChannel.code).join(Order, Order.channel_id == SalesChannel.id)
                        .join(Ticket, Ticket.order_id == Order.id).where(Ticket.external_ticket_id == "C1"))
    assert code == "STX"


def test_a_seat_named_by_its_zone_rather_than_its_block_resolves_unless_two_blocks_share_it(allotted, manager,
                                                                                           tmp_path):
    """A distributor may send the zone's code ("PAR") with row and number instead of the
    block's ("PAR-G"): the seat is found when that row and number exist in one block of the
    zone only; when several blocks have it, the line is refused naming the ambiguity."""
    from collections import Counter

    from sqlalchemy import update

    from app.db.models import Block, Seat, Zone

    seats = seats_of(allotted, "PAR", "G")
    in_zone = (select(Seat.id).join(Block, Block.id == Seat.block_id).join(Zone, Zone.id == Block.zone_id)
               .where(Zone.code == "PAR"))
    with allotted.write() as s:  # the demo's blocks of PAR repeat G's rows and numbers: make one seat unique
        s.execute(update(Seat).where(Seat.id.in_(in_zone), Seat.id != seats[0].seat_id, Seat.row == seats[0].row,
                                     Seat.number == seats[0].number).values(row="ZZ"))
    with allotted.read() as s:
        keys = Counter(s.execute(select(Seat.row, Seat.number).where(Seat.id.in_(in_zone))).all())
    unique = [t for t in seats if keys[(t.row, t.number)] == 1]
    shared = [t for t in seats if keys[(t.row, t.number)] > 1]
    assert unique and shared  # else this test tests nothing
    ok = tmp_path / "by-zone.csv"
    write_guichet_csv(ok, [sale_line("Z1", unique[0], zone="PAR")])
    r = import_sales_file(allotted, manager, STX, ok)
    assert r.status.value == "ok", r.summary()
    assert live_tickets(allotted, STX)["Z1"][0] == unique[0].seat_id
    before = snapshot(allotted)
    bad = tmp_path / "by-zone-shared.csv"
    write_guichet_csv(bad, [sale_line("Z2", shared[0], zone="PAR")])
    r = import_sales_file(allotted, manager, STX, bad)
    assert r.status.value == "error" and r.first_error_class is ErrorClass.EXTERNAL
    assert "names several seats" in r.first_error and f"row {shared[0].row} number {shared[0].number}" in r.first_error
    assert snapshot(allotted) == before
