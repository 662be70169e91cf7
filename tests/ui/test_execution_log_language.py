"""Execution logs in the reader's language: the engine runs in English (as the headless scheduler
would) against the simulator over real HTTP, then the French client — the Exécutions view, its
held lines, the interface editor's Exécutions tab, the seat plan's "Statut des exécutions" — and
`guichet --lang fr execution show` show its log lines, first errors and held causes in French;
the English client shows the same rows in English (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

import app.i18n as services_i18n
from app.db.models import ExecutionLog
from app.domain.enums import ExecutionStatus
from app.services.sync.export import export_allotments
from app.services.sync.reintegration import reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import allotted, linked, sim  # noqa: F401 - fixtures

FNAC = "NTJ FNAC"

# What each language shows of the same two runs (a distributor down, then a price outside the policy).
EXPECTED = {
    "fr": {"failed": ["la lecture des ventes après le curseur '' a échoué : Fnac indisponible : HTTP 500 après",
                      "relancez plus tard, puis appelez le distributeur"],
           "cascade": "réintégration arrêtée ; ce qui a été appliqué avant reste, la prochaine exécution reprend ici",
           "held": ["ligne retenue (externe) : le prix du distributeur 69,00 diffère du nôtre 68,00 "
                    "(politique : erreur si différent) ; le flux continue"],
           "where": "billet Fnac ", "cursor": "curseur ''",
           "cause": "le prix du distributeur 69,00 diffère du nôtre 68,00 (politique : erreur si différent)",
           "progress": "4 ligne(s) : 3 vente(s), 0 annulation(s), 0 déjà réintégrée(s), 1 retenue(s)"},
    "en": {"failed": ["fetching sales after cursor '' failed: Fnac unavailable: HTTP 500 after",
                      "rerun later, then call the distributor"],
           "cascade": "reintegration stopped; what was applied before stays, the next run resumes here",
           "held": ["line held (external): the distributor's price 69.00 differs from ours 68.00 "
                    "(policy: error if different); the feed goes on"],
           "where": "Fnac ticket ", "cursor": "cursor ''",
           "cause": "the distributor's price 69.00 differs from ours 68.00 (policy: error if different)",
           "progress": "4 line(s): 3 sale(s), 0 cancellation(s), 0 already reintegrated, 1 held"},
}


@pytest.fixture
def runs(linked, manager, sim):
    """A failed reintegration (HTTP 500) and a held one (price mismatch), run in English."""
    assert services_i18n.current_language() == "en"
    export_allotments(linked, manager, FNAC, WALKYRIE)
    sim.sell("fnac-demo", 2)
    sim.inject("http_500", login="fnac-demo", operation="sales", count=50)
    failed = reintegrate_sales(linked, manager, FNAC)
    sim.store.clear_faults("fnac-demo")
    (held_sale,) = sim.sell("fnac-demo", 1, fault="price_mismatch")
    sim.sell("fnac-demo", 1)
    held = reintegrate_sales(linked, manager, FNAC)
    assert (failed.status, held.status) == (ExecutionStatus.ERROR, ExecutionStatus.HELD)
    return failed, held, held_sale


@pytest.fixture
def language(qapp):
    from app.ui import i18n

    def use(lang):
        assert i18n.install(lang) == lang
        return lang

    yield use
    i18n.uninstall()


def stored_english(db, execution_id: int) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(ExecutionLog.message).where(ExecutionLog.execution_id == execution_id)
                              .order_by(ExecutionLog.id)))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_client_shows_the_engine_s_log_in_its_language(qtbot, linked, manager, inline_tasks, runs, language,
                                                           lang):
    from app.ui.executions import ExecutionsView

    failed, held, held_sale = runs
    want = EXPECTED[lang]
    language(lang)
    v = ExecutionsView(linked, manager)
    qtbot.addWidget(v)
    v.resize(1366, 700)
    v.show()
    qtbot.waitExposed(v)
    rows = {r.id: i for i, r in enumerate(v.model.rows)}
    # the list's first-error column
    first_col = v.model.columnCount() - 1
    listed = v.model.data(v.model.index(rows[failed.execution_id], first_col))
    assert want["failed"][0] in listed
    # the failed run: its first error on top and its log, in the client's language
    v.table.selectRow(rows[failed.execution_id])
    d = v.details
    assert d.info.id == failed.execution_id
    assert all(part in d.first_error.text() for part in want["failed"]), d.first_error.text()
    shown = [d.log_model.data(d.log_model.index(i, 4)) for i in range(d.log_model.rowCount())]
    wheres = [d.log_model.data(d.log_model.index(i, 3)) for i in range(d.log_model.rowCount())]
    assert want["cascade"] in shown and want["cursor"] in wheres
    english = stored_english(linked, failed.execution_id)
    assert len(shown) == len(english)
    if lang == "fr":  # every line the engine wrote is shown translated, none as stored in English
        assert all(s != e for s, e in zip(shown, english)), list(zip(shown, english))
    else:
        assert shown == english
    # the held run: its first held line, its place and its progress line
    v.table.selectRow(rows[held.execution_id])
    assert d.info.id == held.execution_id
    assert want["held"][0] in d.first_error.text() and held_sale in d.first_error.text()
    shown = [d.log_model.data(d.log_model.index(i, 4)) for i in range(d.log_model.rowCount())]
    wheres = [d.log_model.data(d.log_model.index(i, 3)) for i in range(d.log_model.rowCount())]
    assert want["where"] + held_sale in wheres
    assert any(want["progress"] in s for s in shown), shown
    # the held lines tab: the cause in the client's language, the fix still found (price policy)
    v.tabs.setCurrentIndex(1)
    v.held.reload()
    (h,) = v.held.model.rows
    assert h.cause == want["cause"] and h.where == want["where"] + held_sale
    v.held.table.selectRow(0)
    assert want["cause"] in v.held.fix.text()
    from app.ui.executions.held_lines import fix_of

    assert fix_of(h)[1] == "general"  # the price policy is on the interface's general tab, in any language


def test_the_plan_s_execution_status_and_the_interface_tab_speak_french(qtbot, linked, manager, inline_tasks,
                                                                         runs, language, ui_settings):
    from app.ui.interfaces.page import InterfacesPage
    from app.ui.seatplan_window import SeatPlanWindow
    from app.ui.setup_widgets import select_where

    failed, held, held_sale = runs
    language("fr")
    page = InterfacesPage(linked, manager)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    tab = page.tab("executions")
    assert select_where(page.table, lambda r: r.name_fr == FNAC)
    tab.table.selectRow(tab.model.row_of(failed.execution_id))
    assert all(part in tab.details.first_error.text() for part in EXPECTED["fr"]["failed"])
    # the seat plan's "Statut des exécutions": the reintegrations booked orders on this performance
    plan = SeatPlanWindow(linked, manager, 1, ask=lambda _q: False, run_queued=False)
    qtbot.addWidget(plan)
    plan.show()
    qtbot.waitUntil(lambda: plan.model is not None and plan.executions.model.rowCount() > 0, timeout=10000)
    panel = plan.executions
    rows = {r.id: i for i, r in enumerate(panel.model.rows)}
    assert EXPECTED["fr"]["held"][0] in panel.model.rows[rows[held.execution_id]].first_error
    panel.table.selectRow(rows[held.execution_id])
    panel.show_details()  # its details dialog
    texts = [label.text() for label in panel.dialog.findChildren(QLabel)]
    assert any(EXPECTED["fr"]["held"][0] in t for t in texts), texts
    logs = panel.dialog.logs.model()
    messages = [logs.data(logs.index(i, 2)) for i in range(logs.rowCount())]
    wheres = [logs.data(logs.index(i, 3)) for i in range(logs.rowCount())]
    assert any(EXPECTED["fr"]["progress"] in m for m in messages) and EXPECTED["fr"]["where"] + held_sale in wheres
    panel.dialog.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_guichet_execution_show_in_the_chosen_language(linked, runs, capsys, lang):
    from app.cli import main

    failed, held, held_sale = runs
    try:
        assert main(["--lang", lang, "--database", linked.url, "execution", "show", str(failed.execution_id)]) == 0
        out = capsys.readouterr().out
        assert all(part in out for part in EXPECTED[lang]["failed"]) and EXPECTED[lang]["cascade"] in out
        assert main(["--lang", lang, "--database", linked.url, "execution", "show", str(held.execution_id)]) == 0
        out = capsys.readouterr().out
        assert EXPECTED[lang]["held"][0] in out and EXPECTED[lang]["where"] + held_sale in out
        if lang == "fr":
            assert "PREMIÈRE ERREUR" in out and "journal :" in out and "first error" not in out.lower()
    finally:
        services_i18n.set_language("en")


def test_the_excel_log_in_the_reader_s_language(linked, runs, tmp_path):
    import openpyxl

    from app.services.sync.executions import export_log_xlsx

    failed, _held, _sale = runs
    try:
        services_i18n.set_language("fr")
        path = export_log_xlsx(linked, failed.execution_id, tmp_path / "fr.xlsx")
    finally:
        services_i18n.set_language("en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Exécution", "Journal"]
    summary = {row[0].value: row[1].value for row in wb["Exécution"].iter_rows()}
    assert all(part in summary["Première erreur"] for part in EXPECTED["fr"]["failed"])
    lines = [row for row in wb["Journal"].iter_rows(values_only=True)]
    assert lines[0][:5] == ("Heure", "Niveau", "Classe", "Où", "Message")
    assert any(EXPECTED["fr"]["cascade"] == row[4] for row in lines[1:])


def test_guichet_listings_show_words_not_codes_in_french(linked, runs, capsys):
    """`guichet --lang fr executions` and `held-lines`: function, trigger, status, class and
    action as the client's words, not the stored codes."""
    from app.cli import main

    failed, held, held_sale = runs
    try:
        assert main(["--lang", "fr", "--database", linked.url, "executions"]) == 0
        out = capsys.readouterr().out
        rows = {line.split()[0]: line for line in out.splitlines()[1:]}
        assert "Réintégration des ventes" in rows[str(failed.execution_id)] and "Manuel" in out
        assert "Erreur" in rows[str(failed.execution_id)] and "[Externe]" in rows[str(failed.execution_id)]
        assert "Terminée avec lignes retenues" in rows[str(held.execution_id)]
        for code in ("reintegrate-sales", "export-allotments", " manual ", " held ", " error ", "[external]"):
            assert code not in out
        assert main(["--lang", "fr", "--database", linked.url, "held-lines"]) == 0
        out = capsys.readouterr().out
        assert out.splitlines()[0].split()[:3] == ["id", "retenue", "le"] and "cause" in out.splitlines()[0]
        [line] = [line for line in out.splitlines()[1:] if held_sale in line]
        assert " vente " in line and "sale " not in line and "mapping" not in line and "external" not in line
    finally:
        services_i18n.set_language("en")


