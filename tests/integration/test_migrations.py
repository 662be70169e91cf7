"""Migrations build the schema from empty on SQLite and PostgreSQL, and agree with the models."""


import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db.engine import open_database
from app.db.migrate import alembic_config, current_revision, head_revision, upgrade
from app.db.models import Base


def test_upgrade_from_empty_reaches_head_and_matches_the_models(db_url):
    db = open_database(db_url, upgrade=False)
    assert current_revision(db.engine) is None
    upgrade(db.engine)
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        opts = {"compare_type": True, "include_object": _compared(conn.dialect.name)}
        if conn.dialect.name == "postgresql":
            keys = _statement_keys()
            expected = {f"{t}_keys_{e}" for t in keys.KEYS for e in ("insert", "update")}
            assert _pg_triggers(conn) >= expected
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    db.dispose()


def _statement_keys():
    """Migration 0015's module: on PostgreSQL the foreign keys of the tables written in bulk are
    kept by statement-level triggers (one check per statement, not per row); the models keep them."""
    return ScriptDirectory.from_config(alembic_config()).get_revision("0015_pg_statement_keys").module


def _compared(dialect: str):
    kept_by_triggers = _statement_keys().constraint_names() if dialect == "postgresql" else set()

    def include(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "foreign_key_constraint" and name in kept_by_triggers)
    return include


def _pg_triggers(conn) -> set[str]:
    from sqlalchemy import text

    return set(conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars())


def test_revisions_form_one_line():
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1, f"several heads: {script.get_heads()}"


def test_start_keeps_a_copy_of_the_sqlite_file_before_migrating(tmp_path):
    revisions = [r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()]
    if len(revisions) < 2:
        pytest.skip("only one revision: nothing to migrate from yet")
    path = tmp_path / "old.sqlite"
    db = open_database(f"sqlite:///{path}", upgrade=False)
    upgrade(db.engine, revisions[-1])  # the oldest
    db.dispose()
    db = open_database(f"sqlite:///{path}")
    assert current_revision(db.engine) == head_revision()
    backups = list(tmp_path.glob("old.sqlite.*.bak"))
    assert len(backups) == 1
    db.dispose()


def test_an_unreachable_database_is_one_clear_error():
    from app.db.engine import DatabaseError

    with pytest.raises(DatabaseError, match="cannot open the database .*127.0.0.1:1"):
        open_database("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseError, match="invalid database URL"):
        open_database("not a url at all::")


def test_0016_keeps_the_schedules_and_lets_a_backup_schedule_have_no_interface(db_url):
    """An existing distributor schedule and its execution survive 0015 and 0016 (batch copy on SQLite)
    and get the backup's defaults; a backup schedule and its execution need no interface."""
    from sqlalchemy import text

    db = open_database(db_url, upgrade=False)
    upgrade(db.engine, "0014_mail_language")
    with db.engine.begin() as c:
        c.execute(text("INSERT INTO sales_channels (id, code, name_fr, name_en, name_es, kind, type, visible) "
                       "VALUES (1, 'FNAC', 'Fnac', 'Fnac', 'Fnac', 'external', 'distributor', true)"))
        c.execute(text("INSERT INTO distributor_interfaces (id, channel_id, name_fr, name_en, name_es, kind, url, "
                       "login, waiting_account, price_policy, visible, notify_emails, options, sales_cursor, "
                       "created_at) VALUES (1, 1, 'NTJ FNAC', '', '', 'fnac', '', '', false, 'take_ours', true, '', "
                       "'{}', '', '2026-01-01 00:00:00')"))
        c.execute(text("INSERT INTO schedules (id, interface_id, function, start_mode, name_fr, name_en, name_es, "
                       "rrule, file_path, enabled, window_start_time, window_end_time, claimed_by, "
                       "preflight_warning, error_count) VALUES (1, 1, 'export-allotments', 'automatic', 'nuit', '', "
                       "'', 'FREQ=DAILY', '', true, '', '', '', '', 0)"))
    upgrade(db.engine)
    assert current_revision(db.engine) == head_revision()
    with db.engine.begin() as c:
        assert c.execute(text("SELECT interface_id, function, backup_folder, keep_backups, notify_emails "
                              "FROM schedules")).one() == (1, "export-allotments", "", 7, "")
        c.execute(text("INSERT INTO schedules (id, interface_id, function, start_mode, name_fr, name_en, name_es, "
                       "rrule, file_path, enabled, window_start_time, window_end_time, claimed_by, "
                       "preflight_warning, error_count, backup_folder, keep_backups, notify_emails) VALUES (2, NULL, "
                       "'backup', 'automatic', '', '', '', 'FREQ=DAILY', '', true, '', '', '', '', 0, '/srv/b', 7, '')"))
        c.execute(text("INSERT INTO executions (id, interface_id, function, trigger, status, schedule_id, created_at, "
                       "counts, parameters, first_error) VALUES (1, NULL, 'backup', 'schedule', 'ok', 2, "
                       "'2026-01-01 03:00:00', '{}', '{}', '')"))
    db.dispose()
