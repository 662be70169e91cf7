"""The interface editor's General tab: the interface's own fields (distributor, channel,
names, connection, keyring line, waiting account, point of sale, price policy, commission,
status, e-mails, options), saved through app.services.setup.interfaces."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.adapters.registry import DISTRIBUTORS
from app.domain.enums import ChannelKind, DistributorKind, PricePolicy
from app.services.setup import channels as channel_service
from app.services.setup import interfaces as service
from app.ui.setup_widgets import Form, add_enum_items, combo_enum, save_with, set_combo
from app.ui.tasks import tasks

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import InterfacesPage


def parse_options(text: str) -> tuple[dict, str | None]:
    """'name=value' per line → dict, or the first bad line."""
    out = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            return out, QCoreApplication.translate("GeneralTab", "line %1: expected name=value").replace("%1", str(n))
        out[key.strip()] = value.strip()
    return out, None


class GeneralTab(QWidget):
    saved = Signal(object)

    def __init__(self, page: "InterfacesPage"):
        super().__init__()
        self.page = page
        self.current: service.InterfaceData | None = None
        self._pos: list[channel_service.PointOfSaleData] = []
        f = self.form = Form()
        self.type = f.add("interface_type", self.tr("Interface type"), QComboBox(objectName="interfaceType"))
        self.type.addItem(self.tr("External sales"), service.INTERFACE_TYPE)  # "Ventes externes"
        self.kind = f.add("kind", self.tr("Distributor"), QComboBox(objectName="kind"))
        add_enum_items(self.kind, DISTRIBUTORS)  # the registered distributors, in registry order
        self.channel = f.add("channel", self.tr("External channel"), QComboBox(objectName="channel"))
        self.name_fr = f.add("name_fr", self.tr("Internal name (FR)"), QLineEdit(objectName="nameFr"))
        self.name_en = f.add("name_en", self.tr("Internal name (EN)"), QLineEdit(objectName="nameEn"))
        self.name_es = f.add("name_es", self.tr("Internal name (ES)"), QLineEdit(objectName="nameEs"))
        self.url = f.add("url", self.tr("URL"), QLineEdit(objectName="url"))
        self.url.setPlaceholderText("https://…")
        self.login = f.add("login", self.tr("Login"), QLineEdit(objectName="login"))
        self.password = f.add("password", self.tr("Password"), QLineEdit(objectName="password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.clear_password = QCheckBox(self.tr("Remove the stored password"), objectName="clearPassword")
        self.keyring_line = QLabel(objectName="keyringLine")
        self.keyring_line.setWordWrap(True)
        self.keyring_line.setStyleSheet("color: #555")
        f.add_row("", self.clear_password)
        f.add_row("", self.keyring_line)
        self.contact = f.add("contact", self.tr("Contact"), QComboBox(objectName="contact"))
        self.waiting = f.add("waiting_account", self.tr("Waiting account"), QCheckBox(objectName="waitingAccount"))
        self.pos_combo = f.add("point_of_sale", self.tr("Point of sale"), QComboBox(objectName="pointOfSale"))
        self.policy = f.add("price_policy", self.tr("Reseller price"), QComboBox(objectName="pricePolicy"))
        add_enum_items(self.policy, PricePolicy)
        self.commission = f.add("commission_percent", self.tr("Commission (%)"), QLineEdit(objectName="commission"))
        self.commission.setPlaceholderText(self.tr("0 to 100, 2 decimals (e.g. 7.50); empty: none"))
        self.commission.setMaximumWidth(380)
        self.status = f.add("visible", self.tr("Status"), QComboBox(objectName="status"))
        self.status.addItem(self.tr("Visible"), True)
        self.status.addItem(self.tr("Hidden"), False)
        self.emails = f.add("notify_emails", self.tr("E-mails on failure"), QLineEdit(objectName="notifyEmails"))
        self.emails.setPlaceholderText("billetterie@example.org, support@example.org")
        self.options = f.add("options", self.tr("Options"), QPlainTextEdit(objectName="options"))
        self.options.setPlaceholderText(self.tr("name=value, one per line (e.g. manager_code=…)"))
        self.options.setMaximumHeight(60)
        f.finish()
        self.save_button = QPushButton(self.tr("Save"), objectName="saveInterface")
        self.save_button.setEnabled(page.actor.is_manager)
        lay = QVBoxLayout(self)
        lay.addWidget(f)
        bl = QHBoxLayout()
        bl.addStretch(1)
        bl.addWidget(self.save_button)
        lay.addLayout(bl)
        lay.addStretch(1)
        self.channel.currentIndexChanged.connect(lambda *_: self._fill_pos())
        self.save_button.clicked.connect(self.save)
        self.clear_password.toggled.connect(lambda on: self.password.setEnabled(not on))

    def set_choices(self, chans, contacts, pos) -> None:
        self._pos = pos
        self.channel.blockSignals(True)
        self.channel.clear()
        self.channel.addItem(self.tr("(choose)"), None)
        for ch in chans:
            if ch.kind is ChannelKind.EXTERNAL:
                self.channel.addItem(f"{ch.name_fr} ({ch.code})", ch.id)
        self.channel.blockSignals(False)
        self.contact.clear()
        self.contact.addItem(self.tr("(none)"), None)
        for c in contacts:
            self.contact.addItem(f"{c.name} ({c.code})", c.id)

    def _fill_pos(self, select=None) -> None:
        ch = self.channel.currentData()
        keep = select if select is not None else self.pos_combo.currentData()
        self.pos_combo.clear()
        self.pos_combo.addItem(self.tr("(none)"), None)
        for p in self._pos:
            if p.channel_id == ch:
                self.pos_combo.addItem(f"{p.name} ({p.code})" + (" — " + self.tr("waiting account")
                                                         if p.waiting_account else ""), p.id)
        set_combo(self.pos_combo, keep)

    def edit(self, d: service.InterfaceData | None) -> None:
        self.current = d
        self.form.clear_errors()
        d = d or service.InterfaceData(None, "", DistributorKind.FNAC, None)
        set_combo(self.kind, d.kind)
        set_combo(self.channel, d.channel_id)
        self.name_fr.setText(d.name_fr)
        self.name_en.setText(d.name_en)
        self.name_es.setText(d.name_es)
        self.url.setText(d.url)
        self.login.setText(d.login)
        self.password.clear()
        self.clear_password.setChecked(False)
        set_combo(self.contact, d.contact_id)
        self.waiting.setChecked(d.waiting_account)
        self._fill_pos(d.point_of_sale_id)
        set_combo(self.policy, d.price_policy)
        self.commission.setText("" if d.commission_percent is None else str(d.commission_percent))
        set_combo(self.status, d.visible)
        self.emails.setText(d.notify_emails)
        self.options.setPlainText("\n".join(f"{k}={v}" for k, v in d.options.items()))
        self.load_keyring(d.id)

    def load_keyring(self, interface_id: int | None) -> None:
        """The keyring is read off the GUI thread (a file keyring derives a key, an OS one may
        wait on its service); a reply for another interface than the one shown is dropped."""
        self.keyring_line.setText(self.tr("Reading the keyring…"))
        db = self.page.db

        def shown(status):
            if (self.current.id if self.current else None) == interface_id:
                self.show_keyring(status)

        tasks().run(lambda: service.password_status(db, interface_id), shown,
                    lambda exc: self.keyring_line.setText(str(exc)))

    def show_keyring(self, status: service.PasswordStatus) -> None:
        if status.problem:
            self.password.setPlaceholderText(self.tr("cannot be stored"))
            self.keyring_line.setText(self.tr("No password can be stored: %1").replace("%1", status.problem))
            self.clear_password.setVisible(False)
            return
        if status.stored:
            self.password.setPlaceholderText(self.tr("stored — type a new one to replace it"))
            text = self.tr("A password is stored in the keyring %1; it is never written to the database.")
        else:
            self.password.setPlaceholderText(self.tr("none stored"))
            text = self.tr("Passwords are kept in the keyring %1, never in the database.")
        self.keyring_line.setText(text.replace("%1", status.backend))
        self.clear_password.setVisible(status.stored)

    def collect(self) -> tuple[service.InterfaceData, str | None]:
        d = self.current or service.InterfaceData(None, "", DistributorKind.FNAC, None)
        options, _err = parse_options(self.options.toPlainText())
        data = replace(
            d, name_fr=self.name_fr.text(), name_en=self.name_en.text(), name_es=self.name_es.text(),
            kind=combo_enum(self.kind, DistributorKind), channel_id=self.channel.currentData(), url=self.url.text(),
            login=self.login.text(), contact_id=self.contact.currentData(), waiting_account=self.waiting.isChecked(),
            point_of_sale_id=self.pos_combo.currentData(), price_policy=combo_enum(self.policy, PricePolicy),
            visible=bool(self.status.currentData()), notify_emails=self.emails.text(), options=options,
            commission_percent=self.commission.text(),
            interface_type=self.type.currentData())
        return data, (self.password.text() or None)

    def save(self) -> None:
        _opts, opt_err = parse_options(self.options.toPlainText())
        if opt_err:
            self.form.show_errors({"options": opt_err})
            return
        data, password = self.collect()
        clear = self.clear_password.isChecked()
        page = self.page

        def ok(saved):
            self.password.clear()
            self.current = saved
            self.saved.emit(saved)

        save_with(self.form, lambda: service.save_interface(page.db, page.actor, data, password=password,
                                                            clear_password=clear), ok, self.tr("Interface"))
