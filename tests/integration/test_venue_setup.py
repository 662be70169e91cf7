"""services/venue: a new venue's first data and the verdict on a database before a
workstation uses it (real SQLite and PostgreSQL databases)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.domain.enums import Role
from app.domain.errors import InputError
from app.services.operators import NewOperator, create_first_manager
from app.services.venue import NewVenue, connection_verdict, create_venue, probe_database, venue_facts


def test_create_venue_gives_the_workstation_a_point_of_sale_that_sells(db):
    from app.services.inventory.payment import box_office_points_of_sale, workstation_point_of_sale

    boss = create_first_manager(db, NewOperator("boss", "Boss", Role.MANAGER, None, "Opéra-2026!"))
    assert create_venue(db, boss, NewVenue("Théâtre du Port", "Europe/Paris", "hall-1", "Guichet du hall")) == "HALL-1"
    assert venue_facts(db).name == "Théâtre du Port"
    assert workstation_point_of_sale(db) == "HALL-1"
    (pos,) = box_office_points_of_sale(db)
    assert [m.code for m in pos.payment_modes] == ["CASH", "CARD", "CHEQUE"]
    # Again (a second workstation's own point of sale): the channel and the modes are shared.
    create_venue(db, boss, NewVenue("Théâtre du Port", "Europe/Paris", "HALL-2", "Guichet 2"))
    assert [p.code for p in box_office_points_of_sale(db)] == ["HALL-1", "HALL-2"]


@pytest.mark.parametrize("new, message", [
    (NewVenue("", "Europe/Paris", "G1", "G"), "the venue's name is required"),
    (NewVenue("T", "Mars/Olympus", "G1", "G"), "not an IANA time zone name"),
    (NewVenue("T", "Europe/Paris", "G 1", "G"), "point of sale code 'G 1': letters, digits"),
])
def test_create_venue_refuses_bad_input(db, new, message):
    boss = create_first_manager(db, NewOperator("boss", "Boss", Role.MANAGER, None, "Opéra-2026!"))
    with pytest.raises(InputError, match=message):
        create_venue(db, boss, new)


def test_probe_tells_empty_joinable_foreign_and_newer(db_url):
    from app.db.engine import open_database

    probe = probe_database(db_url)
    assert probe.usable and probe.empty and "The database is empty" in probe.verdict
    db = open_database(db_url)
    assert probe_database(db_url).usable and not probe_database(db_url).operators
    create_first_manager(db, NewOperator("boss", "Boss", Role.MANAGER, None, "Opéra-2026!"))
    probe = probe_database(db_url)
    assert probe.usable and probe.operators and "this workstation joins it" in probe.verdict
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0010_standing_sold'"))
    probe = probe_database(db_url)
    assert probe.usable and probe.upgrade and "they will be upgraded" in probe.verdict
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    probe = probe_database(db_url)
    assert not probe.usable and "made by a newer Guichet (9999_future)" in probe.verdict
    db.dispose()


def test_probe_refuses_a_database_of_another_application(tmp_path):
    import sqlite3

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    probe = probe_database(f"sqlite:///{path}")
    assert not probe.usable and "holds other tables than Guichet's" in probe.verdict


def test_verdicts_name_what_the_server_refused():
    """The server's refusals as psycopg reports them (the test server trusts every login, so
    a wrong password cannot be produced here: the message psycopg gives is used)."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url("postgresql+psycopg://caisse@db.example.org:5433/guichet")
    refused = psycopg.OperationalError('connection failed: FATAL:  password authentication failed for user "caisse"')
    assert connection_verdict(refused, url) == "The server db.example.org:5433 refused the password of user caisse."
    missing = psycopg.OperationalError("connection failed: fe_sendauth: no password supplied")
    assert connection_verdict(missing, url) == "The server db.example.org:5433 asks a password for user caisse."
