"""The operations journal (issue 17, arrêté du 8 mars 1993): one row per ticketing
operation, numbered without gaps in commit order and chained by SHA-256.

Rows are never updated or deleted; the migration 0010 installs triggers that refuse both.
`journal_head` is a one-row-per-chain counter: writers take the next numbers with
`UPDATE journal_head SET last_no = last_no + n` and so hold its row lock until they commit,
which serialises journal writers (what gapless numbering in commit order requires)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class JournalHead(Base):
    __tablename__ = "journal_head"
    chain: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # 1: the venue's chain
    last_no: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)


class JournalOperation(Base):
    __tablename__ = "journal_operations"
    __table_args__ = (
        Index("ix_journal_operations_performance", "performance_id"),
        Index("ix_journal_operations_at", "at"),
        Index("ix_journal_operations_ticket", "ticket_id"),
    )
    op_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(24))  # sale, invitation, print, reprint, cancel, dist_sale, dist_cancel
    operator: Mapped[str] = mapped_column(String(80), default="")
    workstation: Mapped[str] = mapped_column(String(80), default="")
    point_of_sale: Mapped[str] = mapped_column(String(80), default="")
    channel: Mapped[str] = mapped_column(String(80), default="")
    venue: Mapped[str] = mapped_column(String(200), default="")
    show: Mapped[str] = mapped_column(String(200), default="")
    performance_id: Mapped[Optional[int]] = mapped_column(default=None)
    performance: Mapped[str] = mapped_column(String(80), default="")  # its date and time
    seat: Mapped[str] = mapped_column(String(120), default="")  # seat label or zone
    category: Mapped[str] = mapped_column(String(80), default="")
    tariff: Mapped[str] = mapped_column(String(80), default="")
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    payment: Mapped[str] = mapped_column(String(80), default="")
    order_reference: Mapped[str] = mapped_column(String(80), default="")
    ticket_id: Mapped[Optional[int]] = mapped_column(default=None)
    corrects_no: Mapped[Optional[int]] = mapped_column(default=None)  # the operation this one corrects
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
