"""A box-office sale from the seat plan: the payment modes of this point of sale, the
confirmation dialog, the sale itself (atomic, in the background), then the tickets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog

from app.domain.selection import SeatSelection
from app.ui.tasks import tasks


class SaleFlow(QObject):
    """Owned by the seat-plan window (`window.sale_flow`); `dialog` and `tickets_dialog`
    are the open dialogs, for the tests and the screenshots."""

    finished = Signal(object)  # SaleResult, or None when cancelled

    def __init__(self, window, seat_ids: list[int], default_tariff: str | None, seat_tariffs: dict[int, str],
                 total, *, show_tickets: bool = True):
        super().__init__(window)
        self.window = window
        self.seat_ids, self.default_tariff, self.seat_tariffs, self.total = seat_ids, default_tariff, seat_tariffs, total
        self.show_tickets = show_tickets
        self.dialog = None
        self.tickets_dialog = None
        self.result = None

    def start(self) -> None:
        from app.services.inventory.payment import point_of_sale_info

        db, pos = self.window.db, self.window.point_of_sale
        tasks().run(lambda: point_of_sale_info(db, pos), self._ask, self._failed)

    def _ask(self, info) -> None:
        from app.ui.till.sale_dialog import SaleDialog

        self.dialog = SaleDialog(self.total, len(self.seat_ids), list(info.payment_modes), info.code, self.window)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, code: int) -> None:
        from app.services.inventory.selling import sell

        if code != QDialog.DialogCode.Accepted:
            self.finished.emit(None)
            return
        payment, given, customer = self.dialog.choice()
        w = self.window
        db, actor, perf, pos = w.db, w.actor, w.performance_id, w.point_of_sale
        ids, default, tariffs = tuple(self.seat_ids), self.default_tariff, self.seat_tariffs

        def commit() -> None:  # also the "Retry" of a sale refused because the inventory was busy
            w.set_busy(True)
            tasks().run(lambda: sell(db, actor, perf, SeatSelection(seat_ids=ids), tariff=default,
                                     seat_tariffs=tariffs, point_of_sale=pos, payment=payment,
                                     amount_given=given, customer=customer),
                        self._sold, self._failed)

        self._commit = commit
        commit()

    def _sold(self, result) -> None:
        self.result = result
        self.window.set_busy(False)
        self.window._sold(result)
        if self.show_tickets:
            open_tickets(self.window, result.order_id, self)
        self.finished.emit(result)

    def _failed(self, exc) -> None:
        self.window.failed(exc, getattr(self, "_commit", None))
        self.finished.emit(None)


def open_tickets(parent, order_ref, holder=None) -> None:
    """Load an order's valid tickets and show them in the print preview (print or reprint)."""
    from app.services.inventory.tickets import order_tickets
    from app.ui.till.tickets_preview import TicketsDialog
    from app.ui.widgets import show_error

    db = parent.db

    actor = getattr(parent, "actor", None) or getattr(getattr(parent, "window", None), "actor", None)

    def show(tickets):
        dialog = TicketsDialog(tickets, parent, db=db, actor=actor)
        if holder is not None:
            holder.tickets_dialog = dialog
        dialog.open()

    title = QCoreApplication.translate("TicketsDialog", "Tickets")
    # The preview journals nothing: the print (or reprint) is journalled when printed or saved.
    tasks().run(lambda: order_tickets(db, order_ref, record=False), show, lambda e: show_error(parent, title, e))
