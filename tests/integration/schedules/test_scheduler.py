"""The scheduler against the simulator over real HTTP: an injectable clock replays days of
schedules (DST weekends, windows), paused schedules never run, missed runs coalesce, a
still-running schedule's next slot is skipped, a dead claimer's run is taken over."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta

from sqlalchemy import select, update

from app.cli import main as cli
from app.db.models import Execution, Schedule, utcnow
from app.domain.enums import ExecutionStatus, Trigger
from app.services.sync.export import export_allotments
from app.services.schedules import rules
from app.services.schedules.scheduler import NO_PERFORMANCE, STILL_RUNNING, Scheduler
from app.services.schedules.store import ScheduleInput, list_schedules, save_schedule, set_enabled
from tests.conftest import WALKYRIE

FNAC, TKN = "NTJ FNAC", "NTJ Ticketnet"
PARIS = rules.zone("Europe/Paris")


def add(db, manager, rule, first, interface=FNAC, function="reintegrate-sales", **kw) -> int:
    sid, _ = save_schedule(db, manager, ScheduleInput(interface, function, rule, first, **kw))
    return sid


def replay(sched: Scheduler, start_local: datetime, end_local: datetime, step_minutes: int = 15) -> list:
    t, end, out = rules.to_utc(start_local, PARIS), rules.to_utc(end_local, PARIS), []
    while t < end:
        out += sched.run_due(t)
        t += timedelta(minutes=step_minutes)
    return out


def local_runs(outcomes, sid) -> list[str]:
    return [f"{rules.to_local(o.at, PARIS):%m-%d %H:%M}" for o in outcomes if o.schedule_id == sid]


def test_replayed_dst_weekends_give_exactly_the_expected_runs(linked, manager):
    s_0230 = add(linked, manager, "FREQ=DAILY;BYHOUR=2;BYMINUTE=30", datetime(2026, 3, 28, 2, 30))
    s_0330 = add(linked, manager, "FREQ=DAILY;BYHOUR=3;BYMINUTE=30", datetime(2026, 10, 24, 3, 30), interface=TKN)
    s_hourly = add(linked, manager, "FREQ=HOURLY", datetime(2026, 10, 24, 0, 0), interface=TKN)
    sched = Scheduler(linked, manager)
    spring = replay(sched, datetime(2026, 3, 27, 22, 0), datetime(2026, 3, 30, 6, 0))
    assert local_runs(spring, s_0230) == ["03-28 02:30", "03-29 03:00", "03-30 02:30"]
    assert not local_runs(spring, s_0330) and not local_runs(spring, s_hourly)
    autumn = replay(sched, datetime(2026, 10, 24, 0, 0), datetime(2026, 10, 26, 0, 0))
    # 00:00: the slots missed since March, coalesced into one run; then the repeated hour runs once
    assert local_runs(autumn, s_0230) == ["10-24 00:00", "10-24 02:30", "10-25 02:30"]
    assert local_runs(autumn, s_0330) == ["10-24 03:30", "10-25 03:30"]
    hourly = [o.at for o in autumn if o.schedule_id == s_hourly]
    assert len(hourly) == 49 and all(b - a == timedelta(hours=1) for a, b in zip(hourly, hourly[1:]))
    assert all(o.status is ExecutionStatus.OK for o in spring + autumn), {o.status for o in spring + autumn}
    with linked.read() as s:
        rows = s.execute(select(Execution.schedule_id, Execution.trigger)).all()
    assert len(rows) == len(spring) + len(autumn) and {t for _, t in rows} == {Trigger.SCHEDULE}


def test_windows_decide_which_performances_a_run_covers_and_empty_ones_are_skipped(linked, manager, sim):
    sid = add(linked, manager, "FREQ=DAILY;BYHOUR=10;BYMINUTE=0", datetime(2014, 12, 5, 10, 0),
              function="export-allotments", window_start_days_before=1, window_start_time="12:00",
              window_end_days_after=0, window_end_time="21:00")
    out = replay(Scheduler(linked, manager), datetime(2014, 12, 5, 0, 0), datetime(2014, 12, 9, 0, 0), 30)
    assert local_runs(out, sid) == ["12-05 10:00", "12-06 10:00", "12-07 10:00", "12-08 10:00"]
    # 12-06 10:00 is before the window opens (12-06 12:00), 12-08 after it closes (12-07 21:00)
    assert [o.status for o in out] == [ExecutionStatus.SKIPPED, ExecutionStatus.SKIPPED, ExecutionStatus.OK,
                                       ExecutionStatus.SKIPPED]
    assert [o.reason for o in out if o.status is ExecutionStatus.SKIPPED] == [NO_PERFORMANCE] * 3
    assert len(out[2].performances) == 1
    row = list_schedules(linked)[0]
    assert row.last_status is ExecutionStatus.SKIPPED  # what the overview shows, visibly


def test_paused_schedule_never_runs_and_missed_runs_coalesce(linked, manager):
    paused = add(linked, manager, "FREQ=MINUTELY;INTERVAL=15", datetime(2026, 12, 1, 0, 0))
    missed = add(linked, manager, "FREQ=MINUTELY;INTERVAL=15", datetime(2026, 12, 1, 0, 0), interface=TKN)
    set_enabled(linked, manager, paused, False)
    sched = Scheduler(linked, manager)
    # Everything was off for a day: 96 slots missed; the first look runs it once.
    at = rules.to_utc(datetime(2026, 12, 2, 0, 7), PARIS)
    out = sched.run_due(at)
    assert [(o.schedule_id, o.status) for o in out] == [(missed, ExecutionStatus.OK)]
    assert sched.run_due(at + timedelta(minutes=5)) == []
    with linked.read() as s:
        nxt = s.scalar(select(Schedule.next_run_at).where(Schedule.id == missed))
    assert rules.to_local(nxt, PARIS) == datetime(2026, 12, 2, 0, 15)  # computed from now
    assert replay(sched, datetime(2026, 12, 2, 0, 10), datetime(2026, 12, 2, 2, 0))  # the other one goes on
    with linked.read() as s:
        assert s.scalar(select(Execution.id).where(Execution.schedule_id == paused)) is None


def test_a_slot_due_while_the_previous_run_goes_on_is_recorded_skipped(linked, manager):
    sid = add(linked, manager, "FREQ=HOURLY", datetime(2026, 12, 1, 0, 0))
    live_owner = f"{socket.gethostname()}:{__import__('os').getpid()}:otherrun"  # this (live) process
    with linked.write() as s:
        s.execute(update(Schedule).where(Schedule.id == sid).values(
            claimed_by=live_owner, claim_expires_at=utcnow() + timedelta(minutes=5)))
    out = Scheduler(linked, manager).run_due(rules.to_utc(datetime(2026, 12, 1, 0, 0), PARIS))
    assert [(o.status, o.reason) for o in out] == [(ExecutionStatus.SKIPPED, STILL_RUNNING)]
    with linked.read() as s:
        assert s.scalar(select(Schedule.claimed_by).where(Schedule.id == sid)) == live_owner  # untouched


def test_a_dead_claimer_on_another_host_is_taken_over_once_its_lease_ran_out(linked, manager):
    sid = add(linked, manager, "FREQ=DAILY;BYHOUR=3;BYMINUTE=0", datetime(2026, 12, 1, 3, 0))
    dead = "otherhost:4242:deadbeef"
    with linked.write() as s:
        s.execute(update(Schedule).where(Schedule.id == sid).values(
            claimed_by=dead, claim_expires_at=utcnow() - timedelta(seconds=1),
            next_run_at=rules.to_utc(datetime(2026, 12, 2, 3, 0), PARIS)))
        iid = s.scalar(select(Schedule.interface_id).where(Schedule.id == sid))
        s.add(Execution(interface_id=iid, function="reintegrate-sales", trigger=Trigger.SCHEDULE,
                        status=ExecutionStatus.RUNNING, schedule_id=sid, counts={},
                        parameters={"claimed_by": dead, "host": "otherhost", "pid": 4242}))
    out = Scheduler(linked, manager).run_due(rules.to_utc(datetime(2026, 12, 1, 12, 0), PARIS))
    assert [(o.schedule_id, o.status, o.recovery) for o in out] == [(sid, ExecutionStatus.OK, True)]
    with linked.read() as s:
        rows = s.execute(select(Execution.status, Execution.first_error).where(Execution.schedule_id == sid)
                         .order_by(Execution.id)).all()
        sc = s.get(Schedule, sid)
    assert rows[0].status is ExecutionStatus.ERROR and rows[0].first_error.startswith("interrupted")
    assert rows[1].status is ExecutionStatus.OK and len(rows) == 2
    assert sc.claimed_by == "" and rules.to_local(sc.next_run_at, PARIS) == datetime(2026, 12, 2, 3, 0)


def test_run_now_and_executions_json_give_trigger_and_schedule(linked, manager, capsys):
    import json

    export_allotments(linked, manager, FNAC, WALKYRIE)
    sid = add(linked, manager, "FREQ=DAILY;BYHOUR=3;BYMINUTE=0", datetime(2026, 12, 1, 3, 0), start_mode="manual")
    o = Scheduler(linked, manager).run_now(sid)
    assert o.status is ExecutionStatus.OK
    assert Scheduler(linked, manager).run_due(rules.to_utc(datetime(2026, 12, 5), PARIS)) == []  # manual mode
    url = linked.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert cli(["--database", url, "executions", "--json", "--schedule", str(sid)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["trigger"], r["schedule_id"]) for r in rows] == [(o.execution_id, "manual", sid)]


def test_a_dead_claim_of_a_paused_schedule_is_closed_without_running_it(linked, manager):
    sid = add(linked, manager, "FREQ=DAILY;BYHOUR=3;BYMINUTE=0", datetime(2026, 12, 1, 3, 0))
    set_enabled(linked, manager, sid, False)
    dead = "otherhost:4242:deadbeef"
    with linked.write() as s:
        s.execute(update(Schedule).where(Schedule.id == sid).values(
            claimed_by=dead, claim_expires_at=utcnow() - timedelta(seconds=1)))
        iid = s.scalar(select(Schedule.interface_id).where(Schedule.id == sid))
        s.add(Execution(interface_id=iid, function="reintegrate-sales", trigger=Trigger.SCHEDULE,
                        status=ExecutionStatus.RUNNING, schedule_id=sid, counts={},
                        parameters={"claimed_by": dead}))
    assert Scheduler(linked, manager).run_due(rules.to_utc(datetime(2026, 12, 1, 12, 0), PARIS)) == []
    with linked.read() as s:
        rows = s.execute(select(Execution.status, Execution.first_error).where(Execution.schedule_id == sid)).all()
        assert s.scalar(select(Schedule.claimed_by).where(Schedule.id == sid)) == ""
    assert [(st, fe.startswith("interrupted")) for st, fe in rows] == [(ExecutionStatus.ERROR, True)]


def test_a_skipped_run_reads_in_the_reader_s_language_in_the_listing_and_its_detail(linked, manager, capsys):
    """The scheduler runs in English and keeps the skip reason's msgid beside its English text:
    `guichet --lang fr executions` and `execution show`, and the client's detail (execution_detail
    in French), say why in French, with the function, trigger and status as words, not codes."""
    from app import i18n
    from app.services.sync.executions import execution_detail

    sid = add(linked, manager, "FREQ=DAILY;BYHOUR=10;BYMINUTE=0", datetime(2014, 12, 5, 10, 0),
              function="export-allotments", window_start_days_before=1, window_start_time="12:00",
              window_end_days_after=0, window_end_time="21:00")
    [o] = Scheduler(linked, manager).run_due(rules.to_utc(datetime(2014, 12, 5, 10, 0), PARIS))
    assert o.status is ExecutionStatus.SKIPPED
    with linked.read() as s:  # stored in English, as before (the API of --json and the database)
        assert s.get(Execution, o.execution_id).counts == {"skipped": "no performance in the window"}
    url = linked.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    try:
        assert cli(["--lang", "fr", "--database", url, "executions", "--schedule", str(sid)]) == 0
        out = capsys.readouterr().out
        assert "Export des allotements" in out and "Programmation" in out and "Sautée" in out
        assert "aucune séance dans la fenêtre" in out
        for code in ("export-allotments", "schedule ", "skipped", "no performance"):
            assert code not in out
        assert cli(["--lang", "fr", "--database", url, "execution", "show", str(o.execution_id)]) == 0
        out = capsys.readouterr().out
        assert "statut : Sautée" in out and "sautée : aucune séance dans la fenêtre" in out
        assert "skipped" not in out and "no performance" not in out

        i18n.set_language("fr")  # the client's language
        info, _logs = execution_detail(linked, o.execution_id)
        assert info.counts == {"skipped": "aucune séance dans la fenêtre"}
    finally:
        i18n.set_language("en")
    info, _logs = execution_detail(linked, o.execution_id)
    assert info.counts == {"skipped": "no performance in the window"}
    assert cli(["--database", url, "executions", "--schedule", str(sid)]) == 0
    out = capsys.readouterr().out
    assert "Export allotments" in out and "Schedule" in out and "Skipped" in out and "no performance in the window" in out
