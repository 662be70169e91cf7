"""Operators (managers only change them): the list, a new operator, disable / enable,
a new password or PIN (which also clears a lock)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import Role
from app.ui.setup_widgets import button_row, column, heading, selected_row, side_by_side, table_view, yes_no
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, error_text


class OperatorsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        roles = {Role.MANAGER: self.tr("manager"), Role.CASHIER: self.tr("cashier"),
                 Role.AUDITOR: self.tr("auditor (read-only)")}
        self.model = RowsModel([
            Column(self.tr("Login"), lambda o: o.login),
            Column(self.tr("Name"), lambda o: o.display_name),
            Column(self.tr("Role"), lambda o: roles[o.role]),
            Column(self.tr("Active"), lambda o: yes_no(o.active)),
            Column(self.tr("OS user"), lambda o: o.os_user or ""),
            Column(self.tr("Password"), lambda o: yes_no(o.has_secret)),
            Column(self.tr("Locked until"), lambda o: f"{o.locked_until:%H:%M:%S}" if o.locked_until else ""),
        ], self)
        self.table = table_view(self.model, "operatorsTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.disable_button = QPushButton(self.tr("Disable"), objectName="disableOperator")
        self.enable_button = QPushButton(self.tr("Enable"), objectName="enableOperator")
        self.reset_secret = QLineEdit(objectName="resetSecret", echoMode=QLineEdit.EchoMode.Password,
                                      placeholderText=self.tr("New password or PIN"))
        self.reset_button = QPushButton(self.tr("Reset password"), objectName="resetPassword")
        left = column(heading(self.tr("Operators")), self.table,
                      button_row(self.disable_button, self.enable_button, None),
                      button_row(self.reset_secret, self.reset_button), stretch=1)

        box = QGroupBox(self.tr("New operator"), objectName="newOperatorBox")
        form = QFormLayout(box)
        self.login = QLineEdit(objectName="newLogin")
        self.name = QLineEdit(objectName="newName")
        self.role = QComboBox(objectName="newRole")
        self.role.addItem(roles[Role.CASHIER], Role.CASHIER)
        self.role.addItem(roles[Role.MANAGER], Role.MANAGER)
        self.role.addItem(roles[Role.AUDITOR], Role.AUDITOR)
        self.secret = QLineEdit(objectName="newSecret", echoMode=QLineEdit.EchoMode.Password)
        self.os_user = QLineEdit(objectName="newOsUser")
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password or PIN"), self.secret)
        form.addRow(self.tr("OS user (optional)"), self.os_user)
        hint = QLabel(self.tr("Managers need a password of at least 8 characters; cashiers may use a PIN "
                              "of 4 to 8 digits. The OS user bound to an operator starts the command line "
                              "without a password."), wordWrap=True)
        form.addRow(hint)
        self.add_button = QPushButton(self.tr("Add"), objectName="addOperator")
        form.addRow("", self.add_button)
        right = column(box, QWidget(), stretch=1)
        self.message = QLabel(objectName="operatorsMessage", wordWrap=True)
        lay = QVBoxLayout(self)
        if not actor.is_manager:
            lay.addWidget(QLabel(self.tr("Only a manager may change the operators."), objectName="readOnlyHint"))
        lay.addWidget(side_by_side(left, right, (760, 360)))
        lay.addWidget(self.message)
        for w in (self.disable_button, self.enable_button, self.reset_button, self.add_button,
                  self.reset_secret, box):
            w.setEnabled(actor.is_manager)
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(lambda: self.set_active(False))
        self.enable_button.clicked.connect(lambda: self.set_active(True))
        self.reset_button.clicked.connect(self.reset)
        self.reload()

    def reload(self) -> None:
        from app.services.operators import operator_details

        db = self.db
        tasks().run(lambda: operator_details(db), self.model.set_rows, self._failed)

    def _failed(self, exc) -> None:
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(exc))

    def _done(self, text: str):
        def done(_result):
            self.message.setStyleSheet("")
            self.message.setText(text)
            self.reload()
        return done

    def add(self) -> None:
        from app.services.operators import NewOperator, add_operator

        new = NewOperator(self.login.text().strip(), self.name.text().strip(), Role(self.role.currentData()),
                          self.os_user.text().strip() or None, self.secret.text() or None)
        db, actor = self.db, self.actor

        def done(a):
            for w in (self.login, self.name, self.secret, self.os_user):
                w.clear()
            self._done(self.tr("Operator %1 added.").replace("%1", a.login))(a)

        tasks().run(lambda: add_operator(db, actor, new), done, self._failed)

    def _selected(self):
        row = selected_row(self.table)
        if row is None:
            self._failed(Exception(self.tr("Select an operator first.")))
        return row

    def set_active(self, active: bool) -> None:
        from app.services.operators import set_active

        row = self._selected()
        if row is None:
            return
        db, actor, login = self.db, self.actor, row.login
        text = (self.tr("Operator %1 enabled.") if active else self.tr("Operator %1 disabled.")).replace("%1", login)
        tasks().run(lambda: set_active(db, actor, login, active), self._done(text), self._failed)

    def reset(self) -> None:
        from app.services.operators import reset_password

        row = self._selected()
        if row is None:
            return
        db, actor, login, secret = self.db, self.actor, row.login, self.reset_secret.text()
        self.reset_secret.clear()
        tasks().run(lambda: reset_password(db, actor, login, secret),
                    self._done(self.tr("New password of %1 set.").replace("%1", login)), self._failed)
