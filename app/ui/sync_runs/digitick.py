"""Digitick takes no allotment online: its "export" opens the allotment sheet (the report
`digitick-allotment`, built by the export's own code) in the reports preview, to print it or
save the PDF where the user chooses — not in a temporary folder named in a log line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from app.db.engine import Database
from app.services.sync.export import _performances_of
from app.services.sync.common import load_interface
from app.services.sync.mapping_resolver import performance_label
from app.ui.tasks import tasks
from app.ui.widgets import show_error



def interface_performances(db: Database, interface_id: int) -> list[tuple[int, str]]:
    with db.read() as s:
        info = load_interface(s, interface_id)
        return [(p, performance_label(s, p)) for p in _performances_of(s, info)]


def choose_performance(parent: QWidget, choices: list[tuple[int, str]]) -> int | None:
    if len(choices) == 1:
        return choices[0][0]
    labels = [label for _, label in choices]
    label, ok = QInputDialog.getItem(parent, QCoreApplication.translate("SyncRuns", "Allotment sheet"),
                                     QCoreApplication.translate("SyncRuns", "Performance"), labels, 0, False)
    return dict((lb, pid) for pid, lb in choices).get(label) if ok else None


def open_allotment_sheet(parent: QWidget, db: Database, interface_id: int, performance: int | None = None,
                         *, lang: str = "en", ask_path=None, choose=choose_performance, shown=None) -> None:
    """Build the sheet off the GUI thread, then show it in the reports preview (`shown(preview)`
    is called with it: tests and the caller keep a reference)."""
    from app.services.reports import ReportParams, generate, to_pdf_bytes

    def with_performance(pid):
        if pid is None:
            return

        def work():
            report = generate(db, "digitick-allotment",
                              ReportParams(interface=str(interface_id), performance=str(pid), lang=lang))
            return report, to_pdf_bytes(report)

        def done(result):
            from app.ui.reports.preview import ReportPreview

            kw = {"ask_path": ask_path} if ask_path else {}
            preview = ReportPreview(*result, parent=parent, **kw)
            preview.show()
            if shown is not None:
                shown(preview)

        tasks().run(work, done, lambda e: show_error(parent, QCoreApplication.translate("SyncRuns", "Allotment sheet"), e))

    if performance is not None:
        with_performance(performance)
        return

    def chosen(choices):
        if not choices:
            show_error(parent, QCoreApplication.translate("SyncRuns", "Allotment sheet"),
                       QCoreApplication.translate("SyncRuns", "No performance has seats in this interface's contingents."))
            return
        with_performance(choose(parent, choices))

    tasks().run(lambda: interface_performances(db, interface_id), chosen,
                lambda e: show_error(parent, QCoreApplication.translate("SyncRuns", "Allotment sheet"), e))
