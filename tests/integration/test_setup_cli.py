"""`guichet interfaces|mappings|check`: output and exit codes (0 ok, 1 problems found,
2 bad input) on a real SQLite demo database."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.services.setup import mappings
from app.db.engine import open_database


@pytest.fixture(autouse=True)
def cashier_pin(monkeypatch):
    """`--operator caisse` proves who it is with the demo PIN (the manager is the OS user)."""
    monkeypatch.setenv("GUICHET_OPERATOR_PASSWORD", "1234")


@pytest.fixture
def demo_url(sqlite_url):
    from app.db.engine import open_database
    from app.services.seeding import seed_demo
    from tests.conftest import give_demo_passwords

    db = open_database(sqlite_url)
    seed_demo(db)
    give_demo_passwords(db)
    db.dispose()
    return sqlite_url


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_interfaces_list_and_show_json_without_password(demo_url, capsys):
    from app.services import secrets

    code, out, _ = run(capsys, "interfaces", "list", "--database", demo_url)
    assert code == 0 and "NTJ FNAC" in out and "NTJ Secutix File" in out
    secrets.set_password(secrets.database_key(open_database(demo_url)), 1, "never-printed-991")
    code, out, _ = run(capsys, "interfaces", "show", "NTJ FNAC", "--json", "--database", demo_url)
    data = json.loads(out)
    assert code == 0 and data["login"] == "fnac-demo" and data["kind"] == "fnac" and data["password_stored"]
    assert "never-printed-991" not in out and "password" not in {k for k in data if k != "password_stored"
                                                                  and k != "password_backend"}
    assert data["commission_percent"] is None
    code, out, _ = run(capsys, "interfaces", "show", "1", "--database", demo_url)
    assert code == 0 and "never-printed-991" not in out and "Password:" in out
    assert "Commission (%):          none" in out
    from dataclasses import replace

    from app.services.operators import find_actor
    from app.services.setup.interfaces import get_interface, save_interface

    db = open_database(demo_url)
    save_interface(db, find_actor(db, "manager"), replace(get_interface(db, "NTJ FNAC"), commission_percent="12.5"))
    db.dispose()
    code, out, _ = run(capsys, "interfaces", "show", "NTJ FNAC", "--database", demo_url)
    assert "Commission (%):          12.50" in out
    code, out, _ = run(capsys, "interfaces", "show", "NTJ FNAC", "--json", "--database", demo_url)
    assert json.loads(out)["commission_percent"] == "12.50"
    code, _, err = run(capsys, "interfaces", "show", "NTJ Nowhere", "--database", demo_url)
    assert code == 2 and "no distributor interface named 'NTJ Nowhere'" in err and "Traceback" not in err


def test_check_exit_codes(demo_url, capsys):
    code, out, _ = run(capsys, "check", "--interface", "NTJ FNAC", "--database", demo_url)
    assert code == 0 and "ready" in out
    code, out, _ = run(capsys, "check", "--interface", "NTJ FNAC", "--event", "WALKYRIE", "--json",
                       "--database", demo_url)
    assert code == 0 and json.loads(out)["ok"] is True
    from app.db.engine import open_database
    from app.domain.actors import SYSTEM

    db = open_database(demo_url)
    row = next(r for r in mappings.list_mappings(db, "NTJ FNAC") if r.reference == "OPERA/PAR/G")
    mappings.delete_mappings(db, SYSTEM, "NTJ FNAC", [row.id])
    db.dispose()
    code, out, _ = run(capsys, "check", "--interface", "NTJ FNAC", "--json", "--database", demo_url)
    data = json.loads(out)
    assert code == 1 and [(i["class"], i["reference"]) for i in data["items"]] == [("mapping", "OPERA/PAR/G")]
    code, out, _ = run(capsys, "check", "--interface", "NTJ FNAC", "--database", demo_url)
    assert code == 1 and "[Mapping] block OPERA/PAR/G" in out
    code, _, err = run(capsys, "check", "--interface", "NTJ FNAC", "--event", "NOPE", "--database", demo_url)
    assert code == 2 and "no event with code 'NOPE'" in err


def test_mappings_export_import_and_bad_workbook(demo_url, capsys, tmp_path):
    out_file = tmp_path / "fnac.xlsx"
    code, out, _ = run(capsys, "mappings", "export", "--interface", "NTJ FNAC", "-o", str(out_file),
                       "--database", demo_url)
    assert code == 0 and "24 mapping(s)" in out and out_file.exists()
    code, out, _ = run(capsys, "mappings", "import", "--interface", "NTJ FNAC", str(out_file),
                       "--operator", "manager", "--database", demo_url)
    assert code == 0 and "24 unchanged" in out
    wb = load_workbook(out_file)
    wb["Mappings"]["F3"] = ""
    wb["Mappings"]["B4"] = "planet"
    wb.save(out_file)
    code, _, err = run(capsys, "mappings", "import", "--interface", "NTJ FNAC", str(out_file),
                       "--operator", "manager", "--database", demo_url)
    assert code == 2 and "2 error(s), nothing imported" in err and "Mappings!F3" in err and "Mappings!B4" in err
    code, _, err = run(capsys, "mappings", "import", "--interface", "NTJ FNAC", str(tmp_path / "missing.xlsx"),
                       "--operator", "manager", "--database", demo_url)
    assert code == 2 and "no such file" in err
    (tmp_path / "junk.xlsx").write_text("not a workbook")
    code, _, err = run(capsys, "mappings", "import", "--interface", "NTJ FNAC", str(tmp_path / "junk.xlsx"),
                       "--operator", "manager", "--database", demo_url)
    assert code == 2 and "not a readable Excel workbook" in err
    code, _, err = run(capsys, "mappings", "import", "--interface", "NTJ FNAC", str(out_file),
                       "--operator", "caisse", "--database", demo_url)
    assert code == 2 and "only a manager" in err


def test_set_password_from_standard_input_then_remove_it(demo_url, capsys, monkeypatch):
    import io

    from app.services import secrets

    key = secrets.database_key(open_database(demo_url))
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-from-stdin\n"))
    code, out, _ = run(capsys, "--operator", "manager", "interfaces", "set-password", "NTJ Ticketnet", "--stdin",
                       "--database", demo_url)
    assert code == 0 and "stored in" in out
    assert secrets.get_password(key, 2) == "s3cret-from-stdin"
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    code, out, _ = run(capsys, "--operator", "manager", "interfaces", "set-password", "NTJ Ticketnet", "--stdin",
                       "--database", demo_url)
    assert code == 0 and "removed" in out and secrets.get_password(key, 2) is None
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    code, _, err = run(capsys, "--operator", "caisse", "interfaces", "set-password", "NTJ Ticketnet", "--stdin",
                       "--database", demo_url)
    assert code == 2 and "only a manager" in err


def test_a_function_the_distributor_does_not_offer_is_refused_before_any_execution(demo_url, capsys):
    from sqlalchemy import func, select

    from app.db.models import Execution

    code, _, err = run(capsys, "run", "--interface", "NTJ Secutix File", "--function", "export-allotments",
                       "--database", demo_url)
    assert code == 2 and err.strip().count("\n") == 0 and "Traceback" not in err
    assert "does not offer export-allotments; it offers reintegrate-sales" in err
    code, _, err = run(capsys, "schedules", "add", "--interface", "NTJ Secutix File", "--function",
                       "export-allotments", "--rrule", "FREQ=DAILY;BYHOUR=3", "--first", "2026-12-01T03:00",
                       "--database", demo_url)
    assert code == 2 and "does not offer export-allotments" in err
    db = open_database(demo_url)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Execution)) == 0
    db.dispose()
