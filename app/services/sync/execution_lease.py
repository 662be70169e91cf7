"""An execution's lease: while it runs, its process renews `executions.heartbeat_at`.

A "running" execution is interrupted when its process is gone: on this host, its pid is
dead; on any host, its heartbeat is older than STALE_AFTER (the process was killed, froze or
its machine is gone). `reap_interrupted` (executions.py) closes such executions and their
failure e-mail goes; any process that lists or starts executions reaps."""

from __future__ import annotations

import os
import socket
import threading
from datetime import datetime, timedelta

from sqlalchemy import update

from app.db.models import Execution, utcnow
from app.i18n import _

RENEW_EVERY_S = float(os.environ.get("GUICHET_HEARTBEAT_S") or 20)
STALE_AFTER = timedelta(seconds=float(os.environ.get("GUICHET_HEARTBEAT_STALE_S") or 120))

_renewers: dict[int, threading.Event] = {}
_lock = threading.Lock()


def begin(db, execution_id: int) -> None:
    """Stamp the heartbeat now and renew it from a daemon thread until `end` (or until this
    process dies, which is the point)."""
    _renew(db, execution_id)
    with _lock:
        if execution_id in _renewers:
            return
        stop = _renewers[execution_id] = threading.Event()

    def loop() -> None:
        while not stop.wait(RENEW_EVERY_S):
            try:
                _renew(db, execution_id)
            except Exception:  # noqa: BLE001 - a busy database: the next beat will do
                pass

    threading.Thread(target=loop, name=f"heartbeat-{execution_id}", daemon=True).start()


def end(execution_id: int) -> None:
    with _lock:
        stop = _renewers.pop(execution_id, None)
    if stop is not None:
        stop.set()


def _renew(db, execution_id: int) -> None:
    with db.write() as s:
        s.execute(update(Execution).where(Execution.id == execution_id).values(heartbeat_at=utcnow()))


def why_interrupted(params: dict | None, heartbeat_at: datetime | None, started_at: datetime | None,
                    now: datetime) -> str | None:
    """Why a "running" execution is in truth interrupted, or None if its process may live."""
    params = params or {}
    pid = params.get("pid")
    if params.get("host") == socket.gethostname() and isinstance(pid, int) and pid != os.getpid() \
            and not _alive(pid):
        return _("interrupted: the process running it ended (killed or crashed)")
    if params.get("host") == socket.gethostname() and pid == os.getpid():
        return None  # ours: we are alive
    last = heartbeat_at or started_at
    if last is not None and now - last > STALE_AFTER:
        return _("interrupted: no heartbeat from its process (host {host}, pid {pid}) since {last} UTC: "
                 "killed, frozen or its host is gone").format(host=params.get('host') or '?', pid=pid or '?',
                                                               last=f"{last:%Y-%m-%d %H:%M:%S}")
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child is dead for our purpose
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True
