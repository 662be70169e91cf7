"""Sales files (docs/protocols/files.md): Fnac CSV, Ticketnet fixed width, Guichet CSV and XLSX — parsing
rules, refusals, writers' round trips and format detection."""

from __future__ import annotations

import dataclasses
import random
import shutil
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from app.adapters.files import (
    FORMATS,
    detect_format,
    parse_sales_bytes,
    parse_sales_file,
    write_fnac_csv,
    write_guichet_csv,
    write_ticketnet,
    write_xlsx,
)
from app.adapters.files.ticketnet import parse_performance_datetime
from app.domain.errors import InputError
from app.domain.sales import SaleAction, SaleLine

DATA = Path(__file__).resolve().parents[1] / "data" / "sales"
FNAC = DATA / "fnac_statement.csv"
TICKETNET = DATA / "ticketnet_statement.txt"
GUICHET = DATA / "guichet_sales.csv"
XLSX = DATA / "guichet_sales.xlsx"

SALE, CANCEL = SaleAction.SALE, SaleAction.CANCEL


def fnac_row(**cols: str) -> str:
    """One `;` line of 25 cells; keywords c0…c24 set the cells."""
    cells = [""] * 25
    for key, value in cols.items():
        cells[int(key[1:])] = value
    return ";".join(cells)


def fnac_ticket(tid: str, price: str = "10,00", action: str = "V", sold: str = "01/02/2025 10:00", **more: str) -> str:
    cols = {"c1": action, "c2": sold, "c5": "PT", "c6": "0", "c8": "ORC", "c15": tid, "c17": "A", "c18": "1", "c23": price}
    return fnac_row(**{**cols, **more})


def write(tmp_path: Path, name: str, text: str, encoding: str = "cp1252", newline: str = "\r\n") -> Path:
    path = tmp_path / name
    path.write_bytes((newline.join(text.splitlines()) + newline).encode(encoding))
    return path


def tn_line(
    tid: str = "TN1",
    perf: str = "20/11/2025 20:30",
    cancel: str = " ",
    row: str = "0003",
    seat: str = "0017",
    price: str = "0000035.00",
    currency: str = "EUR",
    long: bool = True,
    last: str = "",
) -> str:
    s = "EVENT".ljust(10) + perf.ljust(16) + cancel + "C1" + "PLEIN".ljust(10) + "F1".ljust(10) + "PARQ"
    s += row + seat + price.rjust(10) + currency.ljust(3) + tid.ljust(16)
    if long:
        return (s.ljust(106) + last.ljust(32)).ljust(215)
    return s.ljust(107)


# --- Fnac CSV ---------------------------------------------------------------------------------


def test_fnac_sample_lines_lookups_and_accents():
    parsed = parse_sales_file(FNAC)
    assert parsed.format == "fnac-csv"
    assert [(l.external_ticket_id, l.action, l.where) for l in parsed.lines] == [
        ("FN2025030200001", SALE, "fnac_statement.csv line 6"),
        ("FN2025030200002", SALE, "fnac_statement.csv line 7"),
        ("FN2025030200003", SALE, "fnac_statement.csv line 13"),
        ("FN2025030300004", SALE, "fnac_statement.csv line 14"),
        ("FN2025030200002", CANCEL, "fnac_statement.csv line 19"),
    ]
    first, _, third, fourth, cancel = parsed.lines
    assert first.sold_at == datetime(2025, 3, 2, 10, 15)
    assert (first.zone, first.row, first.seat, first.price) == ("ORC", "A", "12", Decimal("45.00"))
    assert (first.buyer_last_name, first.buyer_first_name, first.buyer_postal_code, first.buyer_country) == (
        "Lefèvre", "Zoé", "75011", "FR",
    )
    # The customer category is the tariff we map; the tariff code and the labels are kept aside.
    assert third.tariff == "22"
    assert third.extra["tariff_code"] == "TR"
    assert third.extra["tariff_label"] == "Tarif réduit"  # section before the tickets
    assert third.extra["customer_category_label"] == "Jeune -26 ans"  # section between them
    assert third.extra["zone_label"] == "Balcon"  # section after this ticket line
    assert third.buyer_last_name == "Œuvray"  # Œ exists in cp1252, not in ISO-8859-1
    assert third.price == Decimal("28.50")  # `.` as well as `,`
    assert (fourth.row, fourth.seat, fourth.numbered) == ("", "", False)
    assert fourth.extra["zone_label"] == "Fosse (placement libre)"
    assert cancel.extra["action_code"] == "A"
    # Malformed ticket lines are errors naming their line, never skipped.
    assert [(e.where, e.message) for e in parsed.errors] == [
        ("fnac_statement.csv line 20", "ticket FN2025030400005: price 'abc' is not an amount"),
        (
            "fnac_statement.csv line 21",
            "ticket FN2025030400006: sale date '31/02/2025 18:00' is not a possible DD/MM/YYYY HH:MM",
        ),
    ]
    assert [e.where for e in parsed.ignored] == ["fnac_statement.csv line 1"]  # the column header
    # The total counts sales only; the cancellation is not deducted.
    assert parsed.declared_total == Decimal("140.50") == parsed.sales_total


def test_fnac_total_mismatch_refuses_the_file(tmp_path):
    text = FNAC.read_bytes().decode("cp1252").replace(";140,50;", ";95,50;")
    path = write(tmp_path, "fnac_bad_total.csv", text)
    with pytest.raises(InputError) as err:
        parse_sales_file(path)
    message = str(err.value)
    assert "fnac_bad_total.csv" in message
    assert "line 22" in message and "95.50" in message and "140.50" in message
    # The unreadable lines may explain the gap: the message says so.
    assert "2 ticket line(s) could not be read" in message and "line 20" in message


