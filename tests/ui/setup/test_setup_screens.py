"""The set-up screens driven through their widgets (pytest-qt), on a real demo database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.enums import MappedObject
from app.services.setup import activity_profiles, contingents, interfaces, mappings, preflight
from app.services import secrets
from app.ui import setup_widgets

SECRET = "Ui-Secret-7731-QQ"


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def yes(monkeypatch):
    asked = []

    def answer(parent, title, text):
        asked.append(text)
        return True

    for mod in ("contingents_page", "channels_page", "interfaces.page", "interfaces.mappings_tab",
                "activity_profiles_page"):
        monkeypatch.setattr(f"app.ui.{mod}.confirm", answer)
    return asked


def test_every_table_model_passes_qtmodeltester(qtbot, qtmodeltester, ui_db, boss):
    from app.ui.activity_profiles_page import ActivityProfilesPage
    from app.ui.channels_page import ChannelsPage
    from app.ui.contingents_page import ContingentsPage
    from app.ui.interfaces import InterfacesPage

    pages = [ContingentsPage(ui_db, boss), ChannelsPage(ui_db, boss), InterfacesPage(ui_db, boss),
             ActivityProfilesPage(ui_db, boss)]
    for p in pages:
        qtbot.addWidget(p)
    ifaces = pages[2]
    mappings.delete_mappings(ui_db, boss, "NTJ FNAC", [mappings.list_mappings(ui_db, "NTJ FNAC")[0].id])
    setup_widgets.select_where(ifaces.table, lambda r: r.name_fr == "NTJ FNAC")
    ifaces.check.run()
    models = [pages[0].model, pages[1].model, pages[1].pos_model, pages[1].mode_model, ifaces.model,
              ifaces.mappings.model, ifaces.check.model, pages[3].model]
    for m in models:
        assert m.rowCount() > 0, m
        qtmodeltester.check(m)


def test_contingent_edited_through_the_editor(qtbot, ui_db, boss):
    from app.ui.contingents_page import ContingentsPage

    page = ContingentsPage(ui_db, boss)
    qtbot.addWidget(page)
    assert [c.title for c in page.model.columns] == ["Internal name", "Code", "Type", "Exclusive", "Colour"]
    fnac_row = next(i for i, r in enumerate(page.model.rows) if r.code == "FNAC")
    assert page.model.data(page.model.index(fnac_row, 4), Qt.ItemDataRole.BackgroundRole).name() == "#ffc890"
    setup_widgets.select_where(page.table, lambda r: r.code == "FNAC")
    assert page.target.isEnabled() and not page.channels.isEnabled()
    page.fill.edit.clear()
    qtbot.keyClicks(page.fill.edit, "#123abc")
    page.name_es.setText("Fnac ES")
    page.exclusive.setChecked(True)
    click(qtbot, page.save_button)
    saved = next(c for c in contingents.list_contingents(ui_db) if c.code == "FNAC")
    assert (saved.fill_color, saved.name_es, saved.exclusive) == ("#123ABC", "Fnac ES", True)
    # A bad colour and a taken code: messages next to the fields, nothing saved.
    page.fill.setText("orange")
    page.code.setText("Pass")
    click(qtbot, page.save_button)
    assert "#RRGGBB" in page.form.error_text("fill_color") and page.form.errors["fill_color"].isVisibleTo(page)
    assert "already used" in page.form.error_text("code")
    assert next(c for c in contingents.list_contingents(ui_db) if c.id == saved.id) == saved


def test_new_external_contingent_and_delete(qtbot, ui_db, boss, yes):
    from app.ui.contingents_page import ContingentsPage

    page = ContingentsPage(ui_db, boss)
    qtbot.addWidget(page)
    click(qtbot, page.new_button)
    qtbot.keyClicks(page.name_fr, "Presse")
    qtbot.keyClicks(page.code, "PRESS")
    page.fill.setText("#AABBCC")
    page.text_color.setText("#000000")
    page.all_internal.setChecked(False)
    click(qtbot, page.save_button)
    assert "at least one channel" in page.form.error_text("channels")
    page.channels.check(page.channels.item(0).data(Qt.ItemDataRole.UserRole))
    click(qtbot, page.save_button)
    assert page.form.error_text("channels") == ""
    assert "PRESS" in {c.code for c in contingents.list_contingents(ui_db)}
    setup_widgets.select_where(page.table, lambda r: r.code == "PRESS")
    click(qtbot, page.delete_button)
    assert "PRESS" not in {c.code for c in contingents.list_contingents(ui_db)} and yes


def test_password_typed_in_the_editor_reaches_the_keyring_only(qtbot, ui_db, boss):
    from app.ui.interfaces import InterfacesPage

    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ Ticketnet")
    g = page.general
    assert "keyring" in g.keyring_line.text() and secrets.backend_name() in g.keyring_line.text()
    qtbot.keyClicks(g.password, SECRET)
    g.emails.setText("a@example.org; b@example.org")
    click(qtbot, g.save_button)
    iface = interfaces.get_interface(ui_db, "NTJ Ticketnet")
    assert secrets.get_password(ui_db, iface.id) == SECRET
    assert iface.notify_emails == "a@example.org, b@example.org"
    assert g.password.text() == "" and "stored" in g.keyring_line.text()
    ui_db.dispose()
    path = Path(ui_db.engine.url.database)
    for f in [path, *path.parent.glob(path.name + "-*")]:
        assert SECRET.encode() not in f.read_bytes()
    # Bad input stays on the form.
    g.url.setText("not a url")
    click(qtbot, g.save_button)
    assert "well-formed URL" in g.form.error_text("url")
    assert interfaces.get_interface(ui_db, "NTJ Ticketnet").url == iface.url


def test_delete_interface_with_history_asks_and_hides(qtbot, ui_db, boss, yes):
    from app.ui.interfaces import InterfacesPage

    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ Digitick")
    click(qtbot, page.delete_button)
    assert "hide it instead" in yes[-1] and "24 mappings" in yes[-1]
    assert not interfaces.get_interface(ui_db, "NTJ Digitick").visible
    assert len(mappings.list_mappings(ui_db, "NTJ Digitick")) == 24


def test_check_fix_button_opens_the_mapping_editor(qtbot, ui_db, boss):
    from app.ui.interfaces import InterfacesPage

    row = next(r for r in mappings.list_mappings(ui_db, "NTJ FNAC") if r.object_type is MappedObject.PERFORMANCE)
    mappings.delete_mappings(ui_db, boss, "NTJ FNAC", [row.id])
    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
    page.show_tab("check")
    click(qtbot, page.check.run_button)
    assert len(page.check.report.items) == 1 and len(page.check.fix_buttons) == 1
    click(qtbot, page.check.fix_buttons[0])
    assert page.tabs.currentWidget() is page.mappings
    dialog = page.mappings.last_dialog
    qtbot.addWidget(dialog)
    assert dialog.current_object()[:2] == (MappedObject.PERFORMANCE, row.object_id)
    qtbot.keyClicks(dialog.external, "15||")
    dialog.save()
    assert "empty code" in dialog.form.error_text("external_id") and dialog.result() == 0
    dialog.external.setText("PERF-1")
    dialog.save()
    assert dialog.saved_row is not None and dialog.saved_row.external_id == "PERF-1"
    assert preflight.check_interface(ui_db, "NTJ FNAC").ok
    click(qtbot, page.check.run_button)
    assert page.check.report.ok and not page.check.fix_buttons


def test_configuration_fix_opens_the_field_or_the_other_screen(qtbot, ui_db, boss):
    from dataclasses import replace

    from app.domain.enums import ContingentType
    from app.ui.interfaces import InterfacesPage

    d = interfaces.get_interface(ui_db, "NTJ Ticketnet")
    interfaces.save_interface(ui_db, boss, replace(d, contact_id=None))
    c = next(x for x in contingents.list_contingents(ui_db) if x.code == "TKN")
    contingents.save_contingent(ui_db, boss, replace(c, type=ContingentType.OTHER, target_channel_id=None,
                                                     all_internal_channels=True))
    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ Ticketnet")
    page.check.run()
    items = {i.field or i.screen: n for n, i in enumerate(page.check.report.items)}
    assert set(items) == {"contact", preflight.SCREEN_CONTINGENTS}
    click(qtbot, page.check.fix_buttons[items["contact"]])
    assert page.tabs.currentWidget() is page.general and "no contact" in page.general.form.error_text("contact")
    with qtbot.waitSignal(page.open_requested) as sig:
        click(qtbot, page.check.fix_buttons[items[preflight.SCREEN_CONTINGENTS]])
    assert sig.args[0] == "contingents" and sig.args[1]["new_for_channel"] == d.channel_id


def test_fix_in_main_window_opens_a_new_contingent_for_the_channel(qtbot, ui_db, boss):
    from dataclasses import replace

    from app.domain.enums import ContingentType
    from app.ui.main_window import MainWindow

    c = next(x for x in contingents.list_contingents(ui_db) if x.code == "TKN")
    contingents.save_contingent(ui_db, boss, replace(c, type=ContingentType.OTHER, target_channel_id=None,
                                                     all_internal_channels=True))
    win = MainWindow(ui_db, boss)
    qtbot.addWidget(win)
    page = win.show_page("interfaces")
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ Ticketnet")
    page.check.run()
    click(qtbot, page.check.fix_buttons[0])
    cont = win.stack.currentWidget()
    assert cont.objectName() == "page_contingents"
    assert cont.current is None
    assert cont.target.currentData() == interfaces.get_interface(ui_db, "NTJ Ticketnet").channel_id
    assert cont.type.currentData() == ContingentType.EXTERNAL.value


def test_mappings_tab_filters_and_excel_round_trip(qtbot, ui_db, boss, tmp_path, yes):
    from app.ui.interfaces import InterfacesPage

    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
    tab = page.mappings
    assert [c.title for c in tab.model.columns] == ["Data", "Season", "Local name", "External id", "Object"]
    assert tab.model.rowCount() == 24
    setup_widgets.set_combo(tab.kind, mappings.MappingKind.TARIFF)
    assert tab.model.rowCount() == 2
    tab.external.setText("15|20")
    assert [r.reference for r in tab.model.rows] == ["Reduced"]
    tab.external.clear()
    setup_widgets.set_combo(tab.kind, None)
    before = sorted(r.identity() for r in mappings.list_mappings(ui_db, "NTJ FNAC"))
    out = tmp_path / "fnac.xlsx"
    tab.ask_save_path = lambda name: str(out)
    click(qtbot, tab.export_button)
    assert out.exists()
    tab.table.selectAll()
    click(qtbot, tab.delete_button)
    assert mappings.list_mappings(ui_db, "NTJ FNAC") == [] and tab.model.rowCount() == 0
    tab.ask_open_path = lambda: str(out)
    click(qtbot, tab.import_button)
    assert sorted(r.identity() for r in mappings.list_mappings(ui_db, "NTJ FNAC")) == before
    assert tab.model.rowCount() == 24
    # A broken workbook: refused whole, the errors listed.
    from openpyxl import load_workbook

    wb = load_workbook(out)
    wb["Mappings"]["A2"] = "nonsense"
    wb.save(out)
    click(qtbot, tab.import_button)
    assert [(e.row, e.column) for e in tab.last_errors] == [(2, "A")]


def test_activity_profile_editor_picks_events_and_tariffs(qtbot, ui_db, boss, monkeypatch):
    from app.ui.activity_profiles_page import ActivityProfilesPage

    page = ActivityProfilesPage(ui_db, boss)
    qtbot.addWidget(page)
    assert [c.title for c in page.model.columns][:5] == ["Internal name", "Code", "State", "All events",
                                                         "All tariff types"]
    click(qtbot, page.new_button)
    setup_widgets.set_combo(page.channel, next(r.channel_id for r in page.model.rows if r.code == "FNAC"))
    qtbot.keyClicks(page.code, "FNAC-WALK")
    qtbot.keyClicks(page.name_fr, "Fnac La Walkyrie")
    page.all_events.setChecked(False)
    click(qtbot, page.save_button)
    assert "at least one event" in page.form.error_text("events")
    walk = next(page.events.item(i) for i in range(page.events.count()) if "WALKYRIE" in page.events.item(i).text())
    walk.setCheckState(Qt.CheckState.Checked)
    page.all_tariffs.setChecked(False)
    page.tariffs.item(0).setCheckState(Qt.CheckState.Checked)
    click(qtbot, page.save_button)
    saved = next(p for p in activity_profiles.list_profiles(ui_db) if p.code == "FNAC-WALK")
    assert len(saved.product_ids) == 1 and len(saved.tariff_ids) == 1 and not saved.all_events
    click(qtbot, page.duplicate_button)
    assert "FNAC-WALK-COPY" in {p.code for p in activity_profiles.list_profiles(ui_db)}
    season_b = activity_profiles.add_season(ui_db, boss, "B", "A+1 - A+2")
    page.ask_copy = lambda: (saved.season_id, season_b.id)
    click(qtbot, page.copy_button)
    assert page.season_filter.currentData() == season_b.id
    assert {p.code for p in page.model.rows} >= {"FNAC", "GUICHET"}


def test_channel_point_of_sale_and_payment_mode_editors(qtbot, ui_db, boss):
    from app.services.setup import channels
    from app.ui.channels_page import ChannelsPage

    page = ChannelsPage(ui_db, boss)
    qtbot.addWidget(page)
    click(qtbot, page.new_button)
    qtbot.keyClicks(page.code, "DSP2")
    qtbot.keyClicks(page.name_fr, "NTJ Datasport 2")
    click(qtbot, page.save_button)
    ch = next(c for c in channels.list_channels(ui_db) if c.code == "DSP2")
    assert page.pos_box.isEnabled()
    qtbot.keyClicks(page.pos_code, "DSP2")
    click(qtbot, page.save_pos)
    assert "required" in page.pos_form.error_text("name")
    qtbot.keyClicks(page.pos_name, "Datasport 2")
    click(qtbot, page.save_pos)
    pos = channels.list_points_of_sale(ui_db, ch.id)
    assert [p.code for p in pos] == ["DSP2"] and pos[0].waiting_account  # external: waiting account ticked
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.new_mode)
    qtbot.keyClicks(page.mode_code, "VOUCHER")
    qtbot.keyClicks(page.mode_name, "Bon")
    click(qtbot, page.save_mode)
    assert "VOUCHER" in {m.code for m in channels.list_payment_modes(ui_db)}


def test_cashier_sees_but_cannot_edit(qtbot, ui_db):
    from app.services.operators import find_actor
    from app.ui.interfaces import InterfacesPage

    page = InterfacesPage(ui_db, find_actor(ui_db, "caisse"))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 4
    assert not page.new_button.isEnabled() and not page.general.save_button.isEnabled()
    assert page.mappings.export_button.isEnabled() and not page.mappings.import_button.isEnabled()


def test_the_editor_says_next_to_the_password_field_when_none_can_be_stored(qtbot, ui_db, boss, monkeypatch, tmp_path):
    from app.ui.interfaces import InterfacesPage

    monkeypatch.setenv("GUICHET_KEYRING", "file")
    monkeypatch.setenv("GUICHET_KEYRING_FILE", str(tmp_path / "k.cfg"))
    monkeypatch.delenv("GUICHET_KEYRING_PASSWORD", raising=False)
    monkeypatch.setattr(secrets, "interactive", False)
    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
    g = page.general
    text = g.keyring_line.text()
    assert text.startswith("No password can be stored: the encrypted file") and "GUICHET_KEYRING_PASSWORD" in text
    assert g.password.placeholderText() == "cannot be stored" and not g.clear_password.isVisible()


def test_commission_is_edited_in_the_general_tab_and_tabs_are_addressed_by_key(qtbot, ui_db, boss):
    from decimal import Decimal

    from app.ui.interfaces import InterfacesPage

    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    assert page.tab_keys() == ["general", "mappings", "schedules", "executions", "check"]
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
    g = page.general
    for bad, message in (("12.345", "at most 2 decimals"), ("101", "from 0 to 100"), ("-1", "from 0 to 100"),
                         ("abc", "not a number")):
        g.commission.setText(bad)
        click(qtbot, g.save_button)
        assert message in g.form.error_text("commission_percent"), bad
        assert interfaces.get_interface(ui_db, "NTJ FNAC").commission_percent is None
    g.commission.setText("7,5")
    click(qtbot, g.save_button)
    assert g.form.error_text("commission_percent") == ""
    assert interfaces.get_interface(ui_db, "NTJ FNAC").commission_percent == Decimal("7.50")
    page.reload()
    assert g.commission.text() == "7.50"
    g.commission.clear()
    click(qtbot, g.save_button)
    assert interfaces.get_interface(ui_db, "NTJ FNAC").commission_percent is None
    # A new interface: the tabs that need a saved one are disabled, found by key.
    click(qtbot, page.new_button)
    assert page.tabs.currentWidget() is page.tab("general") is g
    assert [k for k in page.tab_keys() if not page.is_tab_enabled(k)] == ["mappings", "schedules", "check"]
    setup_widgets.select_where(page.table, lambda r: r.name_fr == "NTJ FNAC")
    assert all(page.is_tab_enabled(k) for k in page.tab_keys())
