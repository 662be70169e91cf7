"""A sale or edit that failed because another workstation held the inventory shows the one
busy line and offers to try again; other errors only say what went wrong."""

from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import text

from app.db.engine import open_database


def _busy_error(tmp_path, monkeypatch):
    """The real error of a write that waited its whole lock timeout for another writer."""
    import sqlite3

    import app.db.engine as engine

    path = tmp_path / "busy.sqlite"
    monkeypatch.setattr(engine, "LOCK_TIMEOUT_S", 0.3)
    db = open_database(f"sqlite:///{path}", upgrade=False)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x INTEGER)")
    holder.execute("BEGIN IMMEDIATE")  # another workstation writing
    try:
        with db.write() as s:
            s.execute(text("INSERT INTO t VALUES (1)"))
    except Exception as exc:  # noqa: BLE001 - the error under test
        return exc
    finally:
        holder.close()
        db.dispose()
    raise AssertionError("the write did not wait for the lock")


def test_busy_error_offers_retry(qtbot, tmp_path, monkeypatch):
    from app.ui.widgets import show_error

    exc = _busy_error(tmp_path, monkeypatch)
    parent = QWidget()
    qtbot.addWidget(parent)
    retried = []
    show_error(parent, "Seat plan", exc, retry=lambda: retried.append(True))
    box = parent.findChild(QMessageBox, "errorDialog")
    assert box.text() == "The inventory is busy (another workstation is writing); try again."
    assert "INSERT" not in box.text() and "Traceback" not in box.text()
    box.button(QMessageBox.StandardButton.Retry).click()
    assert retried == [True]


def test_other_errors_have_no_retry(qtbot):
    from app.domain.errors import RuleViolation
    from app.ui.widgets import show_error

    parent = QWidget()
    qtbot.addWidget(parent)
    show_error(parent, "Seat plan", RuleViolation("sale refused, nothing sold — A: already sold"), retry=lambda: None)
    box = parent.findChild(QMessageBox, "errorDialog")
    assert box.button(QMessageBox.StandardButton.Retry) is None
    assert box.text() == "sale refused, nothing sold — A: already sold"
