"""Signing in at the workstation: login and password (or a cashier's PIN), the first
manager on an empty database, this workstation's point of sale at first start. Every check
runs through the task helper: no SQL on the GUI thread."""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.ui.tasks import tasks
from app.ui.widgets import error_text


class SignInDialog(QDialog):
    """`actor` and `point_of_sale` are set when accepted. `locked_by` (the idle lock) says who
    was signed in; another operator may sign in instead."""

    ready = Signal()  # the first look-ups are back: the form is usable

    def __init__(self, db: Database, *, login: str = "", locked_by: Actor | None = None, parent=None):
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.point_of_sale: str | None = None
        self.first_start = False
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in — Guichet"))
        self.setMinimumWidth(420)
        lay = QVBoxLayout(self)
        self.intro = QLabel(objectName="signInIntro")
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        form = self.form = QFormLayout()
        self.login = QLineEdit(login, objectName="login")
        self.name = QLineEdit(objectName="newName")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(objectName="confirmPassword", echoMode=QLineEdit.EchoMode.Password)
        self.pos = QComboBox(objectName="pointOfSale")
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Password or PIN"), self.password)
        form.addRow(self.tr("Password again"), self.confirm)
        form.addRow(self.tr("Point of sale of this workstation"), self.pos)
        lay.addLayout(form)
        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020")
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Sign in"))
        self.ok.setObjectName("signInButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Quit") if locked_by is None else self.tr("Quit Guichet"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        if locked_by is not None:
            self.intro.setText(self.tr("The session of %1 is locked after a while without activity. "
                                       "Sign in again, as the same operator or another.")
                               .replace("%1", locked_by.display_name))
            self.login.setText(locked_by.login)
        else:
            self.intro.setText(self.tr("Sign in with your login and your password (or your PIN)."))
        for w in (self.name, self.confirm):
            self._show_row(w, False)
        self._show_row(self.pos, False)
        self.ok.setEnabled(False)
        self._load()

    def _show_row(self, field, visible: bool) -> None:
        self.form.setRowVisible(field, visible)

    def _load(self) -> None:
        from app.services.operators import actor_for_os_user, has_operators
        from app.services.inventory.payment import box_office_points_of_sale, workstation_point_of_sale

        db = self.db

        def load():
            bound = actor_for_os_user(db)
            return (has_operators(db), workstation_point_of_sale(db), box_office_points_of_sale(db),
                    bound.login if bound else "")

        tasks().run(load, self._loaded, self._failed)

    def _loaded(self, result) -> None:
        has_ops, pos, all_pos, bound_login = result
        if not self.login.text():
            self.login.setText(bound_login)  # the OS user's operator, the usual one at this till
        self.point_of_sale = pos
        self.first_start = not has_ops
        if not has_ops:
            self.intro.setText(self.tr("No operator yet: create the first manager of this database."))
            self.login.setText(self.login.text() or getpass.getuser())
            self._show_row(self.name, True)
            self._show_row(self.confirm, True)
            self.ok.setText(self.tr("Create and sign in"))
        if pos is None:
            for p in all_pos:
                self.pos.addItem(f"{p.name} ({p.code})", p.code)
            self._show_row(self.pos, True)
        (self.password if self.login.text() else self.login).setFocus()
        self.ok.setEnabled(True)
        self.ready.emit()

    def _failed(self, exc) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.error.setText(error_text(exc))

    def submit(self) -> None:
        from app.domain.enums import Role
        from app.services.operators import NewOperator, create_first_manager, sign_in
        from app.services.inventory.payment import set_workstation_point_of_sale

        login, secret = self.login.text().strip(), self.password.text()
        if not login or not secret:
            self.error.setText(self.tr("Enter your login and your password."))
            return
        if self.first_start and secret != self.confirm.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        chosen_pos = self.pos.currentData() if self.point_of_sale is None else None
        if self.point_of_sale is None and not chosen_pos:
            self.error.setText(self.tr("This database has no box-office point of sale yet."))
            return
        db, first, name = self.db, self.first_start, self.name.text().strip()

        def work():
            if first:
                actor = create_first_manager(db, NewOperator(login, name or login, Role.MANAGER,
                                                             getpass.getuser(), secret))
            else:
                actor = sign_in(db, login, secret)
            if chosen_pos:
                set_workstation_point_of_sale(db, actor, chosen_pos)
            return actor

        self.ok.setEnabled(False)
        self.error.clear()
        tasks().run(work, self._signed_in, self._failed)

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        if self.point_of_sale is None:
            self.point_of_sale = self.pos.currentData()
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Escape at an idle lock would leave the till open: only "Quit" leaves.
        if event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)
