"""Everything the seat plan draws, loaded in a few queries into flat arrays (no Qt here).

Seats come in plan order (zone, block, row, number), so each block is one contiguous
slice of the arrays; the plan paints and hit-tests from these arrays, never from one
object per seat."""

from __future__ import annotations

import json
import sys
from array import array
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from itertools import groupby

from sqlalchemy import Text, case, cast, func, select, text

from app.db.bulk import raw_rows
from app.db.engine import Database
from app.db.models import (
    Block,
    Contingent,
    Performance,
    PerformanceSeat,
    Price,
    Product,
    Seat,
    SeatCategory,
    Tariff,
    Ticket,
    Zone,
    utcnow,
)
from app.domain.enums import ProductKind, TicketState
from app.domain.errors import NotFound

from app.services.lookup import channel_ref, contingent_refs, find_point_of_sale
from app.domain.seats import sale_refusal
from app.i18n import _

# Ticket state codes in `PlanData.ticket`.
NO_TICKET, SOLD, RESERVED = 0, 1, 2


@dataclass(frozen=True)
class BlockInfo:
    id: int
    zone_code: str
    zone_name: str
    code: str
    name: str
    start: int  # slice of the seat arrays
    end: int


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    name: str
    color: str


@dataclass(frozen=True)
class ContingentInfo:
    id: int
    code: str
    name: str
    fill_color: str
    text_color: str
    is_distributor: bool
    sale_refusal: str | None  # why this workstation's channel may not sell its seats
    channel_id: int | None = None  # the distributor's channel (one export queue per distributor)


@dataclass(frozen=True)
class TariffInfo:
    id: int
    code: str
    name: str


@dataclass
class SeatStates:
    """The changing part of the plan, in the same order as `PlanData`'s seats."""

    revision: int
    contingent: array  # 'q', 0 = none
    blocked: bytearray
    invalid: bytearray
    locked: bytearray
    ticket: bytearray  # NO_TICKET, SOLD, RESERVED


@dataclass
class PlanData:
    performance_id: int
    event_code: str
    event_name: str
    starts_at: datetime
    seat_id: array  # 'q'
    x: array  # 'd'
    y: array
    block: array  # 'l', index into `blocks`
    row: list[str]
    number: array  # 'l'
    category: array  # 'q'
    states: SeatStates
    blocks: list[BlockInfo] = field(default_factory=list)
    categories: dict[int, CategoryInfo] = field(default_factory=dict)
    contingents: dict[int, ContingentInfo] = field(default_factory=dict)
    tariffs: list[TariffInfo] = field(default_factory=list)
    prices: dict[tuple[int, int], Decimal] = field(default_factory=dict)  # (category, tariff) → amount

    def __len__(self) -> int:
        return len(self.seat_id)


def json_array(s, column):
    """An aggregate turning a column into ONE JSON array (text): the driver then hands
    back a single string instead of 80,000 values, each a Python object (the costly
    part of reading a plan). The order of the elements is the order the rows were
    aggregated in; callers pair arrays of one query, never across queries."""
    if s.get_bind().dialect.name == "postgresql":
        return cast(func.json_agg(column), Text)
    return func.json_group_array(column)


def _ints(value) -> list:
    return json.loads(value) if value else []


@dataclass(frozen=True)
class _Layout:
    """A hall's numbered seats in plan order (sort, then id): what never changes
    with the performance."""

    seat_id: array  # 'q'
    x: array  # 'd'
    y: array
    block_id: tuple  # blocks.id per seat
    row: list
    number: array  # 'l'


def _layout(s, hall_id: int) -> _Layout:
    """One narrow query on the (hall, sort) index, no join: plain tuples, then arrays
    (on PostgreSQL, packed columns: `_pg_layout`)."""
    if s.get_bind().dialect.name == "postgresql":
        packed = _pg_layout(s, hall_id)
        if packed is not None:
            return packed
    rows = raw_rows(s, select(Seat.id, Seat.x, Seat.y, Seat.block_id, Seat.row, Seat.number)
                      .where(Seat.hall_id == hall_id).order_by(Seat.sort, Seat.id))
    seat_id, x, y, block_id, row, number = zip(*rows) if rows else ((),) * 6
    return _Layout(array("q", seat_id), array("d", x), array("d", y), block_id, list(row), array("l", number))


