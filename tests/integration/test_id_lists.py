"""One bound list of ids (`SeatIdParam`) whatever its length, on both backends: the ids come
back exactly, strings with quotes, backslashes, commas and braces included, and the
PostgreSQL array literal is parsed once, not once per row (a list of 20,000 ids against a
performance's seats answers in well under a second)."""

from __future__ import annotations

import time

from sqlalchemy import func, select, text

from app.db.models import PerformanceSeat
from app.services.inventory.state import SeatIdParam
from app.services.lookup import find_performance
from tests.conftest import WALKYRIE

TRICKY = ['plain', 'with "quotes"', 'back\\slash', 'comma,inside', '{braces}', 'NULL', ' spaced ', 'été', '',
          'end\\', '"']


def test_texts_come_back_exactly_and_filter_exactly(db):
    with db.read() as s:
        ids = SeatIdParam.of_texts(s, TRICKY)
        assert [v for (v,) in s.execute(select(ids.rows().c.value))] == TRICKY
        table = select(ids.rows().c.value.label("v")).subquery()
        probe = ['with "quotes"', 'back\\slash', 'absent', 'NULL']
        kept = s.execute(select(table.c.v).where(SeatIdParam.of_texts(s, probe).contains(table.c.v))).scalars().all()
        assert sorted(kept) == sorted(['with "quotes"', 'back\\slash', 'NULL'])


def test_a_long_id_list_is_read_once_per_statement(demo_db):
    with demo_db.read() as s:
        perf = find_performance(s, WALKYRIE)
        seat_ids = s.scalars(select(PerformanceSeat.seat_id).where(PerformanceSeat.performance_id == perf.id)).all()
        wanted = sorted(seat_ids)[::2] + list(range(10_000_000, 10_040_000))  # half the hall, 40,000 absent ids
        ids = SeatIdParam(s, wanted)
        t = time.perf_counter()
        n = s.scalar(select(func.count()).select_from(PerformanceSeat).where(
            PerformanceSeat.performance_id == perf.id, ids.contains(PerformanceSeat.seat_id)))
        took = time.perf_counter() - t
        assert n == len(seat_ids[::2]) == (len(seat_ids) + 1) // 2
        assert s.scalar(select(func.count()).select_from(ids.rows())) == len(wanted)
        assert s.execute(text("SELECT 1")).scalar() == 1
    assert took < 1.0, f"{took:.2f} s: the list was parsed per row"
