"""How a user names a set of seats: a zone/block/rows/numbers filter, or the first N free."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.i18n import _
from .errors import InputError


@dataclass(frozen=True)
class Range:
    low: str
    high: str

    @classmethod
    def parse(cls, text: str, what: str) -> "Range":
        parts = [p.strip() for p in text.split("-")]
        if len(parts) == 1 and parts[0]:
            return cls(parts[0], parts[0])
        if len(parts) == 2 and all(parts):
            return cls(parts[0], parts[1])
        raise InputError(_("{what} {text!r}: expected A-B or a single value").format(what=what, text=text))

    def contains(self, value: str) -> bool:
        k = natural_key
        lo, hi = sorted((k(self.low), k(self.high)))
        return lo <= k(value) <= hi


def natural_key(value: str) -> tuple:
    """Order row labels as people do: 2 < 10, A < B < AA."""
    return tuple((0, int(p), "") if p.isdigit() else (1, len(p), p) for p in re.findall(r"\d+|\D+", value))


@dataclass(frozen=True)
class SeatSelection:
    zone: str | None = None
    block: str | None = None
    rows: Range | None = None
    numbers: Range | None = None
    first: int | None = None
    seat_ids: tuple[int, ...] | None = None  # from the seat plan

    def __post_init__(self) -> None:
        if self.first is not None and self.first <= 0:
            raise InputError(_("--first must be a positive number of seats"))
        if self.seat_ids is None and self.first is None and self.zone is None:
            raise InputError(_("select seats with --zone Z [--block B] [--rows A-B] [--numbers A-B] or --first N"))
        if self.numbers is not None:
            for v in (self.numbers.low, self.numbers.high):
                if not v.isdigit():
                    raise InputError(_("--numbers {v!r}: seat numbers are whole numbers").format(v=v))
