"""Starting the client: the application, translations, database, operator, main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.db.engine import ENV_VAR, DatabaseError, open_database


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Guichet")
        app.setOrganizationName("Guichet")
        app.setApplicationDisplayName("Guichet")
    return app


def run_client(database: str | None = None, lang: str | None = None, operator: str | None = None,
               demo: bool = False) -> int:
    from app.ui import i18n, settings
    from app.ui.login import SignInDialog
    from app.ui.main_window import MainWindow
    from app.ui.tasks import tasks

    from app.services import secrets

    secrets.interactive = False  # no master-password prompt on a terminal behind the window
    app = application()
    i18n.install(lang or settings.LANGUAGE.get() or None)
    db = actor = None
    if not demo:
        from app.ui.first_run import FirstRunAssistant, needs_first_run

        if needs_first_run(database):
            assistant = FirstRunAssistant()
            accepted = assistant.exec() == QDialog.DialogCode.Accepted
            db, actor, demo_requested = assistant.database, assistant.actor, assistant.demo_requested
            assistant.deleteLater()  # by Qt (a dialog freed by Python's collector warns "shared QObject")
            if not accepted:
                return 0
            if demo_requested:
                return _run_demo(lang, operator)
        else:
            # --database, else $GUICHET_DATABASE_URL, else this workstation's choice (settings)
            database = database or os.environ.get(ENV_VAR) or settings.database_url()
    if db is None:
        try:
            db = open_database(database)
        except DatabaseError as exc:
            QMessageBox.critical(None, app.translate("Startup", "Guichet"), str(exc))
            return 2
    if actor is None:
        # A till is shared under one OS account: the client always signs in (--operator fills the login).
        dialog = SignInDialog(db, login=operator or "")
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return 0
        actor = dialog.actor
        settings.POINT_OF_SALE.set(dialog.point_of_sale or "")
    window = MainWindow(db, actor)
    from app.ui.schedules.client_scheduler import start_if_enabled

    scheduler = start_if_enabled(db, window)
    tasks().on_unhandled = lambda exc: _unhandled(window, exc)
    # An exception escaping a slot becomes a dialog, not a silent console line or a crash.
    sys.excepthook = lambda _type, exc, tb: _unhandled(window, exc.with_traceback(tb))
    window.show()
    code = app.exec()
    if scheduler is not None:
        scheduler.stop()
    tasks().shutdown()
    db.dispose()
    return code


def _run_demo(lang: str | None, operator: str | None) -> int:
    """"Try with demo data" in the first-run assistant: what `guichet demo` does."""
    from app.adapters.simulator import SimulatorError
    from app.services.demo import prepare_demo

    try:
        demo = prepare_demo(None, 8765)
    except SimulatorError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("Startup", "Guichet"), str(exc))
        return 2
    try:
        return run_client(database=demo.database_url, lang=lang, operator=operator, demo=True)
    finally:
        demo.stop()


def _unhandled(window, exc: BaseException) -> None:
    import traceback

    from app.ui.widgets import show_error

    if not hasattr(exc, "__traceback_text__"):
        exc.__traceback_text__ = "".join(traceback.format_exception(exc))
    show_error(window, QCoreApplication.translate("MainWindow", "Error"), exc)
