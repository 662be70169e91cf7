"""Signing in at the workstation: the first manager, passwords and PINs, the lock after five
wrong tries, the point of sale chosen at first start, the idle lock, the operators screen."""

import getpass

from PySide6.QtWidgets import QDialog

from app.services.operators import actor_for_os_user, sign_in
from app.ui.login import SignInDialog


def _dialog(qtbot, db, **kw):
    dialog = SignInDialog(db, **kw)
    qtbot.addWidget(dialog)
    return dialog


def test_empty_database_creates_the_first_manager_with_a_password(qtbot, db, inline_tasks):
    from app.services.seeding import ensure_reference_data

    with db.write() as s:  # points of sale but no operator: a venue's first start
        ensure_reference_data(s)
        from app.db.models import Operator, Workstation
        s.query(Workstation).delete()
        s.query(Operator).delete()
    dialog = _dialog(qtbot, db)
    assert dialog.first_start and dialog.form.isRowVisible(dialog.confirm) and dialog.form.isRowVisible(dialog.pos)
    dialog.login.setText("direction")
    dialog.name.setText("Directrice")
    dialog.password.setText("secret-direction")
    dialog.confirm.setText("other")
    dialog.submit()
    assert dialog.error.text() == "The two passwords differ." and dialog.actor is None
    dialog.confirm.setText("secret-direction")
    dialog.pos.setCurrentIndex(dialog.pos.findData("GUICHET-1"))
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.login == "direction" and dialog.actor.is_manager and dialog.point_of_sale == "GUICHET-1"
    assert actor_for_os_user(db, getpass.getuser()).login == "direction"
    assert sign_in(db, "direction", "secret-direction").is_manager
    from app.services.inventory.payment import workstation_point_of_sale
    assert workstation_point_of_sale(db) == "GUICHET-1"


def test_a_cashier_signs_in_with_the_pin_a_wrong_one_is_refused_next_to_the_form(qtbot, demo_db, inline_tasks):
    dialog = _dialog(qtbot, demo_db, login="caisse")
    assert not dialog.first_start and not dialog.form.isRowVisible(dialog.pos)  # the demo's workstation is set
    dialog.password.setText("9999")
    dialog.submit()
    assert "wrong password for operator 'caisse'" in dialog.error.text() and dialog.actor is None
    assert dialog.password.text() == ""
    dialog.password.setText("1234")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.actor.is_manager


def test_five_wrong_pins_lock_the_operator_in_the_dialog_too(qtbot, demo_db, inline_tasks):
    dialog = _dialog(qtbot, demo_db, login="caisse")
    for _ in range(5):
        dialog.password.setText("0000")
        dialog.submit()
    assert "locked for 60 s" in dialog.error.text()
    dialog.password.setText("1234")
    dialog.submit()
    assert "is locked" in dialog.error.text() and dialog.actor is None


def test_the_sign_in_runs_off_the_gui_thread(qtbot, demo_db, threaded_tasks):
    dialog = _dialog(qtbot, demo_db, login="manager")
    qtbot.waitSignal(dialog.ready, timeout=10000) if not dialog.ok.isEnabled() else None
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10000)
    dialog.password.setText("manager-demo")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
        assert dialog.actor is None  # not yet: the check is in a worker
    assert dialog.actor.is_manager


def test_the_idle_till_locks_and_another_operator_takes_over(qtbot, demo_db, inline_tasks, ui_settings):
    from app.services.operators import find_actor
    from app.ui.main_window import MainWindow

    window = MainWindow(demo_db, find_actor(demo_db, "manager"))
    qtbot.addWidget(window)
    window.show()
    window.idle_lock.lock()  # what the idle timer does
    dialog = window.idle_lock.dialog
    assert dialog.isVisible() and "locked" in dialog.intro.text() and dialog.login.text() == "manager"
    dialog.login.setText("caisse")
    dialog.password.setText("1234")
    dialog.submit()
    assert window.actor.login == "caisse" and "Caisse 1" in window.operator_label.text()
    ops = window.show_page("operators")
    assert not ops.add_button.isEnabled()  # a cashier's screens, rebuilt with the cashier's rights


def test_idle_timer_fires_after_the_configured_delay(qtbot, demo_db, inline_tasks):
    from app.services.operators import find_actor
    from app.ui.idle_lock import IdleLock
    from app.ui.main_window import MainWindow

    window = MainWindow(demo_db, find_actor(demo_db, "manager"))
    qtbot.addWidget(window)
    lock = IdleLock(window, minutes=0.002)  # 120 ms
    qtbot.waitUntil(lambda: lock.dialog is not None, timeout=3000)
    lock.dialog.reject()
    qtbot.waitUntil(lambda: lock.dialog is None, timeout=3000)


def test_managers_add_and_disable_operators_on_the_screen(qtbot, demo_db, inline_tasks):
    from app.services.operators import SignInRefused, find_actor
    from app.ui.operators_page import OperatorsPage

    page = OperatorsPage(demo_db, find_actor(demo_db, "manager"))
    qtbot.addWidget(page)
    assert [o.login for o in page.model.rows] == ["caisse", "manager"]
    page.login.setText("paul")
    page.name.setText("Paul")
    page.secret.setText("12")
    page.add_button.click()
    assert "PIN of 4 to 8 digits" in page.message.text()
    page.secret.setText("2468")
    page.add_button.click()
    assert page.message.text() == "Operator paul added." and sign_in(demo_db, "paul", "2468").login == "paul"
    page.table.selectRow([o.login for o in page.model.rows].index("paul"))
    page.disable_button.click()
    assert not next(o for o in page.model.rows if o.login == "paul").active
    try:
        sign_in(demo_db, "paul", "2468")
        raise AssertionError("a disabled operator signed in")
    except SignInRefused:
        pass
