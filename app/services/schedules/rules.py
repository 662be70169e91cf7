"""Recurrence rules (RFC 5545 RRULE, computed by python-dateutil) in the venue's time zone.

Stored form: "DTSTART:20261025T033000\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=30", DTSTART a
wall-clock time of the venue. Instants in the database are naive UTC (like every other
timestamp). Across daylight-saving changes:
- rules of the wall clock (daily, weekly, …) keep their hour: an hour that happens twice
  (clocks go back) runs once, at its first occurrence; an hour that does not exist (clocks go
  forward) runs at the first valid instant after the gap (02:30 → 03:00 in Paris);
- "every N minutes / hours" counts elapsed time, so a run every hour stays an hour apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import VenueSettings
from app.i18n import _
from app.domain.errors import InputError

DEFAULT_TIMEZONE = "Europe/Paris"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ELAPSED = ("SECONDLY", "MINUTELY", "HOURLY")


# --- the venue's time zone ----------------------------------------------------------------

def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(_("time zone {name}: not an IANA time zone name (e.g. Europe/Paris)").format(name=repr(name))) from None


def venue_timezone(db: Database) -> ZoneInfo:
    with db.read() as s:
        name = s.scalar(select(VenueSettings.timezone).where(VenueSettings.id == 1))
    return zone(name or DEFAULT_TIMEZONE)


def set_venue_timezone(db: Database, name: str) -> None:
    zone(name)
    with db.write() as s:
        row = s.get(VenueSettings, 1)
        if row is None:
            s.add(VenueSettings(id=1, timezone=name))
        else:
            row.timezone = name


def to_local(utc_naive: datetime, tz: ZoneInfo) -> datetime:
    return utc_naive.replace(tzinfo=timezone.utc).astimezone(tz).replace(tzinfo=None)


def to_utc(local_naive: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time of the venue as naive UTC: first occurrence of a repeated hour,
    first valid instant after a skipped one."""
    first = local_naive.replace(tzinfo=tz, fold=0).astimezone(timezone.utc).replace(tzinfo=None)
    if to_local(first, tz) == local_naive:
        return first
    # In a gap: fold=1 reads it with the offset after the change, landing before the gap;
    # the first instant whose wall clock is past the asked time is the change itself.
    t = local_naive.replace(tzinfo=tz, fold=1).astimezone(timezone.utc).replace(tzinfo=None)
    t = t.replace(second=0, microsecond=0)
    while to_local(t, tz) < local_naive:
        t += timedelta(minutes=1)
    return t


# --- rules ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Frequency:
    """The editor's choices: every N minutes / hours, daily at a time, weekdays at a time."""

    kind: str  # minutes | hours | daily | weekly
    interval: int = 1
    at: str = ""  # HH:MM for daily and weekly
    weekdays: tuple[str, ...] = ()  # MO…SU for weekly

    def rrule(self) -> str:
        if self.kind in ("minutes", "hours"):
            if self.interval <= 0:
                raise InputError(_("frequency: every {interval} {kind}? expected a positive number").format(interval=self.interval, kind=self.kind))
            return f"FREQ={'MINUTELY' if self.kind == 'minutes' else 'HOURLY'};INTERVAL={self.interval}"
        h, m = parse_hour(self.at, "frequency time")
        if self.kind == "daily":
            return f"FREQ=DAILY;BYHOUR={h};BYMINUTE={m};BYSECOND=0"
        if self.kind == "weekly":
            days = [d for d in WEEKDAYS if d in self.weekdays]
            if not days:
                raise InputError(_("frequency: choose at least one weekday"))
            return f"FREQ=WEEKLY;BYDAY={','.join(days)};BYHOUR={h};BYMINUTE={m};BYSECOND=0"
        raise InputError(_("frequency {kind}: expected minutes, hours, daily or weekly").format(kind=repr(self.kind)))


def describe(rule_text: str) -> Frequency | None:
    """The editor's reading of a stored rule (None for a rule it cannot show)."""
    parts = _parts(rule_text)
    freq, interval = parts.get("FREQ", ""), int(parts.get("INTERVAL", "1") or 1)
    at = f"{int(parts.get('BYHOUR', '0')):02d}:{int(parts.get('BYMINUTE', '0')):02d}" if "BYHOUR" in parts else ""
    if freq == "MINUTELY":
        return Frequency("minutes", interval)
    if freq == "HOURLY":
        return Frequency("hours", interval)
    if freq == "DAILY" and interval == 1 and at:
        return Frequency("daily", 1, at)
    if freq == "WEEKLY" and interval == 1 and at:
        return Frequency("weekly", 1, at, tuple(parts.get("BYDAY", "").split(",")))
    return None


def parse_hour(text: str, what: str = "hour") -> tuple[int, int]:
    try:
        h, m = (int(x) for x in str(text).strip().split(":"))
        if 0 <= h < 24 and 0 <= m < 60:
            return h, m
    except ValueError:
        pass
    raise InputError(_("{what} {text}: expected HH:MM (e.g. 03:30)").format(what=what, text=repr(text)))


def _parts(rule_text: str) -> dict[str, str]:
    line = next((l for l in rule_text.splitlines() if l.upper().startswith("RRULE:")), rule_text)
    line = line.split(":", 1)[1] if line.upper().startswith("RRULE:") else line
    return {k.upper(): v for k, _, v in (p.partition("=") for p in line.strip().split(";") if p)}


def compose(rule: str, first_local: datetime) -> str:
    """The stored form of a rule ("FREQ=…", with or without "RRULE:") starting at a wall-clock
    time; refuses what dateutil cannot read, naming it."""
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if "DTSTART" in body.upper() or "\n" in body:
        raise InputError(_("rrule {rule}: give the rule only (FREQ=…); the first run is given apart").format(rule=repr(rule)))
    if "FREQ" not in _parts(body):
        raise InputError(_("rrule {rule}: FREQ is missing (e.g. FREQ=DAILY;BYHOUR=3;BYMINUTE=30)").format(rule=repr(rule)))
    text = f"DTSTART:{first_local:%Y%m%dT%H%M%S}\nRRULE:{body}"
    try:
        r = rrulestr(text)
        next(iter(r), None)
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(_("rrule {rule}: not a valid RFC 5545 rule ({exc})").format(rule=repr(rule), exc=exc)) from None
    return text


def _elapsed(parts: dict[str, str]) -> bool:
    return parts.get("FREQ") in ELAPSED and not any(k.startswith("BY") for k in parts)


def next_after(rule_text: str, after_utc: datetime, tz: ZoneInfo, *, inclusive: bool = False) -> datetime | None:
    """The rule's first instant (naive UTC) after `after_utc` (or at it, if inclusive); None
    when the rule has ended (COUNT / UNTIL)."""
    rule = rrulestr(rule_text)
    parts = _parts(rule_text)
    if _elapsed(parts):
        start = next(iter(rule), None)
        if start is None:
            return None
        utc_rule = rule.replace(dtstart=to_utc(start, tz))
        return utc_rule.after(after_utc, inc=inclusive)
    cand = rule.after(to_local(after_utc, tz) - timedelta(hours=3), inc=True)
    for _attempt in range(10000):
        if cand is None:
            return None
        u = to_utc(cand, tz)
        if u > after_utc or (inclusive and u == after_utc):
            return u
        cand = rule.after(cand, inc=False)
    return None


def first_run(rule_text: str, tz: ZoneInfo) -> datetime | None:
    """The rule's first instant (naive UTC): its DTSTART when it fits the rule."""
    rule = rrulestr(rule_text)
    start = next(iter(rule), None)
    return to_utc(start, tz) if start is not None else None
