"""The physical hall: venue → hall → zones → blocks → seats (rows are a seat attribute)."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class Venue(Base):
    __tablename__ = "venues"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    halls: Mapped[list["Hall"]] = relationship(back_populates="venue")


class Hall(Base):
    __tablename__ = "halls"
    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    venue: Mapped[Venue] = relationship(back_populates="halls")
    zones: Mapped[list["Zone"]] = relationship(back_populates="hall", order_by="Zone.sort")


class Zone(Base):
    """A geographic zone (level, sector). Non-numbered zones have a capacity and no seats."""

    __tablename__ = "zones"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(40), default="")
    numbered: Mapped[bool] = mapped_column(default=True)
    capacity: Mapped[Optional[int]] = mapped_column(default=None)  # non-numbered only
    sort: Mapped[int] = mapped_column(default=0)
    hall: Mapped[Hall] = relationship(back_populates="zones")
    blocks: Mapped[list["Block"]] = relationship(back_populates="zone", order_by="Block.sort")


class Block(Base):
    __tablename__ = "blocks"
    __table_args__ = (UniqueConstraint("zone_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    sort: Mapped[int] = mapped_column(default=0)
    zone: Mapped[Zone] = relationship(back_populates="blocks")


class Seat(Base):
    """A numbered seat. Its id is stable for the life of the hall; x/y are plan coordinates."""

    __tablename__ = "seats"
    __table_args__ = (
        UniqueConstraint("block_id", "row", "number"),
        Index("ix_seats_hall_sort", "hall_id", "sort"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    # No index of its own: the unique (block_id, row, number) serves lookups by block.
    block_id: Mapped[int] = mapped_column(ForeignKey("blocks.id"))
    row: Mapped[str] = mapped_column(String(10))
    number: Mapped[int]
    label: Mapped[str] = mapped_column(String(40))
    x: Mapped[float]
    y: Mapped[float]
    sort: Mapped[int] = mapped_column(default=0)  # plan order: zone, block, row, number
