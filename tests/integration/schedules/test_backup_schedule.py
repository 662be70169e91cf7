"""The scheduled daily backup (issue 17): the scheduler writes a verified copy of the whole
database into the schedule's folder, restorable with its journal chain, keeps the newest N
of its own files and nothing else is touched; a missing folder is a Configuration error that
is e-mailed through a real SMTP server; on PostgreSQL the same with pg_dump."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from app.db.engine import open_database
from app.db.models import Execution, ExecutionLog
from app.domain.actors import SYSTEM
from app.domain.enums import ErrorClass, ExecutionStatus, SyncFunction, Trigger
from app.services import journal
from app.services.inventory.selling import sell
from app.services.journal.backup import restore
from app.services.schedules import rules
from app.services.schedules.scheduler import Scheduler
from app.services.schedules.store import ScheduleInput, list_schedules, save_schedule
from app.services.sync.executions import execution_detail
from app.services.sync.notifications import configure_mail
from tests.conftest import WALKYRIE, drop_pg_url, make_pg_url
from tests.integration.journal.test_journal import ROW
from tests.integration.mail.conftest import certificates, no_smtp_password, smtp_server  # noqa: F401

PARIS = rules.zone("Europe/Paris")
FIRST = datetime(2026, 12, 1, 3, 0)


def at(day: int) -> datetime:
    """03:00 in Paris on the day-th day after the first run, as the scheduler's UTC clock."""
    return rules.to_utc(FIRST + timedelta(days=day), PARIS)


def backup_schedule(db, folder, keep=None, notify="") -> int:
    sid, warning = save_schedule(db, SYSTEM, ScheduleInput(None, "backup", "FREQ=DAILY;BYHOUR=3;BYMINUTE=0", FIRST,
                                                          name_fr="Sauvegarde", folder=str(folder),
                                                          keep_backups=keep, notify_emails=notify))
    assert warning == ""
    return sid


def test_due_backups_are_verified_restorable_and_the_newest_n_are_kept(demo_db, cashier, db_url, tmp_path):
    sqlite = db_url.startswith("sqlite")
    if not sqlite and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not on PATH")
    sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    folder = tmp_path / "backups"
    folder.mkdir()
    foreign = ["notes.txt", "guichet.sqlite", "guichet-20200101-000000.sqlite.part", "old-20200101-000000.dump",
               "guichet-20200101-000000.txt"]
    for name in foreign:
        (folder / name).write_text("not a backup of this schedule")
    sid = backup_schedule(demo_db, folder, keep=2)
    row = next(r for r in list_schedules(demo_db) if r.id == sid)
    assert (row.function, row.interface_id, row.keep_backups) == (SyncFunction.BACKUP, None, 2)
    assert row.backup_folder == str(folder.resolve())

    sched = Scheduler(demo_db, SYSTEM)
    outcomes = [o for day in range(3) for o in sched.run_due(at(day))]
    assert [o.status for o in outcomes] == [ExecutionStatus.OK] * 3, [o.reason for o in outcomes]
    ext = ".sqlite" if sqlite else ".dump"
    kept = sorted(p.name for p in folder.iterdir() if p.name not in foreign)
    assert kept == [f"guichet-20261202-030000{ext}", f"guichet-20261203-030000{ext}"]  # the venue's wall clock
    assert sorted(p.name for p in folder.iterdir() if p.name in foreign) == sorted(foreign)  # untouched

    info, log = execution_detail(demo_db, outcomes[-1].execution_id)
    assert (info.function, info.trigger, info.schedule_id, info.interface_id) == (
        SyncFunction.BACKUP, Trigger.SCHEDULE, sid, None)
    assert info.counts["file"] == str(folder.resolve() / kept[-1]) and info.counts["backups_removed"] == 1
    assert any("written and verified" in e.message for e in log)
    assert any(f"older backup removed: guichet-20261201-030000{ext}" == e.message for e in log)

    target = f"sqlite:///{tmp_path / 'restored.sqlite'}" if sqlite else make_pg_url()
    try:
        restore(target, folder / kept[-1])
        restored = open_database(target)
        try:
            assert journal.verify(restored).ok
            counts = []
            for d in (demo_db, restored):
                with d.read() as s:
                    counts.append([s.scalar(text(f"SELECT count(*) FROM {t}"))
                                   for t in ("journal_operations", "tickets", "orders")])
            assert counts[0] == counts[1] and counts[0][0] > 0
        finally:
            restored.dispose()
    finally:
        if not sqlite:
            drop_pg_url(target)


