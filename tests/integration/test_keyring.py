"""Passwords that persist, per database (issue 9): `set-password` in one process, `check` and
`run` in others find it with GUICHET_KEYRING=file; one database's passwords are not
another's; with no usable keyring, storing a password exits 2 naming the fixes; a missing
password is a Configuration problem for `check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.db.engine import open_database
from app.domain.enums import ErrorClass
from app.services.setup import preflight
from app.services import secrets
from app.services.seeding import seed_demo
from tests.conftest import WALKYRIE
from tests.integration.sync.conftest import sim  # noqa: F401 - the simulator fixture

ROOT = Path(__file__).resolve().parents[2]
FNAC = "NTJ FNAC"


def guichet(env: dict, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The command in its own process: nothing is shared with this one but files."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("GUICHET_KEYRING", "PYTHON_KEYRING")) and k != "DBUS_SESSION_BUS_ADDRESS"}
    return subprocess.run([sys.executable, "-m", "app.cli", *argv], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=240, env={**clean, **env})


@pytest.fixture
def seeded(tmp_path):
    """Two demo databases (SQLite files), without any password."""
    urls = []
    for name in ("a", "b"):
        url = f"sqlite:///{tmp_path / name}.sqlite"
        db = open_database(url)
        seed_demo(db)
        db.dispose()
        urls.append(url)
    return urls


@pytest.fixture
def file_env(tmp_path):
    return {"GUICHET_KEYRING": "file", "GUICHET_KEYRING_FILE": str(tmp_path / "keys" / "guichet.cfg"),
            "GUICHET_KEYRING_PASSWORD": "master-of-tests", "GUICHET_DATA_DIR": str(tmp_path / "data")}


def test_a_password_set_in_one_process_is_found_by_check_and_run_in_others(seeded, file_env, sim, tmp_path):
    from tests.integration.sync.conftest import link_interfaces

    url = seeded[0]
    db = open_database(url)
    link_interfaces(db, sim.url)  # the interfaces point at this test's simulator
    db.dispose()
    base = ("--database", url, "--operator", "manager")
    before = guichet(file_env, "check", "--interface", FNAC, *base)
    assert before.returncode == 1 and "[Configuration] no password stored for it in encrypted file" in before.stdout
    stored = guichet(file_env, "interfaces", "set-password", FNAC, "--stdin", *base, stdin="demo\n")
    assert stored.returncode == 0, stored.stderr
    keyfile = Path(file_env["GUICHET_KEYRING_FILE"])
    assert stored.stdout.strip() == f"{FNAC}: password stored in encrypted file {keyfile}"
    assert keyfile.stat().st_mode & 0o777 == 0o600 and b"demo" not in keyfile.read_bytes()
    check = guichet(file_env, "check", "--interface", FNAC, *base)
    assert check.returncode == 0 and "ready" in check.stdout, check.stdout + check.stderr
    run = guichet(file_env, "run", "--interface", FNAC, "--function", "export-allotments", "--performance", WALKYRIE,
                  *base)
    assert run.returncode == 0, run.stdout + run.stderr  # the simulator accepted the login with that password
    wrong = guichet({**file_env, "GUICHET_KEYRING_PASSWORD": "not-the-master"}, "interfaces", "set-password", FNAC,
                    "--stdin", *base, stdin="x\n")
    assert wrong.returncode == 2 and "the master password of the encrypted file keyring" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    wrong_check = guichet({**file_env, "GUICHET_KEYRING_PASSWORD": "not-the-master"}, "check", "--interface", FNAC,
                          *base)
    assert wrong_check.returncode == 1 and "[Configuration] its password cannot be read: the master password" \
        in wrong_check.stdout


def test_one_databases_passwords_are_not_anothers(seeded, file_env):
    a, b = seeded
    base = ("--operator", "manager", "--database")
    assert guichet(file_env, "interfaces", "set-password", FNAC, "--stdin", *base, a, stdin="pass-of-a\n").returncode == 0
    show_b = guichet(file_env, "interfaces", "show", FNAC, "--json", "--database", b)
    assert json.loads(show_b.stdout)["password_stored"] is False
    assert guichet(file_env, "interfaces", "set-password", FNAC, "--stdin", *base, b, stdin="pass-of-b\n").returncode == 0
    os.environ.update(file_env)
    try:
        db_a, db_b = open_database(a), open_database(b)
        assert secrets.database_key(db_a) != secrets.database_key(db_b)
        assert (secrets.get_password(db_a, 1), secrets.get_password(db_b, 1)) == ("pass-of-a", "pass-of-b")
        db_a.dispose(), db_b.dispose()
    finally:
        for k in file_env:
            os.environ.pop(k, None)
        os.environ["GUICHET_KEYRING"] = "memory"


def test_with_no_usable_keyring_storing_a_password_exits_2_naming_both_fixes(seeded, tmp_path):
    # No GUICHET_KEYRING, no PYTHON_KEYRING_BACKEND, no keyringrc.cfg, no session bus: keyrings.cryptfile is
    # installed, yet neither it nor a memory keyring is picked on its own.
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "share"),
           "GUICHET_DATA_DIR": str(tmp_path / "data")}
    r = guichet(env, "interfaces", "set-password", FNAC, "--stdin", "--operator", "manager", "--database", seeded[0],
                stdin="lost?\n")
    assert r.returncode == 2 and r.stdout == "", r.stdout
    assert "GUICHET_KEYRING=file" in r.stderr and "PYTHON_KEYRING_BACKEND" in r.stderr and "GNOME Keyring" in r.stderr
    assert "MemoryKeyring" not in r.stderr and "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1
    check = guichet(env, "check", "--interface", FNAC, "--database", seeded[0])
    assert check.returncode == 1 and "[Configuration] its password cannot be read: no keyring" in check.stdout
    # PYTHON_KEYRING_BACKEND keeps working as keyring documents it.
    plain = guichet({**env, "PYTHON_KEYRING_BACKEND": "keyrings.cryptfile.file.PlaintextKeyring"}, "interfaces",
                    "set-password", FNAC, "--stdin", "--operator", "manager", "--database", seeded[0], stdin="p\n")
    assert plain.returncode == 0 and "password stored in unencrypted file" in plain.stdout, plain.stderr


def test_check_reports_a_missing_password_as_a_configuration_problem(seeded):
    db = open_database(seeded[0])
    report = preflight.check_interface(db, FNAC)
    assert not report.ok
    assert [(i.error_class, i.field) for i in report.items] == [(ErrorClass.CONFIGURATION, "password")]
    assert "no password stored for it in memory only" in report.items[0].message
    secrets.set_password(db, 1, "x")
    assert preflight.check_interface(db, FNAC).ok
    assert preflight.check_interface(db, "NTJ Secutix File").ok  # a file interface needs none
    db.dispose()


def test_the_memory_keyring_is_never_chosen_by_keyring_itself():
    import keyring.backend

    assert secrets.MemoryKeyring not in {type(k) for k in keyring.backend.get_all_keyring()}
