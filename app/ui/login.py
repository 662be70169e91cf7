"""Who is at this workstation: the operator set for the OS user, or the one chosen here."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.db.engine import Database
from app.domain.actors import Actor, SYSTEM
from app.domain.enums import Role


class OperatorDialog(QDialog):
    """Pick an operator (and optionally remember them for this OS user); on a database with
    no operator yet, create the first manager."""

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        from app.services.operators import list_operators

        self.db = db
        self.setWindowTitle(self.tr("Who is at this workstation?"))
        self.operators = list_operators(db)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.combo = QComboBox(objectName="operatorCombo")
        self.login = QLineEdit(objectName="newLogin")
        self.name = QLineEdit(objectName="newName")
        self.remember = QCheckBox(self.tr("Start as this operator for OS user %1").replace("%1", getpass.getuser()))
        if self.operators:
            for o in self.operators:
                role = self.tr("manager") if o.role is Role.MANAGER else self.tr("cashier")
                self.combo.addItem(f"{o.display_name} ({o.login}, {role})", o.login)
            form.addRow(self.tr("Operator"), self.combo)
            form.addRow("", self.remember)
        else:
            lay.addWidget(QLabel(self.tr("No operator yet: create the first manager.")))
            self.login.setText(getpass.getuser())
            form.addRow(self.tr("Login"), self.login)
            form.addRow(self.tr("Name"), self.name)
        lay.addLayout(form)
        self.error = QLabel(objectName="formError")
        self.error.setStyleSheet("color: #b00020")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.actor: Actor | None = None

    def _accept(self) -> None:
        from app.domain.errors import GuichetError
        from app.services.operators import NewOperator, add_operator, find_actor, remember_os_user

        try:
            if self.operators:
                self.actor = find_actor(self.db, self.combo.currentData())
                if self.remember.isChecked():
                    remember_os_user(self.db, self.actor.login, getpass.getuser())
            else:
                login = self.login.text().strip()
                self.actor = add_operator(self.db, SYSTEM, NewOperator(
                    login, self.name.text().strip() or login, Role.MANAGER, getpass.getuser()))
        except GuichetError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
