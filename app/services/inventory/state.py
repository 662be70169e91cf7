"""Read the state of a performance's seats for a selection, inside a write transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ARRAY, Integer, String, and_, any_, bindparam, cast, select, text, update
from sqlalchemy import column as column_
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from app.db.models import Block, Performance, PerformanceSeat, Seat, Ticket, Zone
from app.db.notify import PG_BUMP_SQL
from app.domain.enums import TicketState
from app.domain.errors import InputError
from app.domain.seats import SeatState
from app.domain.selection import SeatSelection
from app.i18n import _

CHUNK = 5000  # bound parameters per IN (…) list, well under every backend's limit


@dataclass
class SeatRow:
    seat_id: int
    label: str
    category_id: int
    contingent_id: int | None
    blocked: bool
    invalid: bool
    locked_until: datetime | None
    locked_by: str | None
    ticket_state: TicketState | None

    def state(self, now: datetime) -> SeatState:
        if self.ticket_state is TicketState.SOLD:
            return SeatState.SOLD
        if self.ticket_state is TicketState.RESERVED:
            return SeatState.RESERVED
        if self.invalid:
            return SeatState.INVALID
        if self.blocked:
            return SeatState.BLOCKED
        if self.locked_until is not None and self.locked_until > now:
            return SeatState.LOCKED
        return SeatState.FREE


class SeatIdParam:
    """A list of ids (seat ids mostly) as ONE bound parameter whatever its length: a JSON array on
    SQLite (read back with json_each), an array on PostgreSQL (unnest, = ANY). Expanding
    20,000 parameters costs more in SQLAlchemy's compiler than the statement costs in
    the database; the list is encoded once however many statements use it. `s` is a
    session or a connection; `of_texts` makes one of strings (e.g. external ticket ids).

    On PostgreSQL the array goes as its text ('{1,2,3}', cast to an array by the server):
    the driver's own encoding of a Python list looks at each element to choose the array's
    type, ~15 ms for 20,000 ids, and an edit of 20,000 seats sends its list three times;
    the text is made once (~4 ms) and parsed by the server in ~1 ms."""

    def __init__(self, s, ids, *, type_=Integer):
        self.ids = list(ids)
        dialect = s.dialect if hasattr(s, "dialect") else s.get_bind().dialect
        self.pg = dialect.name == "postgresql"
        self.type_ = type_
        self._json = None if self.pg else json.dumps(self.ids)
        self._text: str | None = None

    @classmethod
    def of_texts(cls, s, ids) -> "SeatIdParam":
        return cls(s, ids, type_=String)

    @property
    def _array_sql(self) -> str:
        return "VARCHAR[]" if self.type_ is String else "INTEGER[]"

    def _array_text(self) -> str:
        """The ids as a PostgreSQL array literal: ints as digits, strings quoted and escaped."""
        if self._text is None:
            if self.type_ is String:
                self._text = "{" + ",".join(
                    '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in self.ids) + "}"
            else:
                self._text = "{" + ",".join(map(str, map(int, self.ids))) + "}"
        return self._text

    def _param(self):
        if self.pg:
            # Untyped: the text reaches the server as a literal of unknown type, which the
            # CAST turns into an array constant once (typed VARCHAR, the cast would run per row).
            return bindparam("seat_ids", self._array_text(), type_=NullType(), unique=True)
        return bindparam("seat_ids", self._json, unique=True)  # unique: two lists in one statement stay two

    def _values(self):
        sql = (f"SELECT unnest(CAST(:seat_ids AS {self._array_sql})) AS value" if self.pg
               else "SELECT value FROM json_each(:seat_ids)")
        return text(sql).bindparams(self._param()).columns(column_("value", self.type_))

    def rows(self):
        """The ids as a one-column table `value`."""
        return self._values().subquery("ids")

    def contains(self, column):
        if self.pg:
            return column == any_(cast(self._param(), ARRAY(self.type_)))
        return column.in_(self._values())


def in_chunks(items, size: int = CHUNK):
    """Slices of `items` for IN queries (a generator, fixed size, nothing for an empty list)."""
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def bump_revision(s: Session, performance_id: int) -> int:
    """Taken first in every inventory write: it serialises writers of one performance
    (a row lock on PostgreSQL; SQLite writers already queue) and tells other workstations:
    on PostgreSQL the same round trip queues `NOTIFY guichet_inventory, '<id>:<revision>'`,
    delivered when this transaction commits and never if it rolls back (app/db/notify.py)."""
    if s.get_bind().dialect.name == "postgresql":
        return s.execute(text(PG_BUMP_SQL), {"pid": performance_id}).scalar()
    s.execute(update(Performance).where(Performance.id == performance_id)
              .values(revision=Performance.revision + 1))
    return s.scalar(select(Performance.revision).where(Performance.id == performance_id))


def _base_query(performance_id: int):
    return (
        select(
            PerformanceSeat.seat_id, PerformanceSeat.category_id, PerformanceSeat.contingent_id, PerformanceSeat.blocked,
            PerformanceSeat.invalid, PerformanceSeat.locked_until, PerformanceSeat.locked_by, Ticket.state,
            Zone.code, Block.code, Seat.row, Seat.number,
        )
        .select_from(PerformanceSeat)
        .join(Seat, Seat.id == PerformanceSeat.seat_id)
        .join(Block, Block.id == Seat.block_id)
        .join(Zone, Zone.id == Block.zone_id)
        .outerjoin(Ticket, and_(Ticket.performance_id == PerformanceSeat.performance_id,
                                Ticket.seat_id == PerformanceSeat.seat_id,
                                Ticket.state != TicketState.CANCELLED))
        .where(PerformanceSeat.performance_id == performance_id)
    )


def _row(r) -> SeatRow:
    seat_id, cat, cont, blocked, invalid, lu, lb, tstate, zcode, bcode, row, number = r
    return SeatRow(seat_id, f"{zcode}/{bcode} rang {row} place {number}", cat, cont, bool(blocked),
                   bool(invalid), lu, lb, TicketState(tstate) if tstate else None)


def select_seats(s: Session, performance_id: int, sel: SeatSelection) -> list[SeatRow]:
    """The seats a selection names, in plan order. `first` is applied by the caller, after
    its own eligibility test."""
    if sel.seat_ids is not None:
        out: list[SeatRow] = []
        for part in in_chunks(sorted(set(sel.seat_ids))):
            out += [_row(r) for r in s.execute(_base_query(performance_id).where(PerformanceSeat.seat_id.in_(part)))]
        found = {r.seat_id for r in out}
        missing = [i for i in sel.seat_ids if i not in found]
        if missing:
            raise InputError(_("{n} seat(s) are not on this performance's plan (e.g. id {id})").format(
                n=len(missing), id=missing[0]))
        return out
    q = _base_query(performance_id)
    if sel.zone is not None:
        if not s.scalar(select(Zone.id).join(Performance, Performance.hall_id == Zone.hall_id)
                        .where(Performance.id == performance_id, Zone.code == sel.zone)):
            raise InputError(_("no zone {zone!r} in this performance's hall").format(zone=sel.zone))
        q = q.where(Zone.code == sel.zone)
    if sel.block is not None:
        q = q.where(Block.code == sel.block)
    if sel.numbers is not None:
        lo, hi = sorted((int(sel.numbers.low), int(sel.numbers.high)))
        q = q.where(Seat.number.between(lo, hi))
    rows = s.execute(q.order_by(Seat.sort)).all()
    if sel.rows is not None:
        rows = [r for r in rows if sel.rows.contains(r[10])]
    if sel.block is not None and not rows and sel.first is None:
        raise InputError(_("no seats match block {block!r} in zone {zone!r}").format(block=sel.block, zone=sel.zone)
                         if sel.zone else _("no seats match block {block!r}").format(block=sel.block))
    return [_row(r) for r in rows]
