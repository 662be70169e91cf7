"""Per-performance inventory: seat allocation, blocking, locks, orders, tickets, seat history.

Every counter is derived from these tables with SQL; a live ticket is unique per
(performance, seat) in the database itself.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.enums import OrderStatus, SeatAction, TicketState
from .base import Base, str_enum, utcnow


class PerformanceSeat(Base):
    """One numbered seat of one performance: its category, contingent, block and lock."""

    __tablename__ = "performance_seats"
    # No index on (performance_id, contingent_id): the seat plan moves tens of thousands of
    # seats between contingents at once, and maintaining that index cost a third of such
    # an edit; the queries by contingent (counters, exports) read one performance's rows
    # through the unique index below, which costs them a few milliseconds.
    # On PostgreSQL (migration 0015): pages 70 % full, so that a moved seat's new version stays
    # on its page (no new index entry); the contingent's key is checked once per statement by
    # triggers rather than once per row (as are the keys of tickets, orders, reintegrated lines).
    __table_args__ = (UniqueConstraint("performance_id", "seat_id"), {"postgresql_with": {"fillfactor": 70}})
    id: Mapped[int] = mapped_column(primary_key=True)
    performance_id: Mapped[int] = mapped_column(ForeignKey("performances.id"))
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("seat_categories.id"))
    contingent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("contingents.id"))
    blocked: Mapped[bool] = mapped_column(default=False)
    invalid: Mapped[bool] = mapped_column(default=False)  # broken, removed for this show
    locked_until: Mapped[Optional[datetime]] = mapped_column(default=None)  # held in a cart
    locked_by: Mapped[Optional[str]] = mapped_column(String(80), default=None)


class PerformanceZone(Base):
    """A non-numbered zone of one performance: capacity, category, places blocked."""

    __tablename__ = "performance_zones"
    performance_id: Mapped[int] = mapped_column(ForeignKey("performances.id"), primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("seat_categories.id"))
    capacity: Mapped[int]
    blocked: Mapped[int] = mapped_column(default=0)
    # Places held by live tickets; moved only by services/inventory/standing.py, whose
    # conditional UPDATE (sold + n + blocked <= capacity) is the database's oversell guard.
    sold: Mapped[int] = mapped_column(default=0, server_default="0")


class ZoneAllocation(Base):
    """Quantity of a non-numbered zone held by a contingent for one performance."""

    __tablename__ = "zone_allocations"
    performance_id: Mapped[int] = mapped_column(ForeignKey("performances.id"), primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"), primary_key=True)
    contingent_id: Mapped[int] = mapped_column(ForeignKey("contingents.id"), primary_key=True)
    quantity: Mapped[int]


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[Optional[int]] = mapped_column(ForeignKey("operators.id"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("sales_channels.id"))
    point_of_sale_id: Mapped[int] = mapped_column(ForeignKey("points_of_sale.id"))
    contact_id: Mapped[Optional[int]] = mapped_column(ForeignKey("contacts.id"))
    payment_mode_id: Mapped[Optional[int]] = mapped_column(ForeignKey("payment_modes.id"))
    # Set when the order was reintegrated from a distributor.
    interface_id: Mapped[Optional[int]] = mapped_column(ForeignKey("distributor_interfaces.id"))
    execution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("executions.id"))
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus))
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    amount_given: Mapped[Optional[Decimal]] = mapped_column(Numeric(12, 2), default=None)  # cash
    tickets: Mapped[list["Ticket"]] = relationship(back_populates="order")


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # The database forbids selling a seat twice: one live ticket per (performance, seat).
        Index(
            "uq_tickets_live_seat",
            "performance_id",
            "seat_id",
            unique=True,
            sqlite_where=text("state <> 'cancelled' AND seat_id IS NOT NULL"),
            postgresql_where=text("state <> 'cancelled' AND seat_id IS NOT NULL"),
        ),
        Index("ix_tickets_performance_state", "performance_id", "state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    performance_id: Mapped[int] = mapped_column(ForeignKey("performances.id"))
    seat_id: Mapped[Optional[int]] = mapped_column(ForeignKey("seats.id"))
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("seat_categories.id"))
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id"))
    contingent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("contingents.id"))
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    state: Mapped[TicketState] = mapped_column(str_enum(TicketState))
    controlled: Mapped[bool] = mapped_column(default=False)
    external_ticket_id: Mapped[Optional[str]] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    cancelled_by: Mapped[Optional[int]] = mapped_column(ForeignKey("operators.id"), default=None)
    order: Mapped[Order] = relationship(back_populates="tickets")


class Refund(Base):
    """Money given back when box-office tickets are cancelled; the tickets keep their row
    (state cancelled), so the history holds both the sale and the refund."""

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[Optional[int]] = mapped_column(ForeignKey("operators.id"))
    payment_mode_id: Mapped[Optional[int]] = mapped_column(ForeignKey("payment_modes.id"))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    tickets: Mapped[str] = mapped_column(String(2000), default="")  # ticket ids, comma-separated


class SeatHistory(Base):
    """Append-only: who changed what on which seat (or non-numbered zone), when.

    Its ids (operator, performance, seat, zone) carry no foreign-key constraint: every writer
    takes them from rows it has just read in the same transaction, nothing deletes those rows,
    and on PostgreSQL the four per-row constraint triggers were most of an allocation's cost
    (20,000 seats: 466 ms of checks for a 113 ms insert; migration 0013)."""

    __tablename__ = "seat_history"
    __table_args__ = (Index("ix_seat_history_perf_seat", "performance_id", "seat_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[Optional[int]]
    performance_id: Mapped[int]
    seat_id: Mapped[Optional[int]]
    zone_id: Mapped[Optional[int]]
    action: Mapped[SeatAction] = mapped_column(str_enum(SeatAction))
    old_value: Mapped[str] = mapped_column(String(80), default="")
    new_value: Mapped[str] = mapped_column(String(80), default="")
    quantity: Mapped[int] = mapped_column(default=1)
    reference: Mapped[str] = mapped_column(String(80), default="")  # order or execution
    # A seat plan edit of several seats is one line for all of them (migration 0017): their
    # ids as a JSON array, seat_id then NULL and quantity their number
    # (app/services/inventory/history.py reads a seat's history through both forms).
    seat_ids: Mapped[Optional[str]] = mapped_column(Text, default=None)
