"""Every figure of each report's Excel equals the database's (counted here independently,
seat by seat and ticket by ticket), the PDF's text carries the same totals, the sale sheet
comes back as mappings, and an empty period says so. SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import delete, select

from app.db.models import (
    Block, DistributorInterface, Mapping, Order, PaymentMode, PerformanceSeat, PointOfSale, Price, SalesChannel,
    Seat, SeatCategory, Tariff, Ticket, Zone,
)
from app.domain.enums import MappedObject, TicketState
from app.i18n import gettext_in
from app.services import reports
from app.services.setup.mappings_excel import import_mappings
from app.services.reports import ReportParams
from app.services.reports.render import format_value
from app.services.schedules.rules import set_venue_timezone, to_local, to_utc, venue_timezone
from tests.conftest import WALKYRIE
from tests.integration.reports.conftest import COMMISSION

TODAY = date.today()


def make(db, tmp_path, kind, lang="en", **params):
    report = reports.generate(db, kind, ReportParams(lang=lang, operator="Responsable billetterie", **params))
    pdf = reports.save(report, tmp_path / f"{kind}-{lang}.pdf")
    xlsx = reports.save(report, tmp_path / f"{kind}-{lang}.xlsx")
    return report, pdf, xlsx


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def money(value, lang="en") -> str:
    return " ".join(format_value(Decimal(value), "money", lang).split())


def sheet_rows(path, sheet):
    """Data rows (header dropped) and the totals row's formulas, as read back."""
    ws = load_workbook(path)[sheet]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    return rows


def split_total(rows):
    """(data rows, totals row) when the last row is the formulas' one."""
    if rows and any(isinstance(v, str) and v.startswith("=SUM") for v in rows[-1]):
        return rows[:-1], rows[-1]
    return rows, None


def live_and_cancelled(db):
    with db.read() as s:
        return s.execute(select(Ticket.id, Ticket.state, Ticket.price, Ticket.tariff_id, Order.interface_id,
                                Order.channel_id, Order.point_of_sale_id, Order.payment_mode_id, Ticket.seat_id,
                                Ticket.contingent_id, Ticket.created_at, Ticket.cancelled_at)
                         .join(Order, Order.id == Ticket.order_id)).all()


# --- partner statement ------------------------------------------------------------------

def test_partner_statement_equals_the_distributor_tickets(sales_db, tmp_path):
    report, pdf, xlsx = make(sales_db, tmp_path, "partner-statement", interface="NTJ FNAC",
                             date_from=TODAY - timedelta(days=1), date_to=TODAY + timedelta(days=1))
    with sales_db.read() as s:
        fnac = s.scalars(select(DistributorInterface.id).where(DistributorInterface.name_fr == "NTJ FNAC")).one()
        tariffs = {t.id: t.code for t in s.scalars(select(Tariff))}
    per_tariff = defaultdict(lambda: [0, Decimal(0), 0, Decimal(0)])
    for t in live_and_cancelled(sales_db):
        if t.interface_id != fnac:
            continue
        line = per_tariff[tariffs[t.tariff_id]]
        line[0] += 1
        line[1] += t.price
        if t.state is TicketState.CANCELLED or t.state == "cancelled":
            line[2] += 1
            line[3] += t.price
    assert sum(v[0] for v in per_tariff.values()) == 12 and sum(v[2] for v in per_tariff.values()) == 2
    rows, totals = split_total(sheet_rows(xlsx, "Statement"))
    got = {r[2].split(" — ")[0]: r for r in rows}
    assert set(got) == set(per_tariff)
    due_total = Decimal(0)
    for code, (sold, amount, cancelled, refunds) in per_tariff.items():
        r = got[code]
        assert r[0] == WALKYRIE and r[1].year == 2014  # a real date cell
        gross = amount - refunds
        fee = (gross * COMMISSION / 100).quantize(Decimal("0.01"))
        assert r[3:] == [sold, float(amount), cancelled, float(refunds), float(gross), float(fee), float(gross - fee)]
        due_total += gross - fee
    assert totals[3] == f"=SUM(D2:D{len(rows) + 1})"  # totals are formulas
    text = pdf_text(pdf)
    assert money(due_total) in text and "Total" in text and "page 1 / 1" in text
    assert "NTJ FNAC" in text and "8.50 %" in text  # Babel's English percent


def test_a_report_on_an_empty_period_says_so(sales_db, tmp_path):
    for kind, extra in (("partner-statement", {"interface": "NTJ FNAC"}), ("collections", {})):
        report, pdf, xlsx = make(sales_db, tmp_path, kind, lang="fr", date_from=date(2001, 1, 1),
                                 date_to=date(2001, 1, 31), **extra)
        assert report.empty and not report.tables
        assert "sur cette période (du 2001-01-01 au 2001-01-31)" in pdf_text(pdf)
        wb = load_workbook(xlsx)
        assert wb.sheetnames == ["Rapport"]
        assert any(report.empty_message == c for row in wb["Rapport"].iter_rows(values_only=True) for c in row)