def test_fnac_total_ignores_cancellations(tmp_path):
    lines = [fnac_ticket("T1", "10,00"), fnac_ticket("T2", "15,00"), fnac_ticket("T1", "10,00", action="A")]
    ok = write(tmp_path, "ok.csv", "\n".join(lines + [fnac_row(c0="Total", c23="25,00")]))
    assert parse_sales_file(ok).declared_total == Decimal("25.00")
    deducted = write(tmp_path, "deducted.csv", "\n".join(lines + [fnac_row(c0="Total", c23="15,00")]))
    with pytest.raises(InputError, match=r"deducted\.csv: refused, the total at deducted\.csv line 4 is 15\.00"):
        parse_sales_file(deducted)


def test_fnac_without_total_line_is_accepted(tmp_path):
    path = write(tmp_path, "v.csv", "\n".join([fnac_ticket("T1"), fnac_ticket("T2")]))
    parsed = parse_sales_file(path)
    assert parsed.declared_total is None and len(parsed.lines) == 2


@pytest.mark.parametrize(
    "line, message",
    [
        (fnac_ticket("T9", price=""), "ticket T9: no price in column 23"),
        (fnac_ticket("T9", price="0,00"), "ticket T9: price 0,00 is not an amount above 0"),
        (fnac_ticket("T9", price="-5,00"), "ticket T9: price -5,00 is not an amount above 0"),
        (fnac_ticket("T9", price="12,5x"), "ticket T9: price '12,5x' is not an amount"),
        (fnac_ticket("T9", sold=""), "ticket T9: no sale date in column 2"),
        (fnac_ticket("T9", sold="29/02/2025 10:00"), "ticket T9: sale date '29/02/2025 10:00' is not a possible"),
        (fnac_ticket("T9", sold="01/02/2025 25:00"), "ticket T9: sale date '01/02/2025 25:00' is not a possible"),
        (fnac_ticket("T9", sold="2025-02-01 10:00"), "ticket T9: sale date '2025-02-01 10:00' is not a possible"),
        (fnac_ticket("T9", action=""), "ticket T9: column 1 is empty"),
        (fnac_row(c1="V", c2="01/02/2025 10:00", c15="T9"), "ticket T9: no price in column 23"),  # short line
    ],
)
def test_fnac_ticket_line_errors_name_their_line(tmp_path, line, message):
    path = write(tmp_path, "f.csv", "\n".join([fnac_ticket("T1"), line]))
    parsed = parse_sales_file(path, "fnac-csv")
    assert [l.external_ticket_id for l in parsed.lines] == ["T1"]
    assert len(parsed.errors) == 1
    assert parsed.errors[0].where == "f.csv line 2"
    assert parsed.errors[0].message.startswith(message)


def test_fnac_amount_forms_and_seconds(tmp_path):
    lines = [
        fnac_ticket("T1", "1 234,50"),
        fnac_ticket("T2", "12.5"),
        fnac_ticket("T3", "7", sold="01/02/2025 10:00:30"),
        fnac_row(c23="1254,00"),
    ]
    parsed = parse_sales_file(write(tmp_path, "f.csv", "\n".join(lines)), "fnac-csv")
    assert [l.price for l in parsed.lines] == [Decimal("1234.50"), Decimal("12.5"), Decimal("7")]
    assert parsed.lines[2].sold_at == datetime(2025, 2, 1, 10, 0, 30)
    assert parsed.errors == []


def test_fnac_anything_but_v_is_a_cancellation(tmp_path):
    lines = [fnac_ticket("T1", action="v"), fnac_ticket("T1", action="R"), fnac_ticket("T2", action="A")]
    parsed = parse_sales_file(write(tmp_path, "f.csv", "\n".join(lines)), "fnac-csv")
    assert [l.action for l in parsed.lines] == [SALE, CANCEL, CANCEL]


def test_fnac_duplicate_ticket_is_an_error(tmp_path):
    lines = [fnac_ticket("T1"), fnac_ticket("T2"), fnac_ticket("T1")]
    parsed = parse_sales_file(write(tmp_path, "f.csv", "\n".join(lines)), "fnac-csv")
    assert [l.external_ticket_id for l in parsed.lines] == ["T1", "T2"]
    assert parsed.errors[0].where == "f.csv line 3"
    assert "ticket T1 is sold twice in this file (first at f.csv line 1)" in parsed.errors[0].message


def test_fnac_sections_unknown_title_and_conflicting_labels(tmp_path):
    text = "\n".join(
        [
            "Mode de paiement;;",
            ";Carte bancaire;CB",
            ";Espèces;0",  # would be a customer category if the section were misread
            "Categorie Client;;",
            ";Normal;0",
            ";Normal bis;0",
            ";Sans code;",
            fnac_ticket("T1"),
            "Pied de page sans rapport;x;y",
            ";orphan;Z",
        ]
    )
    parsed = parse_sales_file(write(tmp_path, "f.csv", text), "fnac-csv")
    assert parsed.lines[0].extra["customer_category_label"] == "Normal"
    assert [(e.where, e.message) for e in parsed.ignored] == [
        ("f.csv line 1", "lookup section 'Mode de paiement' is not one Guichet reads; its entries are not used"),
        ("f.csv line 6", "Categorie Client 0 is already 'Normal'; this second label 'Normal bis' is not used"),
        ("f.csv line 7", "entry 'Sans code' of section 'Categorie Client' has no code"),
        ("f.csv line 9", "not a ticket, total or lookup line"),
        ("f.csv line 10", "not a ticket, total or lookup line"),
    ]


def test_fnac_section_titles_match_without_accents_or_case(tmp_path):
    text = "\n".join(["CATÉGORIE  CLIENT", ";Adhérent;15", "genre de zone;;", ";Orchestre;ORC", fnac_ticket("T1", c6="15")])
    line = parse_sales_file(write(tmp_path, "f.csv", text), "fnac-csv").lines[0]
    assert line.extra["customer_category_label"] == "Adhérent"
    assert line.extra["zone_label"] == "Orchestre"


