"""A failed execution e-mails the interface's recipients through a real SMTP server, on
SQLite and PostgreSQL: one message per recipient with the first error, its class and what
to do; nothing for a successful run, a dry run, no recipients or e-mails switched off; a
server that is down or refuses never changes the execution's outcome, it adds a warning."""

from __future__ import annotations

import pytest

from app.adapters.files import write_guichet_csv
from app.domain.actors import SYSTEM
from app.domain.enums import ErrorClass, LogLevel
from app.services.sync.executions import execution_detail
from app.services.sync.export import export_allotments
from app.services.sync.notifications import MailError, configure_mail, send_test_mail
from app.services.sync.reintegration import import_sales_file, reintegrate_sales
from tests.conftest import WALKYRIE
from tests.integration.mail.conftest import free_port, set_recipients
from tests.integration.sync.conftest import sale_line, seats_of

STX = "NTJ Secutix File"
FNAC = "NTJ FNAC"
TO = ["compta@example.org", "regie@example.org"]


def malformed_file(db, tmp_path):
    """A Guichet sales file whose line 3 has an unreadable date: the whole file is refused."""
    seats = seats_of(db, "PAR", "G")
    path = tmp_path / "bad.csv"
    write_guichet_csv(path, [sale_line("B1", seats[0]), sale_line("B2", seats[1])])
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace("2014-11-01T10:00:00", "le 5 mai")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def mail_lines(db, execution_id):
    _, logs = execution_detail(db, execution_id)
    return [l for l in logs if l.where == "e-mail"]


@pytest.fixture
def mailed(allotted, smtp_server):
    """The demo database, recipients on the file interface, the mail server on and up."""
    server = smtp_server()
    configure_mail(allotted, SYSTEM, host="127.0.0.1", port=server.port, security="none",
                   sender="guichet@theatre.example.org", enabled=True, language="en")
    set_recipients(allotted, STX, ", ".join(TO))
    return allotted, server


def test_a_refused_sales_file_mails_each_recipient_once_with_the_first_error_and_its_action(
        mailed, manager, tmp_path):
    db, server = mailed
    r = import_sales_file(db, manager, STX, malformed_file(db, tmp_path))
    assert r.status.value == "error" and r.first_error_class is ErrorClass.EXTERNAL, r.summary()

    assert server.per_recipient() == {TO[0]: 1, TO[1]: 1}
    got = server.received[0]
    assert got.mail_from == "guichet@theatre.example.org"
    assert got.message["Subject"] == f"[Guichet] {STX} — Reintegrate sales in error (#{r.execution_id})"
    body = got.body
    assert "FIRST ERROR — External" in body
    assert r.first_error in body and "bad.csv line 3" in body
    assert "What to do: rerun the execution; if it fails again, call the distributor." in body
    assert "Trigger:      Sales file" in body and "File:" in body and "Run by:       manager" in body
    assert "[Cascade] bad.csv: file bad.csv refused: nothing imported" in body
    assert f"guichet execution rerun {r.execution_id}" in body

    info, logs = execution_detail(db, r.execution_id)
    assert info.status.value == "error" and info.first_error == r.first_error
    assert [(l.level, l.message) for l in mail_lines(db, r.execution_id)] == [
        (LogLevel.INFO, f"notified {TO[0]}, {TO[1]}")]


