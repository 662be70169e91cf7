"""`guichet --self-test`: does this installation work here? Each part a venue's workstation
needs (Qt and its plugins, the translations, the keyring, SQLite and the migrations, Excel,
PDF, optionally the shared database) is tried for real, one line per check and a JSON summary
last. The built application runs it in CI, so a file PyInstaller left out fails there."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from app import __version__
from app.i18n import _

# Modules the client imports (app/ui): a frozen build without one of them fails here.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets")


class BadArguments(Exception):
    """The self-test was asked something it cannot do: exit 2."""


class Failed(Exception):
    """A check's verdict (its message says what is wrong); other exceptions show their type."""


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    ms: int


def _qt() -> str:
    import importlib

    for name in QT_MODULES:
        importlib.import_module(f"PySide6.{name}")
    import PySide6
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QImageReader, QImageWriter
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QLabel

    app = QCoreApplication.instance() or QApplication([sys.argv[0] if sys.argv else "guichet"])
    window = QLabel("Guichet — self-test")
    window.resize(320, 120)
    window.show()
    app.processEvents()
    shot = window.grab()
    window.close()
    window.deleteLater()
    if shot.isNull() or shot.width() < 320:
        raise Failed(f"the window could not be drawn ({shot.width()}×{shot.height()})")
    readable = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "jpg"} - readable  # plan backgrounds, logos
    if missing or "png" not in {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}:
        raise Failed(f"image format plugins missing: {', '.join(sorted(missing)) or 'png writer'}")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    return (f"PySide6 {PySide6.__version__}, platform {QApplication.platformName()}, "
            f"window {shot.width()}×{shot.height()}, image formats {', '.join(sorted(readable & {'png', 'jpg', 'svg', 'gif'}))}")


def _modules() -> str:
    """Every module of Guichet imports: a library left out of a build fails here, not when a
    manager first opens the screen that needs it."""
    import importlib
    import pkgutil

    import app

    names = [m.name for m in pkgutil.walk_packages(app.__path__, "app.")
             if not m.name.endswith("__main__") and ".migrations" not in m.name]
    for name in names:
        importlib.import_module(name)
    if len(names) < 50:
        raise Failed(f"only {len(names)} modules of Guichet found: the build is incomplete")
    return f"{len(names)} modules of Guichet imported"


def _translations() -> str:
    import gettext

    from PySide6.QtCore import QLibraryInfo, QTranslator

    from app.i18n import DOMAIN, LOCALE_DIR
    from app.ui.i18n import TRANSLATIONS

    own = QTranslator()
    if not own.load(str(TRANSLATIONS / "guichet_fr.qm")):
        raise Failed(f"cannot load {TRANSLATIONS / 'guichet_fr.qm'}")
    if own.translate("MainWindow", "&Quit") in ("", "&Quit"):
        raise Failed("guichet_fr.qm loaded but does not translate 'Quit'")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    base = QTranslator()
    if not base.load("qtbase_fr", qt_dir):
        raise Failed(f"Qt's own French (qtbase_fr.qm) not found in {qt_dir}")
    mo = gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"], fallback=False)
    if mo.gettext("interrupted") == "interrupted":
        raise Failed(f"the French message catalogue in {LOCALE_DIR} does not translate")
    return "guichet_fr.qm, qtbase_fr.qm, guichet.mo (fr)"


# The OS keyring keyring finds through its entry points on each system: a frozen build without
# keyring's metadata finds none ("NoKeyringError" on a workstation with a perfectly good keyring).
PLATFORM_BACKENDS = {"win32": "Windows", "darwin": "macOS"}


def _keyring_entry_points() -> list[str]:
    from importlib.metadata import entry_points

    names = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    expected = PLATFORM_BACKENDS.get(sys.platform, "SecretService")
    if expected not in names:
        raise Failed(f"keyring's backends are not discoverable (entry points: {', '.join(names) or 'none'}; "
                     f"{expected} missing): the build lacks keyring's metadata")
    return names


def _keyring() -> str:
    from app.services import secrets

    backends = _keyring_entry_points()
    state = secrets.state(verify=True)
    if not state.usable:
        raise Failed(f"{state.backend}: {state.problem}")
    user = f"self-test/{uuid.uuid4()}"
    secret = f"s3cr3t-{uuid.uuid4().hex[:8]}-é"
    secrets._set(user, secret, "the self-test secret")
    try:
        back = secrets._get(user)
    finally:
        secrets._delete(user)
    if back != secret:
        raise Failed(f"{state.backend}: a secret stored could not be read back")
    if secrets._get(user) is not None:
        raise Failed(f"{state.backend}: the test secret could not be removed")
    return f"{state.backend}: a secret stored, read back and removed (backends found: {', '.join(backends)})"


def _sqlite(folder: Path) -> str:
    from sqlalchemy import inspect

    from app.db.engine import open_database
    from app.db.migrate import current_revision, head_revision

    db = open_database(f"sqlite:///{folder / 'self-test.sqlite'}")
    try:
        revision = current_revision(db.engine)
        if revision != head_revision():
            raise Failed(f"migrated to {revision}, expected {head_revision()}")
        tables = len(inspect(db.engine).get_table_names())
    finally:
        db.dispose()
    return f"created and migrated to {revision} ({tables} tables)"


