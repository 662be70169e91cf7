"""Fixtures of the set-up screens' tests: a demo SQLite database, the background helper
run inline, throw-away settings."""

from __future__ import annotations

import pytest


@pytest.fixture
def inline_tasks(qapp, tmp_path):
    from PySide6.QtCore import QSettings

    from app.ui import settings
    from app.ui.tasks import TaskManager, set_tasks, tasks

    previous = tasks()
    settings.use_store(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    manager = TaskManager(inline=True)
    set_tasks(manager)
    yield manager
    set_tasks(previous)


@pytest.fixture
def ui_db(sqlite_url, inline_tasks):
    from app.db.engine import open_database
    from app.services.seeding import seed_demo
    from tests.conftest import give_demo_passwords

    db = open_database(sqlite_url)
    seed_demo(db)
    give_demo_passwords(db)
    yield db
    db.dispose()


@pytest.fixture
def boss(ui_db):
    from app.services.operators import find_actor

    return find_actor(ui_db, "manager")
