"""`guichet import-sales` refuses a bad file whole, before any work (exit 2, one line naming
the line and what is wrong, nothing recorded), and exits 1 only when the import ran and
failed (CLI.md). Issue 9: "Sales files: all or nothing, really"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from app.adapters.files import write_fnac_csv, write_guichet_csv, write_ticketnet
from app.cli import main as cli
from app.db.models import Execution, Ticket
from app.domain.sales import SaleAction
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import live_tickets, sale_line, seats_of

STX, FNAC, TKN = "NTJ Secutix File", "NTJ FNAC", "NTJ Ticketnet"
PERF_AT = datetime(2014, 12, 7, 20, 0)


def counts(db) -> tuple[int, int]:
    with db.read() as s:
        return s.scalar(select(func.count(Execution.id))), s.scalar(select(func.count(Ticket.id)))


def run(db_url, capsys, *argv) -> tuple[int, str, str]:
    code = cli(["import-sales", "--database", db_url, "--operator", "manager", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def fnac_lines(db, n=5):
    seats = seats_of(db, "B2", "C")
    return [sale_line(f"F{i}", seats[i], tariff="0", extra={"tariff_code": "PT"}) for i in range(n)]


def test_an_unclosed_quote_refuses_the_whole_file_with_exit_2(allotted, db_url, tmp_path, capsys):
    path = tmp_path / "stx.csv"
    write_guichet_csv(path, [sale_line(f"Q{i}", s) for i, s in enumerate(seats_of(allotted, "PAR", "G")[:5])])
    rows = path.read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace("WALKYRIE", '"WALKYRIE', 1)  # line 3
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = counts(allotted)
    code, out, err = run(db_url, capsys, "--interface", STX, str(path))
    assert code == 2 and out == ""
    assert err.startswith("guichet: stx.csv line 3: refused, a quote opened on this line is never closed")
    assert "Traceback" not in err and counts(allotted) == before  # nothing recorded, nothing imported


def test_a_cut_ticketnet_line_refuses_the_file_naming_it(allotted, db_url, tmp_path, capsys):
    seats = seats_of(allotted, "GAL", "C")
    path = tmp_path / "tkn.txt"
    write_ticketnet(path, [sale_line(f"TN{i:012d}", seats[i], tariff="PT", zone="GALC", seat_category="C3") for i in range(1, 4)])
    lines = path.read_bytes().split(b"\r\n")
    lines[1] = lines[1][:60]
    path.write_bytes(b"\r\n".join(lines))
    before = counts(allotted)
    code, _, err = run(db_url, capsys, "--interface", TKN, str(path))
    assert code == 2, err
    assert "tkn.txt: refused, nothing imported: 1 line(s) cannot be read, the first tkn.txt line 2: a ticket line " \
           "(ticket" not in err  # a line cut at 60 has lost its ticket id
    assert "tkn.txt line 2: a ticket line of 60 characters, not 215" in err and "cut or padded" in err
    assert counts(allotted) == before


def test_the_wrong_format_is_refused_with_exit_2_not_lines_0(allotted, db_url, tmp_path, capsys):
    path = tmp_path / "stx.csv"
    write_guichet_csv(path, [sale_line("W1", seats_of(allotted, "B2", "C")[0])])
    code, out, err = run(db_url, capsys, "--interface", FNAC, str(path), "--format", "fnac-csv")
    assert code == 2 and "lines=0" not in out
    assert "stx.csv: refused, no sales line in this file read as a Fnac statement" in err
    assert "it looks like a Guichet sales file (guichet-csv)" in err
    fnac = tmp_path / "fnac.csv"
    write_fnac_csv(fnac, fnac_lines(allotted, 1))
    code, _, err = run(db_url, capsys, "--interface", TKN, str(fnac), "--format", "ticketnet")
    assert code == 2 and "it looks like a Fnac statement (fnac-csv)" in err


def test_another_distributors_statement_is_refused_saying_why(allotted, db_url, tmp_path, capsys):
    path = tmp_path / "tkn.txt"
    write_ticketnet(path, [sale_line("TN000000000001", seats_of(allotted, "GAL", "C")[0], tariff="PT", zone="GALC", seat_category="C3")])
    before = counts(allotted)
    code, _, err = run(db_url, capsys, "--interface", FNAC, str(path))
    assert code == 2
    assert ("tkn.txt: refused, it is a Ticketnet statement (ticketnet) and NTJ FNAC is a Fnac interface, which reads "
            "fnac-csv, guichet-csv, xlsx: import it into a Ticketnet interface") in err
    assert counts(allotted) == before


def test_the_fnac_title_gives_the_performance_and_is_checked_against_the_one_given(allotted, db_url, tmp_path,
                                                                                    capsys):
    path = tmp_path / "fnac.csv"
    write_fnac_csv(path, fnac_lines(allotted, 3), performance=("WALKYRIE", PERF_AT))
    # Another performance given: refused before any work.
    from app.services.seeding import seed_stadium

    seed_stadium(allotted, 100)
    from app.db.models import Performance

    with allotted.read() as s:
        other = s.scalars(select(Performance.id).where(Performance.starts_at != PERF_AT)).first()
    code, _, err = run(db_url, capsys, "--interface", FNAC, str(path), "--performance", str(other))
    assert code == 2 and "fnac.csv: refused, its title names WALKYRIE on 2014-12-07 20:00, not --performance" in err
    # No --performance: the title's is used (before: "the line names no performance" on every line).
    code, out, err = run(db_url, capsys, "--interface", FNAC, str(path))
    assert code == 0, out + err
    assert set(live_tickets(allotted, FNAC)) == {"F0", "F1", "F2"}
    code, out, _ = run(db_url, capsys, "--interface", FNAC, str(path), "--performance", WALKYRIE)
    assert code == 0 and "already_reintegrated=3" in out


def test_an_import_that_ran_and_failed_exits_1(allotted, db_url, tmp_path, capsys):
    path = tmp_path / "stx.csv"
    line = sale_line("U1", seats_of(allotted, "PAR", "G")[0], tariff="NOPE")  # unmapped tariff: found by the work
    write_guichet_csv(path, [line])
    code, out, _ = run(db_url, capsys, "--interface", STX, str(path))
    assert code == 1 and "[mapping]" in out


def test_a_file_refused_by_the_service_names_the_file_once(allotted, manager, tmp_path):
    from app.services.sync.reintegration import import_sales_file

    path = tmp_path / "x.csv"
    lines = fnac_lines(allotted, 2)
    write_fnac_csv(path, lines)
    path.write_bytes(path.read_bytes().replace(b"Total;", b"Total;").replace(
        path.read_bytes().splitlines()[-1], b"Total" + b";" * 23 + b"99,00"))
    r = import_sales_file(allotted, manager, FNAC, path, performance=WALKYRIE)
    assert r.status.value == "error" and "x.csv: refused" in r.first_error
    assert "x.csv: x.csv" not in r.first_error


def test_run_refuses_a_bad_batch_size_before_any_work(allotted, db_url, capsys):
    before = counts(allotted)
    code = cli(["run", "--database", db_url, "--operator", "manager", "--interface", FNAC,
                "--function", "reintegrate-sales", "--batch-size", "0"])
    err = capsys.readouterr().err
    assert code == 2 and "--batch-size 0: expected a positive number" in err  # before: an execution in error, exit 1
    assert counts(allotted) == before
    code, _, err = run(db_url, capsys, "--interface", STX, "x.csv", "--batch-size", "-1")
    assert code == 2 and "--batch-size -1" in err
