"""A distributor's sales file reintegrated: each sale and its cancellation is a journal
operation (the cancellation refers to the sale), and the performance's statement counts them."""

from __future__ import annotations

from datetime import datetime

from app.domain.sales import SaleAction
from app.services import journal, reports
from app.services.sync.reintegration import import_sales_file
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import allotted, sale_line, seats_of  # noqa: F401 (fixture)


def test_reintegrated_sales_and_cancellations_are_journalled(allotted, manager, tmp_path):  # noqa: F811
    from app.adapters.files import write_guichet_csv

    seats = seats_of(allotted, "PAR", "G")[:3]
    path = tmp_path / "sales.csv"
    write_guichet_csv(path, [
        sale_line("S-1", seats[0], sold_at=datetime(2014, 11, 1, 10, 0)),
        sale_line("S-2", seats[1], sold_at=datetime(2014, 11, 1, 10, 5)),
        sale_line("S-3", seats[2], sold_at=datetime(2014, 11, 1, 10, 6)),
        sale_line("S-1", seats[0], action=SaleAction.CANCEL, sold_at=datetime(2014, 11, 2, 10, 0)),
    ])
    assert import_sales_file(allotted, manager, "NTJ Secutix File", path, performance=WALKYRIE).status.value == "ok"
    ops = journal.operations(allotted)
    assert [o["kind"] for o in ops] == ["dist_sale"] * 3 + ["dist_cancel"]
    assert ops[3]["corrects_no"] == ops[0]["op_no"] and ops[3]["price"] == -ops[0]["price"]
    assert journal.verify(allotted).ok
    rep = reports.generate(allotted, "takings-statement", reports.ReportParams(performance=WALKYRIE))
    issued = sum(r[3] for r in rep.tables[0].rows)
    cancelled = sum(r[5] for r in rep.tables[0].rows)
    takings = sum(r[7] for r in rep.tables[0].rows)
    assert (issued, cancelled) == (3, 1) and takings == sum(o["price"] for o in ops)