def test_a_distributor_fault_over_http_mails_the_mapping_error_and_its_action(linked, manager, sim, smtp_server):
    server = smtp_server()
    configure_mail(linked, SYSTEM, host="127.0.0.1", port=server.port, security="none",
                   sender="guichet@theatre.example.org", language="en")
    set_recipients(linked, FNAC, "fnac-watch@example.org")
    export_allotments(linked, manager, FNAC, WALKYRIE)
    faulty = sim.sell("fnac-demo", 1, fault="unknown_id", field="tariff")[0]
    r = reintegrate_sales(linked, manager, FNAC)
    # the line is held and the feed goes on: e-mailed like an error, the held line with its class
    assert r.status.value == "held" and r.counts["held_lines"] == 1, r.summary()

    assert server.per_recipient() == {"fnac-watch@example.org": 1}
    body = server.received[0].body
    assert server.received[0].message["Subject"] == \
        f"[Guichet] {FNAC} — Reintegrate sales done with 1 held line (#{r.execution_id})"
    assert "FIRST ERROR — Mapping" in body and faulty in body and "[Mapping]" in body and "guichet held-lines" in body
    assert "What to do: fill in the missing correspondence (mapping)" in body
    assert "Started:      20" in body and "Ended:        20" in body and "Counts:       cursor before: " in body

    sim.stop()  # the distributor is down: the export fails, External, for this performance
    e = export_allotments(linked, manager, FNAC, WALKYRIE)
    assert e.status.value == "error" and e.first_error_class is ErrorClass.EXTERNAL, e.summary()
    assert server.per_recipient() == {"fnac-watch@example.org": 2}
    mail = server.received[1]
    assert mail.message["Subject"] == f"[Guichet] {FNAC} — Export allotments in error (#{e.execution_id})"
    assert "Performance:  WALKYRIE@2014-12-07 20:00 (La Walkyrie)" in mail.body
    assert "FIRST ERROR — External" in mail.body and e.first_error in mail.body


def test_a_successful_execution_sends_nothing(mailed, manager, tmp_path):
    db, server = mailed
    seats = seats_of(db, "PAR", "G")
    path = tmp_path / "ok.csv"
    write_guichet_csv(path, [sale_line("K1", seats[0])])
    r = import_sales_file(db, manager, STX, path)
    assert r.status.value == "ok", r.summary()
    assert server.received == []
    assert mail_lines(db, r.execution_id) == []


def test_smtp_down_leaves_the_execution_in_error_as_before_with_a_warning(allotted, manager, tmp_path):
    closed = free_port()  # nothing listens there
    configure_mail(allotted, SYSTEM, host="127.0.0.1", port=closed, security="none", sender="guichet@example.org")
    set_recipients(allotted, STX, ", ".join(TO))
    r = import_sales_file(allotted, manager, STX, malformed_file(allotted, tmp_path))
    assert r.status.value == "error" and r.first_error_class is ErrorClass.EXTERNAL
    info, logs = execution_detail(allotted, r.execution_id)
    assert info.status.value == "error" and info.first_error == r.first_error
    assert info.first_error_class is ErrorClass.EXTERNAL
    [line] = mail_lines(allotted, r.execution_id)
    assert line.level is LogLevel.WARNING
    assert line.message.startswith(f"notification e-mail to {TO[0]}, {TO[1]} could not be sent: "
                                   f"cannot reach the SMTP server 127.0.0.1:{closed}")
    assert [l for l in logs if l.first][0].error_class is ErrorClass.EXTERNAL


def test_switched_off_no_recipients_or_dry_run_send_nothing_and_say_why(mailed, manager, tmp_path):
    db, server = mailed
    path = malformed_file(db, tmp_path)

    r = import_sales_file(db, manager, STX, path, dry_run=True)
    assert r.status.value == "error"
    assert [l.message for l in mail_lines(db, r.execution_id)] == ["dry run: no notification e-mail"]

    set_recipients(db, STX, "")
    r = import_sales_file(db, manager, STX, path)
    assert [l.message for l in mail_lines(db, r.execution_id)] == [
        f"no notification e-mail: the interface {STX} has no recipients for failures"]

    set_recipients(db, STX, TO[0])
    configure_mail(db, SYSTEM, host="127.0.0.1", port=server.port, enabled=False)
    r = import_sales_file(db, manager, STX, path)
    [line] = mail_lines(db, r.execution_id)
    assert line.level is LogLevel.INFO and "switched off" in line.message
    assert server.received == []