def _subset(layout: _Layout, keep: list[int]) -> _Layout:
    """The seats of `layout` at positions `keep` (a performance without some hall seats)."""
    return _Layout(array("q", (layout.seat_id[i] for i in keep)), array("d", (layout.x[i] for i in keep)),
                   array("d", (layout.y[i] for i in keep)), tuple(layout.block_id[i] for i in keep),
                   [layout.row[i] for i in keep], array("l", (layout.number[i] for i in keep)))


@dataclass
class _RawStates:
    """A performance's seat rows as arrays, in the order the database gave them."""

    seat_id: array
    category: array
    contingent: array
    blocked: bytearray
    invalid: bytearray

    def take(self, order: list[int]) -> "_RawStates":
        return _RawStates(array("q", (self.seat_id[i] for i in order)), array("q", (self.category[i] for i in order)),
                          array("q", (self.contingent[i] for i in order)),
                          bytearray(self.blocked[i] for i in order), bytearray(self.invalid[i] for i in order))


def _raw_states(s, performance_id: int) -> _RawStates:
    """The performance's rows of performance_seats as five JSON arrays in one query
    (index on (performance_id, seat_id)); no join, no per-seat Python object. On
    PostgreSQL, packed columns (`_pg_raw_states`)."""
    if s.get_bind().dialect.name == "postgresql":
        packed = _pg_raw_states(s, performance_id)
        if packed is not None:
            return packed
    ps = PerformanceSeat
    # Seat id order (the unique index's) usually is plan order: `_align` then only compares.
    q = (select(ps.seat_id, ps.category_id, func.coalesce(ps.contingent_id, 0).label("contingent"),
                case((ps.blocked, 1), else_=0).label("blocked"), case((ps.invalid, 1), else_=0).label("invalid"))
         .where(ps.performance_id == performance_id).order_by(ps.seat_id).subquery())
    row = raw_rows(s, select(*(json_array(s, c) for c in q.c)))[0]
    seat_id, category, contingent, blocked, invalid = (_ints(v) for v in row)
    return _RawStates(array("q", seat_id), array("q", category), array("q", contingent), bytearray(blocked),
                      bytearray(invalid))


def _align(raw: _RawStates, seat_ids: array) -> _RawStates | None:
    """`raw` in the order of `seat_ids`, or None when the two hold different seats."""
    if raw.seat_id == seat_ids:  # the common case: seats were created in plan order
        return raw
    if len(raw.seat_id) != len(seat_ids):
        return None
    pos = {sid: i for i, sid in enumerate(raw.seat_id)}
    try:
        return raw.take([pos[sid] for sid in seat_ids])
    except KeyError:
        return None


def _states(s, performance_id: int, revision: int, raw: _RawStates) -> SeatStates:
    """Add locks and live tickets (two narrow indexed queries) to the rows, in their order."""
    seat_ids = raw.seat_id
    n = len(seat_ids)
    locked, ticket = bytearray(n), bytearray(n)
    now = utcnow()
    locks = s.execute(select(PerformanceSeat.seat_id).where(
        PerformanceSeat.performance_id == performance_id, PerformanceSeat.locked_until > now)).scalars().all()
    sold = s.execute(select(Ticket.seat_id, Ticket.state).where(
        Ticket.performance_id == performance_id, Ticket.seat_id.is_not(None),
        Ticket.state != TicketState.CANCELLED)).all()
    if locks or sold:
        index = {sid: i for i, sid in enumerate(seat_ids)}
        for sid in locks:
            if sid in index:
                locked[index[sid]] = 1
        for sid, st in sold:
            if sid in index:
                ticket[index[sid]] = SOLD if st is TicketState.SOLD else RESERVED
    return SeatStates(revision, raw.contingent, raw.blocked, raw.invalid, locked, ticket)


# On PostgreSQL each of a plan's columns comes as ONE value: the server packs the column, in
# the query's order, into a bytea of big-endian numbers (int8send, float8send) or a text of
# U+001F-separated labels; the client turns each into an array in one call. Row by row, the
# stadium's 800,000 values cost more to hand over and decode than to read; packed, the two
# queries below, each on an index in the order it keeps (no join, no sort of 80,000 rows),
# read the stadium in about 60 % of the time of one joined query in binary rows.
_PG_LAYOUT = text(
    "SELECT count(*), string_agg(int8send(id::int8), ''::bytea), string_agg(float8send(x), ''::bytea), "
    "string_agg(float8send(y), ''::bytea), string_agg(int8send(block_id::int8), ''::bytea), "
    "string_agg(replace(row, chr(31), ' '), chr(31)), string_agg(int8send(number::int8), ''::bytea) "
    "FROM (SELECT id, x, y, block_id, row, number FROM seats WHERE hall_id = :hall ORDER BY sort, id) AS q")
