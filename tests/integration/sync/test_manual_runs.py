"""Runs by hand (the client's run dialog and `guichet run` go through `run_by_hand`): one run
of an interface at a time across processes, cancellation between batches, and the Fnac
allocated/sold counts beside ours."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Execution
from app.domain.enums import SyncFunction
from app.services.sync import interface_claim
from app.services.sync.manual_runs import InterfaceBusy, allocated_sold_counts, run_by_hand
from app.services.sync.reintegration import reintegrate_sales
from app.services.sync.run_control import RunControl
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import interface_id, local_live, simulator_live, snapshot

FNAC = "NTJ FNAC"
ROOT = Path(__file__).resolve().parents[3]
EXPORTER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    os.environ["GUICHET_KEYRING"] = "memory"
    from app.db.engine import open_database
    from app.domain.actors import SYSTEM
    from app.services.secrets import set_password
    from app.services.sync.manual_runs import run_by_hand
    db = open_database({url!r})
    set_password(db, {iid}, "demo")
    for _ in range(3):
        r = run_by_hand(db, SYSTEM, {iid}, "export-allotments", performance={perf!r}, batch_size=4, wait=120)
        print(r.status.value, flush=True)
""")


def test_two_processes_exporting_one_interface_never_overlap(linked, db_url, sim):
    iid = interface_id(linked, FNAC)
    script = EXPORTER.format(root=str(ROOT), url=db_url, iid=iid, perf=WALKYRIE)
    env = {**os.environ, "GUICHET_KEYRING": "memory"}
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert out.split() == ["ok", "ok", "ok"], (out, err)
    with linked.read() as s:
        runs = s.execute(select(Execution.created_at, Execution.ended_at, Execution.parameters)
                         .where(Execution.interface_id == iid).order_by(Execution.created_at)).all()
    assert len(runs) == 6 and len({r.parameters["pid"] for r in runs}) == 2
    for a, b in zip(runs, runs[1:]):
        assert a.ended_at <= b.created_at, "two exports of one interface overlapped"
    assert len(sim.store.allotment("fnac-demo", "WALKYRIE-201412072000").seats) == 144


def test_a_second_run_of_a_busy_interface_says_who_runs_it(linked, manager, sim):
    iid = interface_id(linked, FNAC)
    run_by_hand(linked, manager, FNAC, SyncFunction.EXPORT_ALLOTMENTS, performance=WALKYRIE)
    with interface_claim.hold(linked, iid) as held:
        assert held
        # a run of another workstation is under way: its execution says which and since when
        from app.domain.enums import ExecutionStatus, Trigger
        from app.services.sync.executions import create_execution

        create_execution(linked, manager, iid, SyncFunction.EXPORT_ALLOTMENTS, Trigger.MANUAL,
                         status=ExecutionStatus.RUNNING, parameters={"host": "GUICHET-2", "pid": 1})
        with pytest.raises(InterfaceBusy, match=r"an export of NTJ FNAC is running \(workstation GUICHET-2, since \d\d:\d\d\)"):
            run_by_hand(linked, manager, FNAC, SyncFunction.REINTEGRATE_SALES)


def test_cancel_between_pages_keeps_what_committed_and_a_rerun_completes_once(linked, manager, sim):
    run_by_hand(linked, manager, FNAC, SyncFunction.EXPORT_ALLOTMENTS, performance=WALKYRIE)
    sim.sell("fnac-demo", 20, shuffle=True)
    seen = []
    control = RunControl(lambda p: (seen.append(p), control.cancel() if p.done == 2 else None))
    r = run_by_hand(linked, manager, FNAC, SyncFunction.REINTEGRATE_SALES, batch_size=4, control=control)
    assert r.status.value == "warning" and r.counts["cancelled"] is True
    assert r.counts["batches"] == 2 and r.counts["sales"] == 8
    assert [p.done for p in seen] == [1, 2] and seen[-1].lines == 8
    assert len(local_live(linked, FNAC)) == 8
    again = reintegrate_sales(linked, manager, FNAC, batch_size=4)
    assert again.counts["sales"] == 12 and again.counts.get("already_reintegrated", 0) == 0
    assert local_live(linked, FNAC) == simulator_live(sim, "fnac-demo")
    before = snapshot(linked)
    assert reintegrate_sales(linked, manager, FNAC).counts["sales"] == 0 and snapshot(linked) == before


def test_fnac_counts_show_a_sale_until_it_is_reintegrated(linked, manager, sim):
    run_by_hand(linked, manager, FNAC, SyncFunction.EXPORT_ALLOTMENTS, performance=WALKYRIE)
    first = allocated_sold_counts(linked, manager, FNAC)
    (row,) = [c for c in first.rows if c.label == WALKYRIE]
    assert (row.ours_allocated, row.theirs_allocated, row.ours_sold, row.theirs_sold) == (144, 144, 0, 0)
    assert row.action == "" and first.result.status.value in ("ok", "warning")
    sim.sell("fnac-demo", 3)
    (row,) = [c for c in allocated_sold_counts(linked, manager, FNAC).rows if c.label == WALKYRIE]
    assert row.theirs_sold == 3 and row.ours_sold == 0 and row.action == "reintegrate"
    reintegrate_sales(linked, manager, FNAC)
    (row,) = [c for c in allocated_sold_counts(linked, manager, FNAC, WALKYRIE).rows]
    assert row.theirs_sold == row.ours_sold == 3 and row.action == ""


def test_cli_runs_the_counts(linked, sim, capsys):
    from app.cli import main

    run_by_hand(linked, __import__("app.domain.actors", fromlist=["SYSTEM"]).SYSTEM, FNAC,
                SyncFunction.EXPORT_ALLOTMENTS, performance=WALKYRIE)
    code = main(["--database", str(linked.engine.url.render_as_string(hide_password=False)), "run",
                 "--interface", FNAC, "--function", "allocated-sold-counts", "--performance", WALKYRIE])
    out = capsys.readouterr().out
    assert code == 0 and WALKYRIE in out and "144/0" in out
