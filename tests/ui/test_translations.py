"""The French and English screens: every string of the code extractable and translated in
guichet_fr.ts, the compiled catalogue current, and the windows speaking the chosen language
(Qt's own buttons included)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
QM = ROOT / "app" / "ui" / "translations" / "guichet_fr.qm"
QT_CODE = [ROOT / "app" / "ui", ROOT / "app" / "seatplan"]


def tool(name: str) -> str | None:
    """A Qt tool of the venv running the tests, else one on the PATH."""
    here = Path(sys.executable).with_name(name)
    return str(here) if here.exists() else shutil.which(name)


def sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "app").rglob("*.py") if "migrations" not in p.parts)


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, disambiguation) → <message>."""
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            out[(name, m.findtext("source"), m.findtext("comment") or "")] = m
    return out


def untranslated(m: ET.Element) -> bool:
    t = m.find("translation")
    if t.get("type") == "unfinished":
        return True
    if m.get("numerus") == "yes":
        return not all((f.text or "").strip() for f in t.iter("numerusform"))
    return not (t.text or "").strip()


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory):
    """guichet_fr.ts brought up to date with the code by pyside6-lupdate, in a copy."""
    lupdate = tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed (it comes with PySide6-Essentials)")
    copy = tmp_path_factory.mktemp("ts") / "guichet_fr.ts"
    shutil.copy(TS_DIR / "guichet_fr.ts", copy)
    run = subprocess.run([lupdate, "-no-obsolete", "-locations", "none", *sources(), "-ts", str(copy)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr or run.stdout
    return copy


def test_every_string_of_the_code_is_translated_into_french(fresh_ts):
    missing = [f"{ctx}: {src!r}" + (f" ({dis})" if dis else "")
               for (ctx, src, dis), m in messages(fresh_ts).items() if untranslated(m)]
    assert not missing, ("UI strings without a French translation — run `make translations` and translate "
                         "them in resources/translations/guichet_fr.ts:\n" + "\n".join(missing))


def test_translation_files_are_current(fresh_ts):
    """Both .ts hold exactly the code's strings, and the packaged .qm is compiled from guichet_fr.ts."""
    code = set(messages(fresh_ts))
    for name in ("guichet_fr.ts", "guichet_en.ts"):
        held = set(messages(TS_DIR / name))
        assert held == code, (f"{name} is stale, run `make translations`: new {sorted(code - held)[:10]}, "
                              f"gone {sorted(held - code)[:10]}")
    lrelease = tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = fresh_ts.with_suffix(".qm")
    subprocess.run([lrelease, "-silent", str(TS_DIR / "guichet_fr.ts"), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), "app/ui/translations/guichet_fr.qm is stale: run `make translations`"


def test_french_plurals_and_placeholders():
    by_key = messages(TS_DIR / "guichet_fr.ts")
    forms = [f.text for f in by_key[("SeatPlanWindow", "Selection: %n seat(s)", "")].iter("numerusform")]
    assert forms == ["Sélection : %n place", "Sélection : %n places"]
    for (ctx, src, _d), m in by_key.items():
        t = m.find("translation")
        texts = [f.text or "" for f in t.iter("numerusform")] or [t.text or ""]
        for marker in ("%1", "%2", "%3", "%n"):
            if marker in src:
                assert all(marker in x for x in texts), f"{ctx}: {src!r} lost {marker} in French"


def _calls_hidden_from_lupdate(path: Path) -> list[str]:
    """tr()/translate() that pyside6-lupdate cannot read: text not a literal, tr through a
    variable (lupdate files it under the variable's name), tr inside an f-string (skipped)."""
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def name(f):
        return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)

    def literal(n):
        return isinstance(n, ast.Constant) and isinstance(n.value, str)

    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call) and name(node.func) == "tr":
            if not node.args or not literal(node.args[0]):
                problems.append(f"{where}: tr() of a non-literal: {ast.unparse(node)}")
            elif isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) != "self":
                problems.append(f"{where}: tr() through a variable, use QCoreApplication.translate(\"Class\", …): "
                                f"{ast.unparse(node)}")
        if isinstance(node, ast.Call) and name(node.func) == "translate":
            if len(node.args) < 2 or not literal(node.args[0]) or not literal(node.args[1]):
                problems.append(f"{where}: translate() of a non-literal: {ast.unparse(node)}")
        if isinstance(node, ast.JoinedStr):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and name(sub.func) in ("tr", "translate"):
                    problems.append(f"{where}: tr() inside an f-string (lupdate skips it): {ast.unparse(sub)}")
    return problems


