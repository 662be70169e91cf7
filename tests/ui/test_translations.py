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
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import allotted, linked, sim  # noqa: F401 - fixtures

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
    assert sale.change.text() == "il manque 40,00 EUR"
    big = SaleDialog(Decimal("1234.5"), 9, list(point_of_sale_info(demo_db, "GUICHET-1").payment_modes), "GUICHET-1")
    qtbot.addWidget(big)
    assert "Total : 1\u00a0234,50 EUR" in big.findChild(type(big.error), "saleDialogTotal").text()
    big.mode_buttons["CASH"].setChecked(True)
    big.given.setText(big.given.placeholderText())  # the hint, typed back as it reads, is an amount
    assert big.given.placeholderText() == "1234,50" and big.change.text() == "<b>0,00 EUR</b>"
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


# --- no English left in the French client's flows ------------------------------------------
# The English texts a French screen must not show: every source string of guichet_fr.ts and
# every msgid of the services' catalogue whose French differs (exactly, or as a template whose
# placeholders stand for any text), and the raw values of the enums a screen translates.

def _english_texts() -> tuple[set[str], list]:
    import re

    from babel.messages.pofile import read_po

    from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel, OrderStatus, TicketState

    exact: set[str] = set()
    templates: list[re.Pattern] = []

    def add(source: str, french: str) -> None:
        source, french = source.strip(), (french or "").strip()
        if not source or source == french or not re.search(r"[A-Za-z]{3}", source):
            return
        parts = re.split(r"%\d|%n|\{[^{}]*\}|%\(\w+\)[sdr]|%[sdr]", source)
        if len(parts) == 1:
            exact.add(source.replace("&", ""))
        elif sum(len(re.findall(r"[A-Za-z]", p)) for p in parts) >= 12:  # enough words to tell English
            templates.append(re.compile("(?s)" + ".+?".join(re.escape(p) for p in parts)))

    for m in messages(TS_DIR / "guichet_fr.ts").values():
        t = m.find("translation")
        add(m.findtext("source") or "", "".join(f.text or "" for f in t.iter("numerusform")) or t.text or "")
    with (ROOT / "app/i18n/locale/fr/LC_MESSAGES/guichet.po").open("rb") as f:
        for m in read_po(f):
            if m.id:
                ids = m.id if isinstance(m.id, tuple) else (m.id,)
                strings = m.string if isinstance(m.string, tuple) else (m.string,)
                for i in ids:
                    add(i, strings[0])
    for enum in (ErrorClass, ExecutionStatus, LogLevel, OrderStatus, TicketState):  # a raw value on screen
        exact |= {e.value for e in enum if not e.value.isupper()}
    return exact, templates


_ENGLISH = None


def english_shown(widget) -> list[str]:
    """The texts `widget` and its visible children show that are English (see above)."""
    import re

    from PySide6.QtCore import QAbstractItemModel, QModelIndex
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit,
                                   QTabWidget, QWidget)

    global _ENGLISH
    if _ENGLISH is None:
        _ENGLISH = _english_texts()
    exact, templates = _ENGLISH
    texts: list[str] = [widget.windowTitle()]
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget) and w is not widget:
            continue
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and isinstance(w.model(), QAbstractItemModel):
            m = w.model()
            try:
                columns = m.columnCount(QModelIndex())
            except TypeError:  # a list model
                columns = 1
            texts += [str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
            texts += [str(m.data(m.index(r, c)) or "") for r in range(min(m.rowCount(QModelIndex()), 50))
                      for c in range(columns)]
        texts.append(w.toolTip())
    found = []
    for text in texts:
        plain = re.sub(r"<[^>]+>", "\n", text or "").replace("&nbsp;", " ").replace("&", "")
        for piece in (p.strip(" :—") for p in re.split(r"\n|<br>| — ", plain)):
            if piece and (piece in exact or any(t.fullmatch(piece) or t.search(piece) for t in templates)):
                found.append(piece)
    return sorted(set(found))


def test_the_english_detector_finds_english(qtbot, language):
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    language("fr")
    w = QWidget()
    qtbot.addWidget(w)
    lay = QVBoxLayout(w)
    for text in ("Confirmer la vente", "Sign in", "sold",
                 "fetching sales after cursor '3' failed: boom", "la lecture des ventes a échoué"):
        lay.addWidget(QLabel(text))
    assert english_shown(w) == ["Sign in", "fetching sales after cursor '3' failed: boom", "sold"]


def test_french_sign_in_shows_no_english(qtbot, demo_db, inline_tasks, language):
    from app.ui.login import SignInDialog

    language("fr")
    dialog = SignInDialog(demo_db, login="caisse")
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_shown(dialog) == []
    dialog.password.setText("9999")  # a wrong PIN: the service's refusal, next to the form
    dialog.submit()
    assert "mot de passe" in dialog.error.text().lower() and dialog.actor is None
    assert english_shown(dialog) == []


def test_french_sale_and_cancellation_show_no_english(plan_window, qtbot, cashier, language):
    from tests.ui.test_till_screens import _basket, _sell_cash

    language("fr")
    w = plan_window(actor=cashier)
    _basket(w)
    assert english_shown(w) == []  # the plan in sale mode, its basket
    dialog, total = _sell_cash(w, "100")  # not enough cash: the dialog says what is missing
    assert "il manque" in dialog.change.text()
    assert english_shown(dialog) == []
    dialog.given.setText("500")
    dialog.name.setText("Ada Lovelace")
    dialog.confirm.click()
    preview = w.sale_flow.tickets_dialog
    assert english_shown(preview) == []
    preview.accept()
    w.act_orders.trigger()
    orders = w.orders_dialog
    asked = []
    orders.ask = lambda q: asked.append(q) or True
    orders.check_tickets(w.sale_flow.result.ticket_ids[:2])
    orders.cancel_checked.click()
    assert asked and english_shown(orders) == []
    from PySide6.QtWidgets import QLabel, QWidget

    question = QWidget()
    qtbot.addWidget(question)
    QLabel(asked[0], question)
    assert english_shown(question) == []  # the confirmation question
    orders.check_tickets(w.sale_flow.result.ticket_ids[:1])  # already cancelled: the service refuses, in French
    orders.cancel_checked.click()
    assert orders.message.text() and english_shown(orders) == []


def test_french_executions_show_no_english(qtbot, linked, manager, sim, inline_tasks, language):
    from app.services.sync.export import export_allotments
    from app.services.sync.reintegration import reintegrate_sales
    from app.ui.executions import ExecutionsView

    export_allotments(linked, manager, "NTJ FNAC", WALKYRIE)  # the engine runs in English
    sim.inject("http_500", login="fnac-demo", operation="sales", count=50)
    failed = reintegrate_sales(linked, manager, "NTJ FNAC")
    sim.store.clear_faults("fnac-demo")
    sim.sell("fnac-demo", 1, fault="price_mismatch")
    sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")
    held = reintegrate_sales(linked, manager, "NTJ FNAC")
    language("fr")
    v = ExecutionsView(linked, manager)
    qtbot.addWidget(v)
    v.resize(1366, 700)
    v.show()
    qtbot.waitExposed(v)
    for eid in (failed.execution_id, held.execution_id):
        v.table.selectRow(v.model.row_of(eid))
        assert v.details.info.id == eid
        assert english_shown(v) == [], eid
    v.tabs.setCurrentIndex(1)
    v.held.reload()
    for row in range(v.held.model.rowCount()):
        v.held.table.selectRow(row)
        assert english_shown(v) == [], row
