"""Shared fixtures: a fresh database per test on SQLite and, when it answers, PostgreSQL."""

from __future__ import annotations

import os
import uuid

import pytest

# Tests never need a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
os.environ["GUICHET_LANG"] = "en"  # the suite asserts the English messages (app.i18n); French tests pass --lang fr
os.environ.setdefault("GUICHET_DATA_DIR", os.path.join(os.environ.get("TMPDIR", "/tmp"), f"guichet-tests-{os.getpid()}"))

PG_ADMIN_URL = os.environ.get("GUICHET_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_pg_reason: str | None = None


def pg_available() -> str | None:
    """None when the PostgreSQL server answers, else why not (shown as the skip reason)."""
    global _pg_reason
    if _pg_reason is None:
        try:
            import psycopg

            with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
                _pg_reason = ""
        except Exception as exc:  # noqa: BLE001 - any failure means "not available"
            _pg_reason = f"PostgreSQL at {PG_ADMIN_URL} does not answer: {str(exc).splitlines()[0]}"
    return _pg_reason or None


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(sql)


def make_pg_url() -> str:
    """A new empty PostgreSQL database; dropped by `drop_pg_url`."""
    name = f"guichet_t_{uuid.uuid4().hex[:10]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_pg_url(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request, tmp_path):
    """A database URL, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'guichet.sqlite'}"
        return
    reason = pg_available()
    if reason:
        pytest.skip(reason)
    url = make_pg_url()
    yield url
    drop_pg_url(url)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'guichet.sqlite'}"


@pytest.fixture
def db(db_url):
    from app.db.engine import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


def give_demo_passwords(db) -> None:
    """What `guichet demo` does: the online demo interfaces get the simulator's password, in
    the test process's memory keyring (GUICHET_KEYRING=memory), keyed by this database."""
    from sqlalchemy import select

    from app.db.models import DistributorInterface
    from app.domain.enums import DistributorKind
    from app.services import secrets
    from app.services.demo import DEMO_PASSWORD

    with db.read() as s:
        for iid in s.scalars(select(DistributorInterface.id).where(
                DistributorInterface.kind != DistributorKind.GUICHET_FILE)):
            secrets.set_password(s, iid, DEMO_PASSWORD)


@pytest.fixture
def demo_db(db):
    """The demo data on a fresh database (both backends), its demo passwords in the keyring."""
    from app.services.seeding import seed_demo

    seed_demo(db)
    give_demo_passwords(db)
    return db


@pytest.fixture
def manager(demo_db):
    from app.services.operators import find_actor

    return find_actor(demo_db, "manager")


@pytest.fixture
def cashier(demo_db):
    from app.services.operators import find_actor

    return find_actor(demo_db, "caisse")


WALKYRIE = "WALKYRIE@2014-12-07 20:00"


def free_port() -> int:
    """A TCP port nobody listens on right now, for a server a test starts on 127.0.0.1."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