_PG_STATES = text(
    "SELECT count(*), string_agg(int8send(seat_id::int8), ''::bytea), string_agg(int8send(category_id::int8), ''::bytea), "
    "string_agg(int8send(coalesce(contingent_id, 0)::int8), ''::bytea), "
    "string_agg(CASE WHEN blocked THEN '\\x01'::bytea ELSE '\\x00'::bytea END, ''::bytea), "
    "string_agg(CASE WHEN invalid THEN '\\x01'::bytea ELSE '\\x00'::bytea END, ''::bytea) "
    "FROM (SELECT seat_id, category_id, contingent_id, blocked, invalid FROM performance_seats "
    "WHERE performance_id = :performance ORDER BY seat_id) AS q")


def _unpack(buf, typecode: str, n: int) -> array:
    """An array ('q', 'l' or 'd') of n numbers from PostgreSQL's big-endian 8-byte encoding."""
    a = array("d" if typecode == "d" else "q")
    if buf:
        a.frombytes(buf)
        if sys.byteorder == "little":
            a.byteswap()
    if len(a) != n:
        raise _Unpacked
    if a.typecode != typecode:  # 'l': the same bytes where a C long is 8 bytes, else value by value
        if array(typecode).itemsize == a.itemsize:
            same = array(typecode)
            same.frombytes(a.tobytes())
            return same
        return array(typecode, a)
    return a


class _Unpacked(Exception):
    """Packed columns that do not hold one value per row: read the rows plainly instead."""


def _pg_layout(s, hall_id: int) -> _Layout | None:
    """The hall's layout in packed columns, or None if they did not come whole and in plan order.

    The aggregates read their subquery's rows in its ORDER BY (PostgreSQL's executor does; its
    documentation says "usually"), and all of them in the same order, so the columns always
    match one another. Should a future planner aggregate out of order, blocks would no longer
    be runs of seats: that is checked, and the plain ordered query is then used."""
    n, ids, x, y, block, rows, number = raw_rows(s, _PG_LAYOUT.bindparams(hall=hall_id))[0]
    row = rows.split("\x1f") if n else []
    try:
        blocks = tuple(_unpack(block, "q", n))
        if len(row) != n or sum(1 for _ in groupby(blocks)) != len(set(blocks)):
            return None
        return _Layout(_unpack(ids, "q", n), _unpack(x, "d", n), _unpack(y, "d", n), blocks, row,
                       _unpack(number, "l", n))
    except _Unpacked:
        return None


def _pg_raw_states(s, performance_id: int) -> _RawStates | None:
    """The performance's rows in packed columns (seat id order), or None if not whole."""
    n, ids, category, contingent, blocked, invalid = raw_rows(
        s, _PG_STATES.bindparams(performance=performance_id))[0]
    blocked, invalid = bytearray(blocked or b""), bytearray(invalid or b"")
    try:
        if len(blocked) != n or len(invalid) != n:
            return None
        return _RawStates(_unpack(ids, "q", n), _unpack(category, "q", n), _unpack(contingent, "q", n), blocked,
                          invalid)
    except _Unpacked:
        return None


def _plan_states(s, performance_id: int, layout: _Layout) -> tuple[_Layout, _RawStates]:
    """The performance's rows in the layout's order; seats of the hall that the
    performance does not have are left out of the plan (and rows of no hall seat)."""
    raw = _raw_states(s, performance_id)
    aligned = _align(raw, layout.seat_id)
    if aligned is not None:
        return layout, aligned
    pos = {sid: i for i, sid in enumerate(raw.seat_id)}
    keep = [i for i, sid in enumerate(layout.seat_id) if sid in pos]
    layout = _subset(layout, keep)
    return layout, raw.take([pos[sid] for sid in layout.seat_id])


def revision_of(db: Database, performance_id: int) -> int:
    """The performance's change counter: one indexed read, polled by open plans."""
    with db.read() as s:
        rev = s.scalar(select(Performance.revision).where(Performance.id == performance_id))
    if rev is None:
        raise NotFound(_("no performance with id {performance_id}").format(performance_id=performance_id))
    return rev


def revisions_of(db: Database, performance_ids) -> dict[int, int]:
    """The change counters of several performances in one indexed read (the change
    watcher's poll); an unknown id is simply absent."""
    ids = sorted({int(i) for i in performance_ids})
    if not ids:
        return {}
    with db.read() as s:
        return dict(s.execute(select(Performance.id, Performance.revision).where(Performance.id.in_(ids))).all())


