"""The French client shows the services' messages in French (app.i18n follows app.ui.i18n)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui import i18n, setup_widgets


@pytest.fixture
def french(qapp):
    assert i18n.install("fr") == "fr"
    yield
    i18n.uninstall()


def test_the_french_contingent_editor_refuses_a_taken_code_in_french(qtbot, ui_db, boss, french):
    from app.services.setup import contingents
    from app.ui.contingents_page import ContingentsPage

    page = ContingentsPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.code == "FNAC")
    before = next(c for c in contingents.list_contingents(ui_db) if c.code == "FNAC")
    page.code.setText("Pass")
    page.fill.setText("orange")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "est déjà utilisé par un autre contingent" in page.form.error_text("code")
    assert "n'est pas une couleur" in page.form.error_text("fill_color")
    assert next(c for c in contingents.list_contingents(ui_db) if c.id == before.id) == before


def test_back_in_english_the_same_refusal_is_english(qtbot, ui_db, boss):
    from app.ui.contingents_page import ContingentsPage

    page = ContingentsPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.code == "FNAC")
    page.code.setText("Pass")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "is already used by another contingent" in page.form.error_text("code")
