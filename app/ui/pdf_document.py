"""A PDF held in memory as a QPdfDocument (the reports' and the coupons' previews)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument


def pdf_document(owner, pdf: bytes) -> QPdfDocument:
    """The document of `pdf`, its bytes and buffer kept alive by `owner` (a QObject)."""
    owner._pdf_bytes = QByteArray(pdf)
    owner._pdf_buffer = QBuffer(owner._pdf_bytes, owner)
    owner._pdf_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(owner)
    document.load(owner._pdf_buffer)
    return document