def _sample_report(lang: str = "fr"):
    from datetime import datetime
    from decimal import Decimal

    from app.services.excel_table import Column
    from app.services.reports.model import Report, Table

    columns = [Column("Tarif", "text"), Column("Places", "int", total=True), Column("Montant", "money", total=True)]
    rows = [["Plein tarif — été", 3, Decimal("135.00")], ["Réduit", 2, Decimal("50.50")]]
    return Report(kind="self-test", title="Guichet self-test", venue="Opéra — salle ÉÉ", filters=[("Test", "€ àéîõü")],
                  generated_at=datetime(2026, 1, 1, 12, 0), operator="self-test", lang=lang,
                  tables=[Table("Ventes", "Ventes", columns, rows)])


def _xlsx(folder: Path) -> str:
    from openpyxl import load_workbook

    from app.services.reports.render import to_xlsx

    path = to_xlsx(_sample_report(), folder / "self-test.xlsx")
    wb = load_workbook(path)
    values = [c for row in wb["Ventes"].iter_rows(values_only=True) for c in row]
    if "Plein tarif — été" not in values or 3 not in values:
        raise Failed(f"{path.name} read back without the cells written")
    return f"written and read back ({path.stat().st_size} bytes, sheets {', '.join(wb.sheetnames)})"


def _pdf(folder: Path) -> str:
    from PySide6.QtPdf import QPdfDocument

    from app.services.reports.render import to_pdf_bytes

    data = to_pdf_bytes(_sample_report())
    if not data.startswith(b"%PDF") or b"FontFile2" not in data:
        raise Failed("reportlab produced no PDF with embedded fonts")
    path = folder / "self-test.pdf"
    path.write_bytes(data)
    doc = QPdfDocument()
    doc.load(str(path))
    pages = doc.pageCount()
    text = doc.getAllText(0).text() if pages else ""
    doc.close()
    if pages != 1:
        raise Failed(f"QtPdf reads {pages} pages in the one-page PDF")
    if "Plein tarif" not in text:
        raise Failed("QtPdf does not find the text drawn in the PDF")
    return f"one page rendered by reportlab ({len(data)} bytes, fonts embedded) and read by QtPdf"


def _postgresql_driver() -> str:
    import psycopg

    impl = psycopg.pq.__impl__
    if impl == "python" and getattr(sys, "frozen", False):
        raise Failed("psycopg's binary driver (psycopg_binary) is missing from this build")
    return f"psycopg {psycopg.__version__} ({impl}), libpq {psycopg.pq.version()}"


def _database(url: str) -> str:
    from app.db.engine import open_database
    from app.db.migrate import current_revision, head_revision

    db = open_database(url, upgrade=False)
    try:
        revision = current_revision(db.engine)
    finally:
        db.dispose()
    head = head_revision()
    if revision is None:
        raise Failed(f"{db.url}: no Guichet schema (empty database); the client or "
                           f"`guichet db upgrade` creates it")
    if revision != head:
        raise Failed(f"{db.url}: schema at {revision}, this version needs {head} (`guichet db upgrade`)")
    return f"{db.url}: connected, schema at {revision} (this version's)"


def _is_verdict(exc: BaseException) -> bool:
    """Our own errors carry a message meant for the user: shown without the exception's type."""
    from app.db.engine import DatabaseError
    from app.domain.errors import GuichetError

    return isinstance(exc, (Failed, DatabaseError, GuichetError))


def _timed(name: str, fn: Callable[[], str]) -> Check:
    start = time.perf_counter()
    try:
        detail, ok = fn(), True
    except Exception as exc:  # noqa: BLE001 - every failure is the check's verdict
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        if _is_verdict(exc):
            detail = text
        else:
            detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        ok = False
    return Check(name, ok, detail, round((time.perf_counter() - start) * 1000))


def checks(folder: Path, database: str | None = None) -> list[tuple[str, Callable[[], str]]]:
    todo = [
        ("qt", _qt),
        ("modules", _modules),
        ("translations", _translations),
        ("keyring", _keyring),
        ("sqlite", lambda: _sqlite(folder)),
        ("xlsx", lambda: _xlsx(folder)),
        ("pdf", lambda: _pdf(folder)),
        ("postgresql-driver", _postgresql_driver),
    ]
    if database:
        todo.append(("database", lambda: _database(database)))
    return todo


def validate(database: str | None) -> None:
    if database is None:
        return
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(database).get_backend_name()
    except ArgumentError:
        raise BadArguments(_("--database {url!r}: not a database URL (postgresql://USER@HOST[:PORT]/DATABASE "
                             "or sqlite:///PATH)").format(url=database)) from None
    if backend not in ("postgresql", "postgres", "sqlite"):
        raise BadArguments(_("--database {url!r}: expected postgresql://… or sqlite:///…").format(url=database))


def run(database: str | None = None, out=None) -> int:
    """Run every check, print one line each and the JSON summary; 0 only when all pass."""
    out = out or sys.stdout
    validate(database)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a server, a CI job: no display needed
    results = []
    with tempfile.TemporaryDirectory(prefix="guichet-self-test-", ignore_cleanup_errors=True) as tmp:
        for name, fn in checks(Path(tmp), database):
            check = _timed(name, fn)
            results.append(check)
            print(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail} ({check.ms} ms)", file=out, flush=True)
    passed = all(c.ok for c in results)
    summary = {"ok": passed, "version": __version__, "frozen": bool(getattr(sys, "frozen", False)),
               "python": sys.version.split()[0], "failed": [c.name for c in results if not c.ok],
               "checks": [asdict(c) for c in results]}
    print(json.dumps(summary, ensure_ascii=False), file=out, flush=True)
    return 0 if passed else 1