def test_translated_strings_are_literals_lupdate_can_read():
    problems = [p for d in QT_CODE for f in sorted(d.rglob("*.py")) for p in _calls_hidden_from_lupdate(f)]
    assert not problems, "\n".join(problems)


# --- the windows in each language -----------------------------------------------------------

@pytest.fixture
def language(qapp):
    """Install a language for one test; back to the English source strings afterwards."""
    def use(lang):
        assert i18n.install(lang) == lang
        return lang

    yield use
    i18n.uninstall()


def nav_sections(window) -> list[str]:
    return [window.nav.topLevelItem(i).text(0) for i in range(window.nav.topLevelItemCount())]


def nav_titles(window) -> list[str]:
    return [window.nav.topLevelItem(i).child(j).text(0) for i in range(window.nav.topLevelItemCount())
            for j in range(window.nav.topLevelItem(i).childCount())]


def export_question(qtbot, window) -> dict:
    """Answer the real "export now?" box with No; return what it showed."""
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["buttons"] = sorted(b.text().replace("&", "") for b in box.buttons())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    window.exports.offer_export({"FNAC"})
    return seen


def open_plan(qtbot, demo_db, manager):
    from app.ui.seatplan_window import SeatPlanWindow

    w = SeatPlanWindow(demo_db, manager, 1)  # the real question dialog
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.model is not None, timeout=10000)
    return w


def test_french_screens(qtbot, demo_db, manager, inline_tasks, language):
    from app.ui.main_window import MainWindow

    language("fr")
    main = MainWindow(demo_db, manager)
    qtbot.addWidget(main)
    assert nav_sections(main) == ["Catalogue", "Plans de salle", "Distributeurs", "Programmation", "Exécutions",
                                  "Rapports", "Administration"]
    assert main.windowTitle() == "Billetterie"  # the display name adds " — Guichet" once
    assert {"Profils activité", "Filières de vente", "Contingents", "Liste des interfaces"} <= set(nav_titles(main))
    assert [a.text() for a in main.menuBar().actions()] == ["&Fichier", "&Affichage", "&Outils", "&Aide"]
    counters = main.show_page("counters")
    assert counters.summary_model.data(counters.summary_model.index(1, 0)) == "Places libres"

    plan = open_plan(qtbot, demo_db, manager)
    assert plan.windowTitle() == "Séance : La Walkyrie > 07.12.2014 20:00"
    assert plan.status_label.text() == "Sélection : aucune"
    plan.model.select(plan.model.row_of(0), 0)
    assert plan.exec_dock.windowTitle() == "Statut des exécutions"
    assert plan.cont_label.text().strip() == "Cont :"
    asked = export_question(qtbot, plan)
    assert asked["title"] == "Export des contingents"
    assert asked["text"].splitlines()[0].startswith("Vous avez procédé à des modifications sur des sièges "
                                                    "susceptibles d'être utilisés par des revendeurs externes")
    assert asked["text"].splitlines()[2] == "Exécuter maintenant un export de contingents ?"
    assert asked["buttons"] == ["Non", "Oui"]
    assert plan.exports.pending == {"FNAC"}


def test_the_plan_s_execution_status_panel_names_every_status(qtbot, demo_db, manager, inline_tasks, language):
    """'held' and 'skipped' (and every status to come) show as words, never as raw values."""
    from sqlalchemy import update

    from app.db.models import Execution
    from app.domain.enums import ExecutionStatus
    from app.services.sync.executions_queue import queue_contingent_exports

    queued = queue_contingent_exports(demo_db, manager, 1, ["FNAC", "TKN"])
    with demo_db.write() as s:
        for q, status in zip(queued, (ExecutionStatus.HELD, ExecutionStatus.SKIPPED)):
            s.execute(update(Execution).where(Execution.id == q.execution_id).values(status=status))
    language("fr")
    plan = open_plan(qtbot, demo_db, manager)
    m = plan.executions.model
    status_col = next(c for c in range(m.columnCount()) if m.headerData(c, Qt.Orientation.Horizontal) == "Statut")
    shown = {m.rows[r].contingent: m.data(m.index(r, status_col)) for r in range(m.rowCount())}
    assert shown == {"FNAC": "Terminée avec lignes retenues", "TKN": "Sautée"}
    labels = {st: plan.executions._status(st.value) for st in ExecutionStatus}
    assert all(text and text != st.value for st, text in labels.items()), labels


