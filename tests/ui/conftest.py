"""Qt fixtures: throw-away settings, background tasks run inline (Picard's FakeThreadPool),
the seat plan window."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def ui_settings(tmp_path):
    from PySide6.QtCore import QSettings

    from app.ui import settings

    settings.use_store(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield settings
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


@pytest.fixture
def plan_window(qtbot, demo_db, manager, inline_tasks, ui_settings):
    """Open the demo performance's plan; `answers` feeds the "export now?" question."""
    from app.ui.seatplan_window import SeatPlanWindow

    made = []

    def make(actor=None, answers=None, poll_ms=None, run_queued=False):
        asked = []

        def ask(question):
            asked.append(question)
            return answers.pop(0) if answers else False

        w = SeatPlanWindow(demo_db, actor or manager, 1, ask=ask, poll_ms=poll_ms, run_queued=run_queued)
        w.asked = asked
        qtbot.addWidget(w)
        w.resize(1300, 850)
        w.show()
        qtbot.waitExposed(w)
        w.view.fit()
        made.append(w)
        return w

    yield make
    import shiboken6

    for w in made:
        if shiboken6.isValid(w):
            w.close()