def test_fnac_encodings_and_line_ends(tmp_path):
    text = "\n".join([fnac_ticket("T1", c10="Lefèvre", c11="Zoé"), fnac_row(c23="10,00")])
    for name, encoding, newline in [
        ("crlf.csv", "cp1252", "\r\n"),
        ("lf.csv", "cp1252", "\n"),
        ("cr.csv", "cp1252", "\r"),
        ("utf8.csv", "utf-8", "\r\n"),  # re-saved by a spreadsheet
        ("bom.csv", "utf-8-sig", "\n"),
    ]:
        parsed = parse_sales_file(write(tmp_path, name, text, encoding, newline))
        assert parsed.format == "fnac-csv", name
        line = parsed.lines[0]
        assert (line.buyer_last_name, line.buyer_first_name, line.where) == ("Lefèvre", "Zoé", f"{name} line 1"), name
        assert parsed.errors == [] and parsed.ignored == [], name


def test_fnac_bytes_cp1252_cannot_hold_are_refused_with_their_line(tmp_path):
    path = tmp_path / "f.csv"
    bad = fnac_ticket("T2", c10="Bad#").encode("cp1252").replace(b"#", b"\x81")  # undefined in cp1252
    path.write_bytes(fnac_ticket("T1", c10="Zoé").encode("cp1252") + b"\r\n" + bad + b"\r\n")
    with pytest.raises(InputError, match=r"f\.csv line 2: byte 0x81 is not Windows-1252 text"):
        parse_sales_file(path, "fnac-csv")


def test_fnac_quoted_cells(tmp_path):
    text = fnac_ticket("T1", c10='"Dupont; ""Jr"""', c11='"Anne\nMarie"') + "\n" + fnac_ticket("T2")
    parsed = parse_sales_file(write(tmp_path, "f.csv", text, newline="\n"), "fnac-csv")
    assert parsed.lines[0].buyer_last_name == 'Dupont; "Jr"'
    assert parsed.lines[0].buyer_first_name == "Anne\nMarie"
    assert parsed.lines[1].where == "f.csv line 3"  # a line break inside a cell still counts


# --- Ticketnet --------------------------------------------------------------------------------


def test_ticketnet_sample():
    parsed = parse_sales_file(TICKETNET)
    assert parsed.format == "ticketnet"
    assert [(l.external_ticket_id, l.action, l.where) for l in parsed.lines] == [
        ("TN000000000101", SALE, "ticketnet_statement.txt line 2"),
        ("TN000000000102", SALE, "ticketnet_statement.txt line 3"),
        ("TN000000000103", SALE, "ticketnet_statement.txt line 4"),
        ("TN000000000104", SALE, "ticketnet_statement.txt line 5"),
        ("TN000000000101", CANCEL, "ticketnet_statement.txt line 6"),
    ]
    first, second, free, short, _ = parsed.lines
    assert first.event == "JAZZFEST25"
    assert first.performance_at == datetime(2025, 11, 20, 20, 30)
    assert (first.seat_category, first.tariff, first.zone) == ("C1", "PLEIN", "PARQ")
    assert (first.row, first.seat) == ("3", "17")  # zero padding stripped
    assert (first.price, first.currency) == (Decimal("35.00"), "EUR")
    assert (first.buyer_last_name, first.buyer_first_name) == ("Hénaff", "Loïc")
    assert (first.buyer_postal_code, first.buyer_country) == ("29200", "FRANCE")
    assert first.extra == {"fiscal_number": "F000012345", "form": "long", "buyer_city": "Brest", "payment_ref": "CB4411"}
    assert second.buyer_first_name == "Maëlle"
    assert (free.row, free.seat, free.numbered) == ("", "", False)
    assert (short.row, short.seat, short.buyer_last_name, short.extra["form"]) == ("12", "101", "", "short")
    assert [(e.where, e.message) for e in parsed.errors] == [
        ("ticketnet_statement.txt line 7", "ticket TN000000000105: price '00035,x0' is not an amount"),
        (
            "ticketnet_statement.txt line 8",
            "ticket TN000000000106: performance date-time '31/11/2025 20:30' is not a possible date and time",
        ),
    ]
    assert [e.where for e in parsed.ignored] == ["ticketnet_statement.txt line 1", "ticketnet_statement.txt line 9"]
    assert "41 characters" in parsed.ignored[0].message


def test_ticketnet_line_lengths(tmp_path):
    long_line, short_line = tn_line("T1"), tn_line("T2", long=False)
    lines = [
        "HEADER",
        long_line,
        "",  # blank: skipped
        short_line,
        short_line.replace("T2", "T3") + " ",  # 108 characters: the short form too
        long_line.replace("T1", "T4")[:200],  # cut: looks like a ticket, so an error
        "x" * 150,  # not a ticket at all
    ]
    path = tmp_path / "tn.txt"
    path.write_bytes("\n".join(lines).encode("latin-1"))
    parsed = parse_sales_file(path, "ticketnet")
    assert [(l.external_ticket_id, l.where) for l in parsed.lines] == [
        ("T1", "tn.txt line 2"),
        ("T2", "tn.txt line 4"),
        ("T3", "tn.txt line 5"),
    ]
    assert [e.where for e in parsed.errors] == ["tn.txt line 6"]
    assert "200 characters" in parsed.errors[0].message and "ticket T4" in parsed.errors[0].message
    assert [e.where for e in parsed.ignored] == ["tn.txt line 1", "tn.txt line 7"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20/11/2025 20:30", datetime(2025, 11, 20, 20, 30)),
        ("20.11.2025 20h30", datetime(2025, 11, 20, 20, 30)),
        ("20-11-2025T20:30", datetime(2025, 11, 20, 20, 30)),
        ("20/11/202520:30", datetime(2025, 11, 20, 20, 30)),
        ("2025-11-20 20:30", datetime(2025, 11, 20, 20, 30)),
        ("2025-11-20T20:30", datetime(2025, 11, 20, 20, 30)),
        ("202511202030", datetime(2025, 11, 20, 20, 30)),
        ("  20251120203015", datetime(2025, 11, 20, 20, 30, 15)),
        ("31/11/2025 20:30", None),  # impossible day
        ("20/11/2025 24:00", None),
        ("20/11/2025", None),  # a performance needs its time
        ("11/20/2025 20:30", None),  # month first is not accepted (month 20)
        ("2025/11/20 20:30", None),
        ("", None),
        ("tomorrow 20:30", None),
    ],
)
def test_ticketnet_performance_datetime_forms(text, expected):
    assert parse_performance_datetime(text) == expected


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"price": "     12.5x"}, "price '12.5x' is not an amount"),
        ({"price": ""}, "no price"),
        ({"price": "-000010.00"}, "price -000010.00 is negative"),
        ({"perf": "2025-13-01 10:00"}, "performance date-time '2025-13-01 10:00' is not a possible"),
        ({"currency": "E1R"}, "currency 'E1R' is not a three-letter code"),
        ({"tid": ""}, "no ticket id in characters 74–90"),
    ],
)
def test_ticketnet_bad_lines_are_errors_with_their_line(tmp_path, kwargs, message):
    path = tmp_path / "tn.dat"
    path.write_bytes((tn_line("T0") + "\r\n" + tn_line(**{"tid": "T9", **kwargs}) + "\r\n").encode("latin-1"))
    parsed = parse_sales_file(path, "ticketnet")
    assert [l.external_ticket_id for l in parsed.lines] == ["T0"]
    assert parsed.errors[0].where == "tn.dat line 2"
    assert message in parsed.errors[0].message


