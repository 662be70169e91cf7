"""Technical errors for the user in one line; their traceback, SQL and parameters in a log
file (the data folder's guichet-errors.log) for whoever investigates."""

from __future__ import annotations

import os
import traceback
from datetime import datetime, timezone
from pathlib import Path


def log_path() -> Path:
    from app.db.engine import default_data_dir

    return Path(os.environ.get("GUICHET_ERROR_LOG") or default_data_dir() / "guichet-errors.log")


def technical_summary(exc: BaseException) -> str:
    """'<Type>: <first line of the driver's message>' — never the SQL or its parameters
    (SQLAlchemy appends both to str(exc)); a lock wait that ran out says the inventory is busy."""
    from sqlalchemy.exc import StatementError

    from app.db.engine import BUSY_MESSAGE, is_busy

    if is_busy(exc):
        return BUSY_MESSAGE
    orig = exc.orig if isinstance(exc, StatementError) and exc.orig is not None else exc
    text = (str(orig).strip().splitlines() or [""])[0]
    return f"{type(orig).__name__}: {text}" if text else type(orig).__name__


def log_exception(exc: BaseException) -> Path:
    """Append the full traceback (with the SQL and parameters) to the error log; its path."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC, pid {os.getpid()}\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    except OSError:
        pass
    return path
