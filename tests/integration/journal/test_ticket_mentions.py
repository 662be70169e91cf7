"""Tickets carry their operation number and the mentions; printing is journalled (print,
then reprint); a cancellation prints a management coupon; `ticket decode` in clear."""

from __future__ import annotations

import json

from pypdf import PdfReader

from app.cli import main
from app.services import journal
from app.services.inventory.orders import cancel_order
from app.services.inventory.selling import sell
from app.services.inventory.tickets import order_tickets, write_pdf
from tests.conftest import WALKYRIE
from tests.integration.journal.test_journal import ROW


def test_tickets_carry_their_operation_number_and_prints_are_journalled(demo_db, cashier, db_url, tmp_path, capsys):
    r = sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    tickets = order_tickets(demo_db, r.order_reference, actor=cashier)
    assert [t.operation_no for t in tickets] == [1, 2, 3, 4] and tickets[0].venue
    order_tickets(demo_db, r.order_reference, [r.ticket_ids[0]], actor=cashier)
    kinds = [o["kind"] for o in journal.operations(demo_db)]
    assert kinds == ["sale"] * 4 + ["print"] * 4 + ["reprint"]
    write_pdf(tickets, tmp_path / "t.pdf")
    text = PdfReader(str(tmp_path / "t.pdf")).pages[0].extract_text()
    assert "Opération n° 1" in text and tickets[0].venue in text
    price = f"{tickets[0].price:.2f}".replace(".", ",")  # the ticket speaks French: 68,00 EUR
    assert f"{price} EUR" in text
    assert main(["--database", db_url, "ticket", "decode", str(r.ticket_ids[0]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["operation_no"] == 1 and data["show"] == tickets[0].event and data["state"] == "sold"
    cancel_order(demo_db, cashier, r.order_reference, list(r.ticket_ids[:1]))
    assert main(["--database", db_url, "ticket", "coupon", r.order_reference, "-o", str(tmp_path / "c.pdf")]) == 0
    coupon = PdfReader(str(tmp_path / "c.pdf")).pages[0].extract_text()
    assert "COUPON DE GESTION" in coupon and "NE DONNE PAS ACCÈS" in coupon and "Opération n° 10" in coupon
    assert f"Remboursé : {price} EUR" in coupon
    assert journal.verify(demo_db).ok
    assert main(["--database", db_url, "ticket", "decode", "abc"]) == 2
