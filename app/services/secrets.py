"""Distributor and SMTP passwords, kept in a keyring and never in the database, a log or an export.

Which keyring (CLI.md, "Passwords"):
- `GUICHET_KEYRING` unset: the OS keyring (GNOME Keyring / KDE Wallet through the Secret
  Service, Windows Credential Locker, macOS Keychain), or the backend `PYTHON_KEYRING_BACKEND`
  (or keyring's keyringrc.cfg) names. File backends that happen to be installed are never
  picked on their own: with no OS keyring, storing a password is refused (`NoKeyring`,
  exit 2) naming the two fixes.
- `GUICHET_KEYRING=file`: an encrypted file (keyrings.cryptfile: Argon2id key derivation,
  AES-GCM per entry) at `GUICHET_KEYRING_FILE` (default `keyring.cfg` in the data folder,
  mode 0600), its master password from `GUICHET_KEYRING_PASSWORD`, else asked on a terminal.
  For servers and headless schedulers.
- `GUICHET_KEYRING=memory`: this process only (tests, and `guichet demo`). Never chosen
  otherwise.

Entries are keyed per database: service `guichet`, user `<database uuid>/interface-<id>` or
`<database uuid>/smtp`; the uuid is the database's `database_identity` row (migration 0004)."""

from __future__ import annotations

import getpass
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringError, PasswordDeleteError

from app.domain.errors import GuichetError, InputError
from app.i18n import N_, _

SERVICE = "guichet"
FILE_NAME = "keyring.cfg"
# Whether the file keyring may ask its master password on a terminal (the desktop client says no).
interactive = True

FIXES = N_("set GUICHET_KEYRING=file to keep the passwords in an encrypted file (master password in "
         "GUICHET_KEYRING_PASSWORD, or asked on a terminal), or make an OS keyring available (GNOME Keyring "
         "or KDE Wallet in a desktop session, or a backend named by PYTHON_KEYRING_BACKEND)")


class NoKeyring(GuichetError):
    """No keyring can hold the password: bad set-up, exit 2."""


class MemoryKeyring(KeyringBackend):
    """A process-local keyring: GUICHET_KEYRING=memory (tests, the demo). Never chosen by
    keyring's own detection: its priority is not viable."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("chosen only with GUICHET_KEYRING=memory")

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


def _file_keyring_class():
    from keyrings.cryptfile.cryptfile import CryptFileKeyring

    class EncryptedFileKeyring(CryptFileKeyring):
        """keyrings.cryptfile's backend with Argon2id costs fit for a command run by a scheduler:
        OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), each password read derives its
        key once; the library's default (64 MiB, 15 passes) took 4-5 s a password on the shared
        2-core machine. The costs are in the file's scheme line, so a file made with other costs
        is refused as such, not misread."""

        time_cost, memory_cost, parallelism = 2, 19456, 1

        @properties.classproperty
        def priority(cls) -> float:
            raise RuntimeError("chosen only with GUICHET_KEYRING=file")

        @property
        def scheme(self):
            return f"[Argon2id t={self.time_cost} m={self.memory_cost} p={self.parallelism}] AES128.{self.aesmode}"

    return EncryptedFileKeyring


_lock = threading.RLock()
_memory = MemoryKeyring()
_files: dict[tuple[str, str], KeyringBackend] = {}
_os_ready = False

OS_NAMES = {
    "keyring.backends.SecretService": "GNOME Keyring (Secret Service)",
    "keyring.backends.libsecret": "GNOME Keyring (libsecret)",
    "keyring.backends.kwallet": "KDE Wallet",
    "keyring.backends.Windows": "Windows Credential Locker",
    "keyring.backends.macOS": "macOS Keychain",
}


def mode() -> str:
    value = os.environ.get("GUICHET_KEYRING", "").strip().lower()
    if value in ("", "os", "system"):
        return "os"
    if value not in ("file", "memory"):
        raise InputError(_("GUICHET_KEYRING={value!r}: expected file or memory (or unset for the OS keyring)").format(value=value))
    return value


def keyring_file() -> Path:
    from app.db.engine import default_data_dir

    text = os.environ.get("GUICHET_KEYRING_FILE", "").strip()
    return Path(text).expanduser() if text else default_data_dir() / FILE_NAME


def _os_backend() -> KeyringBackend:
    """keyring's choice, honouring PYTHON_KEYRING_BACKEND and keyringrc.cfg, else the best OS
    keyring (never a file or memory backend found installed)."""
    global _os_ready
    if not _os_ready:
        keyring.core.init_backend(limit=lambda b: type(b).__module__ in OS_NAMES or
                                  type(b).__module__ == "keyring.backends.chainer")
        _os_ready = True
    return keyring.get_keyring()


def _unusable(kr: KeyringBackend) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(kr, (fail.Keyring, null.Keyring)):
        return True
    return isinstance(kr, chainer.ChainerBackend) and not kr.backends


def describe(kr: KeyringBackend | None = None) -> str:
    """The backend in a manager's words."""
    m = mode() if kr is None else None
    if m == "memory" or isinstance(kr, MemoryKeyring):
        return _("memory only (this program's run: lost when it exits)")
    if m == "file":
        return _("encrypted file {path}").format(path=keyring_file())
    kr = kr if kr is not None else _os_backend()
    module = type(kr).__module__
    if module in OS_NAMES:
        return OS_NAMES[module]
    from keyring.backends import chainer

    if isinstance(kr, chainer.ChainerBackend):
        names = [describe(b) for b in kr.backends]
        return " + ".join(names) if names else _("no keyring")
    if _unusable(kr):
        return _("no keyring")
    path = getattr(kr, "file_path", None)
    if path:
        plain = "Plaintext" in type(kr).__name__
        return (_("unencrypted file {path}") if plain else _("encrypted file {path}")).format(path=path)
    return _("the keyring backend {name} ({module})").format(name=type(kr).__name__, module=module.split('.')[0])


