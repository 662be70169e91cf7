"""Exactly once under crashes (SIGKILL of a reintegration process right after it reports a
committed batch, then a rerun, in a loop, with held lines and resales in the feed), executions (queue, run pending, rerun, log to Excel) and the commands."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.cli import main as cli
from app.db.models import DistributorInterface, Execution, HeldLine, Order, ReintegratedLine, SeatHistory, Ticket
from app.domain.enums import ErrorClass, ExecutionStatus, SeatAction, Trigger
from app.services.sync.executions import execution_detail, export_log_xlsx, list_executions
from app.services.sync.runner import run_pending
from app.services.sync.executions_queue import queue_export
from app.services.sync.export import export_allotments
from app.services.lookup import find_performance
from app.services.sync.reintegration import reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import interface_id, local_live, simulator_live

FNAC = "NTJ FNAC"
ROOT = Path(__file__).resolve().parents[3]

RUNNER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    os.environ["GUICHET_KEYRING"] = "memory"
    from app.db.engine import open_database
    from app.domain.actors import SYSTEM
    from app.services.sync.reintegration import reintegrate_sales
    from app.services.secrets import set_password
    db = open_database({url!r})
    set_password(db, {iid}, "demo")  # this process's own in-memory keyring

    def echo(line):  # the process's own progress: one line as each batch commits
        if "committed up to cursor" in line.message:
            print("batch", line.message, flush=True)

    print("started", flush=True)
    r = reintegrate_sales(db, SYSTEM, {iid}, batch_size=2, echo=echo)
    print("finished", r.summary(), flush=True)
""")


def _invariants(db, iid: int) -> dict:
    """Nothing half-written: every key has its ticket, every order its tickets, every sale its
    history line, and the cursor counts exactly the feed lines applied or held."""
    with db.read() as s:
        cursor = s.scalar(select(DistributorInterface.sales_cursor).where(DistributorInterface.id == iid)) or "0"
        keys = s.scalar(select(func.count(ReintegratedLine.id)).where(ReintegratedLine.interface_id == iid))
        held = s.scalar(select(func.count(HeldLine.id)).where(HeldLine.interface_id == iid))
        held_twice = s.execute(select(HeldLine.external_ticket_id, HeldLine.action).where(HeldLine.interface_id == iid)
                               .group_by(HeldLine.external_ticket_id, HeldLine.action)
                               .having(func.count(HeldLine.id) > 1)).all()
        orphans = s.scalar(select(func.count(ReintegratedLine.id)).where(
            ReintegratedLine.interface_id == iid, ReintegratedLine.ticket_id.is_(None)))
        tickets = s.scalar(select(func.count(Ticket.id)).join(Order).where(Order.interface_id == iid))
        per_ext = s.execute(select(Ticket.external_ticket_id, func.count(Ticket.id)).join(Order)
                            .where(Order.interface_id == iid).group_by(Ticket.external_ticket_id)
                            .having(func.count(Ticket.id) > 1)).all()
        empty_orders = s.scalar(select(func.count(Order.id)).where(
            Order.interface_id == iid, ~select(Ticket.id).where(Ticket.order_id == Order.id).exists()))
        sells = s.scalar(select(func.count(SeatHistory.id)).where(SeatHistory.action == SeatAction.SELL,
                                                                  SeatHistory.reference.like(f"R{iid}-%")))
    # one key or one held line per feed line (sales and cancellations) up to the cursor
    assert keys + held == int(cursor), (keys, held, cursor)
    assert orphans == 0 and per_ext == [] and empty_orders == 0 and held_twice == []
    assert sells == tickets
    return {"cursor": int(cursor), "tickets": tickets, "held": held}


