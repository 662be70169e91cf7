"""Reports for distributors and partners: one module per report builds a `Report` (title
block + typed tables) from the database; `render` prints it to PDF or Excel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.i18n import _
from app.domain.errors import InputError

from . import collections, digitick_allotment, gauge, partner_statement, sale_sheet, takings_statement
from .model import Report, ReportParams, Table
from .render import save, to_pdf, to_pdf_bytes, to_xlsx


@dataclass(frozen=True)
class ReportType:
    key: str  # the command-line name
    group: str  # "distributors", "takings", "inventory": the screen's TYPE DE RAPPORT
    build: Callable
    needs: frozenset[str]  # filters it requires: event, interface, performance
    accepts: frozenset[str]  # filters it uses at all


REPORTS: dict[str, ReportType] = {r.key: r for r in [
    ReportType("sale-sheet", "distributors", sale_sheet.build, frozenset({"event", "interface"}),
               frozenset({"event", "interface"})),
    ReportType("partner-statement", "distributors", partner_statement.build, frozenset({"interface"}),
               frozenset({"interface", "period"})),
    ReportType("digitick-allotment", "distributors", digitick_allotment.build,
               frozenset({"interface", "performance"}), frozenset({"interface", "performance"})),
    ReportType("collections", "takings", collections.build, frozenset(),
               frozenset({"event", "performance", "period"})),
    ReportType("takings-statement", "takings", takings_statement.build, frozenset(),
               frozenset({"performance", "period"})),
    ReportType("gauge", "inventory", gauge.build, frozenset(), frozenset({"event", "performance"})),
]}


def generate(db, kind: str, params: ReportParams) -> Report:
    rt = REPORTS.get(kind)
    if rt is None:
        raise InputError(_("unknown report {kind!r} (known: {known})").format(kind=kind, known=", ".join(REPORTS)))
    return rt.build(db, params)


__all__ = ["REPORTS", "Report", "ReportParams", "ReportType", "Table", "generate", "save", "to_pdf",
           "to_pdf_bytes", "to_xlsx"]
