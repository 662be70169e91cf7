"""Venue-wide settings kept in the database, shared by every workstation and by the headless
`guichet run` / scheduler: the SMTP server that e-mails failed executions, and the
database's identity. Passwords are in the keyring (app.services.secrets), never here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import MailSecurity
from .base import Base, str_enum, utcnow


class SmtpSettings(Base):
    """One row (id 1) per database."""

    __tablename__ = "smtp_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=False)
    host: Mapped[str] = mapped_column(String(255), default="")
    port: Mapped[int] = mapped_column(default=587)
    security: Mapped[MailSecurity] = mapped_column(str_enum(MailSecurity), default=MailSecurity.STARTTLS)
    login: Mapped[str] = mapped_column(String(200), default="")
    sender: Mapped[str] = mapped_column(String(320), default="")
    language: Mapped[str] = mapped_column(String(5), default="fr", server_default="fr")  # of the e-mails (0013)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class DatabaseIdentity(Base):
    """One row (id 1), written by migration 0004 when the database is created or upgraded:
    the uuid the keyring entries of this database are keyed by."""

    __tablename__ = "database_identity"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class VenueSettings(Base):
    """One row (id 1): the venue's time zone, in which schedules and windows are read."""

    __tablename__ = "venue_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
