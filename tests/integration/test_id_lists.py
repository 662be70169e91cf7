"""One bound list of ids (`SeatIdParam`) whatever its length, on both backends: the ids come
back exactly, strings with quotes, backslashes, commas and braces included, and on
PostgreSQL the array's text is made a constant once, not cast again for each row (typed
VARCHAR it was: 2.2 s for this test's list against a demo hall, instead of milliseconds)."""

from __future__ import annotations

from sqlalchemy import func, select

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


def test_a_long_id_list_is_one_constant_array_not_a_cast_per_row(demo_db):
    with demo_db.read() as s:
        perf = find_performance(s, WALKYRIE)
        seat_ids = s.scalars(select(PerformanceSeat.seat_id).where(PerformanceSeat.performance_id == perf.id)).all()
        wanted = sorted(seat_ids)[::2] + list(range(10_000_000, 10_040_000))  # half the hall, 40,000 absent ids
        ids = SeatIdParam(s, wanted)
        query = select(func.count()).select_from(PerformanceSeat).where(
            PerformanceSeat.performance_id == perf.id, ids.contains(PerformanceSeat.seat_id))
        assert s.scalar(query) == len(seat_ids[::2]) == (len(seat_ids) + 1) // 2
        assert s.scalar(select(func.count()).select_from(ids.rows())) == len(wanted)
        if not demo_db.is_sqlite:  # the plan holds the array as a constant, no cast left to run per row
            compiled = query.compile(dialect=s.get_bind().dialect)
            cur = s.connection().connection.driver_connection.cursor()
            plan = "\n".join(row[0] for row in cur.execute("EXPLAIN " + str(compiled), compiled.params))
            assert "ANY ('{" in plan and "::integer[]" in plan, plan[:300]
            assert "character varying" not in plan, "the list's text is cast again for each row"
