"""Who is at the workstation: the first manager on an empty database, or a chosen operator."""

import getpass

from PySide6.QtWidgets import QDialog

from app.services.operators import actor_for_os_user, list_operators
from app.ui.login import OperatorDialog


def test_empty_database_creates_the_first_manager_for_this_os_user(qtbot, db):
    dialog = OperatorDialog(db)
    qtbot.addWidget(dialog)
    dialog.login.setText("direction")
    dialog.name.setText("Directrice")
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.login == "direction" and dialog.actor.is_manager
    assert actor_for_os_user(db, getpass.getuser()).login == "direction"


def test_choose_an_operator_and_remember_it(qtbot, demo_db):
    from app.services.operators import remember_os_user

    remember_os_user(demo_db, "manager", "someone-else")  # nobody is set for this OS user
    dialog = OperatorDialog(demo_db)
    qtbot.addWidget(dialog)
    assert dialog.combo.count() == len(list_operators(demo_db)) == 2
    dialog.combo.setCurrentIndex(dialog.combo.findData("caisse"))
    dialog.remember.setChecked(True)
    dialog._accept()
    assert dialog.actor.login == "caisse" and not dialog.actor.is_manager
    assert actor_for_os_user(demo_db, getpass.getuser()).login == "caisse"


def test_a_taken_login_is_refused_next_to_the_form(qtbot, db, monkeypatch):
    from app.domain.actors import SYSTEM
    from app.domain.enums import Role
    from app.services.operators import NewOperator, add_operator

    dialog = OperatorDialog(db)  # empty database: the creation form
    qtbot.addWidget(dialog)
    add_operator(db, SYSTEM, NewOperator("direction", "X", Role.CASHIER))  # another workstation was faster
    dialog.login.setText("direction")
    dialog._accept()
    assert dialog.actor is None and "already taken" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
