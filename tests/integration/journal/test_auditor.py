"""The auditor ("contrôleur") reads the journal, the statements and any ticket, and every
write service refuses them."""

from __future__ import annotations

import pytest

from app.domain.enums import Role
from app.domain.errors import PermissionDenied
from app.services import journal, reports
from app.services.inventory.allocation import edit_seats
from app.services.inventory.orders import cancel_order, order_detail
from app.services.inventory.selling import sell
from app.services.inventory.standing import sell_standing
from app.services.inventory.tickets import order_tickets
from app.services.operators import NewOperator, add_operator, find_actor
from tests.conftest import WALKYRIE
from tests.integration.journal.test_journal import ROW


def test_the_auditor_reads_everything_and_changes_nothing(demo_db, manager, cashier):
    add_operator(demo_db, manager, NewOperator("controle", "Contrôleur DGFiP", Role.AUDITOR, None, "Secret-123!"))
    auditor = find_actor(demo_db, "controle")
    r = sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    with pytest.raises(PermissionDenied, match="auditor"):
        sell(demo_db, auditor, WALKYRIE, ROW, payment="CARD")
    with pytest.raises(PermissionDenied, match="auditor"):
        cancel_order(demo_db, auditor, r.order_reference)
    with pytest.raises(PermissionDenied, match="auditor"):
        sell_standing(demo_db, auditor, WALKYRIE, "DEBOUT", 1)
    with pytest.raises(PermissionDenied, match="auditor"):
        order_tickets(demo_db, r.order_reference, actor=auditor)  # a print is journalled
    with pytest.raises(PermissionDenied, match="auditor"):
        edit_seats(demo_db, auditor, WALKYRIE, "block", ROW)
    with pytest.raises(PermissionDenied, match="auditor"):
        add_operator(demo_db, auditor, NewOperator("x", "X", Role.CASHIER, None, "Secret-123!"))
    assert len(journal.operations(demo_db)) == 4 and journal.verify(demo_db).ok
    assert order_detail(demo_db, r.order_reference).tickets
    rep = reports.generate(demo_db, "takings-statement",
                           reports.ReportParams(performance=WALKYRIE, operator=auditor.login))
    assert rep.tables and not rep.empty