def test_one_refused_recipient_is_a_warning_the_others_are_notified(allotted, manager, tmp_path, smtp_server):
    server = smtp_server(refuse={"gone@example.org"})
    configure_mail(allotted, SYSTEM, host="127.0.0.1", port=server.port, security="none", sender="guichet@example.org")
    set_recipients(allotted, STX, f"gone@example.org, {TO[0]}")
    r = import_sales_file(allotted, manager, STX, malformed_file(allotted, tmp_path))
    assert server.per_recipient() == {TO[0]: 1}
    lines = mail_lines(allotted, r.execution_id)
    assert [(l.level, l.message) for l in lines] == [
        (LogLevel.INFO, f"notified {TO[0]}"),
        (LogLevel.WARNING, "notification e-mail to gone@example.org could not be sent: the server refused it "
                           "(550 5.1.1 no such mailbox)")]
    assert execution_detail(allotted, r.execution_id)[0].status.value == "error"


def test_starttls_and_login_with_the_keyring_password(allotted, manager, tmp_path, smtp_server):
    server = smtp_server("starttls", require_starttls=True, logins={"guichet": "Smtp-Secret-42"})
    configure_mail(allotted, SYSTEM, host="127.0.0.1", port=server.port, security="starttls", login="guichet",
                   sender="guichet@example.org", password="Smtp-Secret-42")
    set_recipients(allotted, STX, TO[0])
    r = import_sales_file(allotted, manager, STX, malformed_file(allotted, tmp_path))
    [got] = server.received
    assert got.tls and got.login == "guichet" and got.rcpt_tos == [TO[0]]
    assert [l.message for l in mail_lines(allotted, r.execution_id)] == [f"notified {TO[0]}"]

    # a wrong password: refused, said clearly, the password itself never repeated
    configure_mail(allotted, SYSTEM, host="127.0.0.1", port=server.port, password="wrong-one")
    with pytest.raises(MailError, match=r"refused the login 'guichet': 535") as exc:
        send_test_mail(allotted, TO[0])
    assert "wrong-one" not in str(exc.value)


def test_a_server_without_starttls_is_a_clear_error_naming_starttls(db, smtp_server):
    server = smtp_server("none")
    configure_mail(db, SYSTEM, host="127.0.0.1", port=server.port, security="starttls", sender="guichet@example.org")
    with pytest.raises(MailError, match=rf"the SMTP server 127.0.0.1:{server.port} does not offer STARTTLS"):
        send_test_mail(db, TO[0])
    assert server.received == []


def test_a_plain_client_to_a_server_requiring_starttls_is_refused(db, smtp_server):
    server = smtp_server("starttls", require_starttls=True)
    configure_mail(db, SYSTEM, host="127.0.0.1", port=server.port, security="none", sender="guichet@example.org")
    with pytest.raises(MailError, match=r"refused .*530"):
        send_test_mail(db, TO[0])
    configure_mail(db, SYSTEM, host="127.0.0.1", port=server.port, security="starttls")
    send_test_mail(db, TO[0])
    assert [r.tls for r in server.received] == [True]


def test_implicit_tls_and_an_untrusted_certificate(db, smtp_server, monkeypatch):
    server = smtp_server("ssl")
    configure_mail(db, SYSTEM, host="127.0.0.1", port=server.port, security="ssl", sender="guichet@example.org")
    send_test_mail(db, TO[0])
    assert [r.tls for r in server.received] == [True]
    monkeypatch.delenv("SSL_CERT_FILE")  # the test authority is no longer trusted
    with pytest.raises(MailError, match=rf"TLS with the SMTP server 127.0.0.1:{server.port} failed \(ssl\): "
                                        r"(unable to get local issuer certificate|.*certificate)"):
        send_test_mail(db, TO[0])


def test_a_login_on_a_server_offering_no_authentication_says_what_to_change(db, smtp_server):
    server = smtp_server("starttls", logins={"guichet": "pw"})  # AUTH only over TLS
    configure_mail(db, SYSTEM, host="127.0.0.1", port=server.port, security="none", login="guichet",
                   sender="guichet@example.org", password="pw")
    with pytest.raises(MailError, match=r"offers no authentication for the login 'guichet': remove the login, "
                                        r"or use security starttls or ssl"):
        send_test_mail(db, TO[0])
    configure_mail(db, SYSTEM, host="127.0.0.1", port=server.port, security="starttls")
    send_test_mail(db, TO[0])
    assert [(r.tls, r.login) for r in server.received] == [(True, "guichet")]