def test_ticketnet_negative_price_on_cancellation_is_kept(tmp_path):
    path = tmp_path / "tn.dat"
    path.write_bytes(tn_line("T1", cancel="A", price="-000035.00").encode("latin-1"))
    line = parse_sales_file(path, "ticketnet").lines[0]
    assert (line.action, line.price) == (CANCEL, Decimal("-35.00"))


def test_ticketnet_latin1_nel_byte_does_not_split_a_line(tmp_path):
    # 0x85 is NEL once decoded: str.splitlines() would cut the line there.
    path = tmp_path / "tn.dat"
    path.write_bytes(tn_line("T1", last="Name\x85X").encode("latin-1") + b"\r\n" + tn_line("T2").encode("latin-1"))
    parsed = parse_sales_file(path, "ticketnet")
    assert [l.external_ticket_id for l in parsed.lines] == ["T1", "T2"]
    assert parsed.lines[0].buyer_last_name == "Name\x85X"


def test_ticketnet_duplicate_ticket_is_an_error(tmp_path):
    path = tmp_path / "tn.dat"
    path.write_bytes("\n".join([tn_line("T1"), tn_line("T1", cancel="A"), tn_line("T1")]).encode("latin-1"))
    parsed = parse_sales_file(path, "ticketnet")
    assert [l.action for l in parsed.lines] == [SALE, CANCEL]
    assert parsed.errors[0].where == "tn.dat line 3" and "sold twice" in parsed.errors[0].message


def test_ticketnet_writer_refuses_what_it_cannot_hold(tmp_path):
    base = SaleLine("T1", SALE, "", event="EV", performance_at=datetime(2025, 1, 1, 20, 0), price=Decimal("10"))
    cases = [
        (dataclasses.replace(base, event="A VERY LONG EVENT"), "event 'A VERY LONG EVENT' is longer than 10"),
        (dataclasses.replace(base, buyer_last_name="Cœur"), "cannot be written in ISO-8859-1"),
        (dataclasses.replace(base, price=None), "needs a price"),
        (dataclasses.replace(base, price=Decimal("10.005")), "more than two decimals"),
        (dataclasses.replace(base, row="007"), "would lose its zeros"),
        (dataclasses.replace(base, performance_at=datetime(2025, 1, 1, 20, 0, 5)), "has seconds"),
    ]
    for line, message in cases:
        with pytest.raises(ValueError, match=message):
            write_ticketnet(tmp_path / "out.txt", [line])


# --- Guichet CSV and XLSX ---------------------------------------------------------------------


def test_guichet_csv_sample():
    parsed = parse_sales_file(GUICHET)
    assert parsed.format == "guichet-csv"
    assert [(l.external_ticket_id, l.action, l.where) for l in parsed.lines] == [
        ("STX-0001", SALE, "guichet_sales.csv line 2"),
        ("STX-0002", SALE, "guichet_sales.csv line 3"),
        ("STX-0003", SALE, "guichet_sales.csv line 4"),
        ("STX-0002", CANCEL, "guichet_sales.csv line 5"),
    ]
    first, _, standing, cancel = parsed.lines
    assert first == SaleLine(
        external_ticket_id="STX-0001",
        action=SALE,
        where="guichet_sales.csv line 2",
        sold_at=datetime(2025, 5, 2, 9, 12),
        event="EVT-HAMLET",
        performance_at=datetime(2025, 6, 14, 20, 0),
        zone="PARTERRE",
        row="F",
        seat="8",
        seat_category="CAT1",
        tariff="PLEIN",
        price=Decimal("32.00"),
        currency="EUR",
        buyer_last_name="Dupré",
        buyer_first_name="Anaïs",
        buyer_postal_code="13001",
        buyer_country="FR",
    )
    # An aware date-time is brought to local time, like every other date of the files.
    aware = datetime(2025, 5, 3, 14, 40, tzinfo=timezone(timedelta(hours=2)))
    assert standing.sold_at == aware.astimezone().replace(tzinfo=None)
    assert (standing.row, standing.seat, standing.numbered) == ("", "", False)
    assert cancel.price is None
    assert [(e.where, e.message) for e in parsed.errors] == [
        ("guichet_sales.csv line 6", "ticket STX-0004: sold_at 'le 5 mai' is not an ISO 8601 date-time"),
        ("guichet_sales.csv line 7", "ticket STX-0005: action 'refund' is neither 'sale' nor 'cancel'"),
    ]
    assert parsed.ignored == []


HEADER = GUICHET.read_text(encoding="utf-8").splitlines()[0]


