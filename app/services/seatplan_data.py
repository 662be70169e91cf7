"""Everything the seat plan draws, loaded in a few queries into flat arrays (no Qt here).

Seats come in plan order (zone, block, row, number), so each block is one contiguous
slice of the arrays; the plan paints and hit-tests from these arrays, never from one
object per seat."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, case, func, select

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

from .lookup import channel_ref, contingent_refs, find_point_of_sale
from app.domain.seats import sale_refusal

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


def _fetch_raw(s, stmt) -> list[tuple]:
    """Rows as plain tuples straight from the driver's cursor. At 80,000 rows SQLAlchemy's
    Row objects cost more than the query itself; only use this for statements whose
    columns need no result processing (ints, floats, strings)."""
    conn = s.connection()
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    if compiled.positional:
        params = tuple(params[k] for k in compiled.positiontup)
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute(str(compiled), params)
        return cur.fetchall()
    finally:
        cur.close()


def _flags():
    return case((PerformanceSeat.blocked, 1), else_=0) + case((PerformanceSeat.invalid, 2), else_=0)


def _plan_query(performance_id: int, hall_id: int, with_layout: bool):
    """One row per numbered seat in plan order, driven by the (hall, sort) index."""
    state = (PerformanceSeat.category_id, func.coalesce(PerformanceSeat.contingent_id, 0), _flags())
    layout = (Seat.x, Seat.y, Seat.block_id, Seat.row, Seat.number) if with_layout else ()
    return (
        select(Seat.id, *state, *layout)
        .join(PerformanceSeat, and_(PerformanceSeat.seat_id == Seat.id,
                                    PerformanceSeat.performance_id == performance_id))
        .where(Seat.hall_id == hall_id)
        .order_by(Seat.sort)
    )


def _states(s, performance_id: int, revision: int, seat_ids, contingent, flags) -> SeatStates:
    n = len(seat_ids)
    flags = bytearray(flags)
    blocked = bytearray(f & 1 for f in flags)
    invalid = bytearray((f >> 1) & 1 for f in flags)
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
    return SeatStates(revision, array("q", contingent), blocked, invalid, locked, ticket)


def revision_of(db: Database, performance_id: int) -> int:
    """The performance's change counter: one indexed read, polled by open plans."""
    with db.read() as s:
        rev = s.scalar(select(Performance.revision).where(Performance.id == performance_id))
    if rev is None:
        raise NotFound(f"no performance with id {performance_id}")
    return rev


def load_states(db: Database, performance_id: int) -> SeatStates:
    """Reload only what changes (contingent, blocked, invalid, lock, ticket), plan order."""
    with db.read() as s:
        row = s.execute(select(Performance.revision, Performance.hall_id)
                        .where(Performance.id == performance_id)).first()
        if row is None:
            raise NotFound(f"no performance with id {performance_id}")
        rev, hall_id = row
        rows = _fetch_raw(s, _plan_query(performance_id, hall_id, False))
        seat_id, _cat, contingent, flags = zip(*rows) if rows else ((),) * 4
        return _states(s, performance_id, rev, seat_id, contingent, flags)


def load_plan(db: Database, performance_id: int, point_of_sale: str | None = None) -> PlanData:
    """The whole plan of one performance. With `point_of_sale`, each contingent says whether
    that till's channel may sell its seats (sale mode)."""
    with db.read() as s:
        perf = s.get(Performance, performance_id)
        if perf is None:
            raise NotFound(f"no performance with id {performance_id}")
        product = s.get(Product, perf.product_id)
        revision = perf.revision
        rows = _fetch_raw(s, _plan_query(performance_id, perf.hall_id, True))
        seat_id, category, contingent, flags, x, y, block_id, row, number = zip(*rows) if rows else ((),) * 9
        states = _states(s, performance_id, revision, seat_id, contingent, flags)
        block_rows = s.execute(
            select(Block.id, Zone.code, Zone.name, Block.code, Block.name)
            .join(Zone, Zone.id == Block.zone_id).where(Zone.hall_id == perf.hall_id)
        ).all()
        categories = {c.id: CategoryInfo(c.id, c.code, c.name, c.color) for c in s.scalars(select(SeatCategory))}
        refs = contingent_refs(s)
        channel = channel_ref(find_point_of_sale(s, point_of_sale).channel) if point_of_sale else None
        contingents = {
            c.id: ContingentInfo(c.id, c.code, c.name_fr, c.fill_color, c.text_color, refs[c.id].is_distributor,
                                 sale_refusal(channel, refs[c.id]) if channel else None)
            for c in s.scalars(select(Contingent).order_by(Contingent.code))
        }
        tariffs = [TariffInfo(t.id, t.code, t.name_fr) for t in s.scalars(select(Tariff).order_by(Tariff.sort))]
        prices = {(c, t): a for c, t, a in s.execute(
            select(Price.category_id, Price.tariff_id, Price.amount).where(Price.performance_id == performance_id))}
    n = len(seat_id)
    info = {b[0]: b for b in block_rows}
    blocks: list[BlockInfo] = []
    block_index = array("l", bytes(array("l").itemsize * n))
    # Seats arrive in plan order, so a block is a run of equal block ids.
    start = 0
    for i in range(1, n + 1):
        if i == n or block_id[i] != block_id[start]:
            bid, zcode, zname, bcode, bname = info[block_id[start]]
            k = len(blocks)
            blocks.append(BlockInfo(bid, zcode, zname, bcode, bname, start, i))
            block_index[start:i] = array("l", [k]) * (i - start)
            start = i
    return PlanData(
        performance_id, product.code, product.name_fr, perf.starts_at,
        array("q", seat_id), array("d", x), array("d", y), block_index, list(row), array("l", number),
        array("q", category), states, blocks, categories, contingents, tariffs, prices,
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
