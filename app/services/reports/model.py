"""What every report is made of, whatever it prints to: a title block and tables of typed
cells. One report value feeds both renderers, so the PDF and the Excel say the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.domain.errors import InputError
from app.services.excel_table import Column


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

    def period(self) -> tuple[datetime | None, datetime | None]:
        """[start, end) in datetimes, refusing an inverted period."""
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(f"--from {self.date_from} is after --to {self.date_to}")
        start = datetime.combine(self.date_from, datetime.min.time()) if self.date_from else None
        end = datetime.combine(self.date_to, datetime.min.time()) if self.date_to else None
        if end is not None:
            end += timedelta(days=1)
        return start, end


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
