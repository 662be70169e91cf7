"""`guichet mail show|configure|test` on a real SQLite demo database and a real SMTP server:
output, exit codes (0 ok, 1 the server refused or cannot be reached, 2 bad input or not
allowed), and the SMTP password kept out of the database file, the output and the logs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import main
from app.services.sync.reintegration import import_sales_file
from tests.integration.mail.conftest import set_recipients
from tests.integration.mail.test_failure_mail import STX, malformed_file

PASSWORD = "Pw-in-the-keyring-only-7731"


@pytest.fixture
def demo_url(sqlite_url):
    from app.db.engine import open_database
    from app.services.seeding import seed_demo

    db = open_database(sqlite_url)
    seed_demo(db)
    db.dispose()
    return sqlite_url


def run(capsys, monkeypatch, *argv, stdin: str | None = None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def configure(capsys, monkeypatch, url, port, *extra, operator="manager", stdin=None):
    return run(capsys, monkeypatch, "--operator", operator, "mail", "configure", "--host", "127.0.0.1",
               "--port", str(port), "--database", url, *extra, stdin=stdin)


def test_show_before_and_after_configure_never_prints_the_password(demo_url, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "mail", "show", "--database", demo_url)
    assert code == 0 and "not configured" in out
    code, out, _ = run(capsys, monkeypatch, "mail", "show", "--json", "--database", demo_url)
    assert code == 0 and json.loads(out)["configured"] is False

    code, out, err = configure(capsys, monkeypatch, demo_url, 587, "--login", "billetterie",
                               "--sender", "guichet@theatre.example.org", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert "starttls" in out and PASSWORD not in out  # the security usual for port 587
    code, out, _ = run(capsys, monkeypatch, "mail", "show", "--json", "--database", demo_url)
    data = json.loads(out)
    assert data == {**data, "configured": True, "enabled": True, "host": "127.0.0.1", "port": 587,
                    "security": "starttls", "login": "billetterie", "sender": "guichet@theatre.example.org",
                    "password_stored": True}
    assert PASSWORD not in out
    code, out, _ = run(capsys, monkeypatch, "mail", "show", "--database", demo_url)
    assert "Password:" in out and "stored in" in out and PASSWORD not in out

    # options left out keep their value; --disable switches the e-mails off
    code, out, _ = configure(capsys, monkeypatch, demo_url, 2525, "--disable", "--json")
    data = json.loads(out)
    assert code == 0 and data["port"] == 2525 and data["enabled"] is False
    assert data["login"] == "billetterie" and data["security"] == "starttls" and data["password_stored"]


def test_configure_is_for_managers_and_validated(demo_url, capsys, monkeypatch):
    monkeypatch.setenv("GUICHET_OPERATOR_PASSWORD", "1234")  # the demo cashier's PIN
    code, _, err = configure(capsys, monkeypatch, demo_url, 587, "--sender", "a@example.org", operator="caisse")
    assert code == 2 and "only a manager may configure the mail server" in err
    code, _, err = configure(capsys, monkeypatch, demo_url, 70000, "--sender", "a@example.org")
    assert code == 2 and "port: expected a whole number from 1 to 65535" in err
    code, _, err = run(capsys, monkeypatch, "--operator", "manager", "mail", "configure", "--host", "smtp server",
                       "--port", "25", "--sender", "a@example.org", "--database", demo_url)
    assert code == 2 and "host: 'smtp server' is not a host name" in err
    code, _, err = configure(capsys, monkeypatch, demo_url, 25, "--sender", "billetterie-at-example")
    assert code == 2 and "sender: 'billetterie-at-example' is not an e-mail address" in err
    code, _, err = configure(capsys, monkeypatch, demo_url, 25)
    assert code == 2 and "sender: the sender address is required" in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, monkeypatch, "mail", "show", "--json", "--database", demo_url)
    assert json.loads(out)["configured"] is False  # nothing half-written


def test_mail_test_exit_codes(demo_url, capsys, monkeypatch, smtp_server):
    code, _, err = run(capsys, monkeypatch, "mail", "test", "--to", "ops@example.org", "--database", demo_url)
    assert code == 2 and "the mail server is not configured" in err

    server = smtp_server()
    code, _, err = configure(capsys, monkeypatch, demo_url, server.port, "--security", "none",
                             "--sender", "guichet@example.org")
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, "mail", "test", "--to", "ops@example.org", "--database", demo_url)
    assert code == 0, err
    assert out.strip() == f"test message sent to ops@example.org through 127.0.0.1:{server.port}"
    [got] = server.received
    # in the venue's language (French for a new configuration), whatever the command's
    assert got.rcpt_tos == ["ops@example.org"] and got.message["Subject"] == "[Guichet] message de test"
    assert "Ceci est un message de test envoyé par Guichet." in got.body

    code, _, err = run(capsys, monkeypatch, "mail", "test", "--to", "not an address", "--database", demo_url)
    assert code == 2 and "is not an e-mail address" in err

    server.stop()
    code, out, err = run(capsys, monkeypatch, "mail", "test", "--to", "ops@example.org", "--database", demo_url)
    assert code == 1 and out == ""
    assert err.strip() == f"guichet: cannot reach the SMTP server 127.0.0.1:{server.port}: Connection refused"

    server = smtp_server()
    configure(capsys, monkeypatch, demo_url, server.port, "--security", "starttls")
    code, _, err = run(capsys, monkeypatch, "mail", "test", "--to", "ops@example.org", "--database", demo_url)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "does not offer STARTTLS" in err


def test_the_smtp_password_is_never_in_the_database_file(demo_url, capsys, monkeypatch, smtp_server, tmp_path):
    from app.db.engine import open_database
    from app.services.operators import find_actor

    server = smtp_server("starttls", logins={"billetterie": PASSWORD})
    code, _, err = configure(capsys, monkeypatch, demo_url, server.port, "--security", "starttls", "--login",
                             "billetterie", "--sender", "guichet@example.org", "--password-stdin", stdin=PASSWORD)
    assert code == 0, err
    db = open_database(demo_url)
    set_recipients(db, STX, "ops@example.org")
    r = import_sales_file(db, find_actor(db, "manager"), STX, malformed_file(db, tmp_path))
    assert r.status.value == "error" and len(server.received) == 1 and server.received[0].login == "billetterie"
    code, out, _ = run(capsys, monkeypatch, "execution", "show", str(r.execution_id), "--json",
                       "--export", str(tmp_path / "log.xlsx"), "--database", demo_url)
    assert code == 0 and "notified ops@example.org" in out and PASSWORD not in out
    db.dispose()
    path = Path(demo_url.removeprefix("sqlite:///"))
    files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)] + [tmp_path / "log.xlsx"]
    assert path in files
    for f in files:
        assert PASSWORD.encode() not in f.read_bytes(), f


def test_configure_keeps_the_stored_password_and_an_empty_line_removes_it(demo_url, capsys, monkeypatch):
    from app.services import secrets

    from app.db.engine import open_database

    db = secrets.database_key(open_database(demo_url))
    configure(capsys, monkeypatch, demo_url, 465, "--login", "x", "--sender", "a@example.org", "--password-stdin",
              stdin=PASSWORD + "\n")
    assert secrets.get_smtp_password(db) == PASSWORD
    code, out, _ = configure(capsys, monkeypatch, demo_url, 465, "--json")
    assert code == 0 and json.loads(out)["security"] == "ssl" and secrets.get_smtp_password(db) == PASSWORD
    code, out, _ = configure(capsys, monkeypatch, demo_url, 465, "--password-stdin", "--json", stdin="\n")
    assert code == 0 and json.loads(out)["password_stored"] is False and secrets.get_smtp_password(db) is None


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_security_none_with_a_login_warns_and_needs_a_confirmation(demo_url, capsys, monkeypatch):
    from app.db.engine import open_database
    from app.services.sync.notifications import mail_settings

    args = ("--security", "none", "--login", "billetterie", "--sender", "a@example.org")
    # Without a terminal and without --allow-plaintext: refused, nothing changed (before: accepted silently).
    code, _, err = configure(capsys, monkeypatch, demo_url, 25, *args, "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 2 and "the SMTP password would travel in clear to 127.0.0.1:25" in err and "--allow-plaintext" in err
    assert mail_settings(open_database(demo_url)).configured is False
    # On a terminal: the warning, then the question; "n" changes nothing, "y" goes on.
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    code = main(["--operator", "manager", "mail", "configure", "--host", "127.0.0.1", "--port", "25",
                 "--database", demo_url, *args])
    out = capsys.readouterr()
    assert code == 2 and "warning: security none with login 'billetterie'" in out.err and "[y/N]" in out.out
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    code = main(["--operator", "manager", "mail", "configure", "--host", "127.0.0.1", "--port", "25",
                 "--database", demo_url, *args])
    capsys.readouterr()
    assert code == 0 and mail_settings(open_database(demo_url)).security.value == "none"
    # --allow-plaintext: no question, the warning still said.
    code, _, err = configure(capsys, monkeypatch, demo_url, 25, *args, "--allow-plaintext", "--password-stdin",
                             stdin=PASSWORD + "\n")
    assert code == 0 and "warning:" in err and "(--allow-plaintext)" in err
    # TLS, or no login: nothing to confirm.
    code, _, err = configure(capsys, monkeypatch, demo_url, 587, "--security", "starttls", stdin="")
    assert code == 0 and "warning" not in err


def test_mail_test_exit_codes_bad_setup_2_failed_send_1(demo_url, capsys, monkeypatch):
    # A login with no password stored: found before trying, bad set-up (2); a server that does not answer: 1.
    code, _, err = configure(capsys, monkeypatch, demo_url, 465, "--login", "x", "--sender", "a@example.org")
    assert code == 0, err
    code, _, err = run(capsys, monkeypatch, "mail", "test", "--to", "ops@example.org", "--database", demo_url)
    assert code == 2 and "no SMTP password is stored for login 'x'" in err
    from tests.conftest import free_port

    code, _, err = configure(capsys, monkeypatch, demo_url, free_port(), "--security", "ssl", "--login", "",
                             "--sender", "a@example.org")
    code, _, err = run(capsys, monkeypatch, "mail", "test", "--to", "ops@example.org", "--database", demo_url)
    assert code == 1 and "cannot reach the SMTP server" in err


def test_the_language_of_the_emails_is_a_setting_french_by_default(demo_url, capsys, monkeypatch):
    code, out, err = configure(capsys, monkeypatch, demo_url, 25, "--sender", "guichet@theatre.example.org",
                               "--json")
    assert code == 0, err
    assert json.loads(out)["language"] == "fr"
    code, out, _ = run(capsys, monkeypatch, "--lang", "fr", "mail", "show", "--database", demo_url)
    assert "Langue des e-mails :" in out and "français" in out and "Serveur :" in out
    assert "Host" not in out and "E-mails on failure" not in out

    code, out, _ = configure(capsys, monkeypatch, demo_url, 25, "--language", "en")
    assert code == 0 and "Language of the e-mails:" in out and "English" in out
    code, out, _ = run(capsys, monkeypatch, "mail", "show", "--json", "--database", demo_url)
    assert json.loads(out)["language"] == "en" and json.loads(out)["sender"] == "guichet@theatre.example.org"

    with pytest.raises(SystemExit) as stop:
        configure(capsys, monkeypatch, demo_url, 25, "--language", "de")
    assert stop.value.code == 2 and "--language" in capsys.readouterr().err
