from tests.ui.setup.conftest import boss, inline_tasks, ui_db  # noqa: F401 - fixtures
