"""Shared by the run-by-hand UI tests: the Interfaces page on the demo database with the
simulator linked, and the engine tests' fixtures re-exported."""

from __future__ import annotations

import pytest

from tests.integration.sync.conftest import allotted, interface_id, linked, sim  # noqa: F401 - fixtures

FNAC, TKN, STX, DGT = "NTJ FNAC", "NTJ Ticketnet", "NTJ Secutix File", "NTJ Digitick"


@pytest.fixture
def interfaces_page(qtbot, linked, manager, inline_tasks):
    from app.ui.interfaces.page import InterfacesPage

    page = InterfacesPage(linked, manager)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    return page


def select_interface(page, name: str):
    from app.ui.setup_widgets import select_where

    assert select_where(page.table, lambda r: r.name_fr == name)
    assert page.run_buttons.interface is not None and page.run_buttons.interface.name_fr == name
    return page.run_buttons
