"""Qt fixtures: throw-away settings, background tasks run inline (Picard's FakeThreadPool)."""

import pytest


@pytest.fixture(autouse=True)
def ui_settings(tmp_path):
    from PySide6.QtCore import QSettings

    from app.ui import settings

    settings.use_store(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield
    settings.use_store(None)


@pytest.fixture
def inline_tasks(qapp):
    from app.ui.tasks import TaskManager, set_tasks

    manager = TaskManager(inline=True)
    set_tasks(manager)
    yield manager
    set_tasks(None)


@pytest.fixture
def threaded_tasks(qapp):
    """The real thread pools, for tests that check the UI never waits."""
    from app.ui.tasks import TaskManager, set_tasks

    manager = TaskManager()
    set_tasks(manager)
    yield manager
    manager.shutdown()
    set_tasks(None)
