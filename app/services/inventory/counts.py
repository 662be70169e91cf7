"""The seat plan's counters (Total, libres, verrouillées, bloquées…) as SQL aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Contingent,
    PerformanceSeat,
    PerformanceZone,
    Seat,
    SeatCategory,
    Ticket,
    ZoneAllocation,
    utcnow,
)
from app.domain.enums import TicketState
from app.domain.seats import Counts

from app.services.lookup import find_category, find_contingent, find_performance, performance_info, PerformanceInfo


@dataclass(frozen=True)
class CountsReport:
    performance: PerformanceInfo
    counts: Counts  # for the filter
    hall: Counts  # the whole plan, same non-numbered choice
    contingent: str | None
    category: str | None
    include_non_numbered: bool

    @property
    def share_percent(self) -> float:
        """Share of the hall held by the filter ("33.0 %")."""
        return round(100.0 * self.counts.total / self.hall.total, 1) if self.hall.total else 0.0

    def as_dict(self) -> dict:
        return {
            "performance": self.performance.label,
            "performance_id": self.performance.id,
            "contingent": self.contingent,
            "category": self.category,
            "include_non_numbered": self.include_non_numbered,
            **self.counts.as_dict(),
            "share_percent": self.share_percent,
        }


@dataclass(frozen=True)
class CountsRow:
    key: int | None
    code: str
    name: str
    color: str
    counts: Counts


def _live_ticket_join():
    return and_(
        Ticket.performance_id == PerformanceSeat.performance_id,
        Ticket.seat_id == PerformanceSeat.seat_id,
        Ticket.state != TicketState.CANCELLED,
    )


def _flag_columns(now: datetime):
    """Seats by the first of invalid, blocked, locked that applies (tickets aside)."""
    one, zero = literal(1), literal(0)
    ps = PerformanceSeat
    return (
        func.coalesce(func.sum(case((ps.invalid, one), else_=zero)), 0),
        func.coalesce(func.sum(case((and_(~ps.invalid, ps.blocked), one), else_=zero)), 0),
        func.coalesce(func.sum(case((and_(~ps.invalid, ~ps.blocked, ps.locked_until > now), one), else_=zero)), 0),
    )


def _ticket_columns():
    one, zero = literal(1), literal(0)
    return (
        func.coalesce(func.sum(case((Ticket.state == TicketState.SOLD, one), else_=zero)), 0),
        func.coalesce(func.sum(case((Ticket.state == TicketState.RESERVED, one), else_=zero)), 0),
        func.coalesce(func.sum(case((and_(Ticket.state == TicketState.SOLD, ~Ticket.controlled), one), else_=zero)), 0),
    )


def _to_counts(total, sold, reserved, invalid, blocked, locked, snc) -> Counts:
    free = total - sold - reserved - invalid - blocked - locked
    return Counts(total, free, locked, blocked, reserved, sold, invalid, snc)


def numbered_counts(s: Session, performance_id: int, *, contingent_id=..., category_id=None,
                    group_by: str | tuple[str, ...] | None = None):
    """Counts of numbered seats, or a dict of them keyed by `group_by` ("contingent_id",
    "category_id", "block_id", or a tuple of them for tuple keys). `contingent_id=None`
    means seats in no contingent; `...` means all.

    A seat with a live ticket counts as sold or reserved whatever its flags. Three
    queries: the seats counted, their flags from the flagged seats alone (no join: a join
    would probe the tickets once per seat, most of the time for nothing), then the seats
    that have a live ticket, whose flags are taken back off (at most one live ticket per seat, by a unique index)."""
    names = (group_by,) if isinstance(group_by, str) else tuple(group_by or ())
    by_block = "block_id" in names  # the block is the seat's, not the performance seat's
    key_col = [Seat.block_id if n == "block_id" else getattr(PerformanceSeat, n) for n in names]
    now = utcnow()

    def scoped(q):
        if by_block:
            q = q.join(Seat, Seat.id == PerformanceSeat.seat_id)
        q = q.where(PerformanceSeat.performance_id == performance_id)
        if contingent_id is not ...:
            q = q.where(PerformanceSeat.contingent_id.is_(None) if contingent_id is None
                        else PerformanceSeat.contingent_id == contingent_id)
        if category_id is not None:
            q = q.where(PerformanceSeat.category_id == category_id)
        return q.group_by(*key_col) if group_by else q

    # The seats' total, then their flags from the flagged seats alone: a CASE per flag over
    # every seat cost as much as the count itself, and flagged seats are few.
    totals = s.execute(scoped(select(*key_col, func.count(PerformanceSeat.id)).select_from(PerformanceSeat))).all()
    ps = PerformanceSeat
    flagged = s.execute(scoped(select(*key_col, *_flag_columns(now)).select_from(PerformanceSeat)
                               .where(ps.invalid | ps.blocked | (ps.locked_until > now)))).all()
    ticketed = s.execute(scoped(select(*key_col, *_ticket_columns(), *_flag_columns(now))
                                .select_from(Ticket).join(PerformanceSeat, _live_ticket_join())
                                .where(Ticket.performance_id == performance_id, Ticket.seat_id.is_not(None)))).all()
    width = len(key_col)
    sold_by = {tuple(r[:width]): [int(v or 0) for v in r[width:]] for r in ticketed}
    flags_by = {tuple(r[:width]): [int(v or 0) for v in r[width:]] for r in flagged}
    out = {}
    for r in totals:
        key = tuple(r[:width])
        total = int(r[width] or 0)
        invalid, blocked, locked = flags_by.get(key, (0, 0, 0))
        sold, reserved, snc, t_invalid, t_blocked, t_locked = sold_by.get(key, (0,) * 6)
        out[key] = _to_counts(total, sold, reserved, invalid - t_invalid, blocked - t_blocked, locked - t_locked,
                              snc)
    if group_by:
        return {key[0] if isinstance(group_by, str) else key: c for key, c in out.items()}
    return out.get((), Counts())


def non_numbered_counts(s: Session, performance_id: int, *, contingent_id=..., category_id=None,
                        group_by: str | None = None):
    """Counts of non-numbered (standing) places, same filters and grouping as
    `numbered_counts` (or by "zone_id"). A zone's capacity splits into its contingents' quantities and an
    unallocated rest, which also carries the zone's blocked places."""
    zones = s.scalars(select(PerformanceZone).where(PerformanceZone.performance_id == performance_id)).all()
    allocs = s.scalars(select(ZoneAllocation).where(ZoneAllocation.performance_id == performance_id)).all()
    tickets = s.execute(
        select(
            Ticket.contingent_id, PerformanceZone.category_id, Ticket.zone_id,
            func.sum(case((Ticket.state == TicketState.SOLD, 1), else_=0)),
            func.sum(case((Ticket.state == TicketState.RESERVED, 1), else_=0)),
            func.sum(case((and_(Ticket.state == TicketState.SOLD, ~Ticket.controlled), 1), else_=0)),
        )
        .join(PerformanceZone, and_(PerformanceZone.performance_id == Ticket.performance_id,
                                    PerformanceZone.zone_id == Ticket.zone_id))
        .where(Ticket.performance_id == performance_id, Ticket.seat_id.is_(None),
               Ticket.state != TicketState.CANCELLED)
        .group_by(Ticket.contingent_id, PerformanceZone.category_id, Ticket.zone_id)
    ).all()
    # pieces: (contingent, category, zone, total, blocked, sold, reserved, sold_not_controlled)
    pieces = []
    for z in zones:
        mine = [a for a in allocs if a.zone_id == z.zone_id]
        pieces.append((None, z.category_id, z.zone_id, z.capacity - sum(a.quantity for a in mine), z.blocked,
                       0, 0, 0))
        pieces += [(a.contingent_id, z.category_id, z.zone_id, a.quantity, 0, 0, 0, 0) for a in mine]
    pieces += [(c, k, zid, 0, 0, int(sold or 0), int(res or 0), int(snc or 0))
               for c, k, zid, sold, res, snc in tickets]
    sums: dict = {}
    for cont, cat, zone, *values in pieces:
        if contingent_id is not ... and cont != contingent_id:
            continue
        if category_id is not None and cat != category_id:
            continue
        key = {"contingent_id": cont, "category_id": cat, "zone_id": zone}.get(group_by or "", None)
        sums[key] = [a + b for a, b in zip(sums.get(key, [0] * 5), values)]

    def counts(total, blocked, sold, reserved, snc) -> Counts:
        blocked = min(blocked, max(total - sold - reserved, 0))
        return Counts(total, total - sold - reserved - blocked, 0, blocked, reserved, sold, 0, snc)

    if group_by:
        return {k: counts(*v) for k, v in sums.items()}
    return counts(*sums.get(None, [0] * 5))


