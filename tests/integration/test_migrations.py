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
            assert _pg_triggers(conn) >= {"performance_seats_contingent_ins", "performance_seats_contingent_upd",
                                          "contingents_keep_seats"}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    db.dispose()


# On PostgreSQL the foreign key of performance_seats.contingent_id is kept by statement-level
# triggers (migration 0015: one check per statement, not per row); the model keeps the key.
PG_TRIGGER_KEPT_FK = "fk_performance_seats_contingent_id_contingents"


def _compared(dialect: str):
    def include(obj, name, type_, reflected, compare_to) -> bool:
        return not (dialect == "postgresql" and type_ == "foreign_key_constraint" and name == PG_TRIGGER_KEPT_FK)
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