def test_guichet_csv_header_check_names_columns(tmp_path):
    bad = HEADER.replace("zone,", "").replace("buyer_country", "buyer_email") + ",tariff"
    path = write(tmp_path, "g.csv", bad, "utf-8")
    with pytest.raises(InputError) as err:
        parse_sales_file(path, "guichet-csv")
    message = str(err.value)
    assert message.startswith("g.csv line 1: not a Guichet sales header")
    assert "missing columns: zone, buyer_country" in message
    assert "unknown columns: buyer_email" in message
    assert "repeated columns: tariff" in message


def test_guichet_csv_columns_in_any_order_semicolons_and_bom(tmp_path):
    cols = HEADER.split(",")
    values = dict.fromkeys(cols, "")
    values.update(
        ticket_id="S1", action="SALE", sold_at="2025-05-02 09:12", event_code="E", performance_at="2025-06-14T20:00",
        price="12,50", currency="eur",
    )
    order = list(reversed(cols))
    text = ";".join(c.upper() for c in order) + "\n" + ";".join(values[c] for c in order)
    parsed = parse_sales_file(write(tmp_path, "g.csv", text, "utf-8-sig"))
    assert parsed.format == "guichet-csv" and parsed.errors == []
    line = parsed.lines[0]
    assert (line.action, line.price, line.currency) == (SALE, Decimal("12.50"), "EUR")
    assert line.sold_at == datetime(2025, 5, 2, 9, 12)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"ticket_id": ""}, "no ticket_id"),
        ({"action": ""}, "no action"),
        ({"sold_at": ""}, "ticket S1: no sold_at"),
        ({"performance_at": "2025-02-30T20:00"}, "performance_at '2025-02-30T20:00' is not an ISO 8601"),
        ({"event_code": ""}, "no event_code"),
        ({"price": ""}, "no price"),
        ({"price": "-3"}, "price -3 is negative"),
        ({"currency": "euro"}, "currency 'euro' is not a three-letter code"),
    ],
)
def test_guichet_csv_bad_rows(tmp_path, change, message):
    values = {
        "ticket_id": "S1", "action": "sale", "sold_at": "2025-05-02T09:12", "event_code": "E",
        "performance_at": "2025-06-14T20:00", "price": "10",
    }
    values.update(change)
    row = ",".join(values.get(c, "") for c in HEADER.split(","))
    parsed = parse_sales_file(write(tmp_path, "g.csv", HEADER + "\n" + row, "utf-8"), "guichet-csv")
    assert parsed.lines == []
    assert parsed.errors[0].where == "g.csv line 2" and message in parsed.errors[0].message


def test_guichet_csv_cancel_needs_only_its_ticket(tmp_path):
    row = "S1,cancel" + "," * (len(HEADER.split(",")) - 2)
    parsed = parse_sales_file(write(tmp_path, "g.csv", HEADER + "\n" + row, "utf-8"))
    assert parsed.errors == [] and parsed.lines[0].action is CANCEL and parsed.lines[0].performance_at is None


def test_guichet_csv_refusals(tmp_path):
    latin = write(tmp_path, "latin.csv", HEADER + "\nS1,sale,,,,,,,,,,,Léa,,,", "latin-1")
    with pytest.raises(InputError, match=r"latin\.csv line 2: byte 0xe9 is not UTF-8 text"):
        parse_sales_file(latin, "guichet-csv")
    header_only = write(tmp_path, "h.csv", HEADER, "utf-8")
    with pytest.raises(InputError, match=r"h\.csv: refused, no sales line in this file read as a Guichet sales file"):
        parse_sales_file(header_only)
    with pytest.raises(InputError, match=r"n\.csv line 1: not a Guichet sales header"):
        parse_sales_file(write(tmp_path, "n.csv", "a,b\n1,2", "utf-8"), "guichet-csv")


def test_xlsx_sample_typed_cells_and_rows():
    parsed = parse_sales_file(XLSX)
    assert parsed.format == "xlsx"
    where = "guichet_sales.xlsx sheet 'Ventes' row "
    assert [(l.external_ticket_id, l.action, l.where) for l in parsed.lines] == [
        ("STX-1001", SALE, where + "2"),
        ("STX-1002", SALE, where + "3"),
        ("STX-1001", CANCEL, where + "5"),  # row 4 is empty
    ]
    first, second, _ = parsed.lines
    assert (first.sold_at, first.seat, first.price) == (datetime(2025, 5, 2, 9, 12), "10", Decimal(32))
    assert (second.sold_at, second.price) == (datetime(2025, 5, 2, 9, 15), Decimal("24.5"))  # text date
    assert first.buyer_last_name == "Bréhat"
    assert [(e.where, e.message) for e in parsed.errors] == [
        (where + "6", "ticket STX-1003: price 'trente-deux' is not an amount"),
    ]


def test_xlsx_refusals(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"fake\.xlsx is not a readable \.xlsx workbook"):
        parse_sales_file(fake)
    text = tmp_path / "text.xlsx"
    text.write_text(HEADER)
    with pytest.raises(InputError, match=r"text\.xlsx is named like an Excel workbook but is not one"):
        parse_sales_file(text)
    with pytest.raises(InputError, match=r"text\.xlsx is not a readable \.xlsx workbook"):
        parse_sales_file(text, "xlsx")

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["ticket_id", "action", "price"])
    wb.save(tmp_path / "cols.xlsx")
    with pytest.raises(InputError, match=r"cols\.xlsx sheet 'Sheet' row 1: not a Guichet sales header \(missing columns: sold_at"):
        parse_sales_file(tmp_path / "cols.xlsx")
    Workbook().save(tmp_path / "blank.xlsx")
    with pytest.raises(InputError, match=r"blank\.xlsx sheet 'Sheet' has no header row"):
        parse_sales_file(tmp_path / "blank.xlsx")


# --- Round trips (seeded random lines, property style) -----------------------------------------

_NAME_CHARS = {
    "fnac-csv": "abcXYZ éèçàÉŒœ'-;\",",  # cp1252 has Œ; separators and quotes must survive
    "ticketnet": "abcXYZ éèçàÉÿ'-",  # ISO-8859-1
    "guichet-csv": "abcXYZ éèŒœ'-;\",€ł漢",
    "xlsx": "abcXYZ éèŒœ'-;\",€ł漢",
}


