"""Digitick: the export never goes on the wire — it writes the allotment as a PDF to print
and a CSV, and says "communicate by phone" as information; sales come over HTTP."""

from __future__ import annotations

import base64
import csv
import re
import zlib

from app.adapters.digitick import seat_runs
from app.adapters.base import AllotmentSeat
from app.domain.enums import SyncFunction


def pdf_text(data: bytes) -> str:
    """The page streams of a PDF, decoded (ASCII85 then Flate, as reportlab writes them)."""
    out = []
    for m in re.finditer(rb"/Filter \[ /ASCII85Decode /FlateDecode \].*?stream\r?\n(.*?)endstream", data, re.S):
        raw = m.group(1).strip()
        raw = raw[:-2] if raw.endswith(b"~>") else raw
        out.append(zlib.decompress(base64.a85decode(raw)).decode("latin-1"))
    return "\n".join(out)


def test_export_writes_a_printable_list_and_sends_nothing(adapter_for, allotment, sim, tmp_path):
    a = adapter_for("digitick", export_folder=str(tmp_path / "phone"))
    assert SyncFunction.EXPORT_ALLOTMENTS in a.functions
    report = a.export_allotment(allotment)
    assert report.sent is False and report.added == allotment.places and report.removed == 0
    assert "phone" in report.message and str(report.document) in report.message
    assert sim.requests("digitick-demo") == {}  # no request reached the distributor
    pdf = report.document.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    for expected in ("WALKYRIE", allotment.performance, "ORCH-A", "DEBOUT", "55.50"):
        assert expected in text, expected
    assert "1\\2264" in text  # the row's seats as a range: "1–4" (en dash, octal 226 in WinAnsi)
    with report.document.with_suffix(".csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seats = [(r["zone"], r["row"], r["number"], r["category"], r["seat_ref"]) for r in rows if r["kind"] == "seat"]
    assert seats == [(s.zone, s.row, s.number, s.category, s.seat_ref) for s in allotment.seats]
    assert [(r["zone"], r["quantity"]) for r in rows if r["kind"] == "standing"] == [("DEBOUT", "5")]
    assert {(r["category"], r["tariff"], r["price"]) for r in rows if r["kind"] == "price"} == \
        {(p.category, p.tariff, str(p.price)) for p in allotment.prices}


def test_export_without_folder_uses_a_temp_folder(adapter_for, allotment):
    report = adapter_for("digitick").export_allotment(allotment)
    assert report.document.is_file() and "guichet-digitick-" in str(report.document.parent)


def test_seat_runs_read_well_on_the_phone():
    seats = tuple(AllotmentSeat("A", "3", n, "Cat1") for n in ["5", "1", "2", "3", "7", "8", "10", "bis"])
    assert seat_runs(seats) == [("A", "3", "Cat1", "1–3, 5, 7–8, 10, bis", 8)]


def test_sales_come_over_http_in_cents(adapter_for, allotment, sim):
    sim.store.set_allotment("digitick-demo", "WALKYRIE", "P-1", [("ORCH-A", "1", "1", "Cat2", "r1")], [],
                            [("Cat2", "N", "55.50")])
    ticket = sim.sell("digitick-demo", 1)[0]
    sim.cancel("digitick-demo", ticket)
    page = adapter_for("digitick").fetch_sales("", limit=1)
    assert page.more and page.lines[0].price is not None and str(page.lines[0].price) == "55.50"
    assert (page.lines[0].zone, page.lines[0].row, page.lines[0].seat, page.lines[0].tariff) == \
        ("ORCH-A", "1", "1", "N")
    rest = adapter_for("digitick").fetch_sales(page.next_cursor)
    assert [l.action.value for l in rest.lines] == ["cancel"] and not rest.more