def test_inverted_period_is_refused(sales_db):
    from app.domain.errors import InputError

    with pytest.raises(InputError, match="after"):
        reports.generate(sales_db, "collections", ReportParams(date_from=date(2020, 2, 1), date_to=date(2020, 1, 1)))


def test_partner_statement_lists_the_held_lines_of_the_period_apart(sales_db, manager, sim, tmp_path):
    from app.domain.enums import HeldStatus
    from app.services.sync.held_lines import list_held_lines
    from app.services.sync.reintegration import reintegrate_sales

    sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")  # a tariff code we do not map
    assert reintegrate_sales(sales_db, manager, "NTJ FNAC").status.value == "held"
    held = list_held_lines(sales_db, "NTJ FNAC")
    assert len(held) == 1
    _all, _pdf, all_xlsx = make(sales_db, tmp_path, "partner-statement", interface="NTJ FNAC")
    report, pdf, xlsx = make(sales_db, tmp_path, "partner-statement", interface="NTJ FNAC",
                             date_from=TODAY - timedelta(days=1), date_to=TODAY + timedelta(days=1))
    rows = sheet_rows(xlsx, "Held lines")
    assert [r[1:] for r in rows] == [[held[0].external_ticket_id, "sale", held[0].cause, "Mapping", "held"]]
    assert isinstance(rows[0][0], datetime)  # when it was held, a date cell
    # held lines are apart: the statement's figures are those of the applied tickets only
    assert sheet_rows(xlsx, "Statement") == sheet_rows(all_xlsx, "Statement")
    text = pdf_text(pdf)
    assert "Held lines" in text and held[0].external_ticket_id in text and "Mapping" in text
    # in French, the held line in French too: its cause, class, status and kind of line
    _r, pdf_fr, xlsx_fr = make(sales_db, tmp_path, "partner-statement", lang="fr", interface="NTJ FNAC")
    cause_fr = gettext_in("fr", "no mapping for tariff code {code!r}").format(code=held[0].raw["tariff"])
    assert cause_fr != held[0].cause and "correspondance" in cause_fr
    assert [r[1:] for r in sheet_rows(xlsx_fr, "Lignes retenues")] == [
        [held[0].external_ticket_id, "vente", cause_fr, "Correspondance", "retenue"]]
    assert cause_fr in pdf_text(pdf_fr).replace("’", "'")
    # another period: no held line, and the report says so
    old, _pdf, _x = make(sales_db, tmp_path, "partner-statement", interface="NTJ FNAC",
                         date_from=date(2001, 1, 1), date_to=date(2001, 1, 31))
    assert old.empty
    with sales_db.write() as s:
        from app.db.models import HeldLine

        s.get(HeldLine, held[0].id).status = HeldStatus.DISMISSED
    report, _pdf, xlsx = make(sales_db, tmp_path, "partner-statement", interface="NTJ FNAC")
    assert sheet_rows(xlsx, "Held lines")[0][-1] == "dismissed"
    _r, _pdf, xlsx_fr = make(sales_db, tmp_path, "partner-statement", lang="fr", interface="NTJ FNAC")
    assert sheet_rows(xlsx_fr, "Lignes retenues")[0][-1] == gettext_in("fr", "dismissed") != "dismissed"


def test_days_and_periods_are_the_venue_local_days(sales_db, manager, tmp_path):
    """A sale at 23:30 in Montréal is 03:30 UTC the next day: it belongs to the local day,
    in the takings' day column and in both reports' periods."""
    set_venue_timezone(sales_db, "America/Montreal")
    tz = venue_timezone(sales_db)
    local_day = date(2026, 3, 10)
    at = to_utc(datetime(2026, 3, 10, 23, 30), tz)
    assert at == datetime(2026, 3, 11, 3, 30)  # EDT, UTC-4, since 8 March
    with sales_db.write() as s:
        fnac = s.scalars(select(DistributorInterface.id).where(DistributorInterface.name_fr == "NTJ FNAC")).one()
        till = s.scalars(select(Ticket).join(Order).where(Order.interface_id.is_(None),
                                                          Ticket.state != TicketState.CANCELLED)).first()
        partner = s.scalars(select(Ticket).join(Order).where(Order.interface_id == fnac,
                                                             Ticket.state != TicketState.CANCELLED)).first()
        for t in (till, partner):
            t.created_at = at
        till_price, partner_price = till.price, partner.price
    report, _pdf, xlsx = make(sales_db, tmp_path, "collections", date_from=local_day, date_to=local_day)
    rows, _ = split_total(sheet_rows(xlsx, "Takings"))
    assert {r[0].date() for r in rows} == {local_day}
    assert sum(r[4] for r in rows) == 2 and sum(r[5] for r in rows) == float(till_price + partner_price)
    utc_day, _pdf, _x = make(sales_db, tmp_path, "collections", date_from=date(2026, 3, 11),
                             date_to=date(2026, 3, 11))
    assert utc_day.empty  # the UTC date of the sale is not its day
    report, _pdf, xlsx = make(sales_db, tmp_path, "partner-statement", interface="NTJ FNAC",
                              date_from=local_day, date_to=local_day)
    rows, _ = split_total(sheet_rows(xlsx, "Statement"))
    assert sum(r[3] for r in rows) == 1 and sum(r[4] for r in rows) == float(partner_price)
    nxt, _pdf, _x = make(sales_db, tmp_path, "partner-statement", interface="NTJ FNAC",
                         date_from=date(2026, 3, 11), date_to=date(2026, 3, 11))
    assert nxt.empty


