"""What is sold: seasons, products and performances, seat categories, tariffs and prices."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.enums import ProductKind
from .base import Base, str_enum


class Season(Base):
    __tablename__ = "seasons"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Product(Base):
    """An event, a pass (dated or not), a service or an article. Events have performances."""

    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("season_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"), index=True)
    kind: Mapped[ProductKind] = mapped_column(str_enum(ProductKind))
    code: Mapped[str] = mapped_column(String(40))
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    season: Mapped[Season] = relationship()
    performances: Mapped[list["Performance"]] = relationship(
        back_populates="product", order_by="Performance.starts_at"
    )


class SeatCategory(Base):
    """A price zone ("Cat 1"); laid over seats by a logical configuration."""

    __tablename__ = "seat_categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(7), default="#cccccc")
    sort: Mapped[int] = mapped_column(default=0)


class LogicalConfiguration(Base):
    __tablename__ = "logical_configurations"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    season_id: Mapped[Optional[int]] = mapped_column(ForeignKey("seasons.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))


class LogicalConfigurationSeat(Base):
    __tablename__ = "logical_configuration_seats"
    config_id: Mapped[int] = mapped_column(ForeignKey("logical_configurations.id"), primary_key=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("seat_categories.id"))


class LogicalConfigurationZone(Base):
    """The category of a non-numbered zone in a configuration."""

    __tablename__ = "logical_configuration_zones"
    config_id: Mapped[int] = mapped_column(ForeignKey("logical_configurations.id"), primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("seat_categories.id"))


class Performance(Base):
    """A dated occurrence of an event ("séance"). `revision` bumps on every inventory change
    so that other workstations notice cheaply."""

    __tablename__ = "performances"
    __table_args__ = (UniqueConstraint("product_id", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    starts_at: Mapped[datetime]
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    logical_config_id: Mapped[int] = mapped_column(ForeignKey("logical_configurations.id"))
    revision: Mapped[int] = mapped_column(default=0)
    product: Mapped[Product] = relationship(back_populates="performances")


class Tariff(Base):
    """An audience sub-category ("Sous-catégorie de public"): Normal, Reduced…"""

    __tablename__ = "tariffs"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    sort: Mapped[int] = mapped_column(default=0)


class Price(Base):
    __tablename__ = "prices"
    __table_args__ = (Index("ix_prices_performance", "performance_id"),)
    performance_id: Mapped[int] = mapped_column(ForeignKey("performances.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("seat_categories.id"), primary_key=True)
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id"), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