def test_a_skipped_slot_s_reason_in_the_french_client(qtbot, linked, manager, inline_tasks, language):
    """The scheduler (English) skipped a slot: the French client's execution detail says why in French."""
    from datetime import datetime

    from app.services.schedules import rules
    from app.services.schedules.scheduler import Scheduler
    from app.services.schedules.store import ScheduleInput, save_schedule
    from app.ui.executions import ExecutionsView

    save_schedule(linked, manager, ScheduleInput(FNAC, "export-allotments", "FREQ=DAILY;BYHOUR=10;BYMINUTE=0",
                                                 datetime(2014, 12, 5, 10, 0), window_start_days_before=1,
                                                 window_start_time="12:00", window_end_days_after=0,
                                                 window_end_time="21:00"))
    [o] = Scheduler(linked, manager).run_due(rules.to_utc(datetime(2014, 12, 5, 10, 0), rules.zone("Europe/Paris")))
    assert o.status is ExecutionStatus.SKIPPED
    language("fr")
    v = ExecutionsView(linked, manager)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    rows = {r.id: i for i, r in enumerate(v.model.rows)}
    v.table.selectRow(rows[o.execution_id])
    summary = v.details.summary.text()
    assert v.details.info.id == o.execution_id
    assert "sautée : aucune séance dans la fenêtre" in summary and "no performance" not in summary, summary