def test_no_database_connection_is_held_while_the_server_is_talked_to(mailed, manager, tmp_path, monkeypatch):
    from app.services.sync import notifications

    db, server = mailed
    held = []
    real = notifications.send_mail

    def watched(*args, **kw):
        held.append(db.engine.pool.checkedout())
        return real(*args, **kw)

    monkeypatch.setattr(notifications, "send_mail", watched)
    r = import_sales_file(db, manager, STX, malformed_file(db, tmp_path))
    assert held == [0] and server.per_recipient() == {TO[0]: 1, TO[1]: 1}
    assert r.status.value == "error"


def test_a_bug_in_the_notification_never_changes_the_outcome(mailed, manager, tmp_path, monkeypatch):
    from app.services.sync import notifications

    db, server = mailed

    def broken(s, execution_id, language):
        raise KeyError("boom")

    monkeypatch.setattr(notifications, "failure_mail", broken)
    r = import_sales_file(db, manager, STX, malformed_file(db, tmp_path))
    info, _ = execution_detail(db, r.execution_id)
    assert info.status.value == "error" and info.first_error_class is ErrorClass.EXTERNAL
    [line] = mail_lines(db, r.execution_id)
    assert line.level is LogLevel.WARNING and line.message == "notification e-mail could not be prepared: KeyError: 'boom'"
    assert server.received == []


def test_an_execution_interrupted_by_a_dead_process_is_mailed_when_it_is_reaped(mailed, manager):
    """A process killed mid-run leaves its execution "running"; the next run on this host
    closes it in error, and that failure is e-mailed like any other."""
    import socket

    from sqlalchemy import select, update

    from app.db.models import DistributorInterface, Execution
    from app.domain.enums import ExecutionStatus, SyncFunction, Trigger
    from app.services.sync.executions import create_execution, reap_interrupted

    db, server = mailed
    with db.read() as s:
        iid = s.scalar(select(DistributorInterface.id).where(DistributorInterface.name_fr == STX))
    eid = create_execution(db, manager, iid, SyncFunction.REINTEGRATE_SALES, Trigger.MANUAL)
    dead_pid = 2 ** 22 + 12345  # above the default pid_max: no such process
    with db.write() as s:
        s.execute(update(Execution).where(Execution.id == eid).values(
            status=ExecutionStatus.RUNNING, parameters={"host": socket.gethostname(), "pid": dead_pid}))
    assert reap_interrupted(db, iid) == 1
    assert server.per_recipient() == {TO[0]: 1, TO[1]: 1}
    assert "interrupted" in server.received[0].body or "ended before it finished" in server.received[0].body
    assert [l.message for l in mail_lines(db, eid)] == [f"notified {TO[0]}, {TO[1]}"]


def test_a_running_execution_with_a_stale_heartbeat_is_closed_and_mailed_by_any_process(mailed, manager):
    """Another host's execution (its pid means nothing here) whose heartbeat stopped more
    than two minutes ago is closed as interrupted by whoever lists the executions, and
    mailed; one whose heartbeat is fresh is left running."""
    from datetime import timedelta

    from sqlalchemy import select, update

    from app.db.models import DistributorInterface, Execution, utcnow
    from app.domain.enums import ExecutionStatus, SyncFunction, Trigger
    from app.services.sync.executions import create_execution, list_executions

    db, server = mailed
    with db.read() as s:
        iid = s.scalar(select(DistributorInterface.id).where(DistributorInterface.name_fr == STX))
    stale = create_execution(db, manager, iid, SyncFunction.REINTEGRATE_SALES, Trigger.MANUAL)
    fresh = create_execution(db, manager, iid, SyncFunction.REINTEGRATE_SALES, Trigger.MANUAL)
    with db.write() as s:
        for eid, beat in ((stale, utcnow() - timedelta(minutes=3)), (fresh, utcnow() - timedelta(seconds=20))):
            s.execute(update(Execution).where(Execution.id == eid).values(
                status=ExecutionStatus.RUNNING, started_at=utcnow() - timedelta(minutes=10), heartbeat_at=beat,
                parameters={"host": "a-host-that-is-gone", "pid": 4242}))
    shown = {e.id: e.status for e in list_executions(db)}
    assert shown[stale] == "error" and shown[fresh] == "running"
    assert server.per_recipient() == {TO[0]: 1, TO[1]: 1}
    with db.read() as s:
        ex = s.get(Execution, stale)
        assert ex.status is ExecutionStatus.ERROR and ex.ended_at is not None
        assert any("no heartbeat" in l.message and "a-host-that-is-gone" in l.message for l in ex.logs)


