"""`guichet journal`, `journal verify`, `journal export`, `backup` and `restore`, on both databases."""

from __future__ import annotations

import json

from sqlalchemy import text

from app.cli import main
from app.db.engine import open_database
from app.services import journal
from app.services.inventory.orders import cancel_order
from app.services.inventory.selling import sell
from tests.conftest import WALKYRIE, drop_pg_url, make_pg_url
from tests.integration.journal.test_journal import ROW, _drop_triggers


def _run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_verify_export_and_a_broken_row_named_with_exit_1(demo_db, cashier, db_url, capsys, tmp_path):
    r = sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    cancel_order(demo_db, cashier, r.order_reference, list(r.ticket_ids[:1]))
    code, out, _ = _run(capsys, "--database", db_url, "journal", "--json", "--performance", WALKYRIE)
    assert code == 0 and [o["op_no"] for o in json.loads(out)] == [1, 2, 3, 4, 5]
    code, out, _ = _run(capsys, "--database", db_url, "journal", "verify")
    assert code == 0 and "valid: 5 operation(s)" in out
    code, out, _ = _run(capsys, "--database", db_url, "journal", "export", "-o", str(tmp_path / "j.jsonl"))
    lines = (tmp_path / "j.jsonl").read_text(encoding="utf-8").splitlines()
    assert code == 0 and len(lines) == 5 and json.loads(lines[4])["hash"]
    code, out, _ = _run(capsys, "--database", db_url, "journal", "export", "-o", str(tmp_path / "j.csv"))
    assert code == 0 and (tmp_path / "j.csv").read_text(encoding="utf-8").count("\n") == 6
    _drop_triggers(demo_db)
    with demo_db.write() as s:
        s.execute(text("UPDATE journal_operations SET price = 1 WHERE op_no = 2"))
    code, out, err = _run(capsys, "--database", db_url, "journal", "verify")
    assert code == 1 and "broken at operation n° 2" in out
    code, out, err = _run(capsys, "--database", db_url, "journal", "--from", "2026-13-01")
    assert code == 2 and "--from" in err and "Traceback" not in err


def test_backup_restore_verify_and_equal_counts(demo_db, cashier, db_url, capsys, tmp_path):
    sell(demo_db, cashier, WALKYRIE, ROW, payment="CARD")
    sqlite = db_url.startswith("sqlite")
    out_file = tmp_path / ("b.sqlite" if sqlite else "b.dump")
    code, out, err = _run(capsys, "--database", db_url, "backup", "-o", str(out_file))
    assert code == 0, err
    target = f"sqlite:///{tmp_path / 'restored.sqlite'}" if sqlite else make_pg_url()
    try:
        code, out, err = _run(capsys, "--database", target, "restore", str(out_file))
        assert code == 0 and "valid: 4 operation(s)" in out, err
        code, out, err = _run(capsys, "--database", target, "restore", str(out_file))
        assert code == 2 and "not empty" in err
        restored = open_database(target)
        try:
            counts = []
            for d in (demo_db, restored):
                with d.read() as s:
                    counts.append([s.scalar(text(f"SELECT count(*) FROM {t}"))
                                   for t in ("journal_operations", "tickets", "orders", "seat_history")])
            assert counts[0] == counts[1] and journal.verify(restored).ok
        finally:
            restored.dispose()
    finally:
        if not sqlite:
            drop_pg_url(target)
