"""Typed settings over QSettings: every key and its default in one place (Picard's config)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    doc: str

    def get(self, store: QSettings | None = None) -> T:
        store = store or settings_store()
        value: Any = store.value(self.key, self.default)
        if isinstance(self.default, bool):
            return (value in (True, "true", "1", 1)) if not isinstance(value, bool) else value  # type: ignore[return-value]
        if isinstance(self.default, int):
            try:
                return int(value)  # type: ignore[return-value]
            except (TypeError, ValueError):
                return self.default
        return value if value is not None else self.default

    def set(self, value: T, store: QSettings | None = None) -> None:
        (store or settings_store()).setValue(self.key, value)


LANGUAGE = Setting("ui/language", "", "fr or en; empty follows the system")
LAST_PERFORMANCE = Setting("ui/last_performance", 0, "the performance last opened")
# The database's workstation row is the truth; the client copies it here at sign-in.
POINT_OF_SALE = Setting("workstation/point_of_sale", "", "this workstation's box-office point of sale")
IDLE_LOCK_MINUTES = Setting("till/idle_lock_minutes", 5, "lock the till after this many idle minutes (0: never)")
CASHIER_CANCELS_OWN = Setting("till/cashier_cancels_own", True,
                              "a cashier may cancel their own sales of the same day (managers always may)")
REFRESH_SECONDS = Setting("ui/refresh_seconds", 3, "how often open screens look for other workstations' changes")
SCHEDULES_HERE = Setting("workstation/runs_schedules", False,
                         "this workstation runs the due schedules while the client is open")
ASK_EXPORT = Setting("seatplan/ask_export", True, "ask 'export now?' after editing a distributor's seats")

_store: QSettings | None = None


def settings_store() -> QSettings:
    global _store
    if _store is None:
        _store = QSettings("Guichet", "Guichet")
    return _store


def use_store(store: QSettings) -> None:
    """Tests: point the registry at a throw-away file."""
    global _store
    _store = store


# --- this workstation's database -------------------------------------------------------------
# Set by the first-run assistant or the settings dialog; the PostgreSQL password is not in the
# URL kept here but in the keyring, under the server, user and database it opens.
DATABASE_URL = Setting("database/url", "", "this workstation's database URL (no password); empty: "
                                           "the first-run assistant asks (or the SQLite file in the data folder)")


def database_secret_user(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return f"database/{u.username or ''}@{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def keep_database_password(url: str, password: str = "") -> str:
    """Put the PostgreSQL password of `url` (or the one in it) in the keyring, or remove it;
    returns the URL to keep in the settings, without the password. A keyring call: run it on a
    worker. Raises secrets.NoKeyring when no keyring can hold it."""
    from sqlalchemy.engine import make_url

    from app.services import secrets

    u = make_url(url)
    password = password or (u.password or "")
    kept = u._replace(password=None).render_as_string(hide_password=False)  # set(password=None) keeps it
    if u.get_backend_name().startswith("postgres"):
        if password:
            secrets._set(database_secret_user(kept), password, "the database password")
        else:
            secrets._delete(database_secret_user(kept))
    return kept


def database_url(store: QSettings | None = None) -> str | None:
    """The database chosen for this workstation, with its password from the keyring; None when
    none was chosen. Read at start-up, before any window (a keyring may take a moment)."""
    from sqlalchemy.engine import make_url

    from app.services import secrets

    kept = DATABASE_URL.get(store)
    if not kept:
        return None
    u = make_url(kept)
    if u.get_backend_name().startswith("postgres") and not u.password:
        password = secrets._get(database_secret_user(kept))
        if password:
            u = u.set(password=password)
    return u.render_as_string(hide_password=False)
