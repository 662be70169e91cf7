"""`guichet report …`: files written, bad input refused with one line and exit 2, nothing
half-written."""

from __future__ import annotations

import subprocess
import sys

from openpyxl import load_workbook


def guichet(*args, url):
    return subprocess.run([sys.executable, "-m", "app.cli", "--database", url, *args], capture_output=True,
                          text=True, timeout=120)


def test_report_commands_write_pdf_and_xlsx_and_refuse_bad_input(demo_db, tmp_path):
    url = str(demo_db.url)
    out = tmp_path / "sheet.xlsx"
    r = guichet("--lang", "fr", "report", "sale-sheet", "--event", "WALKYRIE", "--interface", "NTJ FNAC",
                "-o", str(out), url=url)
    assert r.returncode == 0, r.stderr
    assert "Feuille de mise en vente" in r.stdout and load_workbook(out).sheetnames[0] == "Rapport"
    r = guichet("report", "gauge", "--event", "WALKYRIE", "--format", "pdf", "-o", str(tmp_path / "g.pdf"), url=url)
    assert r.returncode == 0 and (tmp_path / "g.pdf").read_bytes()[:5] == b"%PDF-"
    bad = [
        (["report", "gauge", "-o", str(tmp_path / "x.pdf")], "needs --performance or --event"),
        (["report", "collections", "--from", "2020-02-30", "-o", str(tmp_path / "x.pdf")], "expected a date"),
        (["report", "collections", "--from", "2020-03-01", "--to", "2020-02-01", "-o", str(tmp_path / "x.pdf")],
         "is after"),
        (["report", "sale-sheet", "--event", "NOPE", "--interface", "NTJ FNAC", "-o", str(tmp_path / "x.pdf")],
         "no event with code 'NOPE'"),
        (["report", "partner-statement", "--interface", "NTJ FNAC", "-o", str(tmp_path / "x.txt")],
         "say --format pdf or xlsx"),
        (["report", "gauge", "--interface", "NTJ FNAC", "--event", "WALKYRIE", "-o", str(tmp_path / "x.pdf")],
         "does not take --interface"),
        (["report", "gauge", "--event", "WALKYRIE", "-o", str(tmp_path / "nofolder" / "x.pdf")], "no folder"),
    ]
    for args, message in bad:
        r = guichet(*args, url=url)
        assert r.returncode == 2, (args, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (args, r.stderr)
    assert not (tmp_path / "x.pdf").exists() and not list(tmp_path.glob(".guichet-*"))


def test_interfaces_set_commission_feeds_the_partner_statement_and_refuses_bad_values(demo_db, tmp_path):
    from sqlalchemy import select

    from app.db.models import DistributorInterface

    url = str(demo_db.url)
    r = guichet("--operator", "manager", "interfaces", "set-commission", "NTJ Ticketnet", "7,25", url=url)
    assert r.returncode == 0, r.stderr
    assert "NTJ Ticketnet: commission 7.25 %" in r.stdout
    with demo_db.read() as s:
        assert str(s.scalars(select(DistributorInterface.commission_percent)
                             .where(DistributorInterface.name_fr == "NTJ Ticketnet")).one()) == "7.25"
    for value, message in (("abc", "not a number"), ("-1", "between 0 and 100"), ("101", "between 0 and 100"),
                           ("8.555", "at most two decimals"), ("nan", "between 0 and 100")):
        r = guichet("--operator", "manager", "interfaces", "set-commission", "NTJ Ticketnet", value, url=url)
        assert r.returncode == 2 and message in r.stderr and r.stderr.count("\n") == 1, (value, r.stderr)
    r = guichet("--operator", "manager", "interfaces", "set-commission", "NOPE", "5", url=url)
    assert r.returncode == 2 and "NOPE" in r.stderr and "Traceback" not in r.stderr
    r = guichet("--operator", "manager", "interfaces", "set-commission", "NTJ Ticketnet", "none", url=url)
    assert r.returncode == 0 and "commission removed" in r.stdout
    with demo_db.read() as s:
        assert s.scalars(select(DistributorInterface.commission_percent)
                         .where(DistributorInterface.name_fr == "NTJ Ticketnet")).one() is None
