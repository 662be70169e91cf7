"""The services' and the CLI's messages in the user's language, without Qt (gettext + Babel).

English is the source language: msgids are the English text with named `{placeholders}`,
formatted after translation: `_("code {code!r} is already used").format(code=code)`.
The catalogue is `app/i18n/locale/<lang>/LC_MESSAGES/guichet.po`, compiled to `.mo` by
`make messages` (pybabel extract/update/compile, see babel.cfg).

A message made by `_()`/`ngettext()` is a `Text`: a `str` in the current language that also
remembers its English msgid and, once `.format(...)`ed, its arguments. What a process writes
for another one to show — an execution's log lines and first error, a held line's cause — keeps
that (`message_data(text)`: plain JSON) beside the English text (`english(text)`), and the
reader shows it in its own language (`render(data)`); the engine may run in the headless
scheduler, in English, while a manager reads its log in the French client.

The language: `set_language()` — called by the client with the language it installs for Qt and
by the CLI from `--lang`. Without it: `$GUICHET_LANG`, else the system's (`LC_ALL`, `LC_MESSAGES`,
`LANG` starting with "fr"), else English. tests/conftest.py pins `GUICHET_LANG=en`.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "guichet"
LANGUAGES = ("fr", "en")

_language = "en"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str | None) -> str:
    """Speak `language` ('fr' or 'en'; None: $GUICHET_LANG, else English). Returns it."""
    global _language, _translation
    lang = language if language in LANGUAGES else (os.environ.get("GUICHET_LANG") or system_language())
    if lang not in LANGUAGES:
        lang = "en"
    if lang == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    _language = lang
    return lang


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def current_language() -> str:
    return _language


class Text(str):
    """A message in the current language that remembers its English msgid (and plural and
    count), and after `.format(**named)` its arguments: enough to say it again in another
    language (`render(message_data(text), lang)`). Every `str` operation but `format` gives a
    plain `str`."""

    __slots__ = ("msgid", "plural", "n", "kwargs")

    def format(self, *args, **kwargs) -> "Text | str":  # noqa: A003 - str.format, remembered
        if args:  # positional placeholders: not ours (named ones are the convention)
            return str.format(self, *args, **kwargs)
        t = Text(str.format(self, **_numbers_in(kwargs, _language)))
        t.msgid, t.plural, t.n, t.kwargs = self.msgid, self.plural, self.n, kwargs
        return t


class _Number:
    """A Decimal or float argument of a message, written the reader's way: "68,00" in French
    ({price:.2f} of 68 — a decimal comma, a no-break space between thousands)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec).translate(_FRENCH_SEPARATORS)

    def __str__(self) -> str:
        return str(self.value).translate(_FRENCH_SEPARATORS)

    def __repr__(self) -> str:
        return repr(self.value)


_FRENCH_SEPARATORS = {ord("."): ",", ord(","): "\u00a0"}


def _numbers_in(kwargs: dict, lang: str) -> dict:
    """The message's arguments, its amounts wrapped to be written the French way in French."""
    if lang != "fr":
        return kwargs
    return {k: _Number(v) if isinstance(v, (Decimal, float)) else v for k, v in kwargs.items()}


def amount(value, language: str | None = None, *, grouped: bool = True) -> str:
    """An amount with two decimals as its reader writes it — "1,234.50" in English, "1 234,50"
    in French — by Babel, as the reports write theirs (a no-break space between thousands).
    `grouped=False` for a hint the user may type back: "1234.50" / "1234,50"."""
    return number(value, 2, language, grouped=grouped)


def number(value, places: int, language: str | None = None, *, grouped: bool = True) -> str:
    """`value` with `places` decimals as its reader writes it ("12.5" / "12,5" for one place)."""
    return _number(Decimal(str(value)) if isinstance(value, float) else value, places, language or _language, grouped)


@lru_cache(maxsize=4096)
def _number(value, places: int, lang: str, grouped: bool = True) -> str:
    from babel.numbers import format_decimal

    pattern = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    return plain_spaces(format_decimal(value, format=pattern, locale=babel_locale(lang)))


def babel_locale(lang: str) -> str:
    """Babel's locale for a language of the application (the reports' numbers and dates too)."""
    return "fr_FR" if lang == "fr" else "en_GB"


