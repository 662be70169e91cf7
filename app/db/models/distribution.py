"""Distributor links: interfaces, mappings, schedules, executions and their logs,
and the reintegrated lines that make every distributor ticket count exactly once."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.enums import (
    DistributorKind,
    ErrorClass,
    ExecutionStatus,
    HeldStatus,
    LogLevel,
    MappedObject,
    MappingKind,
    PricePolicy,
    StartMode,
    SyncFunction,
    Trigger,
)
from .base import Base, str_enum, utcnow


class DistributorInterface(Base):
    """An "interface de ventes externes". The password lives in the OS keyring, never here."""

    __tablename__ = "distributor_interfaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    name_fr: Mapped[str] = mapped_column(String(200), unique=True)  # the internal name
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[DistributorKind] = mapped_column(str_enum(DistributorKind))
    channel_id: Mapped[int] = mapped_column(ForeignKey("sales_channels.id"))
    url: Mapped[str] = mapped_column(String(500), default="")
    login: Mapped[str] = mapped_column(String(200), default="")
    contact_id: Mapped[Optional[int]] = mapped_column(ForeignKey("contacts.id"))
    waiting_account: Mapped[bool] = mapped_column(default=True)
    # The distributor's commission in percent of the gross (partner statement); NULL = none set.
    commission_percent: Mapped[Optional[Decimal]] = mapped_column(Numeric(5, 2), default=None)
    point_of_sale_id: Mapped[Optional[int]] = mapped_column(ForeignKey("points_of_sale.id"))
    price_policy: Mapped[PricePolicy] = mapped_column(str_enum(PricePolicy))
    visible: Mapped[bool] = mapped_column(default=True)
    notify_emails: Mapped[str] = mapped_column(Text, default="")  # comma separated
    options: Mapped[dict] = mapped_column(JSON, default=dict)  # per-distributor extras
    # Where sales reintegration resumes; saved in the same transaction as its orders.
    sales_cursor: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Mapping(Base):
    """A correspondence: one local object ↔ a distributor's external id(s) ("15|20|22").

    `object_id` is NULL for a generic mapping by `object_code` (e.g. every seat category
    coded "Cat1", whatever the logical configuration)."""

    __tablename__ = "mappings"
    __table_args__ = (
        UniqueConstraint("interface_id", "object_type", "object_id", "object_code"),
        Index("ix_mappings_interface_kind", "interface_id", "kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    interface_id: Mapped[int] = mapped_column(ForeignKey("distributor_interfaces.id"))
    kind: Mapped[MappingKind] = mapped_column(str_enum(MappingKind))
    object_type: Mapped[MappedObject] = mapped_column(str_enum(MappedObject))
    object_id: Mapped[Optional[int]]
    object_code: Mapped[str] = mapped_column(String(40), default="")
    season_id: Mapped[Optional[int]] = mapped_column(ForeignKey("seasons.id"))
    external_id: Mapped[str] = mapped_column(String(200))


class Schedule(Base):
    """A "programmation": when and how one function of an interface runs."""

    __tablename__ = "schedules"
    id: Mapped[int] = mapped_column(primary_key=True)
    # None for a function of the database itself (the backup), which needs no interface.
    interface_id: Mapped[Optional[int]] = mapped_column(ForeignKey("distributor_interfaces.id"), index=True)
    function: Mapped[SyncFunction] = mapped_column(str_enum(SyncFunction))
    start_mode: Mapped[StartMode] = mapped_column(str_enum(StartMode))
    name_fr: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    rrule: Mapped[str] = mapped_column(String(500), default="")  # RFC 5545 recurrence
    next_run_at: Mapped[Optional[datetime]]
    window_start_date: Mapped[Optional[datetime]]
    window_start_days_before: Mapped[Optional[int]]
    window_end_date: Mapped[Optional[datetime]]
    window_end_days_after: Mapped[Optional[int]]
    batch_size: Mapped[Optional[int]]
    product_id: Mapped[Optional[int]] = mapped_column(ForeignKey("products.id"))
    performance_id: Mapped[Optional[int]] = mapped_column(ForeignKey("performances.id"))
    file_path: Mapped[str] = mapped_column(String(500), default="")
    enabled: Mapped[bool] = mapped_column(default=True)
    last_run_at: Mapped[Optional[datetime]]
    # The hours of a relative window ("N days before each performance, at HH:MM").
    window_start_time: Mapped[str] = mapped_column(String(5), default="")
    window_end_time: Mapped[str] = mapped_column(String(5), default="")
    # The claim of the slot being run: who runs it and until when (renewed while it runs);
    # a claim whose lease ran out, or whose process is gone, is taken over.
    claimed_by: Mapped[str] = mapped_column(String(120), default="")
    claim_expires_at: Mapped[Optional[datetime]]
    preflight_warning: Mapped[str] = mapped_column(Text, default="")  # what the check on save found
    error_count: Mapped[int] = mapped_column(default=0)  # consecutive runs in error
    # The backup's: the folder it writes into, how many of its copies it keeps there, and
    # who is e-mailed when it fails (comma separated; "" = nobody).
    backup_folder: Mapped[str] = mapped_column(String(500), default="")
    keep_backups: Mapped[int] = mapped_column(default=7)
    notify_emails: Mapped[str] = mapped_column(Text, default="")


class InterfaceClaim(Base):
    """The per-interface run claim on SQLite (PostgreSQL uses an advisory lock instead):
    one row while a run of that interface goes on, its lease renewed by the runner."""

    __tablename__ = "interface_claims"
    interface_id: Mapped[int] = mapped_column(ForeignKey("distributor_interfaces.id"), primary_key=True)
    owner: Mapped[str] = mapped_column(String(120))
    expires_at: Mapped[datetime]


class Execution(Base):
    """One run of one function of an interface, with its counts and log."""

    __tablename__ = "executions"
    __table_args__ = (Index("ix_executions_interface_created", "interface_id", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    interface_id: Mapped[Optional[int]] = mapped_column(ForeignKey("distributor_interfaces.id"))  # None: a backup
    function: Mapped[SyncFunction] = mapped_column(str_enum(SyncFunction))
    trigger: Mapped[Trigger] = mapped_column(str_enum(Trigger))
    status: Mapped[ExecutionStatus] = mapped_column(str_enum(ExecutionStatus), index=True)
    schedule_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schedules.id"))
    performance_id: Mapped[Optional[int]] = mapped_column(ForeignKey("performances.id"))
    contingent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("contingents.id"))
    operator_id: Mapped[Optional[int]] = mapped_column(ForeignKey("operators.id"))
    rerun_of_id: Mapped[Optional[int]] = mapped_column(ForeignKey("executions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[Optional[datetime]]
    ended_at: Mapped[Optional[datetime]]
    heartbeat_at: Mapped[Optional[datetime]]  # renewed while running (services/execution_lease.py)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    parameters: Mapped[dict] = mapped_column(JSON, default=dict)
    first_error_class: Mapped[Optional[ErrorClass]] = mapped_column(str_enum(ErrorClass))
    first_error: Mapped[str] = mapped_column(Text, default="")  # English
    # {"message": …, "where": …} as app.i18n.message_data: the first error in the reader's language
    first_error_args: Mapped[Optional[dict]] = mapped_column(JSON)
    logs: Mapped[list["ExecutionLog"]] = relationship(
        back_populates="execution", order_by="ExecutionLog.id"
    )


class ExecutionLog(Base):
    __tablename__ = "execution_logs"
    id: Mapped[int] = mapped_column(primary_key=True)
    execution_id: Mapped[int] = mapped_column(ForeignKey("executions.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    level: Mapped[LogLevel] = mapped_column(str_enum(LogLevel))
    error_class: Mapped[Optional[ErrorClass]] = mapped_column(str_enum(ErrorClass))
    message: Mapped[str] = mapped_column(Text)  # English
    where: Mapped[str] = mapped_column(String(200), default="")  # file line, ticket id…
    # {"message": …, "where": …} as app.i18n.message_data (None: shown as stored)
    message_args: Mapped[Optional[dict]] = mapped_column(JSON)
    execution: Mapped[Execution] = relationship(back_populates="logs")


class ReintegratedLine(Base):
    """A distributor ticket line applied locally. The unique key makes reruns harmless."""

    __tablename__ = "reintegrated_lines"
    __table_args__ = (UniqueConstraint("interface_id", "external_ticket_id", "action"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    interface_id: Mapped[int] = mapped_column(ForeignKey("distributor_interfaces.id"))
    external_ticket_id: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(10))  # sale | cancel
    ticket_id: Mapped[Optional[int]] = mapped_column(ForeignKey("tickets.id"))
    execution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("executions.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ExportedSeat(Base):
    """A seat of the last allotment exported to an interface for a performance: what the
    distributor may have sold, whatever the venue changed locally since."""

    __tablename__ = "exported_seats"
    interface_id: Mapped[int] = mapped_column(ForeignKey("distributor_interfaces.id"), primary_key=True)
    performance_id: Mapped[int] = mapped_column(ForeignKey("performances.id"), primary_key=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id"), primary_key=True)


class HeldLine(Base):
    """A feed line that could not be applied: kept with its raw content, cause and class
    until it is retried after the fix or dismissed with a reason."""

    __tablename__ = "held_lines"
    __table_args__ = (Index("ix_held_lines_interface_ticket", "interface_id", "external_ticket_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    interface_id: Mapped[int] = mapped_column(ForeignKey("distributor_interfaces.id"))
    execution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("executions.id"))
    external_ticket_id: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(10))  # sale | cancel
    raw: Mapped[dict] = mapped_column(JSON)  # the line as the distributor sent it
    cause: Mapped[str] = mapped_column(Text)  # English
    cause_args: Mapped[Optional[dict]] = mapped_column(JSON)  # {"message": cause, "where": …} (app.i18n)
    error_class: Mapped[ErrorClass] = mapped_column(str_enum(ErrorClass))
    where: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[HeldStatus] = mapped_column(str_enum(HeldStatus), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was dismissed
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[Optional[datetime]]
    resolved_execution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("executions.id"))
