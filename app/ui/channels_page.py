"""Sales channels ("filières de vente") with their points of sale, and the payment modes
(the distributors' "compte d'attente")."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import ChannelKind, ChannelType
from app.services.setup import channels as service
from app.ui.setup_widgets import (
    button_row,
    column,
    CheckList,
    Form,
    add_enum_items,
    combo_enum,
    confirm,
    heading,
    label,
    save_with,
    select_where,
    selected_row,
    set_combo,
    side_by_side,
    table_view,
    yes_no,
)
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, show_error


class ChannelsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent=None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.channel: service.ChannelData | None = None
        self.pos_data: service.PointOfSaleData | None = None
        self.mode: service.PaymentModeData | None = None
        self._modes: list[service.PaymentModeData] = []

        # --- channels ---
        self.model = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Internal name"), lambda r: r.name_fr),
            Column(self.tr("Internal/external"), lambda r: label(r.kind)),
            Column(self.tr("Type"), lambda r: label(r.type)),
            Column(self.tr("Points of sale"), lambda r: r.points_of_sale, align_right=True),
            Column(self.tr("Visible"), lambda r: yes_no(r.visible)),
        ], self)
        self.table = table_view(self.model, "channelsTable")
        self.new_button = QPushButton(self.tr("New"), objectName="newChannel")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteChannel")

        f = self.form = Form()
        self.code = f.add("code", self.tr("Code"), QLineEdit(objectName="channelCode"))
        self.name_fr = f.add("name_fr", self.tr("Internal name (FR)"), QLineEdit(objectName="channelNameFr"))
        self.name_en = f.add("name_en", self.tr("Internal name (EN)"), QLineEdit(objectName="channelNameEn"))
        self.name_es = f.add("name_es", self.tr("Internal name (ES)"), QLineEdit(objectName="channelNameEs"))
        self.kind = f.add("kind", self.tr("Internal/external"), QComboBox(objectName="channelKind"))
        add_enum_items(self.kind, ChannelKind)
        self.type = f.add("type", self.tr("Type"), QComboBox(objectName="channelType"))
        add_enum_items(self.type, ChannelType)
        self.visible = f.add("visible", self.tr("Visible"), QCheckBox(objectName="channelVisible"))
        f.finish()
        self.save_button = QPushButton(self.tr("Save"), objectName="saveChannel")
        self.channel_box = QGroupBox(self.tr("Sales channel"))
        cl = QVBoxLayout(self.channel_box)
        cl.addWidget(f)
        cl.addLayout(button_row(None, self.save_button))

        # --- points of sale of the selected channel ---
        self.pos_model = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Payment modes"), lambda r: r.payment_modes),
        ], self)
        self.pos_table = table_view(self.pos_model, "posTable")
        self.pos_table.setMaximumHeight(140)
        self.new_pos = QPushButton(self.tr("New point of sale"), objectName="newPos")
        self.delete_pos = QPushButton(self.tr("Delete"), objectName="deletePos")
        pf = self.pos_form = Form()
        self.pos_code = pf.add("code", self.tr("Code"), QLineEdit(objectName="posCode"))
        self.pos_name = pf.add("name", self.tr("Name"), QLineEdit(objectName="posName"))
        self.pos_modes = pf.add("payment_modes", self.tr("Payment modes"), CheckList(objectName="posModes"))
        self.pos_modes.setMaximumHeight(90)
        pf.finish()
        self.save_pos = QPushButton(self.tr("Save point of sale"), objectName="savePos")
        self.pos_box = QGroupBox(self.tr("Points of sale"))
        pl = QVBoxLayout(self.pos_box)
        pl.addWidget(self.pos_table)
        pl.addLayout(button_row(self.new_pos, self.delete_pos, None))
        pl.addWidget(pf)
        pl.addLayout(button_row(None, self.save_pos))

        left = column(self.table, button_row(self.new_button, self.delete_button, None), stretch=0)
        right = column(self.channel_box, self.pos_box, stretch=1)
        split = side_by_side(left, right, (560, 480))
        channels_tab = QWidget()
        QVBoxLayout(channels_tab).addWidget(split)

        # --- payment modes ---
        self.mode_model = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Waiting account"), lambda r: yes_no(r.waiting_account)),
        ], self)
        self.mode_table = table_view(self.mode_model, "modesTable")
        mf = self.mode_form = Form()
        self.mode_code = mf.add("code", self.tr("Code"), QLineEdit(objectName="modeCode"))
        self.mode_name = mf.add("name", self.tr("Name"), QLineEdit(objectName="modeName"))
        # "Compte d'attente": the distributor collects the money and settles later.
        self.mode_waiting = mf.add("waiting_account", self.tr("Waiting account"),
                                   QCheckBox(objectName="modeWaiting"))
        mf.finish()
        self.new_mode = QPushButton(self.tr("New"), objectName="newMode")
        self.save_mode = QPushButton(self.tr("Save"), objectName="saveMode")
        modes_tab = QWidget()
        ml = QHBoxLayout(modes_tab)
        ml.addWidget(self.mode_table, 3)
        mbox = QGroupBox(self.tr("Payment mode"))
        mbl = QVBoxLayout(mbox)
        mbl.addWidget(mf)
        mbl.addLayout(button_row(self.new_mode, None, self.save_mode))
        mbl.addStretch(1)
        ml.addWidget(mbox, 2)

        self.tabs = QTabWidget(objectName="channelTabs")
        self.tabs.addTab(channels_tab, self.tr("Sales channels"))
        self.tabs.addTab(modes_tab, self.tr("Payment modes"))
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Sales channels and points of sale")))
        lay.addWidget(self.tabs)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_channel())
        self.pos_table.selectionModel().selectionChanged.connect(lambda *_: self._on_pos())
        self.mode_table.selectionModel().selectionChanged.connect(lambda *_: self._on_mode())
        self.new_button.clicked.connect(self.new_channel)
        self.delete_button.clicked.connect(self.delete_channel)
        self.save_button.clicked.connect(self.save_channel)
        self.new_pos.clicked.connect(lambda: self.edit_pos(None))
        self.delete_pos.clicked.connect(self.delete_point_of_sale)
        self.save_pos.clicked.connect(self.save_point_of_sale)
        self.new_mode.clicked.connect(lambda: self.edit_mode(None))
        self.save_mode.clicked.connect(self.save_payment_mode)
        for w in (self.new_button, self.delete_button, self.save_button, self.new_pos, self.delete_pos,
                  self.save_pos, self.new_mode, self.save_mode):
            w.setEnabled(actor.is_manager)
        self.reload()

    def _fail(self, exc) -> None:
        show_error(self, self.tr("Sales channels"), exc)

    def reload(self, select_id: int | None = None) -> None:
        select_id = select_id or (self.channel.id if self.channel else None)

        def load():
            return service.list_channels(self.db), service.list_payment_modes(self.db)

        def done(data):
            rows, self._modes = data
            self.model.set_rows(rows)
            self.mode_model.set_rows(self._modes)
            self.pos_modes.set_items([(m.id, f"{m.name} ({m.code})" + (" — " + self.tr("waiting account")
                                                                     if m.waiting_account else ""))
                                      for m in self._modes])
            if not (select_id and select_where(self.table, lambda r: r.id == select_id)) and rows:
                self.table.selectRow(0)

        tasks().run(load, done, self._fail)

    def focus_on(self, channel_id: int | None = None, **_):
        if channel_id:
            self.tabs.setCurrentIndex(0)
            select_where(self.table, lambda r: r.id == channel_id)

    # --- channels ---
    def _on_channel(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.edit_channel(row)

    def edit_channel(self, ch: service.ChannelData | None) -> None:
        self.channel = ch
        self.form.clear_errors()
        c = ch or service.ChannelData(None, "", "", kind=ChannelKind.EXTERNAL, type=ChannelType.DISTRIBUTOR)
        self.channel_box.setTitle(self.tr("Sales channel %1").replace("%1", c.code) if c.id
                                  else self.tr("New sales channel"))
        self.code.setText(c.code)
        self.name_fr.setText(c.name_fr)
        self.name_en.setText(c.name_en)
        self.name_es.setText(c.name_es)
        set_combo(self.kind, c.kind)
        set_combo(self.type, c.type)
        self.visible.setChecked(c.visible)
        self.pos_box.setEnabled(c.id is not None)
        self.load_pos()

    def new_channel(self) -> None:
        self.table.clearSelection()
        self.edit_channel(None)
        self.code.setFocus()

    def collect_channel(self) -> service.ChannelData:
        return service.ChannelData(self.channel.id if self.channel else None, self.code.text(), self.name_fr.text(),
                                   self.name_en.text(), self.name_es.text(), combo_enum(self.kind, ChannelKind),
                                   combo_enum(self.type, ChannelType), self.visible.isChecked())

    def save_channel(self) -> None:
        data = self.collect_channel()
        save_with(self.form, lambda: service.save_channel(self.db, self.actor, data),
                  lambda saved: self.reload(saved.id), self.tr("Sales channels"))

    def delete_channel(self) -> None:
        row = selected_row(self.table)
        if row is None or not confirm(self, self.tr("Delete sales channel"),
                                      self.tr("Delete sales channel %1?").replace("%1", row.code)):
            return

        def ok(_):
            self.channel = None
            self.reload()

        tasks().run(lambda: service.delete_channel(self.db, self.actor, row.id), ok, self._fail)

    # --- points of sale ---
    def load_pos(self, select_id: int | None = None) -> None:
        ch = self.channel
        if ch is None or ch.id is None:
            self.pos_model.set_rows([])
            self.edit_pos(None)
            return

        def done(rows):
            self.pos_model.set_rows(rows)
            if not (select_id and select_where(self.pos_table, lambda r: r.id == select_id)):
                if rows:
                    self.pos_table.selectRow(0)
                else:
                    self.edit_pos(None)

        tasks().run(lambda: service.list_points_of_sale(self.db, ch.id), done, self._fail)

    def _on_pos(self) -> None:
        row = selected_row(self.pos_table)
        if row is not None:
            self.edit_pos(row)

    def edit_pos(self, p: service.PointOfSaleData | None) -> None:
        self.pos_data = p
        self.pos_form.clear_errors()
        if p is None:
            self.pos_table.clearSelection()
        self.pos_code.setText(p.code if p else "")
        self.pos_name.setText(p.name if p else "")
        waiting = [m.id for m in self._modes if m.waiting_account]
        external = self.channel is not None and self.channel.kind is ChannelKind.EXTERNAL
        self.pos_modes.set_checked(p.payment_mode_ids if p else (waiting if external else ()))

    def save_point_of_sale(self) -> None:
        if self.channel is None or self.channel.id is None:
            return
        data = service.PointOfSaleData(self.pos_data.id if self.pos_data else None, self.channel.id, self.pos_code.text(),
                                       self.pos_name.text(), self.pos_modes.checked_ids())

        def ok(saved):
            self.load_pos(saved.id)
            self.reload(self.channel.id)

        save_with(self.pos_form, lambda: service.save_point_of_sale(self.db, self.actor, data), ok,
                  self.tr("Points of sale"), {"channel": "code"})

    def delete_point_of_sale(self) -> None:
        row = selected_row(self.pos_table)
        if row is None or not confirm(self, self.tr("Delete point of sale"),
                                      self.tr("Delete point of sale %1?").replace("%1", row.code)):
            return
        tasks().run(lambda: service.delete_point_of_sale(self.db, self.actor, row.id),
                    lambda _: (self.load_pos(), self.reload()), self._fail)

    # --- payment modes ---
    def _on_mode(self) -> None:
        row = selected_row(self.mode_table)
        if row is not None:
            self.edit_mode(row)

    def edit_mode(self, m: service.PaymentModeData | None) -> None:
        self.mode = m
        self.mode_form.clear_errors()
        if m is None:
            self.mode_table.clearSelection()
        self.mode_code.setText(m.code if m else "")
        self.mode_name.setText(m.name if m else "")
        self.mode_waiting.setChecked(m.waiting_account if m else False)

    def save_payment_mode(self) -> None:
        data = service.PaymentModeData(self.mode.id if self.mode else None, self.mode_code.text(),
                                       self.mode_name.text(), self.mode_waiting.isChecked())

        def ok(saved):
            self.mode = saved
            self.reload()

        save_with(self.mode_form, lambda: service.save_payment_mode(self.db, self.actor, data), ok,
                  self.tr("Payment modes"))