def performance_counts(
    db: Database,
    performance: str | int,
    *,
    contingent: str | None = None,
    category: str | None = None,
    include_non_numbered: bool = False,
) -> CountsReport:
    with db.read() as s:
        perf = find_performance(s, performance)
        cont_id = find_contingent(s, contingent).id if contingent else ...
        cat_id = find_category(s, category).id if category else None
        filt = numbered_counts(s, perf.id, contingent_id=cont_id, category_id=cat_id)
        hall = numbered_counts(s, perf.id) if (contingent or category) else filt
        if include_non_numbered:
            filt = filt + non_numbered_counts(s, perf.id, contingent_id=cont_id, category_id=cat_id)
            hall = hall + non_numbered_counts(s, perf.id) if (contingent or category) else filt
        return CountsReport(performance_info(s, perf), filt, hall, contingent, category, include_non_numbered)


def counts_by_contingent(db: Database, performance_id: int, *, include_non_numbered: bool = False) -> list[CountsRow]:
    """One row per contingent present on the plan (and one for seats in none)."""
    with db.read() as s:
        by = numbered_counts(s, performance_id, group_by="contingent_id")
        if include_non_numbered:
            for k, c in non_numbered_counts(s, performance_id, group_by="contingent_id").items():
                by[k] = by.get(k, Counts()) + c
        conts = {c.id: c for c in s.scalars(select(Contingent).where(Contingent.id.in_([k for k in by if k])))}
        rows = [CountsRow(k, conts[k].code, conts[k].name_fr, conts[k].fill_color, c) for k, c in by.items() if k]
        rows.sort(key=lambda r: r.code)
        if None in by:
            rows.append(CountsRow(None, "", "", "#ffffff", by[None]))
        return rows


def counts_by_category(db: Database, performance_id: int, *, include_non_numbered: bool = False) -> list[CountsRow]:
    with db.read() as s:
        by = numbered_counts(s, performance_id, group_by="category_id")
        if include_non_numbered:
            for k, c in non_numbered_counts(s, performance_id, group_by="category_id").items():
                by[k] = by.get(k, Counts()) + c
        cats = {c.id: c for c in s.scalars(select(SeatCategory))}
        return sorted(
            (CountsRow(k, cats[k].code, cats[k].name, cats[k].color, c) for k, c in by.items() if k in cats),
            key=lambda r: (cats[r.key].sort, r.code),
        )
