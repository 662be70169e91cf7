"""The Reports screen with real widgets: pick a report, generate, the preview shows the PDF,
saving it as PDF and as Excel writes files that read back; printing paints every page."""

from __future__ import annotations

from openpyxl import load_workbook
from pypdf import PdfReader

from app.domain.selection import Range, SeatSelection
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE


def _page(qtbot, db, actor, tmp_path, answers):
    from app.ui.reports import ReportsPage

    def ask(parent, title, suggested, name_filter):
        return str(tmp_path / answers.pop(0))

    page = ReportsPage(db, actor, ask_path=ask)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_generate_preview_and_save_pdf_and_excel(qtbot, demo_db, manager, inline_tasks, tmp_path):
    sell(demo_db, manager, WALKYRIE, SeatSelection(zone="PAR", block="C", rows=Range("1", "1"),
                                                   numbers=Range("1", "4")))
    answers = ["gauge", "gauge.xlsx"]
    page = _page(qtbot, demo_db, manager, tmp_path, answers)
    page.select_report("gauge")
    assert page.current_kind() == "gauge" and page.event_choice.isEnabled() and not page.interface.isEnabled()
    assert page.event_choice.currentData() == "WALKYRIE"
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert preview.document.pageCount() == 1
    preview.findChild(type(page.generate_button), "savePdfButton").click()
    preview.findChild(type(page.generate_button), "saveXlsxButton").click()
    assert [p.name for p in preview.saved] == ["gauge.pdf", "gauge.xlsx"]
    assert PdfReader(str(tmp_path / "gauge.pdf")).pages[0].extract_text().count("1,646") >= 1
    rows = list(load_workbook(tmp_path / "gauge.xlsx")["Zones"].iter_rows(min_row=2, values_only=True))
    assert sum(r[6] for r in rows if r[4] == "C" and r[2] == "PAR") == 4  # the 4 seats sold


def test_print_paints_every_page(qtbot, demo_db, manager, inline_tasks, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    page = _page(qtbot, demo_db, manager, tmp_path, [])
    page.select_report("sale-sheet")
    assert page.interface.isEnabled() and page.event_choice.isEnabled()
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.preview is not None)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = page.preview.print_to(printer)
    assert pages == page.preview.document.pageCount() == len(PdfReader(str(tmp_path / "printed.pdf")).pages) >= 2


def test_a_report_that_cannot_be_made_says_why(qtbot, demo_db, manager, inline_tasks, tmp_path, monkeypatch):
    from app.ui import widgets

    shown = []
    monkeypatch.setattr("app.ui.reports.show_error", lambda parent, title, exc: shown.append(str(exc)))
    page = _page(qtbot, demo_db, manager, tmp_path, [])
    page.select_report("sale-sheet")
    page.event_choice.setCurrentIndex(0)  # (all events): the sale sheet is of one event
    page.generate_button.click()
    assert shown and "needs --event" in shown[0] and page.preview is None
    assert page.generate_button.isEnabled()
    del widgets
