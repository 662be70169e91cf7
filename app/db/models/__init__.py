"""All SQLAlchemy models; importing this module registers every table on Base.metadata."""

from .base import Base, NAMING_CONVENTION, utcnow
from .venue import Venue, Hall, Zone, Block, Seat
from .catalogue import (
    Season,
    Product,
    SeatCategory,
    LogicalConfiguration,
    LogicalConfigurationSeat,
    LogicalConfigurationZone,
    Performance,
    Tariff,
    Price,
)
from .channels import (
    SalesChannel,
    PaymentMode,
    PointOfSale,
    Contact,
    Contingent,
    ActivityProfile,
    Operator,
    Workstation,
    point_of_sale_payment_modes,
    contingent_channels,
    activity_profile_products,
    activity_profile_tariffs,
)
from .inventory import PerformanceSeat, PerformanceZone, ZoneAllocation, Order, Ticket, Refund, SeatHistory
from .distribution import (
    DistributorInterface,
    Mapping,
    Schedule,
    InterfaceClaim,
    Execution,
    ExecutionLog,
    ReintegratedLine,
    ExportedSeat,
    HeldLine,
)
from .journal import JournalHead, JournalOperation
from .settings import DatabaseIdentity, SmtpSettings, VenueSettings

__all__ = [name for name in dir() if not name.startswith("_")]
