"""Who sells: sales channels, points of sale, contacts, contingents, activity profiles, operators."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.enums import ChannelKind, ChannelType, ContingentType, ProfileState, Role
from .base import Base, str_enum, utcnow


class SalesChannel(Base):
    """A "filière de vente": internal (box office, web) or external (one distributor)."""

    __tablename__ = "sales_channels"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[ChannelKind] = mapped_column(str_enum(ChannelKind))
    type: Mapped[ChannelType] = mapped_column(str_enum(ChannelType))
    visible: Mapped[bool] = mapped_column(default=True)
    points_of_sale: Mapped[list["PointOfSale"]] = relationship(back_populates="channel")


class PaymentMode(Base):
    __tablename__ = "payment_modes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    waiting_account: Mapped[bool] = mapped_column(default=False)  # "compte d'attente"


point_of_sale_payment_modes = Table(
    "point_of_sale_payment_modes",
    Base.metadata,
    Column("point_of_sale_id", ForeignKey("points_of_sale.id"), primary_key=True),
    Column("payment_mode_id", ForeignKey("payment_modes.id"), primary_key=True),
)


class PointOfSale(Base):
    __tablename__ = "points_of_sale"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("sales_channels.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[SalesChannel] = relationship(back_populates="points_of_sale")
    payment_modes: Mapped[list[PaymentMode]] = relationship(secondary=point_of_sale_payment_modes)


class Contact(Base):
    """A customer or an organisation; a distributor interface's contact owns its orders."""

    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_organisation: Mapped[bool] = mapped_column(default=False)
    email: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(40), default="")


contingent_channels = Table(
    "contingent_channels",
    Base.metadata,
    Column("contingent_id", ForeignKey("contingents.id"), primary_key=True),
    Column("channel_id", ForeignKey("sales_channels.id"), primary_key=True),
)


class Contingent(Base):
    """A named quota of seats. External ones belong to one distributor's channel."""

    __tablename__ = "contingents"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    visible: Mapped[bool] = mapped_column(default=True)
    fill_color: Mapped[str] = mapped_column(String(7), default="#ffc890")
    text_color: Mapped[str] = mapped_column(String(7), default="#000000")
    exclusive: Mapped[bool] = mapped_column(default=False)
    entries_exits: Mapped[int] = mapped_column(default=1)
    type: Mapped[ContingentType] = mapped_column(str_enum(ContingentType))
    # External target: the distributor's external channel.
    target_channel_id: Mapped[Optional[int]] = mapped_column(ForeignKey("sales_channels.id"))
    all_internal_channels: Mapped[bool] = mapped_column(default=True)
    target_channel: Mapped[Optional[SalesChannel]] = relationship(foreign_keys=[target_channel_id])
    channels: Mapped[list[SalesChannel]] = relationship(secondary=contingent_channels)


activity_profile_products = Table(
    "activity_profile_products",
    Base.metadata,
    Column("profile_id", ForeignKey("activity_profiles.id"), primary_key=True),
    Column("product_id", ForeignKey("products.id"), primary_key=True),
)
activity_profile_tariffs = Table(
    "activity_profile_tariffs",
    Base.metadata,
    Column("profile_id", ForeignKey("activity_profiles.id"), primary_key=True),
    Column("tariff_id", ForeignKey("tariffs.id"), primary_key=True),
)


class ActivityProfile(Base):
    """Which events and tariffs a channel may sell in a season ("Profil activité")."""

    __tablename__ = "activity_profiles"
    __table_args__ = (UniqueConstraint("season_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("sales_channels.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name_fr: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    name_es: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[ProfileState] = mapped_column(str_enum(ProfileState))
    all_events: Mapped[bool] = mapped_column(default=True)
    all_tariffs: Mapped[bool] = mapped_column(default=True)
    products: Mapped[list["Product"]] = relationship(secondary=activity_profile_products)  # noqa: F821
    tariffs: Mapped[list["Tariff"]] = relationship(secondary=activity_profile_tariffs)  # noqa: F821


class Operator(Base):
    """A person at a workstation. Managers configure; cashiers sell and look."""

    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    os_user: Mapped[Optional[str]] = mapped_column(String(80), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # "scrypt$n$r$p$salt$hash" (app.services.passwords); never the password itself. NULL: the
    # operator cannot sign in with a secret (only through the OS user bound to them).
    password_hash: Mapped[Optional[str]] = mapped_column(String(255), default=None)
    failed_attempts: Mapped[int] = mapped_column(default=0)  # wrong tries in a row
    locked_until: Mapped[Optional[datetime]] = mapped_column(default=None)


class Workstation(Base):
    """A box-office till: where its cashiers' sales are booked."""

    __tablename__ = "workstations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    point_of_sale_id: Mapped[int] = mapped_column(ForeignKey("points_of_sale.id"))
