"""The journal rows of a reintegrated batch are made from what the batch wrote (journal/batch.py),
not read back ticket by ticket: they must be, field for field, the rows the box office's way
(`build_rows`) gives for the same tickets, and chain to the same hashes (`journal verify`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from app.db.models import JournalOperation
from app.domain.sales import SaleAction
from app.services import journal
from app.services.sync.reintegration import import_sales_file
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import sale_line, seats_of

STX = "NTJ Secutix File"


def test_reintegrated_rows_equal_the_box_office_way_and_the_chain_verifies(allotted, manager, tmp_path):
    from app.adapters.files import write_guichet_csv

    seats = seats_of(allotted, "PAR", "G")[:6]
    first = tmp_path / "first.csv"
    write_guichet_csv(first, [
        sale_line("J-1", seats[0], sold_at=datetime(2014, 11, 1, 10, 0), buyer_last_name="Durand"),
        sale_line("J-2", seats[1], sold_at=datetime(2014, 11, 1, 10, 0), buyer_last_name="Durand",
                  tariff="Reduced", normal=False),
        sale_line("J-3", None, price=Decimal("15.00"), sold_at=datetime(2014, 11, 1, 11, 0)),  # a standing place
        sale_line("J-4", seats[2], sold_at=datetime(2014, 11, 1, 12, 0)),
        sale_line("J-4", seats[2], action=SaleAction.CANCEL, sold_at=datetime(2014, 11, 1, 13, 0)),  # same batch
    ])
    r = import_sales_file(allotted, manager, STX, first, performance=WALKYRIE)
    assert r.status.value == "ok", r.summary()
    second = tmp_path / "second.csv"
    write_guichet_csv(second, [
        sale_line("J-1", seats[0], action=SaleAction.CANCEL, sold_at=datetime(2014, 11, 2, 10, 0)),  # an earlier one
        sale_line("J-5", seats[3], sold_at=datetime(2014, 11, 2, 11, 0), buyer_last_name="Martin"),
    ])
    assert import_sales_file(allotted, manager, STX, second, performance=WALKYRIE).status.value == "ok"

    with allotted.read() as s:
        ops = s.scalars(select(JournalOperation).order_by(JournalOperation.op_no)).all()
        assert [(o.kind, o.order_reference is not None) for o in ops] == [
            ("dist_sale", True)] * 4 + [("dist_cancel", True)] + [("dist_sale", True), ("dist_cancel", True)]
        sales = [o for o in ops if o.kind == journal.DIST_SALE]
        for o in sales:
            (expected,) = journal.build_rows(s, journal.DIST_SALE, [o.ticket_id], operator=o.operator, at=o.at,
                                             workstation="")
            got = {f: getattr(o, f) for f in journal.FIELDS if f != "op_no"}
            assert got == {k: v for k, v in expected.items()}, o.op_no
        standing = [o for o in sales if " R" not in o.seat]
        assert len(standing) == 1 and standing[0].seat  # the zone's name, as the box office writes it
        # the cancellation of J-4 refers to its sale in the same batch; J-1's to the first file's
        by_ticket = {o.ticket_id: o.op_no for o in sales}
        cancels = [o for o in ops if o.kind == journal.DIST_CANCEL]
        assert all(c.corrects_no == by_ticket[c.ticket_id] for c in cancels)
        assert all(c.price < 0 for c in cancels)
    result = journal.verify(allotted)
    assert result.ok and result.checked == len(ops), result.message()