@dataclass(frozen=True)
class KeyringState:
    usable: bool
    backend: str  # describe()
    problem: str = ""  # why not usable, with the fixes


def state(*, verify: bool = False) -> KeyringState:
    """Whether passwords can be stored and read, without asking anything. `verify` also
    unlocks an existing file keyring (one key derivation) to tell a wrong master password."""
    try:
        m = mode()
    except InputError as exc:
        return KeyringState(False, _("no keyring"), str(exc))
    name = describe()
    if m == "file":
        if not os.environ.get("GUICHET_KEYRING_PASSWORD") and not (interactive and sys.stdin.isatty()):
            return KeyringState(False, name, _("the {name} needs its master password: set GUICHET_KEYRING_PASSWORD "
                                               "(or run on a terminal, where it is asked)").format(name=name))
        try:
            _file_keyring_class()
        except ImportError as exc:  # pragma: no cover - a dependency of guichet
            return KeyringState(False, name, _("keyrings.cryptfile is not installed ({exc})").format(exc=exc))
        if verify:
            try:
                _file_backend(create=False)
            except NoKeyring as exc:
                return KeyringState(False, name, str(exc))
    elif m == "os" and _unusable(_os_backend()):
        return KeyringState(False, name, _("no keyring to keep passwords on this machine: {fixes}").format(fixes=_(FIXES)))
    return KeyringState(True, name)


def _file_backend(create: bool) -> KeyringBackend | None:
    path = keyring_file()
    password = os.environ.get("GUICHET_KEYRING_PASSWORD", "")
    with _lock:
        kr = _files.get((str(path), password))
        if kr is not None:
            return kr
        if not path.exists() and not create:
            return None
        if not password:
            if not (interactive and sys.stdin.isatty()):
                raise NoKeyring(_("the encrypted file keyring {path} needs its master password: set "
                                  "GUICHET_KEYRING_PASSWORD (or run on a terminal, where it is asked)").format(path=path))
            password = getpass.getpass(_("Master password of the encrypted keyring {path}: ").format(path=path))
            if not path.exists() and getpass.getpass(_("The same again (a new keyring): ")) != password:
                raise NoKeyring(_("the two master passwords differ: nothing stored"))
            if not password.strip():
                raise NoKeyring(_("an empty master password is not allowed"))
        kr = _file_keyring_class()()
        kr.file_path = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            kr.keyring_key = password  # creates the file, or checks the password against it
            os.chmod(path, 0o600)
        except ValueError as exc:
            if "scheme" in str(exc).lower():
                raise NoKeyring(_("{path} is not a Guichet encrypted keyring file ({exc})").format(path=path, exc=exc)) from None
            raise NoKeyring(_("the master password of the encrypted file keyring {path} is wrong "
                              "(GUICHET_KEYRING_PASSWORD)").format(path=path)) from None
        except OSError as exc:
            raise NoKeyring(_("the encrypted file keyring {path} cannot be used: {error}").format(path=path, error=exc.strerror or exc)) from None
        _files[(str(path), os.environ.get("GUICHET_KEYRING_PASSWORD", ""))] = kr
        return kr


