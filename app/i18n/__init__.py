"""The services' and the CLI's messages in the user's language, without Qt (gettext + Babel).

English is the source language: msgids are the English text with named `{placeholders}`,
formatted after translation: `_("code {code!r} is already used").format(code=code)`.
The catalogue is `app/i18n/locale/<lang>/LC_MESSAGES/guichet.po`, compiled to `.mo` by
`make messages` (pybabel extract/update/compile, see babel.cfg).

The language: `set_language()` — called by the client with the language it installs for Qt and
by the CLI from `--lang`. Without it: `$GUICHET_LANG`, else the system's (`LC_ALL`, `LC_MESSAGES`,
`LANG` starting with "fr"), else English. tests/conftest.py pins `GUICHET_LANG=en`.
"""

from __future__ import annotations

import gettext
import os
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


def _(message: str) -> str:
    """`message` (English, a literal) in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it with `_()` where it is shown."""
    return message


set_language(None)
