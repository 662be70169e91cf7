"""The management coupons ("coupons de gestion") of a cancellation, offered right after it in
a preview: one per cancelled ticket, titled and crossed so that nobody takes one for an entry
ticket (services/inventory/tickets.write_coupon_pdf, the PDF the command line writes too).
Printed on the workstation's printer or saved as PDF. The cancellation itself is the journal's
operation; the coupon shows its number."""

from __future__ import annotations

import io

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.services.inventory.tickets import write_coupon_pdf
from app.ui.pdf_document import pdf_document
from app.ui.tasks import tasks
from app.ui.till.tickets_preview import ticket_page_layout
from app.ui.widgets import show_error


def coupons_pdf(operations: list[dict]) -> bytes:
    out = io.BytesIO()
    write_coupon_pdf(operations, out)
    return out.getvalue()


class CouponsDialog(QDialog):
    def __init__(self, order_reference: str, pdf: bytes, count: int, parent=None):
        super().__init__(parent)
        self.setObjectName("couponsDialog")
        self.order_reference, self.pdf = order_reference, pdf
        self.setWindowTitle(self.tr("Management coupons of order %1").replace("%1", order_reference))
        self.document = pdf_document(self, pdf)
        self.view = QPdfView(self, objectName="couponsView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.info = QLabel(self.tr("%n management coupon(s): they give no entry", "", count),
                           objectName="couponsInfo")
        self.print_button = QPushButton(self.tr("Print…"), objectName="printCoupons")
        self.save_button = QPushButton(self.tr("Save as PDF…"), objectName="saveCoupons")
        close = QPushButton(self.tr("Close"), objectName="closeCoupons")
        row = QHBoxLayout()
        row.addWidget(self.info, 1)
        for b in (self.save_button, self.print_button, close):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        self.print_button.clicked.connect(self.print_coupons)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        close.clicked.connect(self.accept)
        self.resize(700, 700)

    def print_coupons(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(ticket_page_layout())
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printCouponsDialog")
        dialog.accepted.connect(lambda: self.paint(printer))
        dialog.open()

    def paint(self, printer) -> None:
        """Each coupon page rendered at the printer's resolution, one per printed page."""
        p = QPainter(printer)
        try:
            rect = printer.pageLayout().paintRectPixels(printer.resolution())
            for i in range(self.document.pageCount()):
                if i:
                    printer.newPage()
                image = self.document.render(i, QSize(rect.width(), rect.height()))
                p.drawImage(QRectF(0, 0, rect.width(), rect.height()), image)
        finally:
            p.end()

    def save_pdf(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the management coupons"),
                                                  f"coupons-{self.order_reference}.pdf", self.tr("PDF (*.pdf)"))
            if not path:
                return
        pdf = self.pdf

        def write():
            with open(path, "wb") as f:
                f.write(pdf)

        tasks().run(write, lambda _r: None, lambda e: show_error(self, self.tr("Management coupons"), e))


def open_coupons(parent, order_reference: str, ticket_ids, holder=None) -> None:
    """The coupons of the given cancelled tickets of an order, in their preview."""
    from PySide6.QtCore import QCoreApplication

    from app.services.inventory.tickets import coupon_operations

    db = parent.db

    def load():
        ops = coupon_operations(db, order_reference, ticket_ids)
        return ops, coupons_pdf(ops)

    def show(result):
        ops, pdf = result
        dialog = CouponsDialog(order_reference, pdf, len(ops), parent)
        if holder is not None:
            holder.coupons_dialog = dialog
        dialog.open()

    title = QCoreApplication.translate("CouponsDialog", "Management coupons")
    tasks().run(load, show, lambda e: show_error(parent, title, e))