def random_lines(rng: random.Random, fmt: str, count: int) -> list[SaleLine]:
    chars = _NAME_CHARS[fmt]
    lines = []
    for i in range(count):
        numbered = rng.random() < 0.8
        sale = rng.random() < 0.8
        price = Decimal(rng.randint(1, 20000)) / 100
        sold = datetime(2025, 1, 1) + timedelta(minutes=rng.randint(0, 500_000))
        perf = datetime(2025, 6, 1, 20, 30) + timedelta(days=rng.randint(0, 300), minutes=15 * rng.randint(0, 8))
        name = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12))).strip()
        lines.append(
            SaleLine(
                external_ticket_id=f"TK{rng.randint(0, 10**9):010d}-{i}",
                action=SALE if sale else CANCEL,
                where="",
                sold_at=sold,
                event=f"EV{rng.randint(1, 99)}",
                performance_at=perf,
                zone=rng.choice(["ORC", "BAL", "FOS"]),
                row=str(rng.randint(1, 40)) if numbered else "",
                seat=str(rng.randint(1, 999)) if numbered else "",
                seat_category=rng.choice(["C1", "C2"]),
                tariff=rng.choice(["0", "15", "20", "22"]),
                price=price,
                currency="EUR",
                buyer_last_name=name,
                buyer_first_name=name[::-1].strip(),
                buyer_postal_code=rng.choice(["", "75011", "29200"]),
                buyer_country=rng.choice(["", "FR", "BE"]),
                extra={"tariff_code": rng.choice(["PT", "TR"])},
            )
        )
    return lines


def carried(line: SaleLine, fmt: str, long_form: bool = True) -> SaleLine:
    """The line as the format carries it (what a round trip can give back)."""
    line = dataclasses.replace(line, where="", extra={})
    if fmt == "fnac-csv":
        return dataclasses.replace(line, event="", performance_at=None, seat_category="")
    if fmt == "ticketnet":
        line = dataclasses.replace(line, sold_at=None)
        if not long_form:
            line = dataclasses.replace(
                line, buyer_last_name="", buyer_first_name="", buyer_postal_code="", buyer_country=""
            )
    return line


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", range(5))
def test_write_then_parse_round_trips(tmp_path, fmt, seed):
    rng = random.Random(seed)
    lines = random_lines(rng, fmt, 60)
    # A sale and its cancellation of the same ticket in one file.
    lines.append(dataclasses.replace(lines[0], action=CANCEL if lines[0].action is SALE else SALE))
    path = tmp_path / ("sales.xlsx" if fmt == "xlsx" else "sales.txt")
    long_form = seed % 2 == 0
    writer = {
        "fnac-csv": write_fnac_csv,
        "ticketnet": lambda p, ls: write_ticketnet(p, ls, long_form=long_form),
        "guichet-csv": write_guichet_csv,
        "xlsx": write_xlsx,
    }[fmt]
    writer(path, lines)
    parsed = parse_sales_file(path)  # detected from the content
    assert parsed.format == fmt
    assert parsed.errors == [] and parsed.ignored == []
    assert [carried(l, fmt) for l in parsed.lines] == [carried(l, fmt, long_form) for l in lines]
    if fmt == "fnac-csv":
        assert parsed.declared_total == sum(l.price for l in lines if l.action is SALE)
        assert [l.extra["tariff_code"] for l in parsed.lines] == [l.extra["tariff_code"] for l in lines]


def test_fnac_writer_lookups_and_refusals(tmp_path):
    line = SaleLine(
        "T1", SALE, "", sold_at=datetime(2025, 1, 2, 3, 4), zone="ORC", tariff="15", price=Decimal("9.9"),
        extra={"tariff_code": "PT"},
    )
    path = tmp_path / "f.csv"
    write_fnac_csv(path, [line], lookups={"customer_category": {"15": "Adhérent"}, "zone": {"ORC": "Orchestre"}})
    parsed = parse_sales_file(path)
    assert parsed.lines[0].extra == {
        "tariff_code": "PT", "action_code": "V", "customer_category_label": "Adhérent", "zone_label": "Orchestre",
    }
    assert path.read_bytes().count(b"\r\n") == 6  # 2 sections of one entry, the ticket, the total
    with pytest.raises(ValueError, match="cannot be written in Windows-1252"):
        write_fnac_csv(path, [dataclasses.replace(line, buyer_last_name="Wałęsa")])
    with pytest.raises(ValueError, match="needs a price and a sale date"):
        write_fnac_csv(path, [dataclasses.replace(line, sold_at=None)])


# --- Detection and unreadable files --------------------------------------------------------------


@pytest.mark.parametrize(
    "sample, fmt", [(FNAC, "fnac-csv"), (TICKETNET, "ticketnet"), (GUICHET, "guichet-csv"), (XLSX, "xlsx")]
)
def test_detection_by_content_whatever_the_name(tmp_path, sample, fmt):
    copy = tmp_path / "export.dat"
    shutil.copy(sample, copy)
    assert parse_sales_file(copy).format == fmt
    assert detect_format(sample.read_bytes(), sample.name) == fmt


def test_detection_failures_name_the_file(tmp_path):
    unknown = tmp_path / "notes.csv"
    unknown.write_text("hello,world\n1,2\n")
    with pytest.raises(InputError, match=r"cannot tell the format of notes\.csv: .* choose its format \(fnac-csv, ticketnet"):
        parse_sales_file(unknown)
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InputError, match=r"old\.xls is an old-style Excel \.xls workbook"):
        parse_sales_file(xls)


