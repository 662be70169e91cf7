"""The till through the widgets: a cash sale with its change, its ticket PDF (each QR
decodes to its ticket's id), a partial cancellation from the orders dialog and the counters
after it, a cashier kept out of the allocation actions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.models import Order, Ticket
from app.domain.errors import PermissionDenied
from app.domain.selection import Range, SeatSelection
from app.i18n import amount
from app.services.inventory.allocation import edit_seats
from tests.conftest import WALKYRIE
from tests.ui.test_seatplan import corners, counter, drag, focus, seat_index


def _basket(w, zone="PAR", block="C", row="1", first=1, last=4):
    w.act_sale.trigger()
    a, b = seat_index(w, zone, block, row, first), seat_index(w, zone, block, row, last)
    focus(w, a)
    drag(w, *corners(w, a, b))
    w._refresh_basket()
    assert w.model.count == last - first + 1
    return a


def _sell_cash(w, given: str, reduced_first=True):
    if reduced_first:
        reduced = next(t.id for t in w.plan.tariffs if t.code == "Reduced")
        w.sale.lines.setData(w.sale.lines.index(0, 2), reduced)  # the tariff changes per line
    total = w.sale.lines.total()
    w.sale.sell.click()
    dialog = w.sale_flow.dialog
    assert dialog.isVisible() and amount(total) in dialog.findChild(type(dialog.error), "saleDialogTotal").text()
    dialog.mode_buttons["CASH"].setChecked(True)
    dialog.given.setText(given)
    return dialog, total


def test_a_cash_sale_shows_the_change_then_sells_and_previews_the_tickets(plan_window, demo_db, cashier, qtbot):
    w = plan_window(actor=cashier)
    first = _basket(w)
    assert w.sale.lines.rowCount() == 4
    dialog, total = _sell_cash(w, "100")
    assert "missing" in dialog.change.text() and not dialog.confirm.isEnabled()  # 100 < total
    dialog.given.setText("500")
    assert dialog.change.text() == f"<b>{Decimal(500) - total:.2f} EUR</b>" and dialog.confirm.isEnabled()
    dialog.name.setText("Ada Lovelace")
    dialog.email.setText("ada@example.org")
    dialog.confirm.click()
    result = w.sale_flow.result
    assert result.change == Decimal(500) - total and result.payment_mode == "CASH"
    with demo_db.read() as s:
        order = s.get(Order, result.order_id)
        assert order.amount_given == 500 and order.operator_id == cashier.operator_id
        assert s.scalar(select(func.count()).select_from(Ticket)) == 4
    assert w.model.state(first) == 1 and counter(w, "sold") == 4
    preview = w.sale_flow.tickets_dialog
    assert preview.isVisible() and [t.id for t in preview.tickets] == list(result.ticket_ids)
    assert preview.preview.pageCount() == 4  # one page per seat


def test_cancelling_the_dialog_sells_nothing(plan_window, demo_db, cashier):
    w = plan_window(actor=cashier)
    _basket(w)
    w.sale.sell.click()
    w.sale_flow.dialog.reject()
    with demo_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 0
    assert w.model.count == 4  # the basket stays for another try


def test_the_ticket_pdf_has_one_page_per_seat_and_each_qr_decodes_to_its_ticket_id(plan_window, tmp_path, cashier):
    pdfium = pytest.importorskip("pypdfium2")
    zxingcpp = pytest.importorskip("zxingcpp")
    w = plan_window(actor=cashier)
    _basket(w, last=3)
    dialog, _total = _sell_cash(w, "400")
    dialog.confirm.click()
    preview = w.sale_flow.tickets_dialog
    path = tmp_path / "billets.pdf"
    from pytestqt.qtbot import QtBot  # noqa: F401 - the signal is emitted inline here
    preview.save_pdf(str(path))
    pdf = pdfium.PdfDocument(str(path))
    assert len(pdf) == 3
    decoded = []
    for page in pdf:
        text = page.get_textpage().get_text_range()
        image = page.render(scale=3).to_pil()
        codes = zxingcpp.read_barcodes(image)
        assert len(codes) == 1 and codes[0].format == zxingcpp.BarcodeFormat.QRCode
        decoded.append(int(codes[0].text))
        assert f"Billet n° {codes[0].text}" in text and "La Walkyrie" in text and "Commande" in text
        assert "Rang 1" in text and ("Réduit" in text or "Normal" in text)
    assert decoded == list(w.sale_flow.result.ticket_ids)


def test_the_preview_page_the_printer_gets_carries_the_same_qr(plan_window, cashier):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from PySide6.QtGui import QImage, QPainter

    from app.services.inventory.tickets import order_tickets
    from app.ui.till.tickets_preview import paint_ticket

    w = plan_window(actor=cashier)
    _basket(w, last=1)
    dialog, _ = _sell_cash(w, "200", reduced_first=False)
    dialog.confirm.click()
    ticket = order_tickets(w.db, w.sale_flow.result.order_id, record=False)[0]
    image = QImage(80 * 8, 150 * 8, QImage.Format.Format_RGB888)  # 8 dots per mm
    p = QPainter(image)
    paint_ticket(p, ticket, 8.0)
    p.end()
    raw = bytes(image.constBits())[: image.sizeInBytes()]
    pil = Image.frombuffer("RGB", (image.width(), image.height()), raw, "raw", "RGB", image.bytesPerLine(), 1)
    assert [c.text for c in zxingcpp.read_barcodes(pil)] == [str(ticket.id)]


def test_a_partial_cancellation_from_the_orders_dialog_frees_the_seats_and_the_counters(plan_window, demo_db,
                                                                                         cashier, qtbot, tmp_path):
    w = plan_window(actor=cashier)
    first = _basket(w)
    dialog, _ = _sell_cash(w, "500")
    dialog.confirm.click()
    result = w.sale_flow.result
    w.sale_flow.tickets_dialog.accept()
    assert counter(w, "sold") == 4
    w.act_orders.trigger()
    orders = w.orders_dialog
    asked = []
    orders.ask = lambda q: asked.append(q) or True
    assert [o.reference for o in orders.model.rows] == [result.order_reference]
    assert orders.tickets.rowCount() == 4
    orders.check_tickets(result.ticket_ids[:2])
    orders.cancel_checked.click()
    assert asked and "2 ticket(s)" in asked[0]
    assert "refunded" in orders.message.text()
    states = [orders.tickets.item(r, 4).text() for r in range(4)]
    assert states == ["cancelled", "cancelled", "sold", "sold"]
    assert "Refund" in orders.refunds.text() and "caisse" in orders.refunds.text()
    qtbot.waitUntil(lambda: counter(w, "sold") == 2, timeout=5000)
    assert w.model.state(first) == 0  # free again
    assert orders.model.rows[0].live_tickets == 2
    # the management coupons of the two refunded tickets are offered at once, not an entry ticket
    coupons = orders.coupons_dialog
    assert coupons.isVisible() and coupons.document.pageCount() == 2
    path = tmp_path / "coupons.pdf"
    coupons.save_pdf(str(path))
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(str(path)).pages]
    for page, tid in zip(pages, result.ticket_ids[:2]):
        assert "COUPON DE GESTION" in page and "NE DONNE PAS ACCÈS" in page and f"Billet n° {tid}" in page
        assert "Opération n°" in page


def test_a_cashier_cannot_open_the_allocation_actions_and_the_service_refuses_them(plan_window, demo_db, cashier):
    w = plan_window(actor=cashier)
    assert w.sale_mode and not w.act_alloc.isEnabled()
    w.act_alloc.trigger()  # a disabled action does nothing
    assert w.sale_mode and not w.act_assign.isVisible() and not w.act_block.isVisible()
    with pytest.raises(PermissionDenied, match="only a manager"):
        edit_seats(demo_db, cashier, WALKYRIE, "block", SeatSelection(zone="PAR", block="G", rows=Range("1", "1")))


def test_the_whole_plan_refits_when_the_window_grows(plan_window, qtbot):
    w = plan_window()
    w.resize(900, 600)
    w.view.fit()
    small = w.view.transform().m11()
    w.resize(1900, 1050)
    qtbot.waitUntil(lambda: w.view.transform().m11() > small * 1.3, timeout=3000)
    qtbot.wait(50)  # the fit queued when the plan opened runs first
    w.view.zoom_by(2.0)  # zoomed in by hand: a resize keeps the zoom
    zoomed = w.view.transform().m11()
    w.resize(1400, 900)
    qtbot.wait(50)
    assert w.view.transform().m11() == zoomed


def test_the_counters_page_shows_every_counter_and_column_at_1366x768(qtbot, demo_db, manager, inline_tasks):
    from app.ui.main_window import MainWindow

    main = MainWindow(demo_db, manager)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    page = main.show_page("counters")
    qtbot.waitUntil(lambda: page.summary_model.rowCount() == 8, timeout=5000)
    qtbot.wait(50)
    t = page.summary
    header = t.horizontalHeader()
    assert t.viewport().width() >= header.length()  # the Filter column is not cut
    assert t.viewport().height() >= t.verticalHeader().length()  # nor the last counters


def test_file_quit_closes_the_seat_plan_windows(qtbot, demo_db, manager, inline_tasks):
    import shiboken6
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow
    from app.ui.seatplan_window import SeatPlanWindow

    main = MainWindow(demo_db, manager)
    qtbot.addWidget(main)
    main.show()
    plan = SeatPlanWindow(demo_db, manager, 1, ask=lambda _q: False)
    plan.show()
    quit_action = next(a for a in main.menuBar().actions()[0].menu().actions() if a.text() == "&Quit")
    quit_action.trigger()
    qtbot.waitUntil(lambda: not shiboken6.isValid(plan) or not plan.isVisible(), timeout=3000)
    assert not main.isVisible()
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "seatPlanWindow" and w.isVisible()]


def test_the_preview_journals_nothing_saving_the_tickets_journals_a_print_then_a_reprint(plan_window, demo_db,
                                                                                         cashier, tmp_path):
    from app.services import journal

    w = plan_window(actor=cashier)
    _basket(w, last=2)
    dialog, _ = _sell_cash(w, "300")
    dialog.confirm.click()
    preview = w.sale_flow.tickets_dialog
    assert preview.isVisible() and preview.save_button.isEnabled()
    kinds = lambda: [o["kind"] for o in journal.operations(demo_db)]  # noqa: E731
    assert kinds() == ["sale", "sale"]  # shown, not printed: no operation
    preview.save_pdf(str(tmp_path / "first.pdf"))
    assert kinds() == ["sale", "sale", "print", "print"]
    assert [t.print_no for t in preview.tickets] == [3, 4]  # the tickets carry their print's number now
    preview.save_pdf(str(tmp_path / "again.pdf"))
    assert kinds()[4:] == ["reprint", "reprint"] and journal.verify(demo_db).ok


def test_an_auditor_sees_the_tickets_and_can_neither_print_nor_save_them(qtbot, demo_db, manager, cashier,
                                                                         inline_tasks):
    from app.domain.enums import Role
    from app.services import journal
    from app.services.inventory.selling import sell
    from app.services.inventory.tickets import order_tickets, record_printing
    from app.services.operators import NewOperator, add_operator, find_actor
    from app.ui.till.sale_flow import open_tickets
    from PySide6.QtWidgets import QWidget

    r = sell(demo_db, cashier, WALKYRIE, SeatSelection(zone="PAR", block="C", rows=Range("1", "1"), numbers=Range("1", "2")),
             payment="CARD")
    add_operator(demo_db, manager, NewOperator("controle", "Contrôleur DGFiP", Role.AUDITOR, None, "Secret-123!"))
    auditor = find_actor(demo_db, "controle")
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.db, parent.actor = demo_db, auditor

    class Holder:
        tickets_dialog = None

    holder = Holder()
    open_tickets(parent, r.order_reference, holder)
    preview = holder.tickets_dialog
    assert preview is not None and len(preview.tickets) == 2
    assert not preview.print_button.isEnabled() and not preview.save_button.isEnabled()
    with pytest.raises(PermissionDenied):
        record_printing(demo_db, auditor, order_tickets(demo_db, r.order_reference, record=False))
    assert [o["kind"] for o in journal.operations(demo_db)] == ["sale", "sale"]
