"""Form validation shared by the set-up services: errors that name the field they belong to,
so that the client can show each message next to its field and the CLI can print them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from app.domain.errors import InputError
from app.i18n import _

_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                       r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_CODE_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")


class FieldErrors(InputError):
    """One or more fields of a form are wrong. `errors` maps field name → message."""

    def __init__(self, what: str, errors: dict[str, str]):
        self.what = what
        self.errors = dict(errors)
        super().__init__(f"{what}: " + "; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


class Checker:
    """Collects every field error of one form, then raises them together."""

    def __init__(self, what: str):
        self.what = what
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def required(self, field: str, value: str | None, label: str | None = None) -> str:
        text = (value or "").strip()
        if not text:
            self.add(field, _("{what} is required").format(what=label or field))
        return text

    def code(self, field: str, value: str | None, max_len: int = 40) -> str:
        text = self.required(field, value, _("the code"))
        if text and not _CODE_RE.match(text):
            self.add(field, _("code {code!r}: use letters, digits, '-', '_' or '.' only (no spaces)").format(code=text))
        elif len(text) > max_len:
            self.add(field, _("code {code!r} is longer than {max} characters").format(code=text, max=max_len))
        return text

    def max_len(self, field: str, value: str, limit: int) -> str:
        if len(value) > limit:
            self.add(field, _("at most {limit} characters ({given} given)").format(limit=limit, given=len(value)))
        return value

    def color(self, field: str, value: str | None) -> str:
        text = (value or "").strip()
        if not _COLOR_RE.match(text):
            self.add(field, _("{text!r} is not a colour: expected #RRGGBB (e.g. #FFC890)").format(text=text))
            return text
        return text.upper()

    def url(self, field: str, value: str | None, *, required: bool = False) -> str:
        text = (value or "").strip()
        if not text:
            if required:
                self.add(field, _("the URL is required"))
            return text
        if not is_url(text):
            self.add(field, _("{text!r} is not a well-formed URL (e.g. https://api.example.com/v1)").format(text=text))
        return text

    def emails(self, field: str, value: str | None) -> str:
        """A list of e-mail addresses separated by commas, semicolons or spaces; returns it
        normalised to 'a@x, b@y'."""
        parts = split_emails(value or "")
        bad = [p for p in parts if not _EMAIL_RE.match(p)]
        if bad:
            self.add(field, _("not an e-mail address: {addresses}").format(addresses=", ".join(repr(b) for b in bad)))
        return ", ".join(parts)

    def int_range(self, field: str, value: int, low: int, high: int) -> int:
        if not isinstance(value, int) or not low <= value <= high:
            self.add(field, _("expected a whole number from {low} to {high}").format(low=low, high=high))
        return value

    def percent(self, field: str, value) -> Decimal | None:
        """A percentage from 0 to 100 with at most 2 decimals ("12.5", "12,50", Decimal); empty
        is None (not set)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip().replace(",", ".").removesuffix("%").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            self.add(field, _("{value!r} is not a number: expected a percentage from 0 to 100").format(value=value))
            return None
        if not number.is_finite() or not 0 <= number <= 100:
            self.add(field, _("{value}: expected a percentage from 0 to 100").format(value=value))
        elif number != number.quantize(Decimal("0.01")):
            self.add(field, _("{value}: at most 2 decimals").format(value=value))
        else:
            return number.quantize(Decimal("0.01"))
        return None

    def done(self) -> None:
        if self.errors:
            raise FieldErrors(self.what, self.errors)


def is_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    if parts.scheme in ("http", "https", "ftp", "ftps", "sftp"):
        return bool(parts.hostname) and " " not in text
    if parts.scheme == "file":
        return bool(parts.path)
    return False


def is_email(text: str) -> bool:
    return bool(_EMAIL_RE.match(text))


def split_emails(text: str) -> list[str]:
    return [p for p in re.split(r"[,;\s]+", text.strip()) if p]
