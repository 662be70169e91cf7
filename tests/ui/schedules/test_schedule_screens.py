"""The schedules' screens through real widgets: the Programmation overview (columns, status
colour, search, pause, pre-flight warning), the editor (Programmer), the interface editor's
Programmations tab, and the in-client scheduler's tick."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTime, Qt

from app.domain.enums import ExecutionStatus, StartMode
from app.services.schedules.scheduler import NO_PERFORMANCE
from app.services.schedules.store import ScheduleInput, list_schedules, save_schedule


def add(db, boss, interface="NTJ FNAC", **kw):
    return save_schedule(db, boss, ScheduleInput(interface, kw.pop("function", "export-allotments"),
                                                 kw.pop("rrule", "FREQ=DAILY;BYHOUR=3;BYMINUTE=30"),
                                                 datetime(2026, 12, 1, 3, 30), **kw))[0]


def no_passwords(db):
    """The keyring is the process's (memory, in tests): start from none stored."""
    from sqlalchemy import select

    from app.db.models import DistributorInterface
    from app.services.secrets import delete_password

    with db.read() as s:
        for iid in s.scalars(select(DistributorInterface.id)):
            delete_password(db, iid)


def cell(model, row, col, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, col), role)


def test_overview_lists_schedules_with_status_colour_search_and_pause(qtbot, qtmodeltester, ui_db, boss):
    from app.services.schedules.scheduler import Scheduler
    from app.ui.schedules.overview import STATUS_COLOURS, SchedulesPage

    no_passwords(ui_db)
    a = add(ui_db, boss, name_fr="Export nuit", window_start_days_before=2, window_end_days_after=0)
    add(ui_db, boss, interface="NTJ Ticketnet", function="reintegrate-sales", name_fr="Ventes TKN",
        rrule="FREQ=MINUTELY;INTERVAL=15", start_mode="manual")
    Scheduler(ui_db, boss).run_now(a)  # 2026: no performance in the window → skipped, visibly
    page = SchedulesPage(ui_db, boss)
    qtbot.addWidget(page)
    m = page.list.model
    qtmodeltester.check(m)
    headers = [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())]
    assert headers[:7] == ["INTERFACE NAME", "INTERFACE TYPE", "FUNCTION", "LAST EXECUTION", "INTERNAL NAME",
                           "MODE", "NEXT RUN"]
    assert m.rowCount() == 2
    assert cell(m, 0, 0) == "NTJ FNAC" and cell(m, 0, 4) == "Export nuit"
    assert cell(m, 0, 3).startswith("Skipped")
    assert cell(m, 0, 3, Qt.ItemDataRole.BackgroundRole).name() == STATUS_COLOURS[ExecutionStatus.SKIPPED]
    assert cell(m, 0, 6) == "01/12/26 03:30" and cell(m, 1, 5) == "Manual" and cell(m, 1, 6) == ""
    assert cell(m, 1, 3) == "never"
    assert "password" in cell(m, 0, 7)  # the pre-flight warning, in the list
    page.list.search.setText("tkn")
    assert m.rowCount() == 1 and cell(m, 0, 4) == "Ventes TKN"
    page.list.search.clear()
    page.list.table.selectRow(0)
    qtbot.mouseClick(page.list.pause_button, Qt.MouseButton.LeftButton)
    assert cell(m, 0, 5) == "Paused" and page.list.pause_button.text() == "Resume"
    assert not [r for r in list_schedules(ui_db) if r.id == a][0].enabled


