"""`guichet --self-test` from the source tree: one line per check, the JSON summary last, exit 0
only when every check passes, 1 when one fails, 2 on bad arguments."""

from __future__ import annotations

import pytest

CHECKS = ["qt", "modules", "translations", "keyring", "sqlite", "xlsx", "pdf", "postgresql-driver"]


def test_every_check_passes_with_the_file_keyring(guichet, tmp_path):
    done = guichet("--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert [line.split(":")[0].split()[-1] for line in lines[:-1]] == CHECKS
    assert all(line.startswith("ok ") for line in lines[:-1])
    result = done.summary
    assert result["ok"] is True and result["failed"] == [] and result["frozen"] is False
    keyring = next(c for c in result["checks"] if c["name"] == "keyring")
    # The backend is named, and the round trip went through the encrypted file of this test.
    assert f"encrypted file {tmp_path / 'keyring.cfg'}" in keyring["detail"]
    assert (tmp_path / "keyring.cfg").exists()
    sqlite = next(c for c in result["checks"] if c["name"] == "sqlite")
    from app.db.migrate import head_revision

    assert f"migrated to {head_revision()}" in sqlite["detail"]


def test_a_failing_check_gives_exit_1_and_names_it(guichet, run_env):
    # No usable keyring: a wrong GUICHET_KEYRING (a typo in a service's environment).
    env = dict(run_env, GUICHET_KEYRING="fiel")
    done = guichet("--self-test", env=env)
    assert done.returncode == 1
    assert "FAIL keyring: no keyring: GUICHET_KEYRING='fiel': expected file or memory" in done.stdout
    assert done.summary["ok"] is False and done.summary["failed"] == ["keyring"]
    # The other checks still ran and passed.
    assert sum(c["ok"] for c in done.summary["checks"]) == len(CHECKS) - 1


def test_a_wrong_keyring_master_password_fails_the_keyring_check(guichet, run_env):
    assert guichet("--self-test").returncode == 0  # creates the keyring file
    done = guichet("--self-test", env=dict(run_env, GUICHET_KEYRING_PASSWORD="not-the-master"))
    assert done.returncode == 1
    assert "master password of the encrypted file keyring" in done.stdout
    assert done.summary["failed"] == ["keyring"]


def test_sqlite_database_given_checks_its_schema(guichet, tmp_path):
    from app.db.engine import open_database

    url = f"sqlite:///{tmp_path / 'venue.sqlite'}"
    open_database(url).dispose()
    done = guichet("--self-test", "--database", url)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-2].startswith("ok   database: sqlite:///")


@pytest.mark.pg
def test_postgresql_schema_version_is_checked(guichet):
    from tests.conftest import drop_pg_url, make_pg_url, pg_available

    if pg_available():
        pytest.skip(pg_available())
    url = make_pg_url()
    try:
        done = guichet("--self-test", "--database", url)
        assert done.returncode == 1
        assert "FAIL database: " in done.stdout and "no Guichet schema (empty database)" in done.stdout
        from app.db.engine import open_database

        open_database(url).dispose()
        done = guichet("--self-test", "--database", url)
        assert done.returncode == 0, done.stdout
        assert "connected, schema at" in done.stdout
    finally:
        drop_pg_url(url)


def test_unreachable_postgresql_is_a_failed_check(guichet):
    done = guichet("--self-test", "--database", "postgresql://guichet@127.0.0.1:1/guichet")
    assert done.returncode == 1
    assert "FAIL database: cannot open the database postgresql+psycopg://guichet@127.0.0.1:1/guichet" in done.stdout


@pytest.mark.parametrize("args, message", [
    (["--self-test", "--database", "not a url"], "--database 'not a url': not a database URL"),
    (["--self-test", "--database", "mysql://x@h/db"], "expected postgresql://"),
    (["--self-test", "db", "upgrade"], "--self-test runs alone: leave out the command 'db'"),
])
def test_bad_arguments_exit_2_with_one_line(guichet, args, message):
    done = guichet(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
