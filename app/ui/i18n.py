"""Loading the French/English Qt translations: Guichet's own and Qt's standard buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import app.i18n as services_i18n

TRANSLATIONS = Path(__file__).with_name("translations")
LANGUAGES = ("fr", "en")
_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    return "fr" if QLocale.system().name().lower().startswith("fr") else "en"


def choose(language: str | None) -> str:
    """`--lang`, else the LANGUAGE setting, else the system's: fr or en."""
    return language if language in LANGUAGES else system_language()


def install(language: str | None) -> str:
    """Install the translators for `language` (source strings are English). Returns it."""
    global _current
    app = QCoreApplication.instance()
    lang = choose(language)
    uninstall()
    services_i18n.set_language(lang)  # the services' messages (gettext) speak the same language
    if lang == "en":
        return lang
    own = QTranslator(app)
    if not own.load(str(TRANSLATIONS / f"guichet_{lang}.qm")):
        return "en"  # no compiled catalogue: the English source strings
    _current = lang
    app.installTranslator(own)
    _installed.append(own)
    # Qt's own words: the standard buttons (Oui/Non/Annuler), the colour and file dialogs.
    base = QTranslator(app)
    if base.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(base)
        _installed.append(base)
    return lang


def uninstall() -> None:
    """Back to the English source strings (tests use it to leave the application as found)."""
    global _current
    _current = "en"
    services_i18n.set_language("en")
    app = QCoreApplication.instance()
    for t in _installed:
        if app is not None:
            app.removeTranslator(t)
    _installed.clear()


def current_language() -> str:
    """The language the screens speak now."""
    return _current
