"""Where data lives: the database URL, the engine, short sessions, migrations at start."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import N_, _

ENV_VAR = "GUICHET_DATABASE_URL"

# Bounded waits: a writer waits this long for another workstation's lock (SQLite
# busy_timeout, PostgreSQL lock_timeout), a connection this long for the server to answer.
LOCK_TIMEOUT_S = float(os.environ.get("GUICHET_LOCK_TIMEOUT_S") or 10)
CONNECT_TIMEOUT_S = int(os.environ.get("GUICHET_CONNECT_TIMEOUT_S") or 10)
BUSY_MESSAGE = N_("the inventory is busy (another workstation is writing); try again")  # shown through _()


class DatabaseError(Exception):
    """The database cannot be reached or used; the message is meant for the user."""


def is_busy(exc: BaseException) -> bool:
    """A lock wait that ran out: SQLite "database is locked", PostgreSQL lock_timeout."""
    orig = getattr(exc, "orig", exc)
    if type(orig).__module__.startswith("sqlite3"):
        text = str(orig).lower()
        return "database is locked" in text or "database is busy" in text
    return getattr(orig, "sqlstate", None) == "55P03"  # lock_not_available


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(os.environ.get("GUICHET_DATA_DIR") or user_data_dir("guichet", appauthor=False))


def default_url() -> str:
    return f"sqlite:///{default_data_dir() / 'guichet.sqlite'}"


def resolve_url(url: str | None = None) -> str:
    return url or os.environ.get(ENV_VAR) or default_url()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={int(LOCK_TIMEOUT_S * 1000)}")
    cur.execute("PRAGMA foreign_keys=ON")
    # FULL: a commit is on disk before it returns (the WAL is synced at each commit), so a power
    # cut never loses a sale whose ticket was printed; NORMAL could lose the last commits.
    # The cost is one fsync per commit (~0.3 ms here), nothing against a sale or a batch.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MB: a stadium's inventory stays in memory
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_begin(conn) -> None:
    # Writers take the lock when their transaction starts, so two workstations never both
    # read-then-write and then fail at commit with "database is locked"; readers stay free.
    immediate = conn.get_execution_options().get("guichet_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str | None = None) -> Engine:
    chosen = bool(url or os.environ.get(ENV_VAR))
    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(_("invalid database URL {url!r}: {error}").format(url=url, error=exc)) from None
    backend = parsed.get_backend_name()
    if backend == "postgres":  # the libpq spelling
        parsed = parsed.set(drivername="postgresql" + parsed.drivername[len("postgres"):])
        backend = "postgresql"
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(_("unsupported database URL {url!r}: "
                              "expected sqlite:///PATH or postgresql://USER@HOST[:PORT]/DATABASE").format(url=parsed.render_as_string(hide_password=True)))
    if backend == "sqlite":
        path = parsed.database
        if path and path != ":memory:":
            folder = Path(path).parent
            if chosen and not folder.is_dir():
                # A typo in --database must not create folders and an empty database elsewhere.
                raise DatabaseError(_("cannot open the database {url}: folder {folder} does not exist").format(url=url, folder=folder))
            folder.mkdir(parents=True, exist_ok=True)  # the default file in the user's data folder
        engine = create_engine(url, connect_args={"timeout": LOCK_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_pysqlite_begin(dbapi_conn, _rec):
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    # plan_cache_mode: psycopg prepares a statement run five times, and PostgreSQL may then keep
    # one generic plan for it, blind to the values bound: a `seat_id = ANY(:ids)` of 5,000 ids
    # becomes a linear search per row (a page's exported-seat lookup: ~1 s instead of ~7 ms).
    # Every statement is planned with its values instead (a fraction of a millisecond).
    try:
        return create_engine(parsed, pool_pre_ping=True, connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "options": f"-c lock_timeout={int(LOCK_TIMEOUT_S * 1000)} -c plan_cache_mode=force_custom_plan"})
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(_("unsupported database URL {url!r}: {error}").format(
                url=parsed.render_as_string(hide_password=True), error=exc)) from None


@dataclass
class Database:
    """An engine and its session factories; one per process, shared by its threads."""

    engine: Engine

    def __post_init__(self) -> None:
        self._readers = sessionmaker(self.engine, expire_on_commit=False)
        self._writers = sessionmaker(
            self.engine.execution_options(guichet_write=True), expire_on_commit=False
        )

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def read(self) -> Session:
        """A session for reading: `with db.read() as s:`."""
        return self._readers()

    def write(self):
        """One unit of work, committed on success and rolled back on error:
        `with db.write() as s:`."""
        return self._writers.begin()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, upgrade: bool = True, backup: bool = True) -> Database:
    """Open (and by default migrate) the database. Raises DatabaseError with a clear message."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except (OperationalError, SQLAlchemyError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
        raise DatabaseError(
            _("cannot open the database {url}: {reason}").format(url=engine.url.render_as_string(hide_password=True), reason=reason)
        ) from None
    db = Database(engine)
    if upgrade:
        upgrade_database(db, backup=backup)
    return db


def upgrade_database(db: Database, *, backup: bool = True) -> None:
    from .migrate import current_revision, head_revision, upgrade

    if current_revision(db.engine) == head_revision():
        return
    if backup and db.is_sqlite:
        path = db.engine.url.database
        if path and path != ":memory:" and Path(path).exists() and inspect(db.engine).get_table_names():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            db.engine.dispose()
            shutil.copy2(path, f"{path}.{stamp}.bak")
    upgrade(db.engine)