@pytest.fixture
def lone_db(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'guichet.sqlite'}")
    yield db
    db.dispose()


def test_a_missing_folder_is_a_configuration_error_mailed_to_the_schedule_recipients(lone_db, tmp_path,
                                                                                      smtp_server):
    server = smtp_server()
    configure_mail(lone_db, SYSTEM, host="127.0.0.1", port=server.port, security="none",
                   sender="guichet@theatre.example.org", enabled=True, language="en")
    folder = tmp_path / "usb-disk"
    folder.mkdir()
    sid = backup_schedule(lone_db, folder, notify="regie@theatre.example.org, direction@theatre.example.org")
    folder.rmdir()  # the disk is not plugged in when the backup comes due
    [o] = Scheduler(lone_db, SYSTEM).run_due(at(0))
    assert o.status is ExecutionStatus.ERROR and "does not exist" in o.reason
    with lone_db.read() as s:
        ex = s.get(Execution, o.execution_id)
        assert (ex.first_error_class, ex.schedule_id, ex.interface_id) == (ErrorClass.CONFIGURATION, sid, None)
        lines = [l.message for l in s.scalars(select(ExecutionLog).where(ExecutionLog.execution_id == ex.id))]
    assert "notified regie@theatre.example.org, direction@theatre.example.org" in lines
    [mail] = server.received
    assert sorted(mail.rcpt_tos) == ["direction@theatre.example.org", "regie@theatre.example.org"]
    assert mail.message["Subject"] == f"[Guichet] Database backup in error (#{o.execution_id})"
    assert f"backup folder {folder} does not exist" in mail.body
    assert "check the backup folder of the schedule" in mail.body
    assert not tmp_path.joinpath("usb-disk").exists()  # nothing created in its place


def test_without_recipients_nothing_is_mailed_and_the_log_says_why(lone_db, tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    backup_schedule(lone_db, folder)
    folder.rmdir()
    [o] = Scheduler(lone_db, SYSTEM).run_due(at(0))
    _info, log = execution_detail(lone_db, o.execution_id)
    assert any("the backup schedule has no recipients" in e.message for e in log)


def test_a_backup_does_not_hold_up_the_loop_and_its_outcome_comes_with_its_execution(lone_db, tmp_path):
    """In the loop (wait=False) the backup runs beside the other schedules; it ends verified."""
    folder = tmp_path / "b"
    folder.mkdir()
    sid = backup_schedule(lone_db, folder)
    sched = Scheduler(lone_db, SYSTEM)
    [o] = sched.run_due(at(0), wait=False)
    assert (o.schedule_id, o.status) == (sid, ExecutionStatus.RUNNING)
    sched.wait_backups(60)
    with lone_db.read() as s:
        assert s.scalar(select(Execution.status).where(Execution.schedule_id == sid)) is ExecutionStatus.OK
    assert [p.name for p in folder.iterdir()] == ["guichet-20261201-030000.sqlite"]


def test_a_backup_execution_is_listed_without_interface_and_rerun_as_a_new_copy(lone_db, tmp_path):
    from app.services.sync.executions import list_executions
    from app.services.sync.runner import rerun_execution

    folder = tmp_path / "b"
    folder.mkdir()
    backup_schedule(lone_db, folder, keep=5)
    [o] = Scheduler(lone_db, SYSTEM).run_due(at(0))
    [info] = list_executions(lone_db)
    assert (info.interface, info.interface_id, info.function) == ("—", None, SyncFunction.BACKUP)
    again = rerun_execution(lone_db, SYSTEM, o.execution_id)
    assert again.status is ExecutionStatus.OK and again.execution_id != o.execution_id
    assert len(list(folder.iterdir())) == 2  # the rerun is named after the time it ran
