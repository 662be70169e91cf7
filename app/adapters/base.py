"""What a distributor can do, and how it fails.

An adapter speaks one distributor's wire format. It receives and returns plain data in the
distributor's own codes (the services translate through the mappings). Failures are
`DistributorError`s carrying the error class that the execution log shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol, runtime_checkable

from app.domain.enums import DistributorKind, ErrorClass, SyncFunction
from app.domain.sales import SaleLine


class DistributorError(Exception):
    error_class = ErrorClass.TECHNICAL

    def __init__(self, message: str, *, where: str = ""):
        super().__init__(message)
        self.where = where


class ExternalError(DistributorError):
    """The distributor's data or service: rerun, then call the distributor."""

    error_class = ErrorClass.EXTERNAL


class ConfigurationError(DistributorError):
    """The interface's settings (URL, login, password…): check the interface."""

    error_class = ErrorClass.CONFIGURATION


class MappingError(DistributorError):
    """A correspondence is missing: fill it in."""

    error_class = ErrorClass.MAPPING


class TechnicalError(DistributorError):
    """Unexpected: call support."""

    error_class = ErrorClass.TECHNICAL


@dataclass(frozen=True)
class ConnectionSettings:
    url: str
    login: str
    password: str | None
    options: dict = field(default_factory=dict)  # e.g. Fnac's manager code
    timeout_s: float = 20.0


@dataclass(frozen=True)
class AllotmentSeat:
    zone: str  # external zone/block code
    row: str
    number: str
    category: str  # external seat-category code
    seat_ref: str = ""  # our stable seat id, for the distributor to echo back


@dataclass(frozen=True)
class AllotmentQuantity:
    zone: str  # a non-numbered zone
    category: str
    quantity: int


@dataclass(frozen=True)
class AllotmentPrice:
    """What the distributor must charge for one seat category and tariff, in its codes.
    Sent with the allotment so the distributor (and the simulator) sells at our prices."""

    category: str  # external seat-category code
    tariff: str  # external tariff code (the first of "15|20|22" when several map to one)
    price: Decimal


@dataclass(frozen=True)
class Allotment:
    """The whole allotment of one performance for one distributor (a full state, not a diff:
    sending it twice is harmless). Seats the distributor already sold stay its own."""

    event: str  # external event id
    performance: str  # external performance id
    seats: tuple[AllotmentSeat, ...] = ()
    quantities: tuple[AllotmentQuantity, ...] = ()
    prices: tuple[AllotmentPrice, ...] = ()  # optional price table (category, tariff, price)

    @property
    def places(self) -> int:
        return len(self.seats) + sum(q.quantity for q in self.quantities)


@dataclass(frozen=True)
class ExportReport:
    added: int
    removed: int
    kept_sold: int = 0  # seats we removed that the distributor had sold meanwhile
    message: str = ""
    document: Path | None = None  # e.g. Digitick: the allotment to communicate by phone
    # Which seats (and standing places) `kept_sold` counts: they stay the distributor's.
    kept_sold_seats: tuple[AllotmentSeat, ...] = ()
    kept_sold_quantities: tuple[AllotmentQuantity, ...] = ()
    sent: bool = True  # False when nothing went over the wire (Digitick's printed list)


@dataclass(frozen=True)
class SalesPage:
    lines: tuple[SaleLine, ...]
    next_cursor: str
    more: bool


@dataclass(frozen=True)
class PerformanceCounts:
    performance: str
    allocated: int
    sold: int


@runtime_checkable
class SplitFetch(Protocol):
    """Optional, for online feeds: `fetch_sales` in two halves. The reintegration fetches the
    next page on a background thread while it writes the current one; that thread should
    only wait on the network — Python work there (turning 5,000 sales into SaleLines) would
    hold the interpreter's lock against the writer, whose every database call gives it up
    and then waits up to the switch interval to get it back. So `fetch_sales_raw` does the
    round trip (and the reply's decoding, one C call), and `parse_sales`, called on the
    writer's thread, makes the page; `fetch_sales(c)` = `parse_sales(fetch_sales_raw(c))`."""

    def fetch_sales_raw(self, cursor: str, *, limit: int = 1000) -> object: ...

    def parse_sales(self, raw: object) -> "SalesPage": ...


@runtime_checkable
class DistributorAdapter(Protocol):
    """Every adapter class also declares, as class attributes, what the rest of Guichet
    knows about its distributor (read by `registry.DISTRIBUTORS`, no instance needed)."""

    kind: DistributorKind
    label: str  # its name on screens and in the CLI, in English (brand names are not translated)
    on_network: bool  # reached over the network: an interface needs a URL and a login
    functions: frozenset[SyncFunction]  # the synchronisation functions it offers

    def export_allotment(self, allotment: Allotment, *, batch_size: int | None = None) -> ExportReport: ...

    def current_allotment(self, event: str, performance: str) -> Allotment: ...

    def fetch_sales(self, cursor: str, *, limit: int = 1000) -> SalesPage: ...

    def counts(self, performance: str) -> PerformanceCounts: ...

    def close(self) -> None: ...
