"""What every report is made of, whatever it prints to: a title block and tables of typed
cells. One report value feeds both renderers, so the PDF and the Excel say the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func

from app.i18n import _
from app.domain.errors import InputError
from app.services.excel_table import Column
from app.services.schedules.rules import to_local, to_utc


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def tr(lang: str, en: str, fr: str) -> str:
    """The report's own words: services have no Qt translator, and a report is printed in
    the language it was asked in."""
    return fr if lang == "fr" else en


@dataclass(frozen=True)
class ReportParams:
    """The filters of one report. Dates are whole days; `date_to` is included."""

    event: str | None = None
    interface: str | None = None
    performance: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    lang: str = "en"
    operator: str = ""

    def check_period(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(_("--from {start} is after --to {end}").format(start=self.date_from, end=self.date_to))

    def period(self, tz: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        """[start, end) as the database's naive UTC instants of the venue's local days
        (`tz`): from the first day's local midnight to the midnight after the last day.
        An inverted period is refused."""
        self.check_period()
        start = to_utc(datetime.combine(self.date_from, datetime.min.time()), tz) if self.date_from else None
        end = (to_utc(datetime.combine(self.date_to + timedelta(days=1), datetime.min.time()), tz)
               if self.date_to else None)
        return start, end


def _whole_hour_offsets(tz: ZoneInfo) -> bool:
    year = date.today().year
    return all(tz.utcoffset(datetime(y, m, 1)) % timedelta(hours=1) == timedelta(0)
               for y in range(year - 2, year + 3) for m in (1, 7))


def local_day_groups(s, column, tz: ZoneInfo):
    """(SQL expression, its value -> local day): instants grouped finely enough (by hour,
    by minute in a zone with a half-hour offset) that each group lies within one local day
    of the venue, however daylight saving moves midnight in UTC."""
    hourly = _whole_hour_offsets(tz)
    if s.get_bind().dialect.name == "postgresql":
        expr = func.date_trunc("hour" if hourly else "minute", column)
    else:
        expr = func.strftime("%Y-%m-%d %H:00:00" if hourly else "%Y-%m-%d %H:%M:00", column)

    def day(value) -> date:
        instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return to_local(instant.replace(tzinfo=None), tz).date()

    return expr, day


@dataclass
class Table:
    """A table with its header. `sheet` names its Excel sheet; columns listed in
    `pdf_hidden` (indices) are for the spreadsheet only (e.g. the importer's keys)."""

    title: str
    sheet: str
    columns: list[Column]
    rows: list[list]
    pdf_hidden: frozenset[int] = frozenset()
    note: str = ""

    @property
    def has_totals(self) -> bool:
        return any(c.total for c in self.columns)

    def total(self, index: int):
        return sum((r[index] or 0) for r in self.rows)


@dataclass
class Report:
    kind: str
    title: str
    venue: str
    filters: list[tuple[str, str]]
    generated_at: datetime
    operator: str
    lang: str
    tables: list[Table] = field(default_factory=list)
    empty_message: str = ""  # set when there is nothing to report: printed instead of tables
    notes: list[str] = field(default_factory=list)
    currency: str = "EUR"

    @property
    def empty(self) -> bool:
        return bool(self.empty_message)