def test_unreadable_files(tmp_path, monkeypatch):
    with pytest.raises(InputError, match=r"missing\.csv: no such file"):
        parse_sales_file(tmp_path / "missing.csv")
    with pytest.raises(InputError, match=r"is a folder, not a sales file"):
        parse_sales_file(tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.csv is empty"):
        parse_sales_file(empty)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\r\n  \r\n")
    with pytest.raises(InputError, match=r"blank\.txt is empty"):
        parse_sales_file(blank, "ticketnet")
    with pytest.raises(InputError, match=r"unknown sales-file format 'csv': choose one of fnac-csv, ticketnet, guichet-csv, xlsx"):
        parse_sales_file(GUICHET, "csv")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError, match=r"locked\.csv cannot be read: permission denied"):
        parse_sales_file(tmp_path / "locked.csv")


def test_explicit_format_overrides_detection(tmp_path):
    # A Guichet CSV read as a Ticketnet statement: nothing is a ticket, so the file is refused,
    # saying what it looks like.
    with pytest.raises(InputError, match=r"guichet_sales\.csv: refused, no sales line in this file read as a "
                                         r"Ticketnet statement .* it looks like a Guichet sales file \(guichet-csv\)"):
        parse_sales_file(GUICHET, "ticketnet")


def test_parse_sales_bytes_names_the_source():
    parsed = parse_sales_bytes(FNAC.read_bytes(), "upload/fnac.csv")
    assert parsed.source == "upload/fnac.csv" and parsed.lines[0].where == "fnac.csv line 6"
    with pytest.raises(InputError, match="upload/x.csv is empty"):
        parse_sales_bytes(b"", "upload/x.csv")


# --- Refused whole, with a clear reason (issue 9) --------------------------------------------


def fnac_five_sales(quote_on: int | None = None) -> str:
    """Five sales of 10,00 and their Total line; `quote_on` opens a quote in that sale's last name."""
    rows = []
    for i in range(1, 6):
        name = '"Dupont' if i == quote_on else "Dupont"
        rows.append(fnac_ticket(f"T{i}", c10=name))
    rows.append(fnac_row(c0="Total", c23="50,00"))
    return "\n".join(rows)


def test_an_unclosed_quote_in_a_fnac_line_refuses_the_file_naming_the_line(tmp_path):
    # Before: the quote swallowed lines 3-5 into one cell, 1 of 5 sales was read and the Total was gone.
    path = write(tmp_path, "f.csv", fnac_five_sales(quote_on=2))
    with pytest.raises(InputError, match=r"^f\.csv line 2: refused, a quote opened on this line is never closed"):
        parse_sales_file(path)
    # Closed by a quote lines later: the lines between are swallowed into one cell.
    closed = write(tmp_path, "c.csv", fnac_five_sales(quote_on=2).replace(";T4;", ';T4";'))
    with pytest.raises(InputError, match=r"^c\.csv line 2: refused, the quote opened in column 10 .* not closed on its "
                                         r"line: it swallows the line\(s\) after it"):
        parse_sales_file(closed)
    # A quote left open on the last line runs to the end of the file: refused as well.
    last = write(tmp_path, "g.csv", "\n".join(fnac_five_sales().splitlines()[:-1]) + '\n' + fnac_ticket("T9", c10='"X'))
    with pytest.raises(InputError, match=r"^g\.csv line 6: refused, a quote opened on this line is never closed"):
        parse_sales_file(last, "fnac-csv")


def test_an_unclosed_quote_in_a_guichet_csv_line_refuses_the_file(tmp_path):
    quote = '"'
    rows = [HEADER] + [f"S{i},sale,2025-05-02T09:12,EVT,2025-06-14T20:00,PAR,F,{i},CAT1,PLEIN,32.00,EUR,"
                       f"{quote if i == 2 else ''}Dupont,Anne,13001,FR" for i in range(1, 6)]
    path = write(tmp_path, "g.csv", "\n".join(rows), "utf-8")
    with pytest.raises(InputError, match=r"^g\.csv line 3: refused, a quote opened on this line is never closed"):
        parse_sales_file(path)
    closed = write(tmp_path, "c.csv", "\n".join(rows).replace("S4,", 'S4",'), "utf-8")
    with pytest.raises(InputError, match=r"^c\.csv line 3: refused, the quote opened in column 12"):
        parse_sales_file(closed)


@pytest.mark.parametrize("length", [46, 60, 80])
def test_a_ticketnet_ticket_line_cut_short_is_an_error_not_an_ignored_line(tmp_path, length):
    lines = [tn_line("TN1"), tn_line("TN2")[:length], tn_line("TN3")]
    path = tmp_path / "tn.txt"
    path.write_bytes("\r\n".join(lines).encode("latin-1"))
    parsed = parse_sales_file(path, "ticketnet")
    assert [e.where for e in parsed.errors] == ["tn.txt line 2"] and parsed.ignored == []
    assert f"of {length} characters" in parsed.errors[0].message and "cut or padded" in parsed.errors[0].message


@pytest.mark.parametrize("source, wrong, looks", [
    (GUICHET, "fnac-csv", r"a Guichet sales file \(guichet-csv\)"),
    (FNAC, "ticketnet", r"a Fnac statement \(fnac-csv\)"),
    (TICKETNET, "fnac-csv", r"a Ticketnet statement \(ticketnet\)"),
])
def test_the_wrong_format_given_refuses_the_file_saying_what_it_looks_like(source, wrong, looks):
    # Before: "lines=0", nothing refused.
    with pytest.raises(InputError, match=rf"^{source.name}: refused, no sales line in this file .*it looks like {looks}"):
        parse_sales_file(source, wrong)


