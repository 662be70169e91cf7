"""Loading the French/English Qt translations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

TRANSLATIONS = Path(__file__).with_name("translations")
LANGUAGES = ("fr", "en")
_installed: list[QTranslator] = []


def system_language() -> str:
    return "fr" if QLocale.system().name().lower().startswith("fr") else "en"


def install(language: str | None) -> str:
    """Install the translator for `language` (source strings are English). Returns it."""
    app = QCoreApplication.instance()
    lang = language if language in LANGUAGES else system_language()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "en":
        t = QTranslator(app)
        if t.load(str(TRANSLATIONS / f"guichet_{lang}.qm")):
            app.installTranslator(t)
            _installed.append(t)
    return lang


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