def test_french_till_dialogs(qtbot, demo_db, cashier, inline_tasks, language):
    """Sign-in, sale confirmation, tickets and orders speak French."""
    from decimal import Decimal

    from app.services.inventory.payment import point_of_sale_info
    from app.ui.login import SignInDialog
    from app.ui.till.orders_dialog import OrdersDialog
    from app.ui.till.sale_dialog import SaleDialog

    language("fr")
    sign = SignInDialog(demo_db)
    qtbot.addWidget(sign)
    assert sign.windowTitle() == "Connexion — Guichet" and sign.ok.text() == "Se connecter"
    assert sign.intro.text().startswith("Connectez-vous avec votre identifiant")
    sale = SaleDialog(Decimal("240"), 2, list(point_of_sale_info(demo_db, "GUICHET-1").payment_modes), "GUICHET-1")
    qtbot.addWidget(sale)
    assert sale.confirm.text() == "Confirmer la vente" and "2 places — point de vente GUICHET-1" in \
        sale.findChild(type(sale.error), "saleDialogTotal").text()
    sale.mode_buttons["CASH"].setChecked(True)
    sale.given.setText("200")
    assert sale.change.text() == "il manque 40.00 EUR"
    orders = OrdersDialog(demo_db, cashier)
    qtbot.addWidget(orders)
    assert orders.windowTitle() == "Commandes" and orders.cancel_all.text() == "Annuler la commande"
    assert [orders.model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == ["COMMANDE", "DATE", "OPÉRATEUR"]


def test_french_plural_of_the_selection(qtbot, demo_db, manager, inline_tasks, language):
    language("fr")
    plan = open_plan(qtbot, demo_db, manager)
    plan._selection_changed(1)
    assert plan.status_label.text() == "Sélection : 1 place"
    plan._selection_changed(40)
    assert plan.status_label.text() == "Sélection : 40 places"


def test_english_screens(qtbot, demo_db, manager, inline_tasks, language):
    from app.ui.main_window import MainWindow

    language("en")
    main = MainWindow(demo_db, manager)
    qtbot.addWidget(main)
    assert nav_sections(main)[1:3] == ["Seat plans", "Distributors"]
    assert "Interfaces" in nav_titles(main)
    plan = open_plan(qtbot, demo_db, manager)
    assert plan.windowTitle() == "Performance: La Walkyrie > 07.12.2014 20:00"
    assert plan.status_label.text() == "Selection: none"
    assert plan.exec_dock.windowTitle() == "Execution status"
    asked = export_question(qtbot, plan)
    assert asked["text"].splitlines()[0].startswith("You have made changes to seats that external resellers")
    assert asked["text"].splitlines()[2] == "Run a contingent export now?"
    assert asked["buttons"] == ["No", "Yes"]


def test_translators_are_gone_after_uninstall(qapp):
    i18n.install("fr")
    assert QApplication.translate("Navigation", "Seat plans") == "Plans de salle"
    i18n.uninstall()
    assert QApplication.translate("Navigation", "Seat plans") == "Seat plans"
    assert i18n.current_language() == "en"


def test_language_choice_order(monkeypatch, qapp):
    from PySide6.QtCore import QLocale

    assert i18n.choose("fr") == "fr" and i18n.choose("en") == "en"
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale("fr_CH")))
    assert i18n.choose(None) == "fr" and i18n.choose("") == "fr"
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.choose(None) == "en"


def test_language_menu_remembers_the_choice(qtbot, demo_db, manager, inline_tasks, ui_settings):
    from app.ui.main_window import MainWindow

    main = MainWindow(demo_db, manager)
    qtbot.addWidget(main)
    assert ui_settings.LANGUAGE.get() == ""
    assert main.language_actions[""].isChecked()
    main.language_actions["fr"].trigger()
    assert ui_settings.LANGUAGE.get() == "fr"
    assert main.language_actions["fr"].isChecked() and not main.language_actions["en"].isChecked()
    assert main.language_box.isVisible() and "next time" in main.language_box.text()
    main.language_box.close()
    assert [a.text() for a in main.language_menu.actions()][:2] == ["Français", "English"]
    main.language_actions["en"].trigger()
    assert ui_settings.LANGUAGE.get() == "en"
    main.language_box.close()


def test_client_start_applies_the_language_setting(qapp, ui_settings, monkeypatch):
    """run_client: --lang wins over the setting, the setting over the system."""
    from app.ui import app as client

    seen = []
    monkeypatch.setattr(i18n, "install", lambda lang: seen.append(lang) or "en")
    monkeypatch.setattr(client, "open_database", lambda _url: (_ for _ in ()).throw(client.DatabaseError("stop")))
    monkeypatch.setattr(client.QMessageBox, "critical", lambda *a, **k: None)
    ui_settings.LANGUAGE.set("fr")
    assert client.run_client(database="sqlite://", lang="en") == 2
    assert client.run_client(database="sqlite://") == 2
    ui_settings.LANGUAGE.set("")
    client.run_client(database="sqlite://")
    assert seen == ["en", "fr", None]
