"""The takings statement of a day and of a performance equals the journal's figures, read
back from the XLSX and the PDF; reprinting it later gives the same figures."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
from pypdf import PdfReader

from app.db.models import utcnow
from app.domain.selection import Range, SeatSelection
from app.services import journal, reports
from app.services.inventory.orders import cancel_order
from app.services.inventory.selling import sell
from app.services.inventory.standing import sell_standing
from tests.conftest import WALKYRIE


def _sel(row: str, a: int, b: int) -> SeatSelection:
    return SeatSelection(zone="PAR", block="G", rows=Range(row, row), numbers=Range(str(a), str(b)))


def _local_today(db) -> date:
    from app.services.schedules.rules import to_local, venue_timezone

    return to_local(utcnow(), venue_timezone(db)).date()


def test_a_days_statement_equals_the_journal_in_xlsx_and_pdf(demo_db, cashier, manager, tmp_path):
    r1 = sell(demo_db, cashier, WALKYRIE, _sel("1", 1, 4), payment="CARD")
    sell(demo_db, cashier, WALKYRIE, _sel("2", 1, 3), payment="CASH", amount_given=Decimal("1000"))
    cancel_order(demo_db, cashier, r1.order_reference, list(r1.ticket_ids[:2]))
    sell_standing(demo_db, cashier, WALKYRIE, "DEBOUT", 2, payment="CARD")  # places, not seats
    ops = journal.operations(demo_db)
    sold = sum(1 for o in ops if o["kind"] in journal.SALE_KINDS)
    cancelled = sum(1 for o in ops if o["kind"] in journal.CANCEL_KINDS)
    takings = sum(o["price"] for o in ops)
    assert (sold, cancelled) == (9, 2)
    today = _local_today(demo_db)
    for params in (reports.ReportParams(date_from=today, date_to=today, lang="fr"),
                   reports.ReportParams(performance=WALKYRIE, lang="fr")):
        rep = reports.generate(demo_db, "takings-statement", params)
        xlsx = reports.save(rep, tmp_path / "r.xlsx", "xlsx")
        wb = openpyxl.load_workbook(xlsx, data_only=True)
        ws = wb["Catégories"]
        values = [[c.value for c in row] for row in ws.iter_rows()]
        head = next(i for i, row in enumerate(values) if row and row[0] == "Catégorie")
        body = [r for r in values[head + 1:] if r[0] and r[0] != "Total" and isinstance(r[3], (int, float))]
        assert sum(r[3] for r in body) == sold and sum(r[5] for r in body) == cancelled
        assert Decimal(str(sum(r[7] for r in body))).quantize(Decimal("0.01")) == takings
        pdf = reports.save(rep, tmp_path / "r.pdf", "pdf")
        textpdf = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
        assert "Relevé de recettes" in textpdf and "coupons de gestion" in textpdf
        assert f"{takings:.2f}".replace(".", ",") in textpdf or f"{takings:.2f}" in textpdf
        again = reports.generate(demo_db, "takings-statement", params)
        assert again.tables[0].rows == rep.tables[0].rows and again.tables[1].rows == rep.tables[1].rows


def test_the_cli_prints_a_days_statement(demo_db, cashier, db_url, tmp_path, capsys):
    from app.cli import main

    sell(demo_db, cashier, WALKYRIE, _sel("1", 1, 2), payment="CARD")
    out = tmp_path / "s.pdf"
    assert main(["--database", db_url, "report", "takings-statement", "--day", f"{_local_today(demo_db)}",
                 "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert main(["--database", db_url, "report", "takings-statement", "-o", str(out)]) == 2
    assert "--performance P or --day D" in capsys.readouterr().err