# --- collections ------------------------------------------------------------------------

def test_collections_equal_the_tickets_per_day_channel_point_of_sale_and_mode(sales_db, tmp_path):
    report, pdf, xlsx = make(sales_db, tmp_path, "collections")
    with sales_db.read() as s:
        channels = {c.id: c.name_en or c.name_fr for c in s.scalars(select(SalesChannel))}
        pos = {p.id: p.code for p in s.scalars(select(PointOfSale))}
        modes = {m.id: m.name for m in s.scalars(select(PaymentMode))}
    expected = defaultdict(lambda: [0, Decimal(0), 0, Decimal(0)])
    tz = venue_timezone(sales_db)  # the venue's local days, not UTC's
    for t in live_and_cancelled(sales_db):
        key = (to_local(t.created_at, tz).date(), channels[t.channel_id], pos[t.point_of_sale_id],
               modes[t.payment_mode_id])
        expected[key][0] += 1
        expected[key][1] += t.price
        if t.cancelled_at is not None:
            k2 = (to_local(t.cancelled_at, tz).date(), *key[1:])
            expected[k2][2] += 1
            expected[k2][3] += t.price
    rows, totals = split_total(sheet_rows(xlsx, "Takings"))
    got = {(r[0].date(), r[1], r[2], r[3]): r[4:] for r in rows}
    assert got == {k: [n, float(a), rn, float(ra), float(a - ra)] for k, (n, a, rn, ra) in expected.items()}
    assert {k[2] for k in got} == {"GUICHET-1", "WEB-1", "FNAC", "TKN"}
    net = sum(a - ra for _n, a, _rn, ra in expected.values())
    assert totals[-1].startswith("=SUM(I2:I")
    text = pdf_text(pdf)
    assert money(net) in text
    modes_rows, _ = split_total(sheet_rows(xlsx, "Payment modes"))
    assert sum(r[-1] for r in modes_rows) == pytest.approx(float(net))


# --- gauge ------------------------------------------------------------------------------

def test_gauge_equals_the_seats_of_each_block_and_contingent(sales_db, tmp_path):
    report, pdf, xlsx = make(sales_db, tmp_path, "gauge", lang="fr", event="WALKYRIE")
    with sales_db.read() as s:
        seats = s.execute(select(Zone.code, Block.code, PerformanceSeat.seat_id, PerformanceSeat.blocked,
                                 PerformanceSeat.contingent_id)
                          .join(Seat, Seat.id == PerformanceSeat.seat_id).join(Block, Block.id == Seat.block_id)
                          .join(Zone, Zone.id == Block.zone_id)).all()
    live = {t.seat_id for t in live_and_cancelled(sales_db) if t.state != TicketState.CANCELLED and t.seat_id}
    capacity, sold, blocked = Counter(), Counter(), Counter()
    for zone, block, seat_id, is_blocked, _cont in seats:
        capacity[(zone, block)] += 1
        if seat_id in live:
            sold[(zone, block)] += 1
        elif is_blocked:
            blocked[(zone, block)] += 1
    rows, totals = split_total(sheet_rows(xlsx, "Zones"))
    numbered = {(r[2], r[4]): r[5:] for r in rows if r[4]}
    assert set(numbered) == set(capacity)
    for key, (cap, n_sold, reserved, n_blocked, locked, invalid, free) in numbered.items():
        assert (cap, n_sold, n_blocked) == (capacity[key], sold[key], blocked[key]), key
        assert free == cap - n_sold - reserved - n_blocked - locked - invalid
    assert sum(sold.values()) == 9 + 10 + 5 and sum(blocked.values()) == 12
    standing = [r for r in rows if not r[4]]
    assert standing and standing[0][2] == "DEBOUT" and standing[0][5] == 120
    conts, _ = split_total(sheet_rows(xlsx, "Contingents"))
    by_cont = {r[2]: r for r in conts}
    assert by_cont["FNAC"][4] == 144 and by_cont["FNAC"][5] == 10
    total_free = sum(r[-1] for r in rows)
    assert totals[-1].startswith("=SUM(L2:L")
    assert " ".join(format_value(total_free, "int", "fr").split()) in pdf_text(pdf)