def load_states(db: Database, performance_id: int, seat_ids: array | None = None) -> SeatStates:
    """Reload only what changes (contingent, blocked, invalid, lock, ticket). With the
    open plan's `seat_ids`, in that order as long as the performance still has exactly
    those seats; otherwise in the hall's plan order (a different length: reload)."""
    with db.read() as s:
        row = s.execute(select(Performance.revision, Performance.hall_id)
                        .where(Performance.id == performance_id)).first()
        if row is None:
            raise NotFound(_("no performance with id {performance_id}").format(performance_id=performance_id))
        rev, hall_id = row
        raw = _raw_states(s, performance_id)
        aligned = _align(raw, seat_ids) if seat_ids is not None else None
        if aligned is None:
            _layout_, aligned = _plan_states(s, performance_id, _layout(s, hall_id))
        return _states(s, performance_id, rev, aligned)


def load_plan(db: Database, performance_id: int, point_of_sale: str | None = None) -> PlanData:
    """The whole plan of one performance. With `point_of_sale`, each contingent says whether
    that till's channel may sell its seats (sale mode)."""
    with db.read() as s:
        perf = s.get(Performance, performance_id)
        if perf is None:
            raise NotFound(_("no performance with id {performance_id}").format(performance_id=performance_id))
        product = s.get(Product, perf.product_id)
        revision = perf.revision
        layout, raw = _plan_states(s, performance_id, _layout(s, perf.hall_id))
        states = _states(s, performance_id, revision, raw)
        category = raw.category
        block_rows = s.execute(
            select(Block.id, Zone.code, Zone.name, Block.code, Block.name)
            .join(Zone, Zone.id == Block.zone_id).where(Zone.hall_id == perf.hall_id)
        ).all()
        categories = {c.id: CategoryInfo(c.id, c.code, c.name, c.color) for c in s.scalars(select(SeatCategory))}
        refs = contingent_refs(s)
        channel = channel_ref(find_point_of_sale(s, point_of_sale).channel) if point_of_sale else None
        contingents = {
            c.id: ContingentInfo(c.id, c.code, c.name_fr, c.fill_color, c.text_color, refs[c.id].is_distributor,
                                 sale_refusal(channel, refs[c.id]) if channel else None,
                                 refs[c.id].target_channel_id)
            for c in s.scalars(select(Contingent).order_by(Contingent.code))
        }
        tariffs = [TariffInfo(t.id, t.code, t.name_fr) for t in s.scalars(select(Tariff).order_by(Tariff.sort))]
        prices = {(c, t): a for c, t, a in s.execute(
            select(Price.category_id, Price.tariff_id, Price.amount).where(Price.performance_id == performance_id))}
    info = {b[0]: b for b in block_rows}
    blocks: list[BlockInfo] = []
    block_index = array("l")
    # Seats arrive in plan order, so a block is a run of equal block ids.
    start = 0
    for bid, run in groupby(layout.block_id):
        count = sum(1 for _ in run)
        _, zcode, zname, bcode, bname = info[bid]
        block_index.extend(array("l", [len(blocks)]) * count)
        blocks.append(BlockInfo(bid, zcode, zname, bcode, bname, start, start + count))
        start += count
    return PlanData(
        performance_id, product.code, product.name_fr, perf.starts_at,
        layout.seat_id, layout.x, layout.y, block_index, layout.row, layout.number,
        category, states, blocks, categories, contingents, tariffs, prices,
    )


@dataclass(frozen=True)
class EventChoice:
    id: int
    code: str
    name: str
    performances: tuple[tuple[int, datetime], ...]


def events_with_performances(db: Database) -> list[EventChoice]:
    """What the "Seat plan" page offers: events, each with its performances."""
    with db.read() as s:
        rows = s.execute(
            select(Product.id, Product.code, Product.name_fr, Performance.id, Performance.starts_at)
            .join(Performance, Performance.product_id == Product.id)
            .where(Product.kind == ProductKind.EVENT)
            .order_by(Product.name_fr, Performance.starts_at)
        ).all()
    out: dict[int, list] = {}
    names: dict[int, tuple[str, str]] = {}
    for pid, code, name, perf_id, starts in rows:
        names[pid] = (code, name)
        out.setdefault(pid, []).append((perf_id, starts))
    return [EventChoice(pid, *names[pid], tuple(perfs)) for pid, perfs in out.items()]