def test_a_file_with_no_sales_line_is_refused_unless_an_empty_statement_totals_zero(tmp_path):
    lookups_only = write(tmp_path, "l.csv", "Type de tarif;;\n;Plein tarif;PT\nGenre de Zone;;\n;Orchestre;ORC")
    with pytest.raises(InputError, match=r"^l\.csv: refused, no sales line in this file read as a Fnac statement"):
        parse_sales_file(lookups_only, "fnac-csv")
    empty = parse_sales_file(write(tmp_path, "e.csv", "Type de tarif;;\n;Plein tarif;PT\n" + fnac_row(c0="Total", c23="0,00")))
    assert empty.lines == [] and empty.errors == [] and empty.declared_total == Decimal(0)
    header_only = tmp_path / "t.txt"
    header_only.write_bytes(b"TICKETNET - ETAT DES VENTES DU 21/11/2025\r\n")
    with pytest.raises(InputError, match=r"^t\.txt: refused, no sales line in this file read as a Ticketnet statement"):
        parse_sales_file(header_only, "ticketnet")
    header_only.write_bytes(b"TICKETNET - ETAT DES VENTES DU 21/11/2025\r\nFIN 000000 LIGNES\r\n")
    assert parse_sales_file(header_only, "ticketnet").lines == []


def test_a_ticketnet_trailer_must_count_the_ticket_lines(tmp_path):
    path = tmp_path / "tn.txt"
    path.write_bytes("\r\n".join([tn_line("TN1"), tn_line("TN2"), "FIN 000003 LIGNES"]).encode("latin-1"))
    parsed = parse_sales_file(path, "ticketnet")
    assert [(e.where, e.message) for e in parsed.errors] == [
        ("tn.txt line 3", "the trailer counts 3 ticket line(s), the file has 2: lines are missing or were added")]


def test_the_fnac_statement_title_names_its_performance(tmp_path):
    text = "Relevé des ventes;WALKYRIE;07/12/2014 20:00\n" + fnac_ticket("T1") + "\n" + fnac_row(c0="Total", c23="10,00")
    parsed = parse_sales_file(write(tmp_path, "f.csv", text))  # detected as Fnac from its title too
    assert (parsed.format, parsed.event, parsed.performance_at) == ("fnac-csv", "WALKYRIE", datetime(2014, 12, 7, 20))
    assert (parsed.lines[0].event, parsed.lines[0].performance_at) == ("WALKYRIE", datetime(2014, 12, 7, 20))
    assert [i.where for i in parsed.ignored] == []  # the title is not "not a ticket line"
    bad = write(tmp_path, "b.csv", "Relevé des ventes;WALKYRIE;07/12\n" + fnac_ticket("T1"))
    with pytest.raises(InputError, match=r"^b\.csv line 1: refused, the statement title names no performance"):
        parse_sales_file(bad, "fnac-csv")
    # The writer writes it, and it reads back.
    out = tmp_path / "w.csv"
    write_fnac_csv(out, parsed.lines, performance=("WALKYRIE", datetime(2014, 12, 7, 20)))
    assert parse_sales_file(out).performance_at == datetime(2014, 12, 7, 20)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_read_as_utf16(tmp_path, encoding):
    # "utf-16" writes a BOM; the -le/-be ones none: both are recognised by their NUL bytes.
    text = fnac_ticket("T1", c10="Lefèvre") + "\r\n" + fnac_row(c0="Total", c23="10,00") + "\r\n"
    path = tmp_path / "u.csv"
    path.write_bytes(text.encode(encoding))
    parsed = parse_sales_file(path)
    assert parsed.format == "fnac-csv" and parsed.lines[0].buyer_last_name == "Lefèvre"
    g = tmp_path / "g.csv"
    g.write_bytes((HEADER + "\r\nS1,sale,2025-05-02T09:12,EVT,2025-06-14T20:00,PAR,F,1,CAT1,PLEIN,32.00,EUR,Noël,,,\r\n")
                  .encode(encoding))
    assert parse_sales_file(g).lines[0].buyer_last_name == "Noël"


def test_a_damaged_utf16_file_is_refused_as_utf16_without_nul_characters(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes(b"\xff\xfe" + (fnac_ticket("T1") + "\r\n").encode("utf-16-le") + b"\x00\xd8\x41\x00")  # lone surrogate
    with pytest.raises(InputError) as err:
        parse_sales_file(path, "fnac-csv")
    assert "is UTF-16 text (UTF-16-LE) but is damaged at line 2" in str(err.value) and "\x00" not in str(err.value)
    nul = tmp_path / "n.csv"
    nul.write_bytes(fnac_ticket("T1").encode("cp1252") + b"\r\n\x00\x00\x00junk\r\n")
    with pytest.raises(InputError, match=r"n\.csv line 2: a NUL byte") as err:
        parse_sales_file(nul, "fnac-csv")
    assert "\x00" not in str(err.value)


def test_a_bom_before_cp1252_bytes_names_the_right_byte_and_line(tmp_path):
    # Before: the position was counted without the BOM, naming another byte (and maybe line).
    path = tmp_path / "b.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (fnac_ticket("T1") + "\r\n" + fnac_ticket("T2", c10="Zoé")).encode("cp1252"))
    with pytest.raises(InputError, match=r"^b\.csv line 2: byte 0xe9 is not UTF-8 text \(the file starts with a "
                                         r"UTF-8 byte-order mark, yet holds Windows-1252 bytes\?\)"):
        parse_sales_file(path, "fnac-csv")


def test_a_price_with_more_than_two_decimals_is_refused_as_such(tmp_path):
    fnac = parse_sales_file(write(tmp_path, "f.csv", fnac_ticket("T1", price="85,001")), "fnac-csv")
    assert [e.message for e in fnac.errors] == ["ticket T1: price 85,001 has more than 2 decimals"]
    tn = tmp_path / "tn.txt"
    tn.write_bytes(tn_line("TN1").replace("0000035.00", "000085.001").encode("latin-1"))
    assert parse_sales_file(tn, "ticketnet").errors[0].message == "ticket TN1: price 000085.001 has more than 2 decimals"
    g = write(tmp_path, "g.csv", HEADER + "\nS1,sale,2025-05-02T09:12,EVT,2025-06-14T20:00,PAR,F,1,CAT1,PLEIN,85.001,EUR,,,,",
              "utf-8")
    assert parse_sales_file(g).errors[0].message == "ticket S1: price 85.001 has more than 2 decimals"
    assert parse_sales_file(write(tmp_path, "ok.csv", fnac_ticket("T1", price="85,000")), "fnac-csv").errors == []
