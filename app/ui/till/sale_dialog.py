"""The sale confirmation: total, payment mode of this point of sale (cash with the amount
given and the change), optional customer. Nothing is sold before "Confirm the sale"."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from app.services.inventory.payment import Customer, PaymentModeInfo, parse_amount
from app.i18n import amount


class SaleDialog(QDialog):
    def __init__(self, total: Decimal, seats: int, modes: list[PaymentModeInfo], point_of_sale: str, parent=None):
        super().__init__(parent)
        self.total = total
        self.setObjectName("saleDialog")
        self.setWindowTitle(self.tr("Confirm the sale"))
        self.setMinimumWidth(440)
        lay = QVBoxLayout(self)
        head = QLabel(objectName="saleDialogTotal")
        head.setText("<h2>" + self.tr("Total: %1 EUR").replace("%1", amount(total)) + "</h2>"
                     + self.tr("%n seat(s) — point of sale %1", "", seats).replace("%1", point_of_sale))
        lay.addWidget(head)

        pay = QGroupBox(self.tr("Payment"), objectName="paymentBox")
        pay_lay = QVBoxLayout(pay)
        row = QHBoxLayout()
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        self._cash: set[str] = set()
        for i, m in enumerate(modes):
            b = QRadioButton(m.name, objectName=f"payment_{m.code}")
            self.modes.addButton(b, i)
            b.setProperty("code", m.code)
            self.mode_buttons[m.code] = b
            if m.is_cash:
                self._cash.add(m.code)
            row.addWidget(b)
        row.addStretch(1)
        pay_lay.addLayout(row)
        cash_form = QFormLayout()
        self.given = QLineEdit(objectName="amountGiven", placeholderText=amount(total, grouped=False))
        self.change = QLabel(objectName="change")
        cash_form.addRow(self.tr("Amount given (EUR)"), self.given)
        cash_form.addRow(self.tr("Change"), self.change)
        self.cash_form = cash_form
        pay_lay.addLayout(cash_form)
        lay.addWidget(pay)

        cust = QGroupBox(self.tr("Customer (optional)"), objectName="customerBox")
        form = QFormLayout(cust)
        self.name = QLineEdit(objectName="customerName")
        self.email = QLineEdit(objectName="customerEmail")
        self.postcode = QLineEdit(objectName="customerPostcode")
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Postcode"), self.postcode)
        lay.addWidget(cust)

        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.confirm = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm.setText(self.tr("Confirm the sale"))
        self.confirm.setObjectName("confirmSale")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.modes.buttonToggled.connect(lambda *_: self._update())
        self.given.textChanged.connect(lambda _t: self._update())
        if modes:
            self.modes.button(0).setChecked(True)
        else:
            self.error.setText(self.tr("This point of sale has no payment mode: a manager must add one."))
        self._update()

    @property
    def payment(self) -> str | None:
        b = self.modes.checkedButton()
        return b.property("code") if b else None

    def _given(self) -> Decimal | None:
        text = self.given.text().strip()
        return parse_amount(text, "amount given") if text else None

    def _update(self) -> None:
        cash = self.payment in self._cash
        for field in (self.given, self.change):
            self.cash_form.setRowVisible(field, cash)
        ok = self.payment is not None
        self.change.setText("")
        if cash:
            try:
                given = self._given()
            except Exception:  # noqa: BLE001 - any unreadable entry is shown, not raised
                given = None
                self.change.setText(self.tr("not an amount"))
                ok = False
            if given is not None and given < self.total:
                self.change.setText(self.tr("%1 EUR missing").replace("%1", amount(self.total - given)))
                ok = False
            elif given is not None:
                self.change.setText(f"<b>{amount(given - self.total)} EUR</b>")
        self.confirm.setEnabled(ok)

    def choice(self) -> tuple[str | None, Decimal | None, Customer]:
        given = self._given() if self.payment in self._cash else None
        return self.payment, given, Customer(self.name.text().strip(), self.email.text().strip(),
                                             self.postcode.text().strip())

    def _accept(self) -> None:
        try:
            _mode, _given, customer = self.choice()
            customer.check()
        except Exception as exc:  # noqa: BLE001 - InputError from the services' checks
            self.error.setText(str(exc))
            return
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # Enter in the amount field must not sell by accident before the change is read.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.given.hasFocus():
            return
        super().keyPressEvent(event)
