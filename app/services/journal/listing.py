"""The journal read a window at a time, for the client's Journal screen (issue 17).

A filter's operation numbers come first (`numbers`: counted, and read only when they have
gaps — a kind, a performance among others —, else a range), bounded by the journal head's number read just before,
so the screen knows exactly which operations it has and asks later only for those after
(`numbers(after=…)`). The rows themselves are read a page at a time by their numbers
(`page`), as plain tuples in `COLUMNS` order: the screen never holds more than the pages
it shows. Nothing here writes."""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from sqlalchemy import bindparam, func, select, text

from app.db.models import JournalOperation

from .canonical import CHAIN

# What a page row holds, in this order (the hash chain's fields the screen shows, and the hashes).
COLUMNS = ("op_no", "at", "kind", "operator", "workstation", "point_of_sale", "channel", "show", "performance",
           "seat", "category", "tariff", "price", "payment", "order_reference", "ticket_id", "corrects_no",
           "performance_id", "prev_hash", "hash")


@dataclass(frozen=True)
class JournalFilter:
    """Which operations: of one performance, in [at_from, at_before) (naive UTC instants: the
    caller turns the venue's local days into them), from operation n° `start`, of these kinds."""

    performance_id: int | None = None
    at_from: datetime | None = None
    at_before: datetime | None = None
    start: int | None = None
    kinds: tuple[str, ...] = ()

    def where(self) -> list:
        j = JournalOperation
        out = []
        if self.performance_id is not None:
            out.append(j.performance_id == self.performance_id)
        if self.at_from is not None:
            out.append(j.at >= self.at_from)
        if self.at_before is not None:
            out.append(j.at < self.at_before)
        if self.start is not None:
            out.append(j.op_no >= self.start)
        if self.kinds:
            out.append(j.kind.in_(self.kinds))
        return out


def last_number(db) -> int:
    """The number of the last committed operation (the journal head: one row)."""
    with db.read() as s:
        return s.scalar(text("SELECT last_no FROM journal_head WHERE chain = :c"), {"c": CHAIN}) or 0


@dataclass(frozen=True)
class Numbers:
    """The numbers of a filter's operations after `after`, up to the head's `upto` (inclusive):
    a `range` when they follow each other without a gap (the whole journal, from n°, a period),
    else an array."""

    numbers: Sequence[int]
    upto: int


def numbers(db, flt: JournalFilter, after: int = 0) -> Numbers:
    """The operation numbers matching `flt`, above `after`, in order. Counted first: a run without
    gaps is a range (nothing more read); only a filter with gaps reads its numbers."""
    j = JournalOperation
    with db.read() as s:
        upto = s.scalar(text("SELECT last_no FROM journal_head WHERE chain = :c"), {"c": CHAIN}) or 0
        where = [*flt.where(), j.op_no > after, j.op_no <= upto]
        count, lo, hi = s.execute(select(func.count(), func.min(j.op_no), func.max(j.op_no)).where(*where)).one()
        if not count:
            return Numbers(range(0), upto)
        if hi - lo + 1 == count:
            return Numbers(range(lo, hi + 1), upto)
        found = array("q", s.connection().execute(select(j.op_no).where(*where).order_by(j.op_no)).scalars())
    return Numbers(found, upto)


_PAGE_Q = None


def _page_query():
    global _PAGE_Q
    if _PAGE_Q is None:
        cols = [getattr(JournalOperation, c) for c in COLUMNS]
        _PAGE_Q = (select(*cols).where(JournalOperation.op_no.in_(bindparam("nos", expanding=True)))
                   .order_by(JournalOperation.op_no))
    return _PAGE_Q


def page(db, nos) -> list[tuple]:
    """The rows of these operation numbers (at most a few hundred), in COLUMNS order."""
    nos = list(nos)
    if not nos:
        return []
    with db.read() as s:
        return [tuple(r) for r in s.connection().execute(_page_query(), {"nos": nos})]