def plain_spaces(text: str) -> str:
    """Babel's French group separator is a narrow no-break space, which the reports' font lacks:
    a no-break space instead."""
    return text.replace("\u202f", "\u00a0")


def formatter(text: str, name: str):
    """`lambda value: text.format(**{name: value})` for a message said of many string values
    (each line of a distributor's page): the text is split once around its one placeholder
    and each value put in between — the same Text, at half the cost of `format` per value."""
    pre, sep, post = str(text).partition("{" + name + "}")
    if not isinstance(text, Text) or not sep or any(c in pre + post for c in "{}"):
        return lambda value: text.format(**{name: value})
    msgid, plural, n = text.msgid, text.plural, text.n

    def said(value: str) -> Text:
        t = Text(pre + value + post)
        t.msgid, t.plural, t.n, t.kwargs = msgid, plural, n, {name: value}
        return t

    return said


def _(message: str) -> str:
    """`message` (English, a literal) in the current language."""
    t = Text(_translation.gettext(message))
    t.msgid, t.plural, t.n, t.kwargs = message, None, None, None
    return t


def ngettext(singular: str, plural: str, n: int) -> str:
    t = Text(_translation.ngettext(singular, plural, n))
    t.msgid, t.plural, t.n, t.kwargs = singular, plural, n, None
    return t


def joined(parts) -> str:
    """Messages joined with "; ", each kept with its msgid (a plain join would lose them)."""
    out = None
    for part in parts:
        out = part if out is None else _("{cause}; {more}").format(cause=out, more=part)
    return out if out is not None else ""


# --- messages kept for another process (or language) to show -------------------------------


def _arg_data(value):
    if isinstance(value, Text):
        return message_data(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return format(value, "")  # an enum, a path…: as the message showed it


def message_data(text) -> dict | None:
    """`text` made by `_()`/`ngettext()` as JSON-able data ({"id", "plural", "n", "args"}),
    None for any other string (it is shown as it was written)."""
    if not isinstance(text, Text):
        return None
    data: dict = {"id": text.msgid}
    if text.plural is not None:
        data["plural"], data["n"] = text.plural, text.n
    if text.kwargs is not None:
        data["args"] = {k: _arg_data(v) for k, v in text.kwargs.items()}
    return data


_catalogues: dict[str, gettext.NullTranslations] = {}


def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en" or lang not in LANGUAGES:
        return gettext.NullTranslations()
    if lang not in _catalogues:
        _catalogues[lang] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    return _catalogues[lang]


def gettext_in(language: str, message: str) -> str:
    """`message` (English, a literal marked with `N_()`) in `language`, whatever the process's
    language is (an e-mail composed in the venue's language by an English scheduler)."""
    return _catalogue(language).gettext(message)


def ngettext_in(language: str, singular: str, plural: str, n: int) -> str:
    return _catalogue(language).ngettext(singular, plural, n)


def _arg_value(value, lang: str):
    if isinstance(value, dict):
        if "id" in value:
            return _render(value, lang)
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
    return value


def _render(data: dict, lang: str) -> str:
    cat = _catalogue(lang)
    if data.get("plural") is not None:
        template = cat.ngettext(data["id"], data["plural"], int(data.get("n") or 0))
    else:
        template = cat.gettext(data["id"])
    if "args" not in data:
        return template
    return template.format(**_numbers_in({k: _arg_value(v, lang) for k, v in data["args"].items()}, lang))


def render(data: dict | str | None, language: str | None = None, fallback: str = "") -> str:
    """The message `data` (from `message_data`) in `language` (the current one by default);
    `fallback` (the text as stored) when there is no data or it no longer fits its msgid."""
    if isinstance(data, str):  # kept beside messages: a plain string is shown as it is
        return data
    if not data:
        return fallback
    try:
        return _render(data, language or _language)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return fallback


def exception_text(exc: BaseException) -> str:
    """An exception's message, as the `Text` it was raised with when it was one (so that a
    log keeps its msgid), else `str(exc)`."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Text):
        return exc.args[0]
    return str(exc)


def english(text) -> str:
    """`text` in English (the source language) — what the database keeps as the message."""
    data = message_data(text)
    return render(data, "en", str(text)) if data else str(text)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it with `_()` where it is shown."""
    return message


set_language(None)
