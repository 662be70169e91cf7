"""The preview of a generated report: the very PDF that prints (QtPdf), with Print, Save as
PDF and Save as Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.reports import Report, save
from app.ui.pdf_document import pdf_document
from app.ui.tasks import tasks
from app.ui.widgets import show_error

# ask_path(parent, title, suggested file name, filter) -> chosen path or "" (tests inject one)
AskPath = Callable[[QWidget, str, str, str], str]


def _ask_path(parent, title, suggested, name_filter) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return path


class ReportPreview(QWidget):
    def __init__(self, report: Report, pdf: bytes, *, ask_path: AskPath = _ask_path, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("reportPreview")
        self.report, self.pdf, self.ask_path = report, pdf, ask_path
        self.setWindowTitle(self.tr("Preview — %1").replace("%1", report.title))
        self.document = pdf_document(self, pdf)
        self.view = QPdfView(self, objectName="pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        print_button = QPushButton(self.tr("Print…"), objectName="printButton")
        pdf_button = QPushButton(self.tr("Save as PDF…"), objectName="savePdfButton")
        xlsx_button = QPushButton(self.tr("Save as Excel…"), objectName="saveXlsxButton")
        close = QPushButton(self.tr("Close"), objectName="closeButton")
        self.status = QLabel(objectName="previewStatus")
        self.status.setText(self.tr("%1 page(s)").replace("%1", str(self.document.pageCount())))
        print_button.clicked.connect(self.print_dialog)
        pdf_button.clicked.connect(lambda: self.save_as("pdf"))
        xlsx_button.clicked.connect(lambda: self.save_as("xlsx"))
        close.clicked.connect(self.close)
        bar = QHBoxLayout()
        for b in (print_button, pdf_button, xlsx_button):
            bar.addWidget(b)
        bar.addWidget(self.status, 1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.resize(1000, 760)
        self.saved: list[Path] = []

    def _suggested(self, fmt: str) -> str:
        return f"{self.report.kind}-{self.report.generated_at:%Y%m%d-%H%M}.{fmt}"

    def save_as(self, fmt: str) -> None:
        title = self.tr("Save as PDF") if fmt == "pdf" else self.tr("Save as Excel")
        name_filter = self.tr("PDF (*.pdf)") if fmt == "pdf" else self.tr("Excel workbook (*.xlsx)")
        path = self.ask_path(self, title, self._suggested(fmt), name_filter)
        if not path:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        report, pdf = self.report, self.pdf

        def write():
            if fmt == "pdf":  # the bytes on screen, not a second rendering
                from app.services.reports.render import save_pdf_bytes

                return save_pdf_bytes(pdf, path)
            return save(report, path, "xlsx")

        def done(written):
            self.saved.append(Path(written))
            self.status.setText(self.tr("Saved: %1").replace("%1", str(written)))

        tasks().run(write, done, lambda e: show_error(self, title, e))

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.open()

    def print_to(self, printer) -> int:
        """Paint every page of the PDF on `printer`, at its resolution. Returns the pages."""
        from PySide6.QtGui import QPageLayout

        pages = self.document.pageCount()
        if pages:
            first = self.document.pagePointSize(0)
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if first.width() > first.height()
                                       else QPageLayout.Orientation.Portrait)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("Print"), self.tr("The printer could not be started."))
            return 0
        try:
            for i in range(pages):
                if i:
                    printer.newPage()
                target = printer.pageLayout().paintRectPixels(printer.resolution())
                size_pt = self.document.pagePointSize(i)
                scale = min(target.width() / size_pt.width(), target.height() / size_pt.height())
                size = QSize(int(size_pt.width() * scale), int(size_pt.height() * scale))
                image = self.document.render(i, size)
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
        return pages
