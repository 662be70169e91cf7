"""A seat's history: every line of `seat_history` that names it, in the order written.

A line names a seat in one of two ways (migration 0017): its own line (`seat_id`: sales,
cancellations, exports, reintegrations, a plan edit of one seat), or a plan edit of several
seats, one line for all of them (`seat_ids`, a JSON array; `seat_id` NULL, `quantity` their
number). Both are found through the (performance, seat) index: the seat's own lines, and the
performance's grouped lines (seat_id NULL), whose arrays the database searches."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session

from app.db.models import SeatHistory
from app.domain.enums import SeatAction


@dataclass(frozen=True)
class HistoryLine:
    """One change of the seat: when, by whom (operator id, None for a distributor's run),
    what, from which value to which, and its reference (order, export or execution)."""

    id: int
    at: datetime
    operator_id: int | None
    action: SeatAction
    old_value: str
    new_value: str
    reference: str
    seats_in_line: int  # the seats this line changed together (1 for a line of its own)


def _names_seat(s: Session, seat_id: int):
    """SQL: the grouped line's seat_ids holds `seat_id`."""
    if s.get_bind().dialect.name == "sqlite":
        return text("EXISTS (SELECT 1 FROM json_each(seat_history.seat_ids) WHERE json_each.value = :history_seat)"
                    ).bindparams(history_seat=seat_id)
    return text("CAST(seat_history.seat_ids AS jsonb) @> to_jsonb(CAST(:history_seat AS integer))"
                ).bindparams(history_seat=seat_id)


def seat_history(s: Session, performance_id: int, seat_id: int) -> list[HistoryLine]:
    """The lines that changed this seat of this performance, oldest first."""
    h = SeatHistory
    rows = s.execute(
        select(h.id, h.at, h.operator_id, h.action, h.old_value, h.new_value, h.reference, h.quantity)
        .where(h.performance_id == performance_id,
               or_(h.seat_id == seat_id, and_(h.seat_id.is_(None), h.seat_ids.is_not(None), _names_seat(s, seat_id))))
        .order_by(h.id)).all()
    return [HistoryLine(*r) for r in rows]


def seats_of(line_seat_id: int | None, line_seat_ids: str | None) -> list[int]:
    """The seats one `seat_history` row names (its seat_id, or its seat_ids array)."""
    if line_seat_ids is not None:
        return json.loads(line_seat_ids)
    return [] if line_seat_id is None else [line_seat_id]
