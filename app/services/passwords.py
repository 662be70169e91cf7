"""Operators' secrets as salted scrypt hashes (hashlib, no extra dependency); never in clear."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from app.domain.enums import Role
from app.domain.errors import InputError
from app.i18n import _

# scrypt cost: ~50 ms per check on a till, which also slows guessing down.
N, R, P = 2 ** 14, 8, 1
MIN_PASSWORD = 8
PIN_LENGTHS = range(4, 9)


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${N}${R}${P}${b64(salt)}${b64(digest)}"


def verify_secret(secret: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def check_secret(secret: str, role: Role) -> None:
    """Managers need a password of 8 characters or more; cashiers may use a PIN of 4 to 8 digits."""
    if role is Role.CASHIER and secret.isdigit() and len(secret) in PIN_LENGTHS:
        return
    if len(secret) < MIN_PASSWORD:
        what = _("a password of at least 8 characters or a PIN of 4 to 8 digits") if role is Role.CASHIER \
            else _("a password of at least 8 characters")
        raise InputError(_("a {role} needs {what}").format(role=role.value, what=what))
