"""The venue's vocabulary as enums (values are stored in the database, keep them stable)."""

from __future__ import annotations

import enum


class Role(str, enum.Enum):
    MANAGER = "manager"
    CASHIER = "cashier"
    AUDITOR = "auditor"  # the "contrôleur": reads the journal, statements and tickets, changes nothing


class ProductKind(str, enum.Enum):
    EVENT = "event"
    DATED_PASS = "dated_pass"
    UNDATED_PASS = "undated_pass"
    SERVICE = "service"
    ARTICLE = "article"


class ChannelKind(str, enum.Enum):
    INTERNAL = "internal"
    EXTERNAL = "external"


class ChannelType(str, enum.Enum):
    BOX_OFFICE = "box_office"
    WEB = "web"
    PHONE = "phone"
    DISTRIBUTOR = "distributor"
    OTHER = "other"


class ContingentType(str, enum.Enum):
    OTHER = "other"
    COLLECTIVITY = "collectivity"  # "Collectivité/Groupe"
    EXTERNAL = "external"


class ProfileState(str, enum.Enum):
    DRAFT = "draft"
    VALIDATED = "validated"


class TicketState(str, enum.Enum):
    RESERVED = "reserved"
    SOLD = "sold"
    CANCELLED = "cancelled"


class OrderStatus(str, enum.Enum):
    OPEN = "open"
    PAID = "paid"  # paid, or due on a waiting account
    CANCELLED = "cancelled"


class SeatAction(str, enum.Enum):
    ASSIGN = "assign"
    UNASSIGN = "unassign"
    BLOCK = "block"
    UNBLOCK = "unblock"
    LOCK = "lock"
    UNLOCK = "unlock"
    SELL = "sell"
    RESERVE = "reserve"
    CANCEL = "cancel"


class PricePolicy(str, enum.Enum):
    ERROR_IF_DIFFERENT = "error_if_different"
    TAKE_OURS = "take_ours"
    TAKE_THEIRS = "take_theirs"


class DistributorKind(str, enum.Enum):
    FNAC = "fnac"
    TICKETNET = "ticketnet"
    DIGITICK = "digitick"
    GUICHET_FILE = "guichet_file"


class MappingKind(str, enum.Enum):
    """The five kinds of correspondence of docs/domain.md."""

    PRODUCT = "product"  # events / products / performances / articles
    ZONE = "zone"  # geographic zones and blocks
    SEAT_CATEGORY = "seat_category"
    LOGICAL_CONFIGURATION = "logical_configuration"
    TARIFF = "tariff"  # audience sub-categories


class MappedObject(str, enum.Enum):
    """Which local table a mapping row points at."""

    EVENT = "event"
    DATED_PASS = "dated_pass"
    UNDATED_PASS = "undated_pass"
    SERVICE = "service"
    ARTICLE = "article"
    PERFORMANCE = "performance"
    ZONE = "zone"
    BLOCK = "block"
    SEAT_CATEGORY = "seat_category"
    LOGICAL_CONFIGURATION = "logical_configuration"
    TARIFF = "tariff"


class SyncFunction(str, enum.Enum):
    EXPORT_ALLOTMENTS = "export-allotments"
    REINTEGRATE_SALES = "reintegrate-sales"
    ALLOCATED_SOLD_COUNTS = "allocated-sold-counts"
    BACKUP = "backup"  # a copy of the whole database into a folder: no distributor interface


class StartMode(str, enum.Enum):
    MANUAL = "manual"
    AUTOMATIC = "automatic"


class Trigger(str, enum.Enum):
    MANUAL = "manual"
    SEAT_PLAN = "seat_plan"
    SCHEDULE = "schedule"
    FILE = "file"


class ExecutionStatus(str, enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    OK = "ok"
    WARNING = "warning"
    HELD = "held"  # done, with held lines (online reintegration): e-mailed like an error
    ERROR = "error"
    SKIPPED = "skipped"  # a scheduled slot that did not run (empty window, previous run still going)


class HeldStatus(str, enum.Enum):
    HELD = "held"
    RETRIED = "retried"  # applied by a retry after the fix
    DISMISSED = "dismissed"


class ErrorClass(str, enum.Enum):
    EXTERNAL = "external"
    CONFIGURATION = "configuration"
    MAPPING = "mapping"
    TECHNICAL = "technical"
    CASCADE = "cascade"


class LogLevel(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class MailSecurity(str, enum.Enum):
    """How the connection to the venue's SMTP server is protected."""

    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"
