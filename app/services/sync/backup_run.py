"""The scheduled backup of the whole database (issue 17), run as an execution: the copy is
written beside its final name (`.part`), verified, renamed, then the older copies of the
folder are pruned to keep the newest N. Needs no distributor interface.

Verified means: SQLite — `PRAGMA integrity_check` says ok and the journal chain verifies on
the copy; PostgreSQL — `pg_restore --list` reads the dump. Failures are classed like the
other runs: the folder missing or not writable is Configuration (a manager fixes it), disk
full, a copy that does not verify or pg_dump missing is Technical."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from app.db.engine import Database
from app.db.models import Execution
from app.domain.actors import Actor
from app.domain.enums import ErrorClass, SyncFunction
from app.domain.errors import GuichetError
from app.i18n import _

from .executions import ExecutionRecorder, RunResult

# What the backup writes, and the only files its pruning ever deletes.
BACKUP_NAME = re.compile(r"^guichet-(\d{8}-\d{6})(?:-(\d+))?\.(?:sqlite|dump)$")
STAMP = "%Y%m%d-%H%M%S"


class BackupFailed(Exception):
    """One run's failure with the class the execution log shows (never leaves this module)."""

    def __init__(self, error_class: ErrorClass, message: str):
        super().__init__(message)
        self.error_class, self.message = error_class, message


def backup_files(folder: Path) -> list[Path]:
    """The backups Guichet wrote in `folder`, oldest first (their names carry the time)."""
    found = []
    for p in folder.iterdir():
        m = BACKUP_NAME.match(p.name)
        if m and p.is_file():
            found.append(((m.group(1), int(m.group(2) or 0)), p))
    return [p for _key, p in sorted(found)]


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete the older `guichet-*` backups of `folder` so that the newest `keep` stay;
    nothing else in the folder is touched. Returns what was deleted."""
    mine = backup_files(folder)
    old = mine[:-keep] if keep >= 1 else []
    for p in old:
        p.unlink()
    return old


def _check_folder(folder: Path) -> None:
    if not str(folder).strip():
        raise BackupFailed(ErrorClass.CONFIGURATION, _("no backup folder is set for this schedule"))
    if not folder.exists():
        raise BackupFailed(ErrorClass.CONFIGURATION, _("backup folder {folder} does not exist").format(folder=folder))
    if not folder.is_dir():
        raise BackupFailed(ErrorClass.CONFIGURATION, _("backup folder {folder} is not a folder").format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupFailed(ErrorClass.CONFIGURATION,
                           _("backup folder {folder} is not writable by this process").format(folder=folder))


def _target(folder: Path, stamp: datetime, suffix: str) -> Path:
    base = f"guichet-{stamp.strftime(STAMP)}"
    path, n = folder / f"{base}{suffix}", 0
    while path.exists() or path.with_name(path.name + ".part").exists():
        n += 1
        path = folder / f"{base}-{n}{suffix}"
    return path


def _disk_full(folder: Path) -> BackupFailed:
    return BackupFailed(ErrorClass.TECHNICAL, _("disk full in {folder}: the backup could not be written").format(
        folder=folder))


def _os_failure(exc: OSError, folder: Path) -> BackupFailed:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(folder)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BackupFailed(ErrorClass.CONFIGURATION,
                            _("backup folder {folder} is not writable by this process").format(folder=folder))
    return BackupFailed(ErrorClass.TECHNICAL, _("the backup could not be written: {error}").format(
        error=exc.strerror or exc))


def verify_sqlite_copy(path: Path) -> None:
    """`PRAGMA integrity_check` is ok and the journal chain verifies, on the copy itself."""
    from app.services.journal import verify

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupFailed(ErrorClass.TECHNICAL, _("the backup copy does not verify: {error}").format(
            error=str(exc))) from None
    if rows != ["ok"]:
        raise BackupFailed(ErrorClass.TECHNICAL, _("the backup copy does not verify: {error}").format(
            error="; ".join(str(r) for r in rows[:3])))
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", poolclass=NullPool)
    try:
        result = verify(Database(engine))
    finally:
        engine.dispose()
    if not result.ok:
        raise BackupFailed(ErrorClass.TECHNICAL, _("the backup copy does not verify: {error}").format(
            error=result.message()))


def verify_pg_dump(path: Path) -> None:
    """`pg_restore --list` reads the dump's table of contents."""
    if shutil.which("pg_restore") is None:
        raise BackupFailed(ErrorClass.TECHNICAL, _("verifying a PostgreSQL backup needs pg_restore on PATH "
                                                   "(install postgresql-client)"))
    done = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True, text=True)
    if done.returncode or not done.stdout.strip():
        raise BackupFailed(ErrorClass.TECHNICAL, _("the backup copy does not verify: {error}").format(
            error=(done.stderr.strip().splitlines() or [f"pg_restore --list: {done.returncode}"])[-1]))