def test_editor_programmer_saves_a_daily_schedule_with_its_window(qtbot, ui_db, boss):
    from app.ui.schedules.overview import SchedulesPage

    no_passwords(ui_db)
    page = SchedulesPage(ui_db, boss)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.list.new_button, Qt.MouseButton.LeftButton)
    ed = page.list.editor
    assert ed.windowTitle() == "Schedule > New" and ed.interface.count() >= 1
    ed.kind.setCurrentIndex(ed.kind.findData("ticketnet"))
    assert ed.interface.currentText() == "NTJ Ticketnet"
    ed.function.setCurrentIndex(ed.function.findData("reintegrate-sales"))
    ed.names[0].setText("Ventes de la nuit")
    ed.freq.setCurrentIndex(ed.freq.findData("daily"))
    ed.at.setTime(QTime(3, 30))
    ed.window_start.mode.setCurrentIndex(2)
    ed.window_start.days.setValue(30)
    ed.window_start.hour.setTime(QTime(8, 0))
    ed.batch.setValue(500)
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    [row] = list_schedules(ui_db)
    assert (row.interface, row.function.value, row.name, row.start_mode) == (
        "NTJ Ticketnet", "reintegrate-sales", "Ventes de la nuit", StartMode.AUTOMATIC)
    assert "RRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=30;BYSECOND=0" in row.rrule
    assert row.data["window_start_days_before"] == 30 and row.data["window_start_time"] == "08:00"
    assert row.batch_size == 500 and page.list.model.rowCount() == 1
    assert page.list.status.text().startswith("Schedule saved with a pre-flight warning")
    # Reopened, the editor shows what was saved; a wrong performance is refused in the editor.
    page.list.table.selectRow(0)
    qtbot.mouseClick(page.list.edit_button, Qt.MouseButton.LeftButton)
    ed = page.list.editor
    assert ed.freq.currentData() == "daily" and ed.at.time() == QTime(3, 30)
    assert ed.window_start.days.value() == 30 and ed.interface.currentText() == "NTJ Ticketnet"
    ed.performance.setText("NOPE@2014-01-01 20:00")
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert "NOPE" in ed.message.text() and ed.isVisible()
    qtbot.mouseClick(ed.cancel_button, Qt.MouseButton.LeftButton)
    assert len(list_schedules(ui_db)) == 1


def test_interface_editor_programmations_tab_shows_that_interface_only(qtbot, ui_db, boss):
    from app.ui.interfaces import InterfacesPage
    from app.ui.setup_widgets import select_where

    add(ui_db, boss, name_fr="FNAC 1")
    add(ui_db, boss, interface="NTJ Ticketnet", name_fr="TKN 1")
    page = InterfacesPage(ui_db, boss)
    qtbot.addWidget(page)
    assert page.schedules.model.rowCount() == 0
    select_where(page.table, lambda r: r.name_fr == "NTJ Ticketnet")
    page.show_tab("schedules")
    assert page.tabs.currentWidget() is page.schedules
    assert [r.name for r in page.schedules.model.rows] == ["TKN 1"]


def test_the_client_scheduler_tick_runs_due_schedules_through_the_task_helper(qtbot, ui_db, boss, ui_settings):
    from app.ui.schedules.client_scheduler import start_if_enabled

    assert start_if_enabled(ui_db) is None  # the workstation setting is off by default
    sid = add(ui_db, boss, window_start_days_before=1, window_end_days_after=0)  # due since 2026-12-01
    ui_settings.SCHEDULES_HERE.set(True)
    from PySide6.QtCore import QObject

    owner = QObject()
    got = []
    from app.ui.schedules import client_scheduler

    sched = client_scheduler.ClientScheduler(ui_db, parent=owner)
    sched.ran.connect(got.append)
    sched.tick()
    qtbot.waitUntil(lambda: bool(got))
    [[o]] = got
    assert o.schedule_id == sid and (o.status, o.reason) == (ExecutionStatus.SKIPPED, NO_PERFORMANCE)
    sched.stop()


def test_the_workstation_switch_starts_and_stops_the_client_scheduler(qtbot, ui_db, boss, ui_settings):
    from app.ui.schedules import client_scheduler
    from app.ui.schedules.overview import SchedulesPage

    page = SchedulesPage(ui_db, boss)
    qtbot.addWidget(page)
    assert not page.here.isChecked() and client_scheduler.running() is None
    sid = add(ui_db, boss, window_start_days_before=1, window_end_days_after=0)
    page.here.setChecked(True)  # starts at once, and looks for due schedules at once
    assert ui_settings.SCHEDULES_HERE.get() is True
    sched = client_scheduler.running()
    assert sched is not None and sched.timer.isActive()
    qtbot.waitUntil(lambda: bool(page.list.model.rows) and page.list.model.rows[0].last_status is ExecutionStatus.SKIPPED)
    assert page.list.model.rows[0].id == sid
    page.here.setChecked(False)
    assert client_scheduler.running() is None and not sched.timer.isActive()
    assert ui_settings.SCHEDULES_HERE.get() is False


