"""The till: operators who sign in, sales with payment and customer, cancellation (refund)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest

from app.cli import main
from app.db.models import utcnow
from app.domain.errors import InputError, PermissionDenied, RuleViolation
from app.domain.selection import Range, SeatSelection
from app.services.inventory.counts import performance_counts
from app.services.operators import (
    LOCK_SECONDS, MAX_TRIES, NewOperator, SignInRefused, add_operator, reset_password, set_active, sign_in,
)
from app.services.inventory.orders import cancel_order, list_orders, order_detail, ticket_validity
from app.services.inventory.payment import Customer
from app.services.seeding import DEMO_PASSWORDS
from app.services.inventory.selling import sell
from app.domain.enums import Role
from tests.conftest import WALKYRIE

ROW = SeatSelection(zone="PAR", block="G", rows=Range("1", "1"), numbers=Range("1", "4"))


def test_demo_operators_sign_in_with_the_readme_passwords_and_never_store_them(demo_db):
    from sqlalchemy import select

    from app.db.models import Operator

    assert sign_in(demo_db, "manager", DEMO_PASSWORDS["manager"]).is_manager
    assert not sign_in(demo_db, "caisse", "1234").is_manager
    with demo_db.read() as s:
        hashes = list(s.scalars(select(Operator.password_hash)))
    assert all(h.startswith("scrypt$") and "1234" not in h and "manager-demo" not in h for h in hashes)


def test_five_wrong_passwords_lock_the_operator_for_a_minute(demo_db, caplog):
    now = utcnow()
    for i in range(MAX_TRIES - 1):
        with pytest.raises(SignInRefused, match="wrong password"):
            sign_in(demo_db, "caisse", "0000", now=now)
    assert sign_in(demo_db, "caisse", "1234", now=now).login == "caisse"  # a success resets the count
    for i in range(MAX_TRIES):
        with pytest.raises(SignInRefused, match="wrong password"):
            sign_in(demo_db, "caisse", "0000", now=now)
    assert "caisse locked" in caplog.text
    with pytest.raises(SignInRefused, match="locked"):
        sign_in(demo_db, "caisse", "1234", now=now + timedelta(seconds=10))  # even the right PIN
    assert sign_in(demo_db, "caisse", "1234", now=now + timedelta(seconds=LOCK_SECONDS + 1)).login == "caisse"


def test_managers_add_disable_and_reset_operators_cashiers_cannot(demo_db, manager, cashier):
    with pytest.raises(PermissionDenied):
        add_operator(demo_db, cashier, NewOperator("paul", "Paul", Role.CASHIER, secret="4321"))
    with pytest.raises(InputError, match="PIN of 4 to 8 digits"):
        add_operator(demo_db, manager, NewOperator("paul", "Paul", Role.CASHIER, secret="12"))
    with pytest.raises(InputError, match="at least 8 characters"):
        add_operator(demo_db, manager, NewOperator("boss", "Boss", Role.MANAGER, secret="123456"))
    add_operator(demo_db, manager, NewOperator("paul", "Paul", Role.CASHIER, secret="4321"))
    with pytest.raises(InputError, match="already taken"):
        add_operator(demo_db, manager, NewOperator("PAUL", "Paul", Role.CASHIER, secret="4321"))
    assert sign_in(demo_db, "paul", "4321").login == "paul"
    reset_password(demo_db, manager, "paul", "98765")
    with pytest.raises(SignInRefused):
        sign_in(demo_db, "paul", "4321")
    set_active(demo_db, manager, "paul", False)
    with pytest.raises(SignInRefused, match="no active operator"):
        sign_in(demo_db, "paul", "98765")
    with pytest.raises(InputError, match="last active manager"):
        set_active(demo_db, manager, "manager", False)


def test_a_cash_sale_records_payment_change_customer_and_who_sold(demo_db, cashier):
    r = sell(demo_db, cashier, WALKYRIE, ROW, payment="CASH", amount_given=Decimal("500"),
             customer=Customer("Ada Lovelace", "ada@example.org", "75001"))
    assert r.payment_mode == "CASH" and r.change == Decimal("500") - r.total and len(r.ticket_ids) == 4
    d = order_detail(demo_db, r.order_reference)
    assert d.summary.operator == "caisse" and d.summary.customer == "Ada Lovelace"
    assert d.customer_email == "ada@example.org" and d.amount_given == Decimal("500")
    assert [t.id for t in d.tickets] == list(r.ticket_ids)


def test_a_sale_refuses_a_foreign_payment_mode_too_little_cash_and_a_bad_email(demo_db, cashier):
    with pytest.raises(InputError, match="not accepted at point of sale GUICHET-1"):
        sell(demo_db, cashier, WALKYRIE, ROW, payment="WAITING")
    with pytest.raises(RuleViolation, match="given for a total"):
        sell(demo_db, cashier, WALKYRIE, ROW, payment="CASH", amount_given=Decimal("1"))
    with pytest.raises(InputError, match="not an e-mail"):
        sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD", customer=Customer("X", "nope"))
    assert performance_counts(demo_db, WALKYRIE).counts.sold == 0  # nothing half-written


def test_partial_cancellation_frees_the_seats_records_the_refund_and_keeps_the_history(demo_db, cashier, manager):
    r = sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    before = performance_counts(demo_db, WALKYRIE).counts
    c = cancel_order(demo_db, cashier, r.order_reference, list(r.ticket_ids[:2]))
    assert c.refunded == sum(t.price for t in order_detail(demo_db, r.order_id).tickets[:2])
    assert not c.order_cancelled and c.payment_mode == "CARD"
    after = performance_counts(demo_db, WALKYRIE).counts
    assert (after.sold, after.free) == (before.sold - 2, before.free + 2)
    assert ticket_validity(demo_db, r.ticket_ids[0]) == "cancelled"
    assert ticket_validity(demo_db, r.ticket_ids[2]) == "valid"
    with pytest.raises(RuleViolation, match="already cancelled"):
        cancel_order(demo_db, manager, r.order_id, [r.ticket_ids[0]])
    c2 = cancel_order(demo_db, manager, r.order_id)
    assert c2.order_cancelled and c2.ticket_ids == r.ticket_ids[2:]
    d = order_detail(demo_db, r.order_id)
    assert d.summary.status.value == "cancelled" and [x.operator for x in d.refunds] == ["caisse", "manager"]
    assert len(d.tickets) == 4  # the sale stays in the history
    assert performance_counts(demo_db, WALKYRIE).counts.sold == 0


def test_a_cashier_cancels_only_their_own_sales_of_the_same_day(demo_db, cashier, manager):
    r = sell(demo_db, manager, WALKYRIE, ROW, payment="CASH")
    with pytest.raises(PermissionDenied, match="their own sales"):
        cancel_order(demo_db, cashier, r.order_id)
    mine = sell(demo_db, cashier, WALKYRIE, SeatSelection(first=1), payment="CASH")
    with pytest.raises(PermissionDenied, match="same day"):
        cancel_order(demo_db, cashier, mine.order_id, now=utcnow() + timedelta(days=1))
    with pytest.raises(PermissionDenied, match="only a manager"):
        cancel_order(demo_db, cashier, mine.order_id, cashier_cancels_own_same_day=False)
    assert cancel_order(demo_db, cashier, mine.order_id).order_cancelled


@pytest.fixture
def cli(sqlite_url, capsys, monkeypatch):
    monkeypatch.delenv("GUICHET_OPERATOR", raising=False)
    monkeypatch.delenv("GUICHET_OPERATOR_PASSWORD", raising=False)

    def run(*args, env=None):
        for k, v in (env or {}).items():
            monkeypatch.setenv(k, v)
        code = main(["--database", sqlite_url, *args])
        out = capsys.readouterr()
        for k in (env or {}):
            monkeypatch.delenv(k)
        return code, out.out, out.err

    assert run("seed", "demo")[0] == 0
    return run


def test_cli_operator_password_from_the_environment_and_wrong_one_exits_2(cli, tmp_path):
    sale = ["sell", "--performance", WALKYRIE, "--first", "2", "--payment", "CASH", "--amount-given", "300"]
    code, out, err = cli("--operator", "caisse", *sale, env={"GUICHET_OPERATOR_PASSWORD": "0000"})
    assert code == 2 and "wrong password for operator 'caisse'" in err and err.count("\n") == 1
    code, out, err = cli("--operator", "caisse", *sale)  # no terminal, no variable
    assert code == 2 and "needs a password" in err
    code, out, err = cli("--operator", "caisse", *sale, "--json", env={"GUICHET_OPERATOR_PASSWORD": "1234"})
    assert code == 0, err
    sold = json.loads(out)
    assert sold["payment_mode"] == "CASH" and Decimal(sold["change"]) == 300 - Decimal(sold["total"])
    code, out, err = cli("sell", "--performance", WALKYRIE, "--first", "1", "--payment", "WAITING")  # the OS user: manager
    assert code == 2 and "not accepted" in err
    code, out, _ = cli("orders", "--performance", WALKYRIE, "--json")
    assert [o["reference"] for o in json.loads(out)] == [sold["order"]]
    code, out, err = cli("order", "cancel", sold["order"], "--tickets", str(sold["tickets"][0]))
    assert code == 0 and "1 ticket(s) cancelled" in out, err
    code, out, _ = cli("order", "show", sold["order"], "--json")
    shown = json.loads(out)
    assert [t["state"] for t in shown["tickets"]] == ["cancelled", "sold"] and shown["refunds"][0]["operator"] == "manager"
    code, out, err = cli("order", "cancel", sold["order"], "--tickets", "x,y")
    assert code == 2 and "ticket ids" in err
    pdf = tmp_path / "billets.pdf"
    code, out, err = cli("--operator", "caisse", "order", "tickets", sold["order"], "-o", str(pdf))
    assert code == 2 and "needs a password" in err and not pdf.exists()  # a print is journalled: signed in
    code, out, err = cli("order", "tickets", sold["order"], "-o", str(pdf))
    assert code == 0 and "1 ticket(s) written" in out and pdf.read_bytes().startswith(b"%PDF"), err
    code, out, _ = cli("journal", "--json")
    ops = json.loads(out)
    assert [(o["kind"], o["operator"]) for o in ops[-1:]] == [("print", "manager")] and len(ops) == 4


def test_cli_operators_add_disable_reset(cli):
    code, out, err = cli("operators", "add", "paul", "--name", "Paul", env={"GUICHET_NEW_OPERATOR_PASSWORD": "2468"})
    assert code == 0, err
    code, out, _ = cli("operators", "list", "--json")
    assert {o["login"]: o["active"] for o in json.loads(out)} == {"caisse": True, "manager": True, "paul": True}
    assert cli("operators", "disable", "paul")[0] == 0
    code, out, err = cli("--operator", "paul", "counts", "--performance", WALKYRIE)
    assert code == 0  # counts asks nobody
    code, out, err = cli("--operator", "caisse", "operators", "reset-password", "paul",
                         env={"GUICHET_OPERATOR_PASSWORD": "1234", "GUICHET_NEW_OPERATOR_PASSWORD": "1111"})
    assert code == 2 and "only a manager" in err


def test_a_database_path_in_a_missing_folder_is_refused_in_one_line(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'nope' / 'guichet.sqlite'}"
    assert main(["--database", url, "counts", "--performance", "1"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and err.count("\n") == 1 and not (tmp_path / "nope").exists()


def test_codes_are_unique_ignoring_case(demo_db, manager):
    from app.services.setup import contingents
    from app.services.validation import FieldErrors

    data = contingents.ContingentData(None, "fnac", "fnac en minuscules")
    with pytest.raises(FieldErrors, match="already used by another contingent"):
        contingents.save_contingent(demo_db, manager, data)