# --- sale sheet -------------------------------------------------------------------------

def test_sale_sheet_figures_equal_the_catalogue(sales_db, tmp_path):
    report, pdf, xlsx = make(sales_db, tmp_path, "sale-sheet", event="WALKYRIE", interface="NTJ FNAC")
    with sales_db.read() as s:
        prices = {(t, c): float(a) for t, c, a in s.execute(select(Tariff.code, SeatCategory.code, Price.amount)
                                                           .join(Tariff).join(SeatCategory))}
        by_cat = Counter(s.scalars(select(SeatCategory.code).join(PerformanceSeat,
                                                                  PerformanceSeat.category_id == SeatCategory.id)))
    perf_rows = sheet_rows(xlsx, "Performances")
    assert [r[3] for r in perf_rows] == ["WALKYRIE", WALKYRIE]
    assert perf_rows[1][5].year == 2014 and perf_rows[1][7] == "WALKYRIE-201412072000"
    cats, totals = split_total(sheet_rows(xlsx, "Categories"))
    assert {r[3]: r[5] for r in cats} == {**by_cat, "Cat4": 120}  # the standing zone holds Cat4
    grid = sheet_rows(xlsx, "Prices")
    header = [c.value for c in load_workbook(xlsx)["Prices"][1]]
    for r in grid:
        for code, value in zip(header[2:], r[2:]):
            assert value == prices[(r[1], code)]
    text = pdf_text(pdf)
    assert "WALKYRIE-201412072000" in text and "15|20|22" in text and "1,646" in text


def test_sale_sheet_round_trips_into_mappings(sales_db, manager, tmp_path):
    with sales_db.write() as s:
        fnac = s.scalars(select(DistributorInterface.id).where(DistributorInterface.name_fr == "NTJ FNAC")).one()
        reduced = s.scalars(select(Tariff.id).where(Tariff.code == "Reduced")).one()
        s.execute(delete(Mapping).where(Mapping.interface_id == fnac, Mapping.object_type == MappedObject.TARIFF,
                                        Mapping.object_id == reduced))
        before = s.execute(select(Mapping.object_type, Mapping.object_id, Mapping.object_code, Mapping.season_id,
                                  Mapping.external_id).where(Mapping.interface_id == fnac)).all()
    for lang in ("en", "fr"):
        _r, _pdf, xlsx = make(sales_db, tmp_path, "sale-sheet", lang=lang, event="WALKYRIE", interface="NTJ FNAC")
        # unchanged, it changes nothing
        r = import_mappings(sales_db, manager, "NTJ FNAC", xlsx)
        assert (r.created, r.updated, r.unchanged) == (0, 0, len(before))
    wb = load_workbook(xlsx)
    ws = wb["Tarifs"]
    header = [c.value for c in ws[1]]
    ext = header.index("Id externe") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 4).value == "Reduced")
    cell = ws.cell(row, ext)
    assert cell.value is None and cell.fill.fgColor.rgb.endswith("FFF2CC")  # empty and highlighted
    cell.value = "15|20"
    wb.save(xlsx)
    r = import_mappings(sales_db, manager, "NTJ FNAC", xlsx)
    assert (r.created, r.updated) == (1, 0)
    with sales_db.read() as s:
        assert s.scalars(select(Mapping.external_id).where(
            Mapping.interface_id == fnac, Mapping.object_type == MappedObject.TARIFF,
            Mapping.object_id == reduced)).one() == "15|20"


def test_digitick_allotment_sheet_lists_what_the_export_would_send(sales_db, manager, tmp_path):
    from app.domain.selection import SeatSelection
    from app.services.inventory.allocation import edit_seats

    edit_seats(sales_db, manager, WALKYRIE, "assign", SeatSelection(zone="B1", block="G"), "DGTK")
    report, pdf, xlsx = make(sales_db, tmp_path, "digitick-allotment", interface="NTJ Digitick",
                             performance=WALKYRIE)
    rows, _ = split_total(sheet_rows(xlsx, "Seats"))
    assert sum(r[4] for r in rows) == 60 and rows[0][:4] == ["B1-G", "1", "Cat2", "1–10"]
    assert "1–10" in pdf_text(pdf)
