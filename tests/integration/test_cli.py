"""The `guichet` command by CONTRIBUTING.md's conventions: outputs, exit codes, one clear line on bad input."""

import json
import subprocess
import sys

import pytest

from app.cli import main
from tests.conftest import WALKYRIE


@pytest.fixture
def cli(db_url, capsys, monkeypatch):
    monkeypatch.setenv("GUICHET_OPERATOR", "manager")
    monkeypatch.setenv("GUICHET_OPERATOR_PASSWORD", "1234")  # caisse's demo PIN (manager: the OS user)

    def run(*args):
        code = main(["--database", db_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert run("seed", "demo")[0] == 0
    return run


def test_seed_demo_then_counts_json_prints_1526(cli):
    code, out, _ = cli("counts", "--performance", WALKYRIE, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 1526 and data["free"] == 1526 and data["sold"] == 0


def test_seeding_twice_changes_nothing(cli):
    code, out, _ = cli("seed", "demo")
    assert code == 0 and "nothing changed" in out


def test_assign_block_sell_and_counts(cli):
    code, out, _ = cli("seats", "assign", "--performance", WALKYRIE, "--contingent", "FNAC", "--zone", "B1", "--block", "G")
    assert code == 0 and out.startswith("60 seat(s) changed")
    code, out, _ = cli("seats", "block", "--performance", WALKYRIE, "--zone", "B1", "--block", "G", "--rows", "1")
    assert code == 0 and out.startswith("10 seat(s) changed")
    code, out, _ = cli("sell", "--payment", "CASH", "--performance", WALKYRIE, "--first", "3", "--tariff", "Reduced", "--json")
    assert code == 0 and len(json.loads(out)["seats"]) == 3
    code, out, _ = cli("counts", "--performance", WALKYRIE, "--contingent", "FNAC", "--json")
    data = json.loads(out)
    assert (data["total"], data["blocked"], data["free"]) == (60, 10, 50)
    assert data["share_percent"] == 3.9


def test_unassign_reports_why_other_seats_did_not_change(cli):
    cli("seats", "assign", "--performance", WALKYRIE, "--contingent", "Pass", "--zone", "PAR", "--block", "G", "--rows", "1")
    code, out, _ = cli("seats", "unassign", "--performance", WALKYRIE, "--zone", "PAR", "--block", "G", "--rows", "1-2")
    assert code == 0
    assert "12 seat(s) changed" in out and "12 seat(s) not changed: in no contingent" in out


def test_selling_a_sold_seat_exits_1_and_sells_nothing(cli):
    sel = ["--zone", "PAR", "--block", "C", "--rows", "2", "--numbers", "1-2"]
    assert cli("sell", "--payment", "CASH", "--performance", WALKYRIE, *sel)[0] == 0
    code, out, err = cli("sell", "--payment", "CASH", "--performance", WALKYRIE, "--zone", "PAR", "--block", "C", "--rows", "2", "--numbers", "2-3")
    assert code == 1 and "already sold" in err and "Traceback" not in err
    assert json.loads(cli("counts", "--performance", WALKYRIE, "--json")[1])["sold"] == 2


@pytest.mark.parametrize("args, message", [
    (["counts", "--performance", "NOPE@2014-12-07 20:00"], "no performance of event NOPE"),
    (["counts", "--performance", "WALKYRIE@2014-13-07 20:00"], "not a valid date"),
    (["counts", "--performance", WALKYRIE, "--contingent", "XYZ"], "no contingent with code 'XYZ'"),
    (["seats", "assign", "--performance", WALKYRIE, "--contingent", "FNAC", "--zone", "NOPE"], "no zone 'NOPE'"),
    (["seats", "block", "--performance", WALKYRIE, "--rows", "1-2"], "select seats with --zone"),
    (["sell", "--payment", "CASH", "--performance", WALKYRIE, "--first", "1", "--tariff", "Gratuit"], "no tariff with code 'Gratuit'"),
    (["--operator", "caisse", "seats", "block", "--performance", WALKYRIE, "--first", "1"], "only a manager"),
    (["--operator", "ghost", "counts", "--performance", WALKYRIE], None),
])
def test_bad_input_is_one_clear_line_and_exit_2(cli, args, message):
    code, out, err = cli(*args)
    if message is None:  # counts needs no operator: an unknown one is not consulted
        assert code == 0
        return
    assert code == 2, (out, err)
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_unreachable_database_exits_2_without_traceback():
    out = subprocess.run([sys.executable, "-m", "app.cli", "--database", "postgresql://nobody@127.0.0.1:1/x",
                          "counts", "--performance", "1"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.startswith("guichet: cannot open the database") and "Traceback" not in out.stderr


def test_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "app.cli", "--help"], capture_output=True, text=True, timeout=60)
    for command in ("demo", "db", "seed", "counts", "seats", "sell"):
        assert command in out.stdout


def test_a_reader_that_goes_away_ends_the_command_quietly(cli, db_url):
    """`guichet … | head -1`: the pipe closes before the command has written everything."""
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--database", db_url, "executions", "--json", "--limit", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # nobody reads: the first print meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert "Traceback" not in err and "BrokenPipeError" not in err