def test_a_running_execution_renews_its_heartbeat(mailed, manager, monkeypatch):
    import time

    from sqlalchemy import select

    from app.db.models import DistributorInterface, Execution
    from app.domain.enums import ExecutionStatus, SyncFunction, Trigger
    from app.services.sync import execution_lease
    from app.services.sync.executions import create_execution

    db, _server = mailed
    monkeypatch.setattr(execution_lease, "RENEW_EVERY_S", 0.2)
    with db.read() as s:
        iid = s.scalar(select(DistributorInterface.id).where(DistributorInterface.name_fr == STX))
    eid = create_execution(db, manager, iid, SyncFunction.REINTEGRATE_SALES, Trigger.MANUAL,
                           status=ExecutionStatus.RUNNING)
    try:
        with db.read() as s:
            first = s.get(Execution, eid).heartbeat_at
        time.sleep(1.0)
        with db.read() as s:
            later = s.get(Execution, eid).heartbeat_at
        assert first is not None and later > first
    finally:
        execution_lease.end(eid)


def test_the_mail_is_in_the_venues_language_whatever_the_engine_ran_in(allotted, manager, tmp_path, smtp_server):
    """The engine runs in English (the headless scheduler, tests pin GUICHET_LANG=en); the venue's
    mail settings say French (the default): subject, words, first error, action and the log
    lines quoted are French; the log keeps its English lines for the English reader."""
    from app.i18n import current_language
    from app.services.sync.notifications import mail_settings

    assert current_language() == "en"
    server = smtp_server()
    configure_mail(allotted, SYSTEM, host="127.0.0.1", port=server.port, security="none",
                   sender="guichet@theatre.example.org")
    assert mail_settings(allotted).language == "fr"  # a new configuration e-mails in French
    set_recipients(allotted, STX, TO[0])
    r = import_sales_file(allotted, manager, STX, malformed_file(allotted, tmp_path))
    assert r.status.value == "error"

    [got] = server.received
    assert got.message["Subject"] == f"[Guichet] {STX} — Réintégration des ventes en erreur (n°{r.execution_id})"
    body = got.body
    assert f"L'exécution n°{r.execution_id} de l'interface {STX} s'est terminée en erreur." in body
    assert "Déclencheur :" in body and "Fichier de ventes" in body and "Lancée par :" in body
    assert "PREMIÈRE ERREUR — Externe" in body
    assert "Que faire : relancer l'exécution ; si elle échoue de nouveau, appeler le distributeur." in body
    assert "bad.csv ligne 3" in body and "bad.csv line 3" not in body
    assert "[Cascade] bad.csv : fichier bad.csv refusé : rien n'a été importé" in body
    assert f"guichet execution rerun {r.execution_id}" in body
    for english in ("FIRST ERROR", "What to do", "Trigger:", "Errors in the log", "refused: nothing imported"):
        assert english not in body
    # the log itself stays as the engine wrote it, read in English here
    assert [l.message for l in mail_lines(allotted, r.execution_id)] == [f"notified {TO[0]}"]

    # switched to English: the next e-mail is English
    configure_mail(allotted, SYSTEM, host="127.0.0.1", port=server.port, language="en")
    r2 = import_sales_file(allotted, manager, STX, malformed_file(allotted, tmp_path))
    assert server.received[1].message["Subject"] == \
        f"[Guichet] {STX} — Reintegrate sales in error (#{r2.execution_id})"
    assert "FIRST ERROR — External" in server.received[1].body


def test_the_mail_language_is_checked(db):
    from app.domain.errors import InputError

    with pytest.raises(InputError, match="language.*'de'"):
        configure_mail(db, SYSTEM, host="127.0.0.1", port=2525, sender="g@example.org", language="de")
