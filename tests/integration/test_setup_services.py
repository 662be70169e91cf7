"""Distributor set-up on a real database: validation, interfaces and their password,
mappings and their Excel round trip, activity profiles, the pre-flight check."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.enums import ContingentType, ErrorClass, MappedObject, ProfileState
from app.domain.errors import PermissionDenied, RuleViolation
from app.services.setup import activity_profiles, channels, contingents, interfaces, mappings, mappings_excel, preflight
from app.services import secrets
from app.services.validation import FieldErrors

SECRET = "s3cr3t-Pa55-ZQX"


def _iface(db, name="NTJ FNAC"):
    return interfaces.get_interface(db, name)


# --- Validation ------------------------------------------------------------------------

def test_contingent_form_names_every_bad_field_and_saves_nothing(demo_db, manager):
    before = contingents.list_contingents(demo_db)
    fnac = next(c for c in before if c.code == "FNAC")
    bad = replace(fnac, id=None, code="Pass", name_fr=" ", fill_color="orange", text_color="#12345")
    with pytest.raises(FieldErrors) as err:
        contingents.save_contingent(demo_db, manager, bad)
    assert set(err.value.errors) == {"code", "name_fr", "fill_color", "text_color", "target_channel"}
    assert "already used" in err.value.errors["code"] and "#RRGGBB" in err.value.errors["fill_color"]
    assert contingents.list_contingents(demo_db) == before


def test_contingent_editor_round_trip_and_delete(demo_db, manager):
    tkn_channel = next(c for c in channels.list_channels(demo_db) if c.code == "GUICHET")
    saved = contingents.save_contingent(demo_db, manager, contingents.ContingentData(
        None, "Press", "Presse", "Press", "Prensa", True, "#aabbcc", "#000000", True, 2,
        ContingentType.OTHER, None, False, (tkn_channel.id,)))
    assert saved.fill_color == "#AABBCC" and saved.channel_ids == (tkn_channel.id,) and saved.exclusive
    contingents.delete_contingent(demo_db, manager, saved.id)
    assert "Press" not in {c.code for c in contingents.list_contingents(demo_db)}


def test_interface_validation_url_emails_and_channel(demo_db, manager):
    d = _iface(demo_db)
    internal = next(c for c in channels.list_channels(demo_db) if c.code == "GUICHET")
    with pytest.raises(FieldErrors) as err:
        interfaces.save_interface(demo_db, manager, replace(d, url="htp:/nowhere", notify_emails="a@b.org, nope",
                                                            channel_id=internal.id, name_fr="NTJ Ticketnet"))
    assert set(err.value.errors) == {"url", "notify_emails", "channel", "name_fr", "point_of_sale"}
    assert "'nope'" in err.value.errors["notify_emails"]
    assert _iface(demo_db) == d


def test_cashier_cannot_change_the_set_up(demo_db, cashier):
    with pytest.raises(PermissionDenied):
        interfaces.save_interface(demo_db, cashier, _iface(demo_db))
    with pytest.raises(PermissionDenied):
        mappings.delete_mappings(demo_db, cashier, "NTJ FNAC", [1])


# --- Passwords -------------------------------------------------------------------------

def test_password_goes_to_the_keyring_never_to_the_database_or_logs(demo_db, manager, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)  # every SQL statement and its parameters
    try:
        d = _iface(demo_db)
        interfaces.save_interface(demo_db, manager, d, password=SECRET)
        created = interfaces.save_interface(demo_db, manager, replace(
            d, id=None, name_fr="NTJ FNAC 2", mappings=0), password=SECRET + "-2")
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert secrets.get_password(demo_db, d.id) == SECRET and secrets.get_password(demo_db, created.id) == SECRET + "-2"
    assert interfaces.password_status(demo_db, d.id).stored
    assert "INSERT" in caplog.text  # the SQL log was on
    assert SECRET not in caplog.text
    out = tmp_path / "m.xlsx"
    mappings_excel.export_mappings(demo_db, d.id, out)
    assert SECRET.encode() not in out.read_bytes()
    if demo_db.is_sqlite:
        demo_db.dispose()  # flush the WAL into the file
        path = Path(demo_db.engine.url.database)
        for f in [path, *path.parent.glob(path.name + "-*")]:
            assert SECRET.encode() not in f.read_bytes(), f
    assert SECRET not in str(interfaces.get_interface(demo_db, d.id).as_json())


def test_delete_interface_with_history_hides_it(demo_db, manager):
    d = _iface(demo_db, "NTJ Digitick")
    with pytest.raises(RuleViolation, match="24 mappings"):
        interfaces.delete_interface(demo_db, manager, d.id)
    assert interfaces.delete_interface(demo_db, manager, d.id, hide_if_used=True) == "hidden"
    assert not _iface(demo_db, "NTJ Digitick").visible
    assert len(mappings.list_mappings(demo_db, d.id)) == 24  # history kept
    new = interfaces.save_interface(demo_db, manager, replace(d, id=None, name_fr="Spare", visible=True),
                                    password="x")
    assert interfaces.delete_interface(demo_db, manager, new.id) == "deleted"
    assert secrets.get_password(demo_db, new.id) is None


# --- Mappings and Excel ----------------------------------------------------------------

def _identities(db, iface):
    return sorted(r.identity() for r in mappings.list_mappings(db, iface))


def test_excel_export_then_import_gives_identical_mappings(demo_db, manager, tmp_path):
    d = _iface(demo_db)
    before = _identities(demo_db, d.id)
    out = tmp_path / "fnac.xlsx"
    r = mappings_excel.export_mappings(demo_db, d.id, out)
    assert r.mappings == len(before) == 24
    wb = load_workbook(out)
    ws = wb[mappings_excel.MAPPINGS_SHEET]
    assert [c.value for c in ws[1]][:6] == ["Kind", "Object type", "Season", "Object", "Local name", "External id"]
    assert ws["A1"].font.bold and ws.column_dimensions["D"].width >= 30 and ws.max_row == 25
    assert mappings_excel.UNMAPPED_SHEET in wb.sheetnames
    mappings.delete_mappings(demo_db, manager, d.id, [m.id for m in mappings.list_mappings(demo_db, d.id)])
    assert _identities(demo_db, d.id) == []
    res = mappings_excel.import_mappings(demo_db, manager, d.id, out)
    assert (res.created, res.updated) == (24, 0)
    assert _identities(demo_db, d.id) == before


def test_unmapped_sheet_filled_by_the_distributor_creates_mappings(demo_db, manager, tmp_path):
    out = tmp_path / "fnac.xlsx"
    mappings_excel.export_mappings(demo_db, "NTJ FNAC", out)
    wb = load_workbook(out)
    ws = wb[mappings_excel.UNMAPPED_SHEET]
    refs = {row[3].value: row for row in ws.iter_rows(min_row=2)}
    refs["Cafe"][5].value = 7001  # typed as a number in Excel
    wb.save(out)
    res = mappings_excel.import_mappings(demo_db, manager, "NTJ FNAC", out)
    assert res.created == 1 and res.skipped_unmapped == len(refs) - 1
    cafe = [r for r in mappings.list_mappings(demo_db, "NTJ FNAC") if r.reference == "Cafe"]
    assert cafe[0].external_id == "7001" and cafe[0].object_type is MappedObject.ARTICLE


def test_invalid_workbook_is_refused_whole_with_each_error(demo_db, manager, tmp_path):
    out = tmp_path / "bad.xlsx"
    mappings_excel.export_mappings(demo_db, "NTJ FNAC", out)
    wb = load_workbook(out)
    ws = wb[mappings_excel.MAPPINGS_SHEET]
    ws["F2"] = "CHANGED"  # a valid change on row 2: must not be saved either
    ws["A3"] = "colour"  # bad kind
    ws["D4"] = "OPERA/XYZ"  # unknown object
    ws.append([c.value for c in ws[5]])  # duplicate of row 5
    ws["F6"] = None  # empty id
    wb.save(out)
    before = _identities(demo_db, "NTJ FNAC")
    with pytest.raises(mappings_excel.WorkbookErrors) as err:
        mappings_excel.import_mappings(demo_db, manager, "NTJ FNAC", out)
    where = {(e.sheet, e.row, e.column) for e in err.value.errors}
    assert where == {("Mappings", 3, "A"), ("Mappings", 4, "D"), ("Mappings", 26, "D"), ("Mappings", 6, "F")}
    text = str(err.value)
    assert "unknown kind 'colour'" in text and "OPERA/XYZ" in text and "duplicate" in text and "empty" in text
    assert _identities(demo_db, "NTJ FNAC") == before


def test_mapping_editor_filters_multi_codes_and_generic(demo_db, manager):
    rows = mappings.list_mappings(demo_db, "NTJ FNAC", external_id="|22")
    assert [r.reference for r in rows] == ["Reduced"] and rows[0].external_ids == ("15", "20", "22")
    tariff = rows[0]
    with pytest.raises(FieldErrors, match="empty code"):
        mappings.save_mapping(demo_db, manager, "NTJ FNAC", mappings.MappingInput(
            tariff.object_type, tariff.object_id, "15||22", id=tariff.id))
    saved = mappings.save_mapping(demo_db, manager, "NTJ FNAC", mappings.MappingInput(
        tariff.object_type, tariff.object_id, " 15 | 21 ", tariff.season_id, id=tariff.id))
    assert saved.external_id == "15|21"
    with pytest.raises(FieldErrors, match="already has a mapping"):
        mappings.save_mapping(demo_db, manager, "NTJ FNAC", mappings.MappingInput(
            MappedObject.SEAT_CATEGORY, None, "9", object_code="Cat1"))
    from app.domain.enums import MappingKind

    assert {r.kind for r in mappings.list_mappings(demo_db, "NTJ FNAC", kind=MappingKind.SEAT_CATEGORY)} == \
        {MappingKind.SEAT_CATEGORY}
    walk = next(o for o in mappings.list_objects(demo_db) if o.reference == "WALKYRIE")
    assert len(mappings.list_mappings(demo_db, "NTJ FNAC", product_id=walk.object_id)) == 24


# --- Activity profiles -----------------------------------------------------------------

def test_profiles_duplicate_and_copy_from_season(demo_db, manager):
    profiles = activity_profiles.list_profiles(demo_db)
    fnac = next(p for p in profiles if p.code == "FNAC")
    dup = activity_profiles.duplicate_profile(demo_db, manager, fnac.id)
    assert dup.code == "FNAC-COPY" and dup.state is ProfileState.DRAFT and dup.channel_id == fnac.channel_id
    products, tariffs = activity_profiles.events_and_tariffs(demo_db, fnac.season_id)
    walk = next(p for p in products if p.code == "WALKYRIE")
    edited = activity_profiles.save_profile(demo_db, manager, replace(
        dup, all_events=False, product_ids=(walk.id,), all_tariffs=False, tariff_ids=(tariffs[0].id,)))
    assert edited.product_ids == (walk.id,) and edited.tariff_ids == (tariffs[0].id,)
    with pytest.raises(FieldErrors) as err:
        activity_profiles.save_profile(demo_db, manager, replace(edited, product_ids=(), code="FNAC"))
    assert set(err.value.errors) == {"events", "code"}
    new_season = activity_profiles.add_season(demo_db, manager, "B", "A+1 - A+2")
    r = activity_profiles.copy_from_season(demo_db, manager, fnac.season_id, new_season.id)
    assert "FNAC" in r.copied and any(s.startswith("FNAC-COPY:") for s in r.skipped)  # WALKYRIE not in B
    copied = activity_profiles.list_profiles(demo_db, new_season.id)
    assert all(p.state is ProfileState.DRAFT for p in copied) and len(copied) == len(profiles)
    activity_profiles.delete_profile(demo_db, manager, dup.id)
    assert dup.id not in {p.id for p in activity_profiles.list_profiles(demo_db)}


# --- Pre-flight ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["NTJ FNAC", "NTJ Ticketnet", "NTJ Digitick", "NTJ Secutix File"])
def test_demo_interfaces_pass_the_check(demo_db, name):
    report = preflight.check_interface(demo_db, name)
    assert report.ok, report.text()
    assert report.checked["events"] == 1 and report.checked["objects"] == 24
    assert preflight.check_interface(demo_db, name, "WALKYRIE").ok


def test_check_reports_exactly_each_deleted_mapping(demo_db, manager):
    rows = mappings.list_mappings(demo_db, "NTJ FNAC")
    assert len(rows) == 24
    for row in rows:
        mappings.delete_mappings(demo_db, manager, "NTJ FNAC", [row.id])
        report = preflight.check_interface(demo_db, "NTJ FNAC", "WALKYRIE")
        assert len(report.items) == 1, (row.reference, report.text())
        item = report.items[0]
        assert item.error_class is ErrorClass.MAPPING and item.object_type is row.object_type
        assert item.reference == row.reference and item.tab == preflight.TAB_MAPPINGS
        mappings.save_mapping(demo_db, manager, "NTJ FNAC", mappings.MappingInput(
            row.object_type, row.object_id, row.external_id, row.season_id, row.object_code))
    assert preflight.check_interface(demo_db, "NTJ FNAC").ok


def test_check_reports_configuration_problems(demo_db, manager):
    d = _iface(demo_db, "NTJ Ticketnet")
    interfaces.save_interface(demo_db, manager, replace(d, contact_id=None, point_of_sale_id=None))
    tkn = next(p for p in activity_profiles.list_profiles(demo_db) if p.code == "TKN")
    activity_profiles.save_profile(demo_db, manager, replace(tkn, state=ProfileState.DRAFT))
    c = next(x for x in contingents.list_contingents(demo_db) if x.code == "TKN")
    contingents.save_contingent(demo_db, manager, replace(c, type=ContingentType.OTHER, target_channel_id=None,
                                                                 all_internal_channels=True))
    report = preflight.check_interface(demo_db, "NTJ Ticketnet")
    got = {(i.error_class, i.screen, i.field) for i in report.items}
    assert got == {
        (ErrorClass.CONFIGURATION, preflight.SCREEN_INTERFACES, "contact"),
        (ErrorClass.CONFIGURATION, preflight.SCREEN_INTERFACES, "point_of_sale"),
        (ErrorClass.CONFIGURATION, preflight.SCREEN_CONTINGENTS, ""),
        (ErrorClass.CONFIGURATION, preflight.SCREEN_PROFILES, ""),
    }


def test_channels_and_points_of_sale(demo_db, manager):
    ch = channels.save_channel(demo_db, manager, channels.ChannelData(None, "DATA2", "NTJ Datasport 2",
                                                                      kind=interfaces.ChannelKind.EXTERNAL,
                                                                      type=channels.ChannelType.DISTRIBUTOR))
    waiting = next(m for m in channels.list_payment_modes(demo_db) if m.waiting_account)
    with pytest.raises(FieldErrors) as err:
        channels.save_point_of_sale(demo_db, manager, channels.PointOfSaleData(None, ch.id, "FNAC", "", ()))
    assert set(err.value.errors) == {"code", "name", "payment_modes"}
    pos = channels.save_point_of_sale(demo_db, manager, channels.PointOfSaleData(None, ch.id, "DATA2", "Data 2",
                                                                                 (waiting.id,)))
    assert pos.waiting_account and channels.list_channels(demo_db)[-1].points_of_sale >= 0
    fnac = next(c for c in channels.list_channels(demo_db) if c.code == "FNAC")
    with pytest.raises(RuleViolation, match="interface"):
        channels.delete_channel(demo_db, manager, fnac.id)
    channels.delete_channel(demo_db, manager, ch.id)
    assert "DATA2" not in {c.code for c in channels.list_channels(demo_db)}