def test_every_execution_status_has_a_label_and_a_colour_in_the_overview(qapp):
    """A schedule whose last run ended 'held' (or any status added later) must not break the list."""
    from app.ui.schedules.overview import STATUS_COLOURS, status_label

    for st in ExecutionStatus:
        assert status_label(st), st
        assert st in STATUS_COLOURS, st


def test_editor_database_backup_hides_the_interface_and_saves_its_folder_copies_and_emails(qtbot, ui_db, boss,
                                                                                          tmp_path):
    from app.domain.enums import SyncFunction
    from app.ui.schedules.overview import SchedulesPage

    page = SchedulesPage(ui_db, boss)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.list.new_button, Qt.MouseButton.LeftButton)
    ed = page.list.editor
    ed.kind.setCurrentIndex(ed.kind.findData("ticketnet"))  # a distributor chosen: the backup is still offered
    i = ed.function.findData("backup")
    assert i >= 0 and ed.function.itemText(i) == "Database backup"
    assert ed.interface.isVisibleTo(ed) and not ed.backup_box.isVisibleTo(ed)
    ed.function.setCurrentIndex(i)
    assert not ed.interface.isVisibleTo(ed) and not ed.kind.isVisibleTo(ed)
    assert not ed.scope_box.isVisibleTo(ed) and not ed.window_start.isVisibleTo(ed)
    assert all(w.isVisibleTo(ed) for w in (ed.backup_box, ed.folder, ed.browse_button, ed.keep, ed.notify))
    assert ed.keep.value() == 7
    assert ed.freq.currentData() == "daily" and ed.at.time().toString("HH:mm") == "03:00"  # a nightly copy
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert ed.message.text() == "Choose the folder the backups are written into." and not list_schedules(ui_db)
    ed.choose_folder = lambda current: str(tmp_path)  # the folder dialog, answered
    qtbot.mouseClick(ed.browse_button, Qt.MouseButton.LeftButton)
    assert ed.folder.text() == str(tmp_path)
    ed.keep.setValue(3)
    ed.notify.setText("regie@theatre.example.org")
    ed.names[0].setText("Sauvegarde de nuit")
    ed.freq.setCurrentIndex(ed.freq.findData("daily"))
    ed.at.setTime(QTime(2, 0))
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    [row] = list_schedules(ui_db)
    assert (row.function, row.interface_id, row.name, row.backup_folder, row.keep_backups, row.notify_emails) == (
        SyncFunction.BACKUP, None, "Sauvegarde de nuit", str(tmp_path.resolve()), 3, "regie@theatre.example.org")
    assert "RRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0" in row.rrule and row.preflight_warning == ""
    m = page.list.model
    assert (cell(m, 0, 0), cell(m, 0, 1), cell(m, 0, 2), cell(m, 0, 4)) == (
        "—", "", "Database backup", "Sauvegarde de nuit")
    # Reopened: the backup's fields, no interface; back to a distributor function, the interface again.
    page.list.table.selectRow(0)
    qtbot.mouseClick(page.list.edit_button, Qt.MouseButton.LeftButton)
    ed = page.list.editor
    assert ed.is_backup() and ed.folder.text() == str(tmp_path.resolve()) and ed.keep.value() == 3
    assert ed.notify.text() == "regie@theatre.example.org" and not ed.interface.isVisibleTo(ed)
    ed.folder.setText(str(tmp_path / "missing"))
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert "not an existing folder" in ed.message.text() and ed.isVisible()
    ed.function.setCurrentIndex(ed.function.findData("export-allotments"))
    assert ed.interface.isVisibleTo(ed) and ed.scope_box.isVisibleTo(ed) and not ed.backup_box.isVisibleTo(ed)
    qtbot.mouseClick(ed.cancel_button, Qt.MouseButton.LeftButton)
