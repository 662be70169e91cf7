"""Exactly once between processes: two `guichet scheduler --once --at T` started together on
one database with 50 due schedules run each exactly once; a scheduler SIGKILLed mid-run and
restarted leaves no duplicate, marks the interrupted execution and completes its work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.db.models import Execution, Order, ReintegratedLine, Ticket
from app.domain.enums import ExecutionStatus, Trigger
from app.services.sync.export import export_allotments
from app.services.schedules.store import ScheduleInput, save_schedule
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import interface_id

ROOT = Path(__file__).resolve().parents[3]
INTERFACES = ("NTJ FNAC", "NTJ Ticketnet", "NTJ Digitick")

# `guichet` itself, with the passwords in this process's in-memory keyring (the headless
# server uses the encrypted file keyring; a test must not touch the machine's keyring).
LAUNCHER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    os.environ["GUICHET_KEYRING"] = "memory"
    from app.services.secrets import set_password
    for iid in {iids!r}:
        set_password({key!r}, iid, "demo")
    from app.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def launcher(tmp_path, db) -> Path:
    path = tmp_path / "guichet_launcher.py"
    from app.services.secrets import database_key

    path.write_text(LAUNCHER.format(root=str(ROOT), iids=[interface_id(db, n) for n in INTERFACES],
                                    key=database_key(db)))
    return path


def url_of(db) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_two_schedulers_started_together_run_each_of_50_due_schedules_exactly_once(linked, manager, tmp_path):
    ids = [save_schedule(linked, manager, ScheduleInput(INTERFACES[i % 3], "reintegrate-sales", "FREQ=HOURLY",
                                                        datetime(2026, 12, 1, 8, 0), name_fr=f"S{i}"))[0]
           for i in range(50)]
    script = launcher(tmp_path, linked)
    cmd = [sys.executable, str(script), "--database", url_of(linked), "--json", "scheduler", "--once",
           "--at", "2026-12-01T08:30"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e[-2000:] for _, e in outs]
    claimed = [[o["schedule_id"] for o in json.loads(out)] for out, _ in outs]
    assert sorted(claimed[0] + claimed[1]) == sorted(ids)  # between them, each once
    with linked.read() as s:
        per = dict(s.execute(select(Execution.schedule_id, func.count(Execution.id))
                             .group_by(Execution.schedule_id)).all())
        statuses = set(s.scalars(select(Execution.status)))
    assert per == {sid: 1 for sid in ids}
    assert statuses == {ExecutionStatus.OK}
    assert "schedule #" in outs[0][1] + outs[1][1]  # the log went to stderr


def test_a_scheduler_killed_mid_run_is_completed_once_by_the_next(linked, manager, sim, tmp_path):
    export_allotments(linked, manager, "NTJ FNAC", WALKYRIE)
    sold = sim.sell("fnac-demo", 120)
    sid, _ = save_schedule(linked, manager, ScheduleInput("NTJ FNAC", "reintegrate-sales", "FREQ=DAILY;BYHOUR=3;BYMINUTE=0",
                                                          datetime(2026, 12, 1, 3, 0), batch_size=1))
    iid = interface_id(linked, "NTJ FNAC")
    script = launcher(tmp_path, linked)
    cmd = [sys.executable, str(script), "--database", url_of(linked), "--json", "scheduler", "--once",
           "--at", "2026-12-01T03:00"]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    applied = 0
    while time.monotonic() < deadline and first.poll() is None:
        with linked.read() as s:
            applied = s.scalar(select(func.count(ReintegratedLine.id)).where(ReintegratedLine.interface_id == iid))
        if applied >= 10:
            break
        time.sleep(0.05)
    assert first.poll() is None, "the run ended before it could be killed"
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert 10 <= applied < len(sold)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    [outcome] = json.loads(again.stdout)
    assert outcome["recovery"] is True and outcome["status"] == "ok"
    with linked.read() as s:
        runs = s.execute(select(Execution.id, Execution.status, Execution.first_error, Execution.trigger)
                         .where(Execution.schedule_id == sid).order_by(Execution.id)).all()
        keys = s.scalar(select(func.count(ReintegratedLine.id)).where(ReintegratedLine.interface_id == iid))
        tickets = s.scalar(select(func.count(Ticket.id)).join(Order).where(Order.interface_id == iid))
        dup = s.execute(select(Ticket.external_ticket_id).join(Order).where(Order.interface_id == iid)
                        .group_by(Ticket.external_ticket_id).having(func.count(Ticket.id) > 1)).all()
    assert [r.status for r in runs] == [ExecutionStatus.ERROR, ExecutionStatus.OK]
    assert "interrupted" in runs[0].first_error and {r.trigger for r in runs} == {Trigger.SCHEDULE}
    assert keys == tickets == len(sold) and dup == []
    # The slot is spent: nothing more is due at that instant.
    third = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert third.returncode == 0 and json.loads(third.stdout) == []


def test_the_headless_scheduler_stops_cleanly_on_sigterm(demo_db, tmp_path):
    script = launcher(tmp_path, demo_db)
    proc = subprocess.Popen([sys.executable, str(script), "--database", url_of(demo_db), "scheduler", "--poll", "0.5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    err = ""
    while time.monotonic() < deadline:  # wait for its start line on stderr
        line = proc.stderr.readline()
        err += line
        if "started" in line or not line:
            break
    proc.send_signal(signal.SIGTERM)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 0, err + rest
    assert "stopping after the current batch" in rest and "stopped" in rest and "Traceback" not in rest


def test_bad_schedule_commands_exit_2_with_one_line(demo_db, capsys):
    from app.cli import main as cli

    url = url_of(demo_db)
    cases = [["schedules", "pause", "999"],
             ["schedules", "add", "--interface", "NTJ FNAC", "--function", "export-allotments", "--rrule",
              "FREQ=DAILY", "--first", "demain"],
             ["schedules", "add", "--interface", "NTJ FNAC", "--function", "export-allotments", "--rrule",
              "FREQ=DAILY;BYHOUR=25", "--first", "2026-12-01T03:00"],
             ["schedules", "add", "--interface", "NTJ FNAC", "--function", "export-allotments", "--rrule",
              "FREQ=DAILY", "--first", "2026-12-01T03:00", "--days-before", "2", "--start-hour", "8h"],
             ["scheduler", "--at", "2026-12-01T03:00"]]
    for argv in cases:
        capsys.readouterr()
        assert cli(["--database", url] + argv) == 2, argv
        err = capsys.readouterr().err.strip()
        assert err.startswith("guichet: ") and len(err.splitlines()) == 1, err
    assert cli(["--database", url, "schedules", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
