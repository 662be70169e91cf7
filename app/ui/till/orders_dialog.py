"""The box office's orders: list (optionally one performance's), one order's tickets and
refunds, reprint, cancel (refund) the whole order or the checked tickets."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.actors import Actor
from app.domain.enums import OrderStatus, TicketState
from app.ui import settings
from app.ui.setup_widgets import confirm, table_view
from app.ui.tasks import tasks
from app.ui.widgets import Column, RowsModel, error_text
from app.i18n import amount


class OrdersDialog(QDialog):
    cancelled = Signal(object)  # CancelResult

    def __init__(self, db: Database, actor: Actor, performance_id: int | None = None, *,
                 ask: Callable[[str], bool] | None = None, parent=None):
        super().__init__(parent)
        self.db, self.actor, self.performance_id = db, actor, performance_id
        self.ask = ask or (lambda text: confirm(self, self.tr("Cancel tickets"), text))
        self.detail = None
        self.setObjectName("ordersDialog")
        self.setWindowTitle(self.tr("Orders"))
        states = {OrderStatus.PAID: self.tr("paid"), OrderStatus.CANCELLED: self.tr("cancelled"),
                  OrderStatus.OPEN: self.tr("open")}
        self.ticket_states = {TicketState.SOLD: self.tr("sold"), TicketState.CANCELLED: self.tr("cancelled"),
                              TicketState.RESERVED: self.tr("reserved")}
        self.model = RowsModel([
            Column(self.tr("Order"), lambda o: o.reference),
            Column(self.tr("Date"), lambda o: f"{o.created_at:%Y-%m-%d %H:%M}"),
            Column(self.tr("Operator"), lambda o: o.operator),
            Column(self.tr("Status"), lambda o: states.get(o.status, o.status.value)),
            Column(self.tr("Tickets"), lambda o: f"{o.live_tickets}/{o.tickets}", align_right=True),
            Column(self.tr("Total"), lambda o: amount(o.total), align_right=True),
            Column(self.tr("Payment"), lambda o: o.payment_mode),
            Column(self.tr("Customer"), lambda o: o.customer),
        ], self)
        self.table = table_view(self.model, "ordersTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tickets = QTableWidget(0, 5, objectName="orderTickets")
        self.tickets.setHorizontalHeaderLabels([self.tr("Ticket"), self.tr("Seat"), self.tr("Tariff"),
                                                self.tr("Price"), self.tr("State")])
        self.tickets.verticalHeader().hide()
        self.tickets.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tickets.horizontalHeader().setStretchLastSection(True)
        self.refunds = QLabel(objectName="orderRefunds", wordWrap=True)
        self.refund_mode = QComboBox(objectName="refundMode")
        self.reprint = QPushButton(self.tr("Reprint the tickets"), objectName="reprintTickets")
        self.cancel_checked = QPushButton(self.tr("Cancel the checked tickets"), objectName="cancelTickets")
        self.cancel_all = QPushButton(self.tr("Cancel the order"), objectName="cancelOrder")
        self.message = QLabel(objectName="ordersMessage", wordWrap=True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.tickets, 1)
        rl.addWidget(self.refunds)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Refund by")))
        row.addWidget(self.refund_mode)
        row.addStretch(1)
        rl.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.reprint)
        row.addStretch(1)
        row.addWidget(self.cancel_checked)
        row.addWidget(self.cancel_all)
        rl.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([300, 300])
        close = QPushButton(self.tr("Close"), objectName="closeOrders")
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._select())
        self.reprint.clicked.connect(self._reprint)
        self.cancel_checked.clicked.connect(lambda: self.cancel(self.checked_ticket_ids()))
        self.cancel_all.clicked.connect(lambda: self.cancel(None))
        self._enable(False)
        self.resize(900, 640)
        self.reload()

    def _enable(self, on: bool) -> None:
        for w in (self.reprint, self.cancel_checked, self.cancel_all, self.refund_mode):
            w.setEnabled(on)

    def _failed(self, exc) -> None:
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(exc))

    def reload(self, select_ref: str | None = None) -> None:
        from app.services.inventory.orders import list_orders

        db, perf = self.db, self.performance_id

        def loaded(rows):
            self.model.set_rows(rows)
            refs = [o.reference for o in rows]
            if select_ref in refs:
                self.table.selectRow(refs.index(select_ref))
            elif rows:
                self.table.selectRow(0)

        tasks().run(lambda: list_orders(db, perf), loaded, self._failed)

    def _select(self) -> None:
        from app.services.inventory.orders import order_detail
        from app.services.inventory.payment import point_of_sale_info

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        ref = self.model.rows[rows[0].row()].reference
        db = self.db

        def load():
            d = order_detail(db, ref)
            return d, point_of_sale_info(db, d.summary.point_of_sale)

        tasks().run(load, self._show, self._failed)

    def _show(self, data) -> None:
        d, pos = data
        self.detail = d
        self.tickets.setRowCount(len(d.tickets))
        for r, t in enumerate(d.tickets):
            item = QTableWidgetItem(str(t.id))
            live = t.state is not TicketState.CANCELLED
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsUserCheckable if live else Qt.ItemFlag.NoItemFlags))
            if live:
                item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            seat = f"{t.zone} · {t.block} · {t.row}-{t.number}" if t.number else t.zone
            cells = [item, QTableWidgetItem(seat), QTableWidgetItem(t.tariff), QTableWidgetItem(amount(t.price)),
                     QTableWidgetItem(self.ticket_states.get(t.state, t.state.value))]
            for c, cell in enumerate(cells):
                if c:
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tickets.setItem(r, c, cell)
        self.refunds.setText("<br>".join(
            self.tr("Refund %1 EUR (%2) by %3 on %4").replace("%1", amount(x.amount)).replace("%2", x.payment_mode)
            .replace("%3", x.operator).replace("%4", f"{x.at:%Y-%m-%d %H:%M}") for x in d.refunds))
        self.refund_mode.clear()
        for m in pos.payment_modes:
            self.refund_mode.addItem(m.name, m.code)
        idx = self.refund_mode.findData(d.summary.payment_mode)
        self.refund_mode.setCurrentIndex(max(0, idx))
        live = any(t.state is not TicketState.CANCELLED for t in d.tickets)
        self._enable(live and not d.summary.distributor)

    def checked_ticket_ids(self) -> list[int]:
        out = []
        for r in range(self.tickets.rowCount()):
            item = self.tickets.item(r, 0)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def check_tickets(self, ids) -> None:
        for r in range(self.tickets.rowCount()):
            item = self.tickets.item(r, 0)
            if item.data(Qt.ItemDataRole.UserRole) in ids:
                item.setCheckState(Qt.CheckState.Checked)

    def cancel(self, ticket_ids: list[int] | None) -> None:
        from app.services.inventory.orders import cancel_order

        if self.detail is None:
            return
        ref = self.detail.summary.reference
        if ticket_ids == []:
            self._failed(Exception(self.tr("Check the tickets to cancel first.")))
            return
        question = (self.tr("Cancel and refund %n ticket(s) of order %1?", "", len(ticket_ids)) if ticket_ids
                    else self.tr("Cancel and refund the whole order %1?")).replace("%1", ref)
        if not self.ask(question):
            return
        db, actor, mode = self.db, self.actor, self.refund_mode.currentData()
        own = settings.CASHIER_CANCELS_OWN.get()

        def done(result):
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Order %1: %2 EUR refunded.").replace("%1", result.order_reference)
                                 .replace("%2", amount(result.refunded)))
            self.cancelled.emit(result)
            self.reload(ref)
            # Its management coupons, one per refunded ticket, offered at once (print or save).
            from app.ui.till.coupons_preview import open_coupons

            open_coupons(self, result.order_reference, result.ticket_ids, self)

        tasks().run(lambda: cancel_order(db, actor, ref, ticket_ids, refund_payment=mode,
                                         cashier_cancels_own_same_day=own), done, self._failed)

    def _reprint(self) -> None:
        from app.ui.till.sale_flow import open_tickets

        if self.detail is not None:
            open_tickets(self, self.detail.summary.id, self)
