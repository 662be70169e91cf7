"""The Exécutions view through its widgets, the engine run for real against the simulator over
HTTP (SQLite and PostgreSQL): filters, colours, the details pane and its first-error action,
Relancer after a fault is lifted, Excel export, the interface editor's tab, lazy paging, and the
held lines retried after the fix or dismissed with a reason."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import insert, select

from app.db.models import DistributorInterface, Execution
from app.domain.enums import ErrorClass, ExecutionStatus, PricePolicy, SyncFunction, Trigger
from app.services.sync.export import export_allotments
from app.services.sync.held_lines import list_held_lines
from app.services.sync.reintegration import reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import allotted, interface_id, linked, sim  # noqa: F401 - fixtures

FNAC, TKN = "NTJ FNAC", "NTJ Ticketnet"


@pytest.fixture
def view(qtbot, linked, manager, inline_tasks, tmp_path):
    from app.ui.executions import ExecutionsView

    saved = []

    def make(**kw):
        v = ExecutionsView(linked, manager, **kw)
        v.details.save_path = lambda parent, name: str(tmp_path / name)
        v.held.ask_reason = lambda parent: saved.pop(0) if saved else None
        qtbot.addWidget(v)
        v.resize(1366, 700)
        v.show()
        qtbot.waitExposed(v)
        return v

    make.reasons = saved
    return make


def shown(v) -> list:
    return list(v.model.rows)


def cell(v, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return v.model.data(v.model.index(row, column), role)


def test_filters_colours_details_and_rerun_after_the_fault_is_lifted(view, linked, manager, sim, tmp_path):
    ok = export_allotments(linked, manager, FNAC, WALKYRIE)
    sim.sell("fnac-demo", 2)
    sim.inject("http_500", login="fnac-demo", operation="sales", count=50)
    failed = reintegrate_sales(linked, manager, FNAC)
    assert failed.status is ExecutionStatus.ERROR
    (held_sale,) = sim.sell("fnac-demo", 1, fault="price_mismatch")
    v = view()
    assert [r.id for r in shown(v)] == [failed.execution_id, ok.execution_id]
    # errors in red
    assert cell(v, 0, 5) == "Error" and cell(v, 0, 5, Qt.ItemDataRole.BackgroundRole).name() == "#ffc7ce"
    assert "[External]" in cell(v, 0, 7)
    # the details pane shows the first error on top with its action
    v.table.selectRow(0)
    d = v.details
    assert d.info.id == failed.execution_id
    assert d.first_error.isVisible() and "External" in d.first_error.text()
    assert d.action_button.text() == "Rerun" and "call the distributor" in d.hint.text()
    first = [i for i, e in enumerate(d.logs) if e.first]
    assert first and d.log_model.data(d.log_model.index(first[0], 4)) == d.logs[first[0]].message
    # filters
    v.status.setCurrentIndex(v.status.findData("ok"))
    assert [r.id for r in shown(v)] == [ok.execution_id]
    v.status.setCurrentIndex(0)
    v.function.setCurrentIndex(v.function.findData(SyncFunction.REINTEGRATE_SALES.value))
    assert [r.id for r in shown(v)] == [failed.execution_id]
    v.function.setCurrentIndex(0)
    # Relancer once the distributor answers again: a new execution, done with the held line (amber)
    sim.store.clear_faults("fnac-demo")
    v.table.selectRow(v.model.row_of(failed.execution_id))
    d.action_button.click()  # External → rerun
    new = v.model.rows[0]
    assert new.rerun_of_id == failed.execution_id and new.status is ExecutionStatus.HELD
    assert cell(v, 0, 5) == "Done with held lines"
    assert cell(v, 0, 5, Qt.ItemDataRole.BackgroundRole).name() == "#ffd966"
    assert d.info.id == new.id and "Rerun: execution" in d.status.text()
    assert held_sale in d.first_error.text()
    # a held line is fixed in the held lines, not by a rerun
    assert d.action_button.text() == "See the held lines"
    d.action_button.click()
    assert v.tabs.currentIndex() == 1
    v.tabs.setCurrentIndex(0)
    # Excel export of the log
    d.export_button.click()
    wb = openpyxl.load_workbook(tmp_path / f"execution-{new.id}.xlsx")
    lines = [" ".join(str(c or "") for c in r) for r in wb["Log"].iter_rows(min_row=2, values_only=True)]
    assert any(held_sale in line and "held" in line for line in lines)
    # the held-lines tab counts it
    v.poll()
    assert v.tabs.tabText(1) == "Held lines (1)"


def test_mapping_error_opens_the_mappings_and_technical_copies_the_details(view, linked, manager, sim, qtbot):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    (bad,) = sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")
    r = reintegrate_sales(linked, manager, FNAC)
    assert r.first_error_class is ErrorClass.MAPPING
    v = view()
    v.table.selectRow(0)
    assert v.details.action_button.text() == "Open the mappings"
    opened = []
    import app.ui.executions.details as details

    details_open = details.open_screen
    details.open_screen = lambda w, key, **hints: opened.append((key, hints))
    try:
        v.details.action_button.click()
    finally:
        details.open_screen = details_open
    assert opened == [("interfaces", {"interface_id": interface_id(linked, FNAC), "tab": "mappings"})]
    v.details.copy_all()
    text = QGuiApplication.clipboard().text()
    assert f"execution #{r.execution_id}" in text and bad in text


def test_the_interface_editor_tab_shows_that_interface_only(qtbot, linked, manager, sim, inline_tasks):
    from app.ui.interfaces.page import InterfacesPage
    from app.ui.setup_widgets import select_where

    fnac = export_allotments(linked, manager, FNAC, WALKYRIE)
    tkn = export_allotments(linked, manager, TKN, WALKYRIE)
    (bad,) = sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")
    held = reintegrate_sales(linked, manager, FNAC)
    page = InterfacesPage(linked, manager)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    tab = page.tab("executions")
    assert select_where(page.table, lambda r: r.name_fr == TKN)
    assert [r.id for r in tab.model.rows] == [tkn.execution_id]
    assert select_where(page.table, lambda r: r.name_fr == FNAC)
    assert [r.id for r in tab.model.rows] == [held.execution_id, fnac.execution_id]
    assert not tab.interface.isVisibleTo(tab)  # no interface filter in the editor's tab
    # the list counts the held lines waiting for a fix; dismissing the line clears it
    column = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())].index("HELD")
    counts = {r.name_fr: page.model.data(page.model.index(i, column)) for i, r in enumerate(page.model.rows)}
    assert counts[FNAC] == "1" and counts[TKN] == ""
    tab.held.reload()
    assert [h.external_ticket_id for h in tab.held.model.rows] == [bad]
    tab.held.ask_reason = lambda parent: "test sale"
    tab.held.table.selectRow(0)
    tab.held.dismiss_button.click()
    counts = {r.name_fr: page.model.data(page.model.index(i, column)) for i, r in enumerate(page.model.rows)}
    assert counts[FNAC] == ""


def test_a_held_line_is_retried_after_the_policy_change_and_another_dismissed_with_a_reason(view, linked, manager,
                                                                                             sim):
    export_allotments(linked, manager, FNAC, WALKYRIE)
    sim.sell("fnac-demo", 2)
    (bad,) = sim.sell("fnac-demo", 1, fault="price_mismatch")
    sim.sell("fnac-demo", 3)  # the good lines behind the bad one arrive
    (unmapped,) = sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")
    r = reintegrate_sales(linked, manager, FNAC)
    assert r.status is ExecutionStatus.HELD and r.counts["sales"] == 5
    v = view()
    v.tabs.setCurrentIndex(1)
    held = v.held
    held.reload()
    assert [h.external_ticket_id for h in held.model.rows] == [bad, unmapped]
    held.table.selectRow(0)
    assert "price policy" in held.fix.text() and bad in held.raw.toPlainText()
    held.retry_button.click()  # before the fix: still held
    assert [h.external_ticket_id for h in held.model.rows] == [bad, unmapped]
    assert "Error" in held.status.text()
    with linked.write() as s:
        s.get(DistributorInterface, interface_id(linked, FNAC)).price_policy = PricePolicy.TAKE_THEIRS
    held.table.selectRow(0)
    held.retry_button.click()
    assert [h.external_ticket_id for h in held.model.rows] == [unmapped]
    assert "OK" in held.status.text()
    # dismiss: a reason is required
    held.table.selectRow(0)
    view.reasons.append("   ")
    held.dismiss_button.click()
    assert len(list_held_lines(linked, FNAC)) == 1
    view.reasons.append("test sale, refunded by phone")
    held.dismiss_button.click()
    assert held.model.rows == [] and held.empty.isVisible()
    assert list_held_lines(linked, FNAC) == []


def test_ten_thousand_executions_are_read_a_page_at_a_time(view, linked, manager):
    iid = interface_id(linked, FNAC)
    with linked.write() as s:
        s.execute(insert(Execution), [
            {"interface_id": iid, "function": SyncFunction.EXPORT_ALLOTMENTS, "trigger": Trigger.SCHEDULE,
             "status": ExecutionStatus.OK if i % 10 else ExecutionStatus.ERROR, "counts": {}, "parameters": {},
             "first_error": "" if i % 10 else "distributor down"} for i in range(10_000)])
        newest = s.scalar(select(Execution.id).order_by(Execution.id.desc()))
    v = view(page=200)
    assert len(v.model.rows) == 200 and v.model.rows[0].id == newest
    assert v.model.canFetchMore()
    v.table.scrollToBottom()  # the view asks for more near its end
    assert len(v.model.rows) >= 400
    ids = [r.id for r in v.model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    v.status.setCurrentIndex(v.status.findData("error"))
    assert len(v.model.rows) == 200 and all(r.status is ExecutionStatus.ERROR for r in v.model.rows)


def test_a_scheduled_run_shows_its_schedule_and_the_view_filters_by_it(view, linked, manager, sim):
    from datetime import datetime

    from app.services.schedules.scheduler import Scheduler
    from tests.integration.schedules.test_scheduler import add

    by_hand = export_allotments(linked, manager, FNAC, WALKYRIE)
    sid = add(linked, manager, "FREQ=DAILY;BYHOUR=3;BYMINUTE=0", datetime(2026, 12, 1, 3, 0), start_mode="manual")
    scheduled = Scheduler(linked, manager).run_now(sid)
    v = view()
    assert [r.id for r in shown(v)] == [scheduled.execution_id, by_hand.execution_id]
    assert cell(v, 0, 6) == f"#{sid}" and cell(v, 1, 6) == ""
    v.schedule.setCurrentIndex(v.schedule.findData(sid))
    assert [r.id for r in shown(v)] == [scheduled.execution_id]
