"""The per-interface run claim: at most one run of an interface's functions at a time,
across the processes and workstations sharing one database.

PostgreSQL: a session advisory lock held on a connection of its own for the duration of
the run; the server drops it the moment that connection dies (process killed, machine
gone), so a dead runner never blocks the next one. SQLite: a row in `interface_claims`
with an owner ("host:pid:token") and a lease the holder renews; a row whose lease ran
out, or whose process on this host no longer exists, is taken over.

    with interface_claim.hold(db, interface_id, wait=30) as claim:
        if not claim: ...  # busy: another run of this interface goes on
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from app.db.engine import Database
from app.db.models import InterfaceClaim, utcnow

LEASE_SECONDS = 60.0
_ADVISORY_SPACE = 0x6775  # "gu": the first key of our advisory locks, the interface id the second


def new_owner() -> str:
    """An owner tag naming this process: host, pid and a token unique to the claim."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_gone(owner: str, expires_at: datetime | None, now: datetime | None = None) -> bool:
    """True when a claim's holder is certainly gone: its lease ran out, or it was a process
    of this host that no longer exists."""
    if not owner:
        return True
    now = now or utcnow()
    if expires_at is not None and expires_at < now:
        return True
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname() and pid.isdigit() and int(pid) != os.getpid():
        from .execution_lease import _alive

        return not _alive(int(pid))
    return False


class Claim:
    """A held claim; falsy when it could not be taken."""

    def __init__(self, db: Database, interface_id: int, owner: str, held: bool, conn=None):
        self.db, self.interface_id, self.owner, self.held, self._conn = db, interface_id, owner, held, conn

    def __bool__(self) -> bool:
        return self.held

    def renew(self, lease: float = LEASE_SECONDS) -> None:
        if self.held and self._conn is None:
            with self.db.write() as s:
                s.execute(update(InterfaceClaim).where(InterfaceClaim.interface_id == self.interface_id,
                                                       InterfaceClaim.owner == self.owner)
                          .values(expires_at=utcnow() + timedelta(seconds=lease)))

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:a, :b)"),
                                   {"a": _ADVISORY_SPACE, "b": self.interface_id})
            finally:
                self._conn.close()
            return
        with self.db.write() as s:
            s.execute(delete(InterfaceClaim).where(InterfaceClaim.interface_id == self.interface_id,
                                                   InterfaceClaim.owner == self.owner))


def try_acquire(db: Database, interface_id: int, owner: str | None = None, *,
                lease: float = LEASE_SECONDS) -> Claim:
    owner = owner or new_owner()
    if db.engine.dialect.name == "postgresql":
        conn = db.engine.connect()
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:a, :b)"),
                               {"a": _ADVISORY_SPACE, "b": interface_id}).scalar()
            conn.commit()  # the lock is the session's: no transaction stays open meanwhile
        except Exception:
            conn.close()
            raise
        if not got:
            conn.close()
            return Claim(db, interface_id, owner, False)
        return Claim(db, interface_id, owner, True, conn)
    now = utcnow()
    until = now + timedelta(seconds=lease)
    with db.write() as s:  # BEGIN IMMEDIATE: one claimer at a time looks and writes
        row = s.execute(select(InterfaceClaim.owner, InterfaceClaim.expires_at)
                        .where(InterfaceClaim.interface_id == interface_id)).first()
        if row is None:
            try:
                s.execute(insert(InterfaceClaim).values(interface_id=interface_id, owner=owner, expires_at=until))
            except IntegrityError:
                return Claim(db, interface_id, owner, False)
            return Claim(db, interface_id, owner, True)
        if not owner_gone(row.owner, row.expires_at, now):
            return Claim(db, interface_id, owner, False)
        done = s.execute(update(InterfaceClaim).where(InterfaceClaim.interface_id == interface_id,
                                                      InterfaceClaim.owner == row.owner)
                         .values(owner=owner, expires_at=until))
        return Claim(db, interface_id, owner, done.rowcount == 1)


def acquire(db: Database, interface_id: int, owner: str | None = None, *, wait: float = 0.0,
            lease: float = LEASE_SECONDS, poll: float = 0.2) -> Claim:
    """Take the claim, waiting up to `wait` seconds for the run holding it to end."""
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        claim = try_acquire(db, interface_id, owner, lease=lease)
        if claim or time.monotonic() >= deadline:
            return claim
        time.sleep(poll)


def is_busy(db: Database, interface_id: int) -> bool:
    """Whether a run of the interface holds the claim now (a probe, for screens)."""
    claim = try_acquire(db, interface_id)
    claim.release()
    return not claim


class _Renewer(threading.Thread):
    """Renews the SQLite lease while the run goes on (PostgreSQL needs nothing)."""

    def __init__(self, claim: Claim, lease: float):
        super().__init__(name=f"guichet-claim-{claim.interface_id}", daemon=True)
        self.claim, self.lease, self.stop = claim, lease, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(self.lease / 3):
            try:
                self.claim.renew(self.lease)
            except Exception:  # noqa: BLE001 - a missed renewal is retried; the lease is long
                pass


@contextmanager
def hold(db: Database, interface_id: int, owner: str | None = None, *, wait: float = 0.0,
         lease: float = LEASE_SECONDS):
    """The claim for the body of a `with`; falsy (and nothing held) when busy."""
    claim = acquire(db, interface_id, owner, wait=wait, lease=lease)
    renewer = None
    if claim and claim._conn is None:
        renewer = _Renewer(claim, lease)
        renewer.start()
    try:
        yield claim
    finally:
        if renewer is not None:
            renewer.stop.set()
            renewer.join()
        claim.release()
