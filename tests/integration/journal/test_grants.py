"""scripts/journal_grants.sql: on PostgreSQL the application's role may sell (append to the
journal) but has no right to change or remove a journal row."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.db.engine import open_database
from app.services import journal
from app.services.inventory.selling import sell
from app.services.operators import find_actor
from tests.conftest import WALKYRIE
from tests.integration.journal.test_journal import ROW

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "journal_grants.sql"


def test_the_application_role_appends_but_cannot_change_the_journal(demo_db, db_url):
    if not db_url.startswith("postgresql") or shutil.which("psql") is None:
        pytest.skip("PostgreSQL with psql only")
    u = make_url(db_url)
    role = f"guichet_app_{uuid.uuid4().hex[:8]}"
    conn = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres", "-d", u.database]
    done = subprocess.run(["psql", *conn, "-v", f"app_role={role}", "-f", str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    app_db = open_database(u.set(username=role, password=None).render_as_string(hide_password=False), upgrade=False)
    try:
        sell(app_db, find_actor(app_db, "caisse"), WALKYRIE, ROW, payment="CARD")
        assert journal.verify(app_db).ok
        with demo_db.write() as s:  # the triggers would refuse too: the role is refused before them
            s.execute(text("ALTER TABLE journal_operations DISABLE TRIGGER USER"))
        for sql in ("UPDATE journal_operations SET price = 1 WHERE op_no = 1",
                    "DELETE FROM journal_operations WHERE op_no = 1",
                    "DROP TRIGGER journal_no_update ON journal_operations"):
            with pytest.raises(DBAPIError, match="permission denied|must be owner"):
                with app_db.write() as s:
                    s.execute(text(sql))
    finally:
        app_db.dispose()
        subprocess.run(["psql", *conn, "-c", f'DROP OWNED BY "{role}"; DROP ROLE "{role}"'], capture_output=True)
