"""Distributor passwords, kept in the OS keyring and never in the database, a log or an export.

`backend_name()` says where they are (shown in the interface editor). Tests and headless
machines without a keyring service use `MemoryKeyring` (set GUICHET_KEYRING=memory)."""

from __future__ import annotations

import os

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

SERVICE = "guichet"


class MemoryKeyring(KeyringBackend):
    """A process-local keyring: for tests, and as a visible fallback."""

    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self._data: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self._data.get((service, username))

    def set_password(self, service, username, password):
        self._data[(service, username)] = password

    def delete_password(self, service, username):
        if self._data.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def _ensure_backend() -> None:
    if os.environ.get("GUICHET_KEYRING") == "memory" and not isinstance(keyring.get_keyring(), MemoryKeyring):
        keyring.set_keyring(MemoryKeyring())


def backend_name() -> str:
    _ensure_backend()
    kr = keyring.get_keyring()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def _key(interface_id: int) -> str:
    return f"interface-{interface_id}"


def get_password(interface_id: int) -> str | None:
    _ensure_backend()
    try:
        return keyring.get_password(SERVICE, _key(interface_id))
    except KeyringError:
        return None


def set_password(interface_id: int, password: str) -> None:
    _ensure_backend()
    try:
        if password:
            keyring.set_password(SERVICE, _key(interface_id), password)
        else:
            delete_password(interface_id)
    except KeyringError as exc:
        from app.domain.errors import GuichetError

        raise GuichetError(f"the password could not be stored in the keyring ({backend_name()}): {exc}") from None


def delete_password(interface_id: int) -> None:
    _ensure_backend()
    try:
        keyring.delete_password(SERVICE, _key(interface_id))
    except (PasswordDeleteError, KeyringError):
        pass


# --- the venue's SMTP server (e-mails of failed executions) ---------------------------------

SMTP_KEY = "smtp"


def get_smtp_password() -> str | None:
    _ensure_backend()
    try:
        return keyring.get_password(SERVICE, SMTP_KEY)
    except KeyringError:
        return None


def set_smtp_password(password: str) -> None:
    """Store the SMTP password (an empty text removes it)."""
    _ensure_backend()
    if not password:
        delete_smtp_password()
        return
    try:
        keyring.set_password(SERVICE, SMTP_KEY, password)
    except KeyringError as exc:
        from app.domain.errors import GuichetError

        raise GuichetError(f"the SMTP password could not be stored in the keyring ({backend_name()}): {exc}") from None


def delete_smtp_password() -> None:
    _ensure_backend()
    try:
        keyring.delete_password(SERVICE, SMTP_KEY)
    except (PasswordDeleteError, KeyringError):
        pass
