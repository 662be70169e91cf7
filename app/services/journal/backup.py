"""Backup and restore (issue 17): the SQLite online backup API, pg_dump/pg_restore for
PostgreSQL; a restore goes into an empty database only and verifies the journal chain."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from app.domain.errors import InputError, RuleViolation
from app.i18n import _

from . import as_dict, json_ready, operations


def _pg_args(url) -> tuple[list[str], dict]:
    u = make_url(url)
    args = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres"]
    env = {"PGPASSWORD": u.password} if u.password else {}
    return args, env


def _env(extra: dict) -> dict:
    import os

    return {**os.environ, **extra}


def backup(url: str, out: str | Path) -> Path:
    """Copy the whole database to `out`, consistently, while others keep working."""
    out = Path(out)
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        src = sqlite3.connect(f"file:{u.database}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(str(out))
            try:
                with dst:
                    src.backup(dst)
                # one self-contained file (the source's WAL mode would leave -wal/-shm beside it)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        return out
    if shutil.which("pg_dump") is None:
        raise RuleViolation(_("backup of a PostgreSQL database needs pg_dump on PATH (install postgresql-client)"))
    args, env = _pg_args(url)
    done = subprocess.run(["pg_dump", "-Fc", "-f", str(out), *args, u.database], env=_env(env),
                          capture_output=True, text=True)
    if done.returncode:
        raise RuleViolation(_("pg_dump failed: {error}").format(
            error=done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode))
    return out


def restore(url: str, source: str | Path) -> None:
    """Restore a backup into the empty database at `url`."""
    source = Path(source)
    if not source.is_file():
        raise InputError(_("{source}: no such backup file").format(source=source))
    u = make_url(url)
    engine = create_engine(url)
    try:
        if inspect(engine).get_table_names():
            raise InputError(_("restore refused: the database {url} is not empty (restore into a new "
                               "database)").format(url=u.render_as_string(hide_password=True)))
    finally:
        engine.dispose()
    if u.get_backend_name() == "sqlite":
        try:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            raise InputError(_("{source}: not a SQLite backup").format(source=source)) from None
        dst = sqlite3.connect(u.database)
        with dst:
            src.backup(dst)
        dst.close()
        src.close()
        return
    if shutil.which("pg_restore") is None:
        raise RuleViolation(_("restore into PostgreSQL needs pg_restore on PATH (install postgresql-client)"))
    args, env = _pg_args(url)
    done = subprocess.run(["pg_restore", "--no-owner", "-d", u.database, *args, str(source)], env=_env(env),
                          capture_output=True, text=True)
    if done.returncode:
        raise RuleViolation(_("pg_restore failed: {error}").format(
            error=done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode))


def export(db, out: str | Path, day_from=None, day_to=None, fmt: str | None = None, *, where=None) -> int:
    """The journal of a period (or of the client's filter, `where`: a `listing.JournalFilter`)
    with its hashes, as JSON lines (.jsonl) or CSV (.csv)."""
    import csv

    out = Path(out)
    fmt = fmt or ("csv" if out.suffix.lower() == ".csv" else "jsonl")
    rows = [json_ready(r) for r in operations(db, day_from=day_from, day_to=day_to, where=where)]
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        if fmt == "csv":
            fields = list(rows[0]) if rows else []
            w = csv.DictWriter(f, fieldnames=fields)
            if rows:
                w.writeheader()
                w.writerows(rows)
        else:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(out)
    return len(rows)


__all__ = ["backup", "restore", "export", "as_dict"]
