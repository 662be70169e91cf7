"""A distributor's sales line, whatever it came from (HTTP reply, CSV, fixed width, XLSX).

Codes are the distributor's (external ids); the reintegration resolves them through the
interface's mappings. `where` names the line for every message ("ventes.csv line 12")."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


class SaleAction(str, enum.Enum):
    SALE = "sale"
    CANCEL = "cancel"


@dataclass(slots=True)
class SaleLine:
    """One line of a distributor's feed or sales file, as it came (nothing changes it once
    parsed). Not frozen: a frozen dataclass's __init__ sets each of its 20 fields through
    object.__setattr__, three times the cost of a plain one — 0.3 s of a 100,000-line feed."""

    external_ticket_id: str
    action: SaleAction
    where: str
    sold_at: datetime | None = None
    event: str = ""  # external event id/label
    performance: str = ""  # external performance id, when the source has one
    performance_at: datetime | None = None  # else its date-time
    zone: str = ""  # external zone (or block) code
    row: str = ""  # empty for non-numbered places
    seat: str = ""
    seat_category: str = ""
    tariff: str = ""  # external tariff / customer-category code
    price: Decimal | None = None
    currency: str = "EUR"
    buyer_last_name: str = ""
    buyer_first_name: str = ""
    buyer_postal_code: str = ""
    buyer_country: str = ""
    order_id: str = ""  # the distributor's order (several tickets), when the source names it
    extra: dict = field(default_factory=dict, compare=False)  # format-specific fields

    @property
    def numbered(self) -> bool:
        return bool(self.row or self.seat)


@dataclass(frozen=True)
class LineError:
    """A line the parser could not read: never skipped in silence."""

    where: str
    message: str


@dataclass
class ParsedSales:
    """What a sales source yielded: the lines, the refused lines, and file-level facts."""

    source: str
    format: str
    lines: list[SaleLine] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    ignored: list[LineError] = field(default_factory=list)  # headers/trailers, reported
    declared_total: Decimal | None = None  # a total line, when the file has one
    event: str = ""  # the performance the file names as a whole (a Fnac statement's title line)
    performance_at: datetime | None = None

    @property
    def sales_total(self) -> Decimal:
        return sum((l.price or Decimal(0) for l in self.lines if l.action is SaleAction.SALE), Decimal(0))