def _backend(create: bool) -> KeyringBackend | None:
    """The keyring to use; None when reading from a file keyring that does not exist yet.
    Raises NoKeyring when there is none usable."""
    m = mode()
    if m == "memory":
        return _memory
    if m == "file":
        return _file_backend(create)
    kr = _os_backend()
    if _unusable(kr):
        raise NoKeyring(_("no keyring to keep passwords on this machine: {fixes}").format(fixes=_(FIXES)))
    return kr


def backend_name() -> str:
    """Where the passwords are (shown in the interface editor and by the commands)."""
    try:
        return describe()
    except InputError as exc:
        return str(exc)


# --- the database's identity: keys are per database --------------------------------------------


def database_key(source) -> str:
    """The uuid of a database (`Database`, an open `Session`, or the uuid itself)."""
    if isinstance(source, str):
        return source
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.db.models import DatabaseIdentity

    if isinstance(source, Session):
        value = source.scalar(select(DatabaseIdentity.uuid).where(DatabaseIdentity.id == 1))
    else:
        cached = getattr(source, "_guichet_identity", None)
        if cached:
            return cached
        with source.read() as s:
            value = s.scalar(select(DatabaseIdentity.uuid).where(DatabaseIdentity.id == 1))
        if value:
            source._guichet_identity = value
    if not value:
        raise GuichetError(_("this database has no identity row (database_identity): run guichet db upgrade"))
    return value


def _get(user: str) -> str | None:
    try:
        kr = _backend(create=False)
        return None if kr is None else kr.get_password(SERVICE, user)
    except NoKeyring:
        return None
    except (KeyringError, ValueError):  # a locked or damaged keyring: the password is not there for us
        return None


def _set(user: str, password: str, what: str) -> None:
    kr = _backend(create=True)
    try:
        kr.set_password(SERVICE, user, password)
    except (KeyringError, ValueError, OSError) as exc:
        raise NoKeyring(_("{what} could not be stored in {keyring}: {exc}; {fixes}").format(
            what=what, keyring=describe(kr), exc=exc, fixes=_(FIXES))) from None


def _delete(user: str) -> None:
    try:
        kr = _backend(create=False)
        if kr is not None:
            kr.delete_password(SERVICE, user)
    except (NoKeyring, PasswordDeleteError, KeyringError, ValueError):
        pass


def _interface_user(db, interface_id: int) -> str:
    return f"{database_key(db)}/interface-{int(interface_id)}"


def get_password(db, interface_id: int) -> str | None:
    """An interface's password in this database (`db`: Database, Session or uuid)."""
    return _get(_interface_user(db, interface_id))


def set_password(db, interface_id: int, password: str) -> None:
    """Store an interface's password (an empty text removes it). Raises NoKeyring (exit 2)."""
    if password:
        _set(_interface_user(db, interface_id), password, _("the password"))
    else:
        delete_password(db, interface_id)


def delete_password(db, interface_id: int) -> None:
    _delete(_interface_user(db, interface_id))


# --- the venue's SMTP server (e-mails of failed executions) ---------------------------------


def _smtp_user(db) -> str:
    return f"{database_key(db)}/smtp"


def get_smtp_password(db) -> str | None:
    return _get(_smtp_user(db))


def set_smtp_password(db, password: str) -> None:
    """Store the SMTP password (an empty text removes it)."""
    if not password:
        delete_smtp_password(db)
        return
    _set(_smtp_user(db), password, _("the SMTP password"))


def delete_smtp_password(db) -> None:
    _delete(_smtp_user(db))