def write_backup(db: Database, folder: str | Path, stamp: datetime) -> Path:
    """Write, verify and name one backup of `db` in `folder`; raises BackupFailed."""
    from app.services.journal.backup import backup

    folder = Path(folder)
    _check_folder(folder)
    sqlite = db.is_sqlite
    if not sqlite and shutil.which("pg_dump") is None:
        raise BackupFailed(ErrorClass.TECHNICAL, _("backup of a PostgreSQL database needs pg_dump on PATH "
                                                   "(install postgresql-client)"))
    final = _target(folder, stamp, ".sqlite" if sqlite else ".dump")
    part = final.with_name(final.name + ".part")
    try:
        try:
            backup(db.engine.url.render_as_string(hide_password=False), part)
        except sqlite3.OperationalError as exc:
            if "full" in str(exc).lower():
                raise _disk_full(folder) from None
            raise BackupFailed(ErrorClass.TECHNICAL, _("the backup could not be written: {error}").format(
                error=str(exc))) from None
        except GuichetError as exc:  # pg_dump failed
            if "No space left" in str(exc):
                raise _disk_full(folder) from None
            raise BackupFailed(ErrorClass.TECHNICAL, str(exc)) from None
        with part.open("rb+") as f:  # on disk before it takes its final name
            os.fsync(f.fileno())
        (verify_sqlite_copy if sqlite else verify_pg_dump)(part)
        os.replace(part, final)
    except OSError as exc:
        raise _os_failure(exc, folder) from None
    finally:
        if part.exists():
            part.unlink()
    return final


def run_backup(db: Database, actor: Actor, execution_id: int) -> RunResult:
    """Run a claimed execution of function `backup`: its parameters give the folder, how
    many copies to keep (`keep`) and the time its file is named after (`stamp`, the venue's
    wall clock; now when absent)."""
    with db.read() as s:
        params = dict(s.scalar(select(Execution.parameters).where(Execution.id == execution_id)) or {})
    rec = ExecutionRecorder(db, execution_id)
    folder = Path(str(params.get("folder") or ""))
    keep = int(params.get("keep") or 7)
    try:
        stamp = datetime.fromisoformat(params["stamp"]) if params.get("stamp") else datetime.now()
        rec.info(_("backup of the database into {folder} (keeping the newest {keep})").format(folder=folder, keep=keep))
        path = write_backup(db, folder, stamp)
        size = path.stat().st_size
        rec.set("file", str(path))
        rec.set("bytes", size)
        rec.info(_("backup written and verified: {name} ({size} bytes)").format(name=path.name, size=size))
        try:
            removed = prune(folder, keep)
        except OSError as exc:
            rec.warning(_("older backups could not be removed: {error}").format(error=exc.strerror or exc))
            removed = []
        for p in removed:
            rec.info(_("older backup removed: {name}").format(name=p.name))
        rec.set("backups_removed", len(removed))
    except BackupFailed as exc:
        rec.error(exc.error_class, exc.message)
    except Exception as exc:  # noqa: BLE001 - the run ends in error, logged with its class
        rec.error(ErrorClass.TECHNICAL, _("the backup failed: {kind}: {error}").format(
            kind=type(exc).__name__, error=str(exc)))
    status = rec.finish()
    return rec.result(SyncFunction.BACKUP, status)
