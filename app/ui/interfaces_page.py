"""Distributor interfaces: "Liste des interfaces" (type "Ventes externes") with new /
delete / hide, and the editor with its tabs Général, Correspondances, Programmations,
Exécutions, plus the pre-flight check with a button per problem that opens where to fix it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import ChannelKind, DistributorKind, ErrorClass, MappedObject, MappingKind, PricePolicy
from app.services.setup import channels as channel_service
from app.services.setup import interfaces as service
from app.services.setup import mappings as mapping_service
from app.services.setup import mappings_excel
from app.services.setup import preflight as preflight_service
from app.ui.setup_widgets import (
    Form,
    add_enum_items,
    combo_enum,
    short_kind,
    confirm,
    heading,
    label,
    open_screen,
    save_with,
    select_where,
    selected_row,
    set_combo,
    table_view,
)
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error


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


# --- General tab -----------------------------------------------------------------------

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
        add_enum_items(self.kind, DistributorKind)
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


# --- Mappings tab ----------------------------------------------------------------------

class MappingDialog(QDialog):
    """New mapping, or edit one: kind → local object (or a category code, generic),
    season, external id(s) written 15|20|22."""

    def __init__(self, page: "InterfacesPage", interface_id: int, objects: list[mapping_service.MappableObject],
                 seasons, row: mapping_service.MappingRow | None = None, preset=None, parent=None):
        super().__init__(parent)
        self.page, self.interface_id, self.objects, self.row = page, interface_id, objects, row
        self.saved_row = None
        self.setWindowTitle(self.tr("Mapping") if row else self.tr("New mapping"))
        self.setObjectName("mappingDialog")
        f = self.form = Form()
        self.kind = f.add("kind", self.tr("Data"), QComboBox(objectName="mappingKind"))
        add_enum_items(self.kind, MappingKind)
        self._choices: list[tuple] = []  # (object type, object id, code) per object item
        self.object = f.add("object", self.tr("Local object"), QComboBox(objectName="mappingObject"))
        self.generic = f.add("generic", "", QCheckBox(self.tr("Generic: this code in every logical configuration"),
                                                      objectName="mappingGeneric"))
        self.season = f.add("season", self.tr("Season"), QComboBox(objectName="mappingSeason"))
        self.season.addItem(self.tr("(the object's)"), None)
        for sid, code, name in seasons:
            self.season.addItem(f"{code} — {name}", sid)
        self.external = f.add("external_id", self.tr("External id"), QLineEdit(objectName="mappingExternal"))
        self.external.setPlaceholderText(self.tr("e.g. 15, or 15|20|22 for several codes"))
        f.finish()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(f)
        lay.addWidget(buttons)
        self.resize(560, 260)
        self.kind.currentIndexChanged.connect(lambda *_: self._fill_objects())
        self.generic.toggled.connect(lambda *_: self._fill_objects(keep=True))
        if row is not None:
            set_combo(self.kind, row.kind)
            self.generic.setChecked(row.generic)
            self._fill_objects()
            self._select_object(row.object_type, row.object_id, row.object_code)
            set_combo(self.season, row.season_id)
            self.external.setText(row.external_id)
            self.kind.setEnabled(False)
            self.object.setEnabled(False)
            self.generic.setEnabled(False)
        else:
            otype, oid = preset or (None, None)
            if otype is not None:
                set_combo(self.kind, mapping_service.KIND_OF[otype])
            self._fill_objects()
            if otype is not None:
                self._select_object(otype, oid, "")
        self.external.setFocus()

    def _fill_objects(self, keep: bool = False) -> None:
        kind = combo_enum(self.kind, MappingKind)
        before = self.current_object() if keep else None
        self.generic.setVisible(kind is MappingKind.SEAT_CATEGORY)
        generic = kind is MappingKind.SEAT_CATEGORY and self.generic.isChecked()
        self.object.clear()
        self._choices = []
        for o in self.objects:
            if o.kind is kind:
                if generic:
                    self._choices.append((o.object_type, None, o.code))
                    self.object.addItem(o.code + " — " + self.tr("every configuration"), len(self._choices) - 1)
                else:
                    self._choices.append((o.object_type, o.object_id, o.code))
                    self.object.addItem(f"{o.reference} — {o.name} ({label(o.object_type)})",
                                        len(self._choices) - 1)
        if before is not None:
            self._select_object(before[0], None if generic else before[1], before[2])

    def current_object(self):
        i = self.object.currentData()
        return self._choices[i] if i is not None and 0 <= i < len(self._choices) else None

    def _select_object(self, otype, oid, code) -> None:
        for i, (t, item_id, item_code) in enumerate(self._choices):
            if t is otype and (item_id == oid if oid is not None else (item_id is None and item_code == code)):
                self.object.setCurrentIndex(self.object.findData(i))
                return

    def save(self) -> None:
        data = self.current_object()
        if data is None:
            self.form.show_errors({"object": self.tr("choose the local object")})
            return
        otype, oid, code = data
        code = code if oid is None else ""
        inp = mapping_service.MappingInput(otype, oid, self.external.text(), self.season.currentData(), code,
                                           self.row.id if self.row else None)
        page = self.page

        def ok(saved):
            self.saved_row = saved
            self.accept()

        save_with(self.form, lambda: mapping_service.save_mapping(page.db, page.actor, self.interface_id, inp),
                  ok, self.tr("Mapping"), {"season": "season"})


class MappingsTab(QWidget):
    changed = Signal()

    def __init__(self, page: "InterfacesPage"):
        super().__init__()
        self.page = page
        self.interface_id: int | None = None
        self.objects: list[mapping_service.MappableObject] = []
        self.seasons: list = []
        self.kind = QComboBox(objectName="kindFilter")
        self.kind.addItem(self.tr("All data"), None)
        add_enum_items(self.kind, MappingKind)
        self.season = QComboBox(objectName="seasonFilter")
        self.product = QComboBox(objectName="productFilter")
        self.external = QLineEdit(objectName="externalFilter")
        self.external.setPlaceholderText(self.tr("External id…"))
        self.external.setClearButtonEnabled(True)
        # Columns: DONNÉE, SAISON, NOM LOCAL, ID EXTERNE, OBJET.
        self.model = RowsModel([
            Column(self.tr("Data"), lambda r: short_kind(r.kind)),
            Column(self.tr("Season"), lambda r: r.season_code),
            Column(self.tr("Local name"), lambda r: r.local_name),
            Column(self.tr("External id"), lambda r: r.external_id),
            Column(self.tr("Object"), lambda r: f"{label(r.object_type)} {r.reference}"
                   + (" (" + self.tr("generic") + ")" if r.generic else "")),
        ], self)
        self.table = table_view(self.model, "mappingsTable")
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, header.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.kind.setMaximumWidth(280)
        for combo in (self.season, self.product):
            combo.setMinimumWidth(110)
        self.external.setMinimumWidth(140)
        self.count = QLabel(objectName="mappingsCount")
        self.new_button = QPushButton(self.tr("New"), objectName="newMapping")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteMappings")
        self.export_button = QPushButton(self.tr("Export to Excel"), objectName="exportExcel")  # Exporter vers Excel
        self.import_button = QPushButton(self.tr("Import from Excel"), objectName="importExcel")
        top = QHBoxLayout()
        for text, w in ((self.tr("Data"), self.kind), (self.tr("Season"), self.season),
                        (self.tr("Product"), self.product)):
            top.addWidget(QLabel(text))
            top.addWidget(w)
        top.addWidget(self.external, 1)
        bottom = QHBoxLayout()
        for b in (self.new_button, self.delete_button):
            bottom.addWidget(b)
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.import_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        for w in (self.new_button, self.delete_button, self.import_button):
            w.setEnabled(page.actor.is_manager)
        for combo in (self.kind, self.season, self.product):
            combo.currentIndexChanged.connect(lambda *_: self.reload())
        self.external.textChanged.connect(lambda *_: self.reload())
        self.new_button.clicked.connect(lambda: self.open_editor())
        self.table.doubleClicked.connect(lambda idx: self.open_editor(self.model.rows[idx.row()]))
        self.delete_button.clicked.connect(self.delete)
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_)
        # Injectable for tests: where to save / what to open, and how the dialog runs.
        self.ask_save_path = lambda name: QFileDialog.getSaveFileName(
            self, self.tr("Export mappings"), f"{name}.xlsx", self.tr("Excel workbook (*.xlsx)"))[0]
        self.ask_open_path = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Import mappings"), "", self.tr("Excel workbook (*.xlsx)"))[0]
        self.run_dialog = lambda dialog: dialog.open()
        self.last_dialog: MappingDialog | None = None

    def set_interface(self, interface_id: int | None) -> None:
        self.interface_id = interface_id
        self.setEnabled(interface_id is not None)
        if interface_id is None:
            self.model.set_rows([])
            return

        def load():
            return mapping_service.list_objects(self.page.db), mapping_service.list_seasons(self.page.db)

        def done(data):
            self.objects, self.seasons = data
            for combo in (self.season, self.product):
                combo.blockSignals(True)
            keep_s, keep_p = self.season.currentData(), self.product.currentData()
            self.season.clear()
            self.season.addItem(self.tr("All seasons"), None)
            for sid, code, name in self.seasons:
                self.season.addItem(f"{code} — {name}", sid)
            self.product.clear()
            self.product.addItem(self.tr("All products"), None)
            for o in self.objects:
                if o.kind is MappingKind.PRODUCT and o.object_type is not MappedObject.PERFORMANCE:
                    self.product.addItem(f"{o.name} ({o.code})", o.object_id)
            set_combo(self.season, keep_s)
            set_combo(self.product, keep_p)
            for combo in (self.season, self.product):
                combo.blockSignals(False)
            self.reload()

        tasks().run(load, done, self._fail)

    def _fail(self, exc) -> None:
        show_error(self, self.tr("Mappings"), exc)

    def reload(self) -> None:
        iid = self.interface_id
        if iid is None:
            return
        kind, season, product, ext = (combo_enum(self.kind, MappingKind), self.season.currentData(),
                                      self.product.currentData(), self.external.text())

        def done(rows):
            self.model.set_rows(rows)
            self.count.setText(self.tr("%n mapping(s)", "", len(rows)))

        tasks().run(lambda: mapping_service.list_mappings(self.page.db, iid, kind=kind, season_id=season,
                                                          product_id=product, external_id=ext), done, self._fail)

    def open_editor(self, row=None, preset=None) -> MappingDialog | None:
        if self.interface_id is None:
            return None
        dialog = MappingDialog(self.page, self.interface_id, self.objects, self.seasons, row, preset, self)
        dialog.accepted.connect(lambda: (self.reload(), self.changed.emit()))
        self.last_dialog = dialog
        self.run_dialog(dialog)
        return dialog

    def delete(self) -> None:
        rows = [self.model.rows[i.row()] for i in self.table.selectionModel().selectedRows()]
        if not rows or not confirm(self, self.tr("Delete mappings"),
                                   self.tr("Delete %n mapping(s)?", "", len(rows))):
            return
        iid = self.interface_id
        tasks().run(lambda: mapping_service.delete_mappings(self.page.db, self.page.actor, iid, [r.id for r in rows]),
                    lambda _: (self.reload(), self.changed.emit()), self._fail)

    def export(self) -> None:
        iid = self.interface_id
        name = self.page.general.current.name_fr if self.page.general.current else "mappings"
        path = self.ask_save_path(name) if iid else ""
        if not path:
            return
        self.export_button.setEnabled(False)

        def ok(result):
            self.export_button.setEnabled(True)
            self._info(self.tr("Export to Excel", "dialog title"),
                       self.tr("%1: %2 mapping(s), %3 object(s) still unmapped (sheet 'Unmapped').")
                       .replace("%1", result.path).replace("%2", str(result.mappings))
                       .replace("%3", str(result.unmapped)))

        def failed(exc):
            self.export_button.setEnabled(True)
            self._fail(exc)

        tasks().run(lambda: mappings_excel.export_mappings(self.page.db, iid, path), ok, failed)

    def import_(self) -> None:
        iid = self.interface_id
        path = self.ask_open_path() if iid else ""
        if not path:
            return

        def ok(result):
            self.reload()
            self.changed.emit()
            self._info(self.tr("Import from Excel", "dialog title"), result.message())

        def failed(exc):
            if isinstance(exc, mappings_excel.WorkbookErrors):
                box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import from Excel", "dialog title"),
                                  self.tr("The workbook was not imported: %n error(s). Nothing was saved.", "",
                                          len(exc.errors)), QMessageBox.StandardButton.Ok, self)
                box.setDetailedText("\n".join(str(e) for e in exc.errors))
                box.setObjectName("importErrors")
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()
                self.last_errors = exc.errors
            else:
                self._fail(exc)

        tasks().run(lambda: mappings_excel.import_mappings(self.page.db, self.page.actor, iid, path), ok, failed)

    def _info(self, title, text) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("infoDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


# --- Pre-flight tab --------------------------------------------------------------------

class PreflightTab(QWidget):
    def __init__(self, page: "InterfacesPage"):
        super().__init__()
        self.page = page
        self.interface_id: int | None = None
        self.report: preflight_service.PreflightReport | None = None
        self.event_combo = QComboBox(objectName="checkEvent")
        self.run_button = QPushButton(self.tr("Check now"), objectName="runCheck")
        self.summary = QLabel(objectName="checkSummary")
        self.summary.setWordWrap(True)
        self.model = RowsModel([
            Column(self.tr("Class"), lambda i: label(i.error_class),
                   background=lambda i: "#fde2e1" if i.error_class is ErrorClass.MAPPING else "#fff1cc"),
            Column(self.tr("What would fail"), lambda i: i.message),
            Column(self.tr("Fix"), lambda i: ""),
        ], self)
        self.table = table_view(self.model, "checkTable")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, self.table.horizontalHeader().ResizeMode.Stretch)
        self.notes = QLabel(objectName="checkNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #555")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Event")))
        top.addWidget(self.event_combo, 1)
        top.addWidget(self.run_button)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("What would make a synchronisation fail, with the error class it would "
                                     "raise. Each button opens the screen where it is fixed.")))
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notes)
        self.run_button.clicked.connect(self.run)
        self.event_combo.currentIndexChanged.connect(lambda *_: self.run())
        self.fix_buttons: list[QPushButton] = []

    def set_interface(self, interface_id: int | None, events=None) -> None:
        self.interface_id = interface_id
        self.setEnabled(interface_id is not None)
        if events is not None:
            self.event_combo.blockSignals(True)
            keep = self.event_combo.currentData()
            self.event_combo.clear()
            self.event_combo.addItem(self.tr("All events on sale through the channel"), None)
            for o in events:
                self.event_combo.addItem(f"{o.name} ({o.code}, {o.season_code})", o.object_id)
            set_combo(self.event_combo, keep)
            self.event_combo.blockSignals(False)
        self.model.set_rows([])
        self.summary.clear()
        self.notes.clear()

    def run(self) -> None:
        iid, event = self.interface_id, self.event_combo.currentData()
        if iid is None:
            return
        self.run_button.setEnabled(False)

        def done(report):
            self.run_button.setEnabled(True)
            self.show_report(report)

        def failed(exc):
            self.run_button.setEnabled(True)
            show_error(self, self.tr("Pre-flight check"), exc)

        tasks().run(lambda: preflight_service.check_interface(self.page.db, iid, event), done, failed)

    def show_report(self, report: preflight_service.PreflightReport) -> None:
        self.report = report
        self.model.set_rows(list(report.items))
        self.fix_buttons = []
        for row, item in enumerate(report.items):
            button = QPushButton(self._fix_label(item), objectName=f"fix_{row}")
            button.clicked.connect(lambda _=False, it=item: self.fix(it))
            self.table.setIndexWidget(self.model.index(row, 2), button)
            self.fix_buttons.append(button)
        if report.ok:
            self.summary.setText("<b style='color:#1e7d32'>" + self.tr(
                "Ready: nothing missing (%1 event(s), %2 performance(s), %3 object(s) checked).")
                .replace("%1", str(report.checked.get("events", 0)))
                .replace("%2", str(report.checked.get("performances", 0)))
                .replace("%3", str(report.checked.get("objects", 0))) + "</b>")
        else:
            self.summary.setText("<b style='color:#b00020'>" + self.tr(
                "%n problem(s) would make a synchronisation fail.", "", len(report.items)) + "</b>")
        self.notes.setText("\n".join(self.tr("Note: %1").replace("%1", n) for n in report.notes))

    def _fix_label(self, item) -> str:
        if item.tab == preflight_service.TAB_MAPPINGS:
            return self.tr("Add the mapping…")
        return {preflight_service.SCREEN_INTERFACES: self.tr("Open the interface"),
                preflight_service.SCREEN_PROFILES: self.tr("Open activity profiles"),
                preflight_service.SCREEN_CONTINGENTS: self.tr("Open contingents"),
                preflight_service.SCREEN_CHANNELS: self.tr("Open sales channels")}.get(item.screen, self.tr("Open"))

    def fix(self, item: preflight_service.PreflightItem) -> None:
        self.page.fix(item)


# --- The page --------------------------------------------------------------------------

class InterfacesPage(QWidget):
    TABS = ("general", "mappings", "schedules", "executions", "check")
    open_requested = Signal(str, dict)  # page key, hints — when the fix lives on another screen

    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.type_filter = QComboBox(objectName="typeFilter")
        self.type_filter.addItem(self.tr("External sales"), service.INTERFACE_TYPE)  # "Ventes externes"
        self.show_hidden = QCheckBox(self.tr("Show hidden"), objectName="showHidden")
        self.model = RowsModel([
            Column(self.tr("Internal name"), lambda r: r.name_fr),
            Column(self.tr("Distributor"), lambda r: label(r.kind)),
            Column(self.tr("Channel"), lambda r: r.channel_code),
            Column(self.tr("Mappings"), lambda r: r.mappings, align_right=True),
            Column(self.tr("Status"), lambda r: self.tr("Visible") if r.visible else self.tr("Hidden"),
                   background=lambda r: None if r.visible else "#e6e6e6"),
        ], self)
        self.table = table_view(self.model, "interfacesTable")
        self.new_button = QPushButton(self.tr("New"), objectName="newInterface")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteInterface")
        self.hide_button = QPushButton(self.tr("Hide"), objectName="hideInterface")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(heading(self.tr("Interfaces")))  # "Liste des interfaces"
        tl = QHBoxLayout()
        tl.addWidget(QLabel(self.tr("Type")))
        tl.addWidget(self.type_filter, 1)
        tl.addWidget(self.show_hidden)
        ll.addLayout(tl)
        ll.addWidget(self.table, 1)
        bl = QHBoxLayout()
        for b in (self.new_button, self.delete_button, self.hide_button):
            bl.addWidget(b)
        bl.addStretch(1)
        ll.addLayout(bl)

        self.title = QLabel(objectName="editorTitle")
        self.tabs = QTabWidget(objectName="interfaceTabs")
        self.general = GeneralTab(self)
        self.mappings = MappingsTab(self)
        self.check = PreflightTab(self)
        self.tabs.addTab(self.general, self.tr("General"))  # Général
        self.tabs.addTab(self.mappings, self.tr("Mappings"))  # Correspondances
        from app.ui.schedules.overview import SchedulesList

        self.schedules = SchedulesList(db, actor, scoped=True, parent=self)  # Programmations
        self.tabs.addTab(self.schedules, self.tr("Schedules"))
        for text in (self.tr("Executions"),):  # Exécutions
            soon = QLabel(self.tr("%1 of this interface come with the schedules and executions capability.")
                          .replace("%1", text), objectName="comingSoon")
            soon.setWordWrap(True)
            soon.setAlignment(Qt.AlignmentFlag.AlignTop)
            soon.setContentsMargins(12, 12, 12, 12)
            self.tabs.addTab(soon, text)
        self.tabs.addTab(self.check, self.tr("Pre-flight check"))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.tabs, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        left.setMinimumWidth(300)
        split.setSizes([480, 760])
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_select())
        self.show_hidden.toggled.connect(lambda *_: self.reload())
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.general.saved.connect(lambda d: self.reload(d.id))
        self.mappings.changed.connect(lambda: self.reload())
        for w in (self.new_button, self.delete_button, self.hide_button):
            w.setEnabled(actor.is_manager)
        self._events = []
        self._selected_id: int | None = None
        self.start()

    def _fail(self, exc) -> None:
        show_error(self, self.tr("Interfaces"), exc)

    def start(self) -> None:
        def load():
            return (channel_service.list_channels(self.db), channel_service.list_contacts(self.db),
                    channel_service.list_points_of_sale(self.db),
                    [o for o in mapping_service.list_objects(self.db, MappingKind.PRODUCT)
                     if o.object_type is MappedObject.EVENT])

        def done(data):
            chans, contacts, pos, self._events = data
            self.general.set_choices(chans, contacts, pos)
            self.reload()

        tasks().run(load, done, self._fail)

    def reload(self, select_id: int | None = None) -> None:
        select_id = select_id or self._selected_id
        hidden = self.show_hidden.isChecked()

        def done(rows):
            self.model.set_rows(rows)
            if not (select_id and select_where(self.table, lambda r: r.id == select_id)):
                if rows:
                    self.table.selectRow(0)
                else:
                    self.edit(None)

        tasks().run(lambda: service.list_interfaces(self.db, include_hidden=hidden), done, self._fail)

    def _on_select(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.edit(row)

    def edit(self, d: service.InterfaceData | None) -> None:
        changed = (d.id if d else None) != self._selected_id
        self._selected_id = d.id if d else None
        self.title.setText(f"<h3>{d.name_fr}</h3>" if d else "<h3>" + self.tr("New interface") + "</h3>")
        self.general.edit(d)
        self.hide_button.setText(self.tr("Show") if d and not d.visible else self.tr("Hide"))
        if changed or d is None:
            self.mappings.set_interface(d.id if d else None)
            self.check.set_interface(d.id if d else None, self._events)
            self.schedules.set_interface(d.id if d else None)
        for i in (1, 2, 4):
            self.tabs.setTabEnabled(i, d is not None)

    def new(self) -> None:
        self.table.clearSelection()
        self.edit(None)
        self.tabs.setCurrentIndex(0)
        self.general.name_fr.setFocus()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(self.TABS.index(key))

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return

        def with_usage(usage):
            used = {k: n for k, n in usage.items() if n}
            if used:
                what = ", ".join(f"{n} {k}" for k, n in used.items())
                if not confirm(self, self.tr("Delete interface"),
                               self.tr("%1 has %2. Deleting it would destroy that history: hide it instead?")
                               .replace("%1", row.name_fr).replace("%2", what)):
                    return
                hide = True
            else:
                if not confirm(self, self.tr("Delete interface"),
                               self.tr("Delete interface %1 and its stored password?").replace("%1", row.name_fr)):
                    return
                hide = False

            def ok(_outcome):
                if _outcome == "deleted":
                    self._selected_id = None
                self.reload()

            tasks().run(lambda: service.delete_interface(self.db, self.actor, row.id, hide_if_used=hide), ok,
                        self._fail)

        tasks().run(lambda: service.interface_usage(self.db, row.id), with_usage, self._fail)

    def toggle_hidden(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        if row.visible and not self.show_hidden.isChecked():
            self.show_hidden.setChecked(True)
        tasks().run(lambda: service.set_visible(self.db, self.actor, row.id, not row.visible),
                    lambda _: self.reload(row.id), self._fail)

    def focus_on(self, interface_id: int | None = None, tab: str | None = None, **_):
        if interface_id:
            select_where(self.table, lambda r: r.id == interface_id)
        if tab:
            self.show_tab(tab)

    def fix(self, item: preflight_service.PreflightItem) -> None:
        """Open where the pre-flight item is fixed."""
        if item.screen == preflight_service.SCREEN_INTERFACES and item.tab == preflight_service.TAB_MAPPINGS:
            self.show_tab("mappings")
            self.mappings.open_editor(preset=(item.object_type, item.object_id))
            return
        if item.screen == preflight_service.SCREEN_INTERFACES:
            self.show_tab("general")
            widget = self.general.form.fields.get(item.field)
            if widget is not None:
                self.general.form.show_errors({item.field: item.message})
            return
        hints = {"channel_id": item.channel_id, "season_id": item.season_id}
        if item.screen == preflight_service.SCREEN_CONTINGENTS:
            hints["new_for_channel"] = item.channel_id
        self.open_requested.emit(item.screen, hints)
        open_screen(self, item.screen, **hints)