def test_sigkill_mid_run_then_rerun_gives_every_ticket_exactly_once(linked, manager, sim, db_url):
    """Each round kills the process right after it reports a committed batch, so the kill
    lands mid-run (batches written, work left); the feed has held lines and resales."""
    export_allotments(linked, manager, FNAC, WALKYRIE)
    iid = interface_id(linked, FNAC)
    sold = sim.sell("fnac-demo", 40, shuffle=True)
    for t in sold[::9]:
        sim.cancel("fnac-demo", t)
    script = RUNNER.format(root=str(ROOT), url=db_url, iid=iid)
    rng = random.Random(20261127)
    progress, mid_run, held_sales = [], 0, set()
    for round_ in range(6):
        # the distributor keeps selling between crashes: sales, a line we must hold (and its
        # refund, held with it), a refund whose seat it sells again at once
        first = sim.sell("fnac-demo", 6)
        (bad,) = sim.sell("fnac-demo", 1, fault="price_mismatch")
        held_sales.add(bad)
        if round_ % 2:
            sim.cancel("fnac-demo", bad)
        sim.cancel("fnac-demo", first[0])
        sim.sell("fnac-demo", 1)  # the first free seat: the one just refunded
        sim.sell("fnac-demo", 5)
        feed = len(sim.store.feed["fnac-demo"])
        before = _invariants(linked, iid)["cursor"]
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "GUICHET_KEYRING": "memory"}, text=True)
        assert proc.stdout.readline().strip() == "started", proc.stderr.read()
        wait_for = rng.randint(1, 3)  # batches committed before the kill
        seen, finished = 0, False
        while seen < wait_for:
            out = proc.stdout.readline()
            if not out or out.startswith("finished"):
                finished = True
                break
            seen += out.startswith("batch")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
        after = _invariants(linked, iid)["cursor"]
        progress.append(after)
        mid_run += (not finished) and before < after < feed
    assert mid_run >= 4, (progress, mid_run)  # the kills landed mid-run, not by luck
    final = reintegrate_sales(linked, manager, FNAC, batch_size=3)
    assert final.status.value in ("ok", "held"), final.summary()
    state = _invariants(linked, iid)
    assert state["cursor"] == feed
    with linked.read() as s:
        held = {(e, a) for e, a in s.execute(select(HeldLine.external_ticket_id, HeldLine.action)
                                             .where(HeldLine.interface_id == iid))}
    assert {e for e, a in held if a == "sale"} == held_sales  # each bad line held once, nothing else
    assert {e for e, a in held if a == "cancel"} == {e for e in held_sales
                                                     if sim.store.tickets["fnac-demo"][e].get("cancelled")}
    expected = {t: v for t, v in simulator_live(sim, "fnac-demo").items() if t not in held_sales}
    assert local_live(linked, FNAC) == expected
    print("cursor after each kill:", progress, "feed:", feed, "killed mid-run:", mid_run)
    assert progress == sorted(progress)  # the cursor only moves forward
    # the killed runs do not stay "running" forever
    with linked.read() as s:
        running = s.scalar(select(func.count(Execution.id)).where(Execution.status == ExecutionStatus.RUNNING))
    assert running == 0


def test_seat_plan_queue_then_run_pending_and_rerun_never_duplicates(linked, manager, sim, tmp_path):
    iid = interface_id(linked, FNAC)
    with linked.read() as s:
        perf = find_performance(s, WALKYRIE).id
    first = queue_export(linked, manager, iid, perf, None, Trigger.SEAT_PLAN)
    second = queue_export(linked, manager, iid, perf, None, Trigger.SEAT_PLAN)
    results = run_pending(linked, manager)
    assert [r.execution_id for r in results] == [second] and results[0].status.value == "ok"
    info = {e.id: e for e in list_executions(linked, interface=FNAC)}
    assert info[first].status is ExecutionStatus.OK and info[first].counts["covered_by"] == second
    assert info[second].trigger is Trigger.SEAT_PLAN
    assert len(sim.store.allotment("fnac-demo", "WALKYRIE-201412072000").seats) == 144
    sim.sell("fnac-demo", 7)
    r = reintegrate_sales(linked, manager, FNAC)
    from app.services.sync.runner import rerun_execution

    again = rerun_execution(linked, manager, r.execution_id)
    assert again.status.value == "ok" and again.counts["sales"] == 0
    with linked.read() as s:
        assert s.get(Execution, again.execution_id).rerun_of_id == r.execution_id
        assert s.scalar(select(func.count(Ticket.id))) == 7


def test_a_batchs_account_is_written_with_it_and_said_once_when_its_commit_is_refused(linked, manager, sim,
                                                                                      monkeypatch):
    """Each page's account ("… committed up to cursor") is written in the page's own transaction:
    when that commit is refused (a concurrent writer), the page is planned again and the log
    and counts tell it once — nothing of the refused attempt stays."""
    from sqlalchemy import event
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm import Session

    from app.services.sync.reintegration import write

    export_allotments(linked, manager, FNAC, WALKYRIE)
    sold = sim.sell("fnac-demo", 6)
    armed, refused = [], []
    monkeypatch.setattr(write, "between_check_and_write", lambda plan: armed.append(plan.lines))

    def refuse_second_page_once(session):  # the commit of page 2's first attempt
        if len(armed) == 2 and not refused:
            refused.append(True)
            raise IntegrityError("COMMIT", None, Exception("a concurrent writer took a key first"))

    event.listen(Session, "before_commit", refuse_second_page_once)
    try:
        r = reintegrate_sales(linked, manager, FNAC, batch_size=2)
    finally:
        event.remove(Session, "before_commit", refuse_second_page_once)
    assert refused and armed == [2, 2, 2, 2]  # page 2 was planned twice
    assert r.status is ExecutionStatus.OK, r.summary()
    assert (r.counts["batches"], r.counts["lines"], r.counts["sales"]) == (3, 6, 6)
    info, logs = execution_detail(linked, r.execution_id)
    committed = [l.message for l in logs if "committed up to cursor" in l.message]
    assert len(committed) == 3 and all(m.startswith("2 line(s): 2 sale(s)") for m in committed), committed
    assert info.counts["sales"] == 6 and sorted(local_live(linked, FNAC)) == sorted(sold)


