"""Which performances a scheduled run covers: those whose window is open at that instant.

A window opens at a date (with its hour) or N days before each performance at an hour, and
closes at a date or M days after it at an hour; all wall-clock times of the venue, like the
performances' own. A schedule with neither bound covers what its function covers by itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select

from app.db.models import DistributorInterface, Performance, Product, Schedule
from app.domain.enums import SyncFunction

from .rules import parse_hour


@dataclass(frozen=True)
class Window:
    start_date: datetime | None = None
    days_before: int | None = None
    start_time: str = ""
    end_date: datetime | None = None
    days_after: int | None = None
    end_time: str = ""

    @classmethod
    def of(cls, sc: Schedule) -> "Window":
        return cls(sc.window_start_date, sc.window_start_days_before, sc.window_start_time or "",
                   sc.window_end_date, sc.window_end_days_after, sc.window_end_time or "")

    @property
    def defined(self) -> bool:
        return any(v is not None for v in (self.start_date, self.days_before, self.end_date, self.days_after))

    def bounds(self, performance_at: datetime) -> tuple[datetime | None, datetime | None]:
        opens = closes = None
        if self.start_date is not None:
            opens = self.start_date
        elif self.days_before is not None:
            opens = datetime.combine(performance_at.date() - timedelta(days=self.days_before),
                                     time(*parse_hour(self.start_time or "00:00", "window start hour")))
        if self.end_date is not None:
            closes = self.end_date
        elif self.days_after is not None:
            closes = datetime.combine(performance_at.date() + timedelta(days=self.days_after),
                                      time(*parse_hour(self.end_time or "23:59", "window end hour")))
        return opens, closes

    def is_open(self, performance_at: datetime, now_local: datetime) -> bool:
        opens, closes = self.bounds(performance_at)
        return (opens is None or opens <= now_local) and (closes is None or now_local <= closes)

    def describe(self) -> str:
        if not self.defined:
            return ""
        if self.start_date is not None:
            a = f"from {self.start_date:%Y-%m-%d %H:%M}"
        elif self.days_before is not None:
            a = f"from {self.days_before} day(s) before at {self.start_time or '00:00'}"
        else:
            a = "from any time"
        if self.end_date is not None:
            b = f"to {self.end_date:%Y-%m-%d %H:%M}"
        elif self.days_after is not None:
            b = f"to {self.days_after} day(s) after at {self.end_time or '23:59'}"
        else:
            b = "with no end"
        return f"{a} {b}"


def candidate_performances(s, sc: Schedule) -> list[tuple[int, datetime, str]]:
    """(id, starts_at, label) of the performances the schedule's function concerns."""
    q = select(Performance.id, Performance.starts_at, Product.code).join(Product, Product.id == Performance.product_id)
    if sc.performance_id is not None:
        q = q.where(Performance.id == sc.performance_id)
    elif sc.product_id is not None:
        q = q.where(Performance.product_id == sc.product_id)
    if sc.function is SyncFunction.EXPORT_ALLOTMENTS:
        from app.services.sync.export import _performances_of  # the export's own notion of "its" performances
        from app.services.sync.common import load_interface

        ids = _performances_of(s, load_interface(s, s.get(DistributorInterface, sc.interface_id).id))
        if not ids:
            return []
        q = q.where(Performance.id.in_(ids))
    return [(pid, at, f"{code}@{at:%Y-%m-%d %H:%M}") for pid, at, code in s.execute(q.order_by(Performance.starts_at))]


def performances_in_window(s, sc: Schedule, now_local: datetime) -> list[tuple[int, str]] | None:
    """The performances whose window is open now (id, label), or None when the schedule has
    no window and no performance/event filter (the function covers what it covers)."""
    w = Window.of(sc)
    if not w.defined and sc.performance_id is None and sc.product_id is None:
        return None
    return [(pid, label) for pid, at, label in candidate_performances(s, sc) if w.is_open(at, now_local)]
