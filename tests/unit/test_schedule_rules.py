"""Recurrence in the venue's time zone across daylight-saving changes, and windows (no DB)."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.errors import InputError
from app.services.schedules import rules
from app.services.schedules.windows import Window

PARIS = rules.zone("Europe/Paris")


def runs(rule: str, first: datetime, until_local: datetime) -> list[datetime]:
    """Every local wall-clock run from `first` up to `until_local`."""
    text = rules.compose(rule, first)
    t = rules.first_run(text, PARIS)
    out = []
    while t is not None and rules.to_local(t, PARIS) < until_local:
        out.append(t)
        t = rules.next_after(text, t, PARIS)
    return out


def test_daily_hour_that_happens_twice_runs_once_when_clocks_go_back():
    got = runs("FREQ=DAILY;BYHOUR=2;BYMINUTE=30", datetime(2026, 10, 24, 2, 30), datetime(2026, 10, 27))
    assert [rules.to_local(t, PARIS) for t in got] == [datetime(2026, 10, d, 2, 30) for d in (24, 25, 26)]
    assert got[1] == datetime(2026, 10, 25, 0, 30)  # the first 02:30 (summer time, UTC+2)
    got = runs("FREQ=DAILY;BYHOUR=3;BYMINUTE=30", datetime(2026, 10, 24, 3, 30), datetime(2026, 10, 27))
    assert [t.isoformat() for t in got] == ["2026-10-24T01:30:00", "2026-10-25T02:30:00", "2026-10-26T02:30:00"]


def test_daily_hour_that_does_not_exist_runs_at_the_first_valid_instant():
    got = runs("FREQ=DAILY;BYHOUR=2;BYMINUTE=30", datetime(2026, 3, 28, 2, 30), datetime(2026, 3, 31))
    assert [rules.to_local(t, PARIS) for t in got] == [datetime(2026, 3, 28, 2, 30), datetime(2026, 3, 29, 3, 0),
                                                      datetime(2026, 3, 30, 2, 30)]


def test_every_hour_counts_elapsed_time_across_both_changes():
    autumn = runs("FREQ=HOURLY", datetime(2026, 10, 25, 0, 0), datetime(2026, 10, 26))
    assert len(autumn) == 25 and all((b - a).total_seconds() == 3600 for a, b in zip(autumn, autumn[1:]))
    spring = runs("FREQ=MINUTELY;INTERVAL=30", datetime(2026, 3, 29, 0, 0), datetime(2026, 3, 30))
    assert len(spring) == 46


def test_chosen_weekdays_at_a_time():
    f = rules.Frequency("weekly", at="20:15", weekdays=("FR", "MO"))
    assert f.rrule() == "FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=20;BYMINUTE=15;BYSECOND=0"
    got = runs(f.rrule(), datetime(2026, 12, 1, 0, 0), datetime(2026, 12, 15))
    assert [rules.to_local(t, PARIS).strftime("%a %d %H:%M") for t in got] == [
        "Fri 04 20:15", "Mon 07 20:15", "Fri 11 20:15", "Mon 14 20:15"]
    assert rules.describe(rules.compose(f.rrule(), datetime(2026, 12, 1))) == rules.Frequency(
        "weekly", 1, "20:15", ("MO", "FR"))


@pytest.mark.parametrize("rule, message", [("FREQ=SOMETIMES", "not a valid RFC 5545 rule"),
                                           ("BYHOUR=3", "FREQ is missing"),
                                           ("DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "rule only")])
def test_bad_rules_are_refused_naming_them(rule, message):
    with pytest.raises(InputError, match=message):
        rules.compose(rule, datetime(2026, 1, 1))


def test_windows_relative_to_each_performance_and_fixed_dates():
    w = Window(days_before=2, start_time="08:00", days_after=1, end_time="12:00")
    perf = datetime(2014, 12, 7, 20, 0)
    assert w.bounds(perf) == (datetime(2014, 12, 5, 8, 0), datetime(2014, 12, 8, 12, 0))
    assert not w.is_open(perf, datetime(2014, 12, 5, 7, 59))
    assert w.is_open(perf, datetime(2014, 12, 5, 8, 0)) and w.is_open(perf, datetime(2014, 12, 8, 12, 0))
    assert not w.is_open(perf, datetime(2014, 12, 8, 12, 1))
    fixed = Window(start_date=datetime(2014, 11, 1, 9, 0), end_date=datetime(2014, 11, 30, 18, 0))
    assert fixed.is_open(perf, datetime(2014, 11, 15)) and not fixed.is_open(perf, datetime(2014, 12, 1))
    assert not Window().defined