def test_execution_log_classes_first_error_and_excel_export(linked, manager, sim, tmp_path):
    from openpyxl import load_workbook

    export_allotments(linked, manager, FNAC, WALKYRIE)
    sim.sell("fnac-demo", 2)
    sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")
    sim.sell("fnac-demo", 1, fault="price_mismatch")
    r = reintegrate_sales(linked, manager, FNAC)
    info, logs = execution_detail(linked, r.execution_id)
    assert info.status is ExecutionStatus.HELD and info.first_error_class is ErrorClass.MAPPING
    classes = [l.error_class for l in logs if l.error_class is not None]  # the held lines, in feed order
    assert classes == [ErrorClass.MAPPING, ErrorClass.EXTERNAL]
    assert [l.first for l in logs].count(True) == 1
    path = export_log_xlsx(linked, r.execution_id, tmp_path / "log.xlsx")
    wb = load_workbook(path)
    summary = {row[0].value: row[1].value for row in wb["Execution"].iter_rows()}
    assert summary["Status"] == "Done with held lines" and summary["First error class"] == "Mapping"
    rows = list(wb["Log"].iter_rows(values_only=True))
    assert rows[0] == ("At", "Level", "Class", "Where", "Message")
    assert [r_[2] for r_ in rows[1:] if r_[2]] == ["mapping", "external"]
    # The one table writer: typed cells, styled frozen header, the first error highlighted.
    log_ws = wb["Log"]
    assert log_ws.freeze_panes == "A2" and log_ws["A1"].font.bold and log_ws["A1"].fill.fgColor.rgb.endswith("1F4E79")
    assert all(isinstance(r_[0], datetime) for r_ in rows[1:])  # "At" is a date cell, not text
    assert log_ws["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert isinstance(summary["Created"], datetime) and isinstance(summary["Execution"], int)
    marked = [i for i, row in enumerate(log_ws.iter_rows(min_row=2), start=2) if row[0].fill.fgColor.rgb.endswith("FFC7CE")]
    first = [i for i, l in enumerate(logs, start=2) if l.first]
    assert marked == first and log_ws.cell(first[0], 5).font.bold
    assert log_ws.column_dimensions["E"].width == 100


def test_commands_run_import_executions_and_show(linked, manager, sim, tmp_path, db_url, capsys):
    from app.adapters.files import write_guichet_csv
    from tests.integration.sync.conftest import sale_line, seats_of

    base = ["--database", db_url, "--operator", "manager"]
    assert cli(["run", *base, "--interface", FNAC, "--function", "export-allotments",
                "--performance", WALKYRIE, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out and "would_add=144" in out
    assert cli(["run", *base, "--interface", str(interface_id(linked, FNAC)), "--function", "export-allotments"]) == 0
    sim.sell("fnac-demo", 3)
    sim.sell("fnac-demo", 1, fault="outside_allotment")
    assert cli(["run", *base, "--interface", FNAC, "--function", "reintegrate-sales"]) == 1
    out = capsys.readouterr().out
    assert "first error [external]" in out and "does not exist in the hall" in out  # a seat it was never given
    path = tmp_path / "stx.csv"
    write_guichet_csv(path, [sale_line("CLI1", seats_of(linked, "PAR", "G")[0])])
    assert cli(["import-sales", *base, "--interface", "NTJ Secutix File", str(path), "--dry-run"]) == 0
    assert "would_sell=1" in capsys.readouterr().out
    assert cli(["import-sales", *base, "--interface", "NTJ Secutix File", str(path), "--format", "guichet-csv"]) == 0
    assert cli(["import-sales", *base, "--interface", "NTJ Secutix File", str(path)]) == 0
    assert "already_reintegrated=1" in capsys.readouterr().out
    assert cli(["executions", *base, "--interface", FNAC, "--status", "held"]) == 0
    out = capsys.readouterr().out
    assert "Reintegrate sales" in out and "[External]" in out and "reintegrate-sales" not in out  # words, not codes
    eid = int(out.splitlines()[1].split()[0])
    xlsx = tmp_path / "exec.xlsx"
    assert cli(["execution", "show", *base, str(eid), "--export", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "FIRST ERROR [External]" in out and ">>" in out and xlsx.exists()
    assert cli(["run", *base, "--interface", "nope", "--function", "reintegrate-sales"]) == 2
    assert "no distributor interface named 'nope'" in capsys.readouterr().err
    assert cli(["import-sales", *base, "--interface", FNAC, str(tmp_path / "missing.csv")]) == 2
