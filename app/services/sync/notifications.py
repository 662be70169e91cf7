"""E-mails of failed executions, and the venue's SMTP settings they go through.

`ExecutionRecorder.finish()` calls `notify_failure(recorder)` once an execution has ended in
error (its status is already committed). The message goes to the interface's
`notify_emails`; whatever happens while sending, the execution keeps its outcome: a line is
added to its log ("notified a@b, c@d", or a warning saying why no e-mail went out). Dry runs
send nothing. No database transaction is open while the SMTP server is talked to.

The settings (host, port, security, login, sender, on/off) are one row of `smtp_settings`,
shared by every workstation and by the headless `guichet run` / scheduler; the password is
in the OS keyring (`secrets.get_smtp_password`), never in the database, a log or an export."""

from __future__ import annotations

import ipaddress
import logging
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    DistributorInterface,
    Execution,
    ExecutionLog,
    Operator,
    Performance,
    Product,
    Schedule,
    SmtpSettings,
    utcnow,
)
from app.domain.actors import Actor
from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel, MailSecurity
from app.domain.errors import GuichetError, InputError

from app.i18n import LANGUAGES, N_, _, exception_text, gettext_in, ngettext_in, render
from app.i18n.labels import label
from app.services import secrets
from app.services.validation import Checker, is_email, split_emails

log = logging.getLogger("guichet.notifications")

SMTP_TIMEOUT_S = 20.0  # connect and every exchange with the server
ERROR_LINES = 20  # error lines of the log quoted in the e-mail
WHERE = N_("e-mail")  # the `where` of the log lines this module adds (through _())

ACTIONS = {  # N_(): said in the venue's language (gettext_in) when the e-mail is composed
    ErrorClass.EXTERNAL: N_("rerun the execution; if it fails again, call the distributor"),
    ErrorClass.CONFIGURATION: N_("check the interface's settings (URL, login, password, point of sale, contact, "
                                 "contingent)"),
    ErrorClass.MAPPING: N_("fill in the missing correspondence (mapping) for the object named, then rerun"),
    ErrorClass.TECHNICAL: N_("an unexpected failure: call support"),
    ErrorClass.CASCADE: N_("caused by the error above it: see that one"),
}
# A backup has no interface: what its Configuration errors call for.
BACKUP_CONFIGURATION = N_("check the backup folder of the schedule: it must exist and be writable by the scheduler")

_HOST_RE = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$")


class MailError(GuichetError):
    """The SMTP server could not be reached or refused the message: one clear sentence."""

    exit_code = 1


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MailSettings:
    """The SMTP settings; the password only as "stored or not" and where."""

    configured: bool  # a server has been set
    enabled: bool
    host: str
    port: int
    security: MailSecurity
    login: str
    sender: str
    password_stored: bool
    password_backend: str
    keyring_scope: str = ""  # the database's identity: the SMTP password's key in the keyring
    language: str = "fr"  # of the e-mails (the venue's, whatever the sending process speaks)

    def as_json(self) -> dict:
        return {"configured": self.configured, "enabled": self.enabled, "host": self.host, "port": self.port,
                "security": self.security.value, "login": self.login, "sender": self.sender,
                "password_stored": self.password_stored, "password_backend": self.password_backend,
                "language": self.language}

    def text(self) -> str:
        if not self.configured:
            return _("mail server: not configured (guichet mail configure --host H --port P --sender S)")
        rows = [(_("E-mails on failure"), _("on") if self.enabled else _("off")), (_("Host"), self.host),
                (_("Port"), self.port), (_("Security"), self.security.value),  # the code --security takes
                (_("Login"), self.login or _("(none: no authentication)")), (_("Sender"), self.sender or _("(none)")),
                (_("Password"), (_("stored in {backend}") if self.password_stored else _("none in {backend}")).format(
                    backend=self.password_backend)),
                (_("Language of the e-mails"), LANGUAGE_NAMES.get(self.language, self.language))]
        return "\n".join(f"{_('{name}:').format(name=name):<26} {value}" for name, value in rows)


LANGUAGE_NAMES = {"fr": "français", "en": "English"}  # each language named in itself


def mail_settings(db: Database) -> MailSettings:
    with db.read() as s:
        row = s.get(SmtpSettings, 1)
        values = None if row is None else (row.host, int(row.port), row.security, row.login or "", row.sender or "",
                                           bool(row.enabled), row.language or "fr")
    stored = bool(secrets.get_smtp_password(db))  # the keyring, outside the session
    backend = secrets.backend_name()
    if values is None:
        return MailSettings(False, False, "", 587, MailSecurity.STARTTLS, "", "", stored, backend,
                            secrets.database_key(db))
    host, port, security, login, sender, enabled, language = values
    return MailSettings(bool(host), enabled, host, port, security, login, sender, stored, backend,
                        secrets.database_key(db), language)


def default_security(port: int) -> MailSecurity:
    """What a server on this port usually speaks: 465 implicit TLS, 25 plain, else STARTTLS."""
    return MailSecurity.SSL if port == 465 else MailSecurity.NONE if port == 25 else MailSecurity.STARTTLS


def is_host(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("[]"))
        return True
    except ValueError:
        return bool(_HOST_RE.match(text))


def configure_mail(db: Database, actor: Actor, *, host: str, port: int, security: str | MailSecurity | None = None,
                   login: str | None = None, sender: str | None = None, enabled: bool | None = None,
                   password: str | None = None, language: str | None = None) -> MailSettings:
    """Set the SMTP server. Options left at None keep their current value (a new
    configuration is switched on, with the security usual for its port, its e-mails in
    French). `password`: None keeps the stored one, "" removes it, a text replaces it in the
    keyring. `language`: "fr" or "en", the language of the e-mails."""
    actor.require_manager(N_("configure the mail server"))
    c = Checker("mail server")
    host = c.required("host", host, "the host")
    if host.startswith("[") and host.endswith("]"):  # [::1]
        host = host[1:-1]
    if host and not is_host(host):
        c.add("host", _("{host!r} is not a host name or an IP address (e.g. smtp.example.org)").format(host=host))
    port = c.int_range("port", port, 1, 65535)
    sec: MailSecurity | None = None
    if security is not None:
        try:
            sec = MailSecurity(security)
        except ValueError:
            c.add("security", _("{security!r}: expected one of {choices}").format(
                security=security, choices=", ".join(m.value for m in MailSecurity)))
    if login is not None:
        login = c.max_len("login", login.strip(), 200)
    if sender is not None:
        sender = sender.strip()
        if sender and not is_email(sender):
            c.add("sender", _("{sender!r} is not an e-mail address (e.g. billetterie@example.org)").format(sender=sender))
    if language is not None and language not in LANGUAGES:
        c.add("language", _("{language!r}: expected one of {choices}").format(
            language=language, choices=", ".join(LANGUAGES)))
    with db.write() as s:
        row = s.get(SmtpSettings, 1)
        new = row is None
        final_enabled = enabled if enabled is not None else (True if new else bool(row.enabled))
        final_sender = sender if sender is not None else ("" if new else row.sender)
        if final_enabled and not final_sender:
            c.add("sender", _("the sender address is required to send e-mails (--sender)"))
        c.done()
        if new:
            row = SmtpSettings(id=1)
            s.add(row)
        row.host, row.port = host, port
        row.security = sec or (default_security(port) if new else row.security)
        if login is not None:
            row.login = login
        row.sender = final_sender
        row.enabled = final_enabled
        if language is not None or new:
            row.language = language or "fr"
        row.updated_at = utcnow()
    if password is not None:
        secrets.set_smtp_password(db, password)
    log.info("mail server set to %s:%s by %s", host, port, actor.login)
    return mail_settings(db)


# --- sending ----------------------------------------------------------------------------------


def _password(settings: MailSettings) -> str | None:
    if not settings.login:
        return None
    password = secrets.get_smtp_password(settings.keyring_scope)
    if not password:
        raise MailError(_("no SMTP password is stored for login {login!r} in {backend} (guichet mail configure … "
                          "--password-stdin)").format(login=settings.login, backend=settings.password_backend))
    return password


def send_mail(settings: MailSettings, recipients: list[str], subject: str, body: str, *,
              timeout: float | None = None) -> dict[str, tuple[int, str]]:
    """Send one plain-text message to `recipients`. Returns the recipients the server
    refused (the others got it); raises MailError when nobody got it."""
    if not settings.configured:
        raise MailError(_("the mail server is not configured (guichet mail configure --host H --port P --sender S)"))
    if not settings.sender:
        raise MailError(_("the mail server has no sender address (guichet mail configure … --sender S)"))
    password = _password(settings)
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = ", ".join(recipients)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1])
    msg.set_content(body)
    where = f"{settings.host}:{settings.port}"
    timeout = SMTP_TIMEOUT_S if timeout is None else timeout
    try:
        if settings.security is MailSecurity.SSL:
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        try:
            smtp.ehlo()
            if settings.security is MailSecurity.STARTTLS:
                if not smtp.has_extn("starttls"):
                    raise MailError(_("the SMTP server {where} does not offer STARTTLS: set security to none or ssl, "
                                      "or use the server's STARTTLS port").format(where=where))
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if password is not None:
                smtp.login(settings.login, password)
            refused = smtp.send_message(msg, from_addr=settings.sender, to_addrs=recipients)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(_("the SMTP server {where} refused the login {login!r}: {reply}").format(
            where=where, login=settings.login, reply=_reply(exc))) from None
    except smtplib.SMTPNotSupportedError as exc:
        if "AUTH" in str(exc):
            raise MailError(_("the SMTP server {where} offers no authentication for the login {login!r}: remove the "
                              "login, or use security starttls or ssl (many servers authenticate only over "
                              "TLS)").format(where=where, login=settings.login)) from None
        raise MailError(_("the SMTP server {where} does not support what was asked: {error}").format(
            where=where, error=str(exc))) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(_("the SMTP server {where} refused every recipient: {refused}").format(
            where=where, refused="; ".join(f"{a} ({_code(r)})" for a, r in exc.recipients.items()))) from None
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(_("the SMTP server {where} refused the sender {sender}: {reply}").format(
            where=where, sender=settings.sender, reply=_reply(exc))) from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(_("the SMTP server {where} refused the message: {reply}").format(
            where=where, reply=_reply(exc))) from None
    except smtplib.SMTPServerDisconnected as exc:
        raise MailError(_("the SMTP server {where} closed the connection: {why}").format(
            where=where, why=str(exc) or _("no reason given"))) from None
    except smtplib.SMTPException as exc:
        raise MailError(_("the SMTP server {where} refused the message: {reply}").format(
            where=where, reply=str(exc))) from None
    except ssl.SSLError as exc:
        why = getattr(exc, "verify_message", None) or exc.reason or str(exc)
        raise MailError(_("TLS with the SMTP server {where} failed ({security}): {why}").format(
            where=where, security=settings.security.value, why=str(why))) from None
    except (socket.timeout, TimeoutError):
        raise MailError(_("the SMTP server {where} did not answer within {seconds:g} s").format(
            where=where, seconds=timeout)) from None
    except socket.gaierror as exc:
        raise MailError(_("cannot reach the SMTP server {where}: unknown host ({error})").format(
            where=where, error=exc.strerror)) from None
    except OSError as exc:
        raise MailError(_("cannot reach the SMTP server {where}: {error}").format(
            where=where, error=exc.strerror or str(exc))) from None
    return {addr: (code, _text(text)) for addr, (code, text) in (refused or {}).items()}


def _text(raw) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return f"{exc.smtp_code} {_text(exc.smtp_error)}".strip()


def _code(reply) -> str:
    code, text = reply
    return f"{code} {_text(text)}".strip()


def send_test_mail(db: Database, to: str) -> MailSettings:
    """Send a test message to `to` with the stored settings (even when e-mails are switched
    off: that is how one checks them before switching them on)."""
    to = (to or "").strip()
    if not is_email(to):
        raise InputError(_("{address!r} is not an e-mail address").format(address=to))
    settings = mail_settings(db)
    if not settings.configured:
        raise InputError(_("the mail server is not configured (guichet mail configure --host H --port P --sender S)"))
    # What is missing here is found before trying: bad set-up (exit 2), not a failed send (exit 1).
    if not settings.sender:
        raise InputError(_("the mail server has no sender address (guichet mail configure … --sender S)"))
    if settings.login and not settings.password_stored:
        keyring = secrets.state(verify=True)
        if keyring.usable:
            raise InputError(_("no SMTP password is stored for login {login!r} in {backend} (guichet mail configure … "
                               "--password-stdin)").format(login=settings.login, backend=settings.password_backend))
        raise InputError(_("no SMTP password is stored for login {login!r} {problem} (guichet mail configure … "
                           "--password-stdin)").format(login=settings.login, problem=keyring.problem))
    lang = settings.language

    def t(message: str) -> str:
        return gettext_in(lang, message)

    body = (t(N_("This is a test message from Guichet.")) + "\n\n"
            + t(N_("It was sent from {host} through {server} ({security}), as {sender}.")).format(
                host=socket.gethostname(), server=f"{settings.host}:{settings.port}",
                security=settings.security.value, sender=settings.sender) + "\n"
            + (t(N_("E-mails of failed executions are on.")) if settings.enabled
               else t(N_("E-mails of failed executions are OFF."))) + "\n")
    send_mail(settings, [to], t(N_("[Guichet] test message")), body)
    return settings


# --- the e-mail of a failed execution ---------------------------------------------------------


@dataclass(frozen=True)
class FailureMail:
    execution_id: int
    interface: str
    recipients: list[str]
    subject: str
    body: str
    dry_run: bool


def _when(dt: datetime | None) -> str:
    if dt is None:
        return "—"
    return dt.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def failure_mail(s: Session, execution_id: int, language: str = "en") -> FailureMail:
    """The message for one execution that ended in error, read from the database, in
    `language` (the venue's, `MailSettings.language`): its words and the log lines it quotes
    (kept with their msgid and arguments) are translated whatever language the engine ran in."""
    from app.services.sync.count_labels import COUNT_LABELS

    def t(message: str) -> str:
        return gettext_in(language, message)

    def lbl(value) -> str:
        return label(value, language=language)

    def class_label(cls: ErrorClass | None) -> str:
        return lbl(cls) if cls else t(N_("Error"))

    def shown(args, where: str, message: str) -> tuple[str, str]:
        if not args:
            return where, message
        return (render(args.get("where"), language, where), render(args.get("message"), language, message))

    ex = s.get(Execution, execution_id)
    iface = s.get(DistributorInterface, ex.interface_id) if ex.interface_id is not None else None
    params = dict(ex.parameters or {})
    function = lbl(ex.function)
    held = ex.status is ExecutionStatus.HELD
    n_held = int((ex.counts or {}).get("held_lines", 0) or 0)
    if iface is None:  # the database's backup: no interface, its schedule's recipients
        subject = "[Guichet] " + t(N_("{function} in error (#{id})")).format(function=function, id=ex.id)
    else:
        subject = "[Guichet] " + (
            ngettext_in(language, "{interface} — {function} done with {n} held line (#{id})",
                        "{interface} — {function} done with {n} held lines (#{id})", n_held)
            if held else t(N_("{interface} — {function} in error (#{id})"))).format(
            interface=iface.name_fr, function=function, n=n_held, id=ex.id)

    performance = None
    if ex.performance_id is not None:
        row = s.execute(select(Product.code, Product.name_fr, Performance.starts_at)
                        .join(Product, Product.id == Performance.product_id)
                        .where(Performance.id == ex.performance_id)).first()
        if row:
            performance = f"{row.code}@{row.starts_at:%Y-%m-%d %H:%M} ({row.name_fr})"
    elif ex.function.value == "export-allotments":
        performance = t(N_("every performance of the interface"))
    trigger = lbl(ex.trigger)
    if ex.schedule_id is not None:
        name = s.scalar(select(Schedule.name_fr).where(Schedule.id == ex.schedule_id))
        trigger += " (" + t(N_("schedule #{id}")).format(id=ex.schedule_id) + (f" {name!r}" if name else "") + ")"
    operator = s.scalar(select(Operator.login).where(Operator.id == ex.operator_id)) if ex.operator_id else None

    facts = [(t(N_("Interface")), iface.name_fr)] if iface is not None else []
    facts += [(t(N_("Function")), function), (t(N_("Trigger")), trigger)]
    if params.get("folder"):
        facts.append((t(N_("Backup folder")), params["folder"]))
    if performance:
        facts.append((t(N_("Performance")), performance))
    if params.get("file"):
        facts.append((t(N_("File")), params["file"]))
    if operator:
        facts.append((t(N_("Run by")), operator))
    if ex.rerun_of_id:
        facts.append((t(N_("Rerun of")), f"#{ex.rerun_of_id}"))
    # an execution created already running (not queued) started when it was created
    facts += [(t(N_("Started")), _when(ex.started_at or ex.created_at)), (t(N_("Ended")), _when(ex.ended_at))]
    counts = dict(ex.counts or {})
    facts.append((t(N_("Counts")), ", ".join(
        t(N_("{label}: {value}")).format(label=t(COUNT_LABELS[k]) if k in COUNT_LABELS else k, value=v)
        for k, v in counts.items()) or "—"))

    if iface is None:
        body = [t(N_("Execution #{id} ({function}) ended in error.")).format(id=ex.id, function=function), ""]
    else:
        body = [(t(N_("Execution #{id} of the interface {interface} went on past lines it could not apply: they "
                      "are held (guichet held-lines; retry after the fix, or dismiss with a reason).")) if held
                 else t(N_("Execution #{id} of the interface {interface} ended in error."))).format(
                    id=ex.id, interface=iface.name_fr), ""]
    heads = [t(N_("{name}:")).format(name=name) for name, _value in facts]
    width = max(13, *(len(h) for h in heads))
    body += [f"{head:<{width}} {value}" for head, (_name, value) in zip(heads, facts)]
    body.append("")
    if ex.first_error_class is not None or ex.first_error:
        where, message = shown(ex.first_error_args, "", ex.first_error or "")
        first = t(N_("{where}: {message}")).format(where=where, message=message) if where else message
        action = (BACKUP_CONFIGURATION if iface is None and ex.first_error_class is ErrorClass.CONFIGURATION
                  else ACTIONS.get(ex.first_error_class, ACTIONS[ErrorClass.TECHNICAL]))
        body += [t(N_("FIRST ERROR — {error_class}")).format(error_class=class_label(ex.first_error_class)),
                 f"  {first}",
                 "  " + t(N_("What to do: {action}.")).format(action=t(action))]
    elif held:
        body.append(t(N_("HELD LINES — each with its cause and class below.")))
    else:
        body.append(t(N_("FIRST ERROR — none recorded apart from errors caused by others (see the log below).")))
    body.append("")

    # held lines are logged as warnings with their class: listed like errors
    wanted = (ExecutionLog.level == LogLevel.ERROR) | (ExecutionLog.error_class.is_not(None))
    total = s.scalar(select(func.count(ExecutionLog.id)).where(
        ExecutionLog.execution_id == ex.id, wanted)) or 0
    lines = s.execute(select(ExecutionLog.error_class, ExecutionLog.where, ExecutionLog.message,
                             ExecutionLog.message_args)
                      .where(ExecutionLog.execution_id == ex.id, wanted)
                      .order_by(ExecutionLog.id).limit(ERROR_LINES)).all()
    if lines:
        body.append(t(N_("Errors in the log ({shown} of {total}):")).format(shown=len(lines), total=total)
                    if total > len(lines) else t(N_("Errors in the log ({total}):")).format(total=total))
        for cls, where, message, args in lines:
            where, message = shown(args, where, message)
            line = t(N_("{where}: {message}")).format(where=where, message=message) if where else message
            body.append(f"  [{class_label(cls)}] {line}")
        body.append("")
    body += [t(N_("The whole log: guichet execution show {id} (or the Executions screen).")).format(id=ex.id),
             t(N_("Run it again (never duplicates anything): guichet execution rerun {id}.")).format(id=ex.id),
             "",
             t(N_("— Guichet, on {host}")).format(host=socket.gethostname())]
    if iface is None:  # the recipients the backup schedule names (kept with the run: reruns too)
        recipients = params.get("notify_emails")
        if recipients is None and ex.schedule_id is not None:
            recipients = s.scalar(select(Schedule.notify_emails).where(Schedule.id == ex.schedule_id))
        return FailureMail(ex.id, "", split_emails(recipients or ""), subject, "\n".join(body) + "\n",
                           bool(params.get("dry_run")))
    return FailureMail(ex.id, iface.name_fr, split_emails(iface.notify_emails or ""), subject,
                       "\n".join(body) + "\n", bool(params.get("dry_run")))


def notify_failure(recorder) -> None:
    """E-mail the interface's recipients that the recorder's execution ended in error, and
    say in its log what became of the e-mail. Never raises, never changes the outcome."""
    try:
        _notify(recorder)
    except Exception as exc:  # noqa: BLE001 - the execution's outcome must stand whatever happens here
        log.exception("execution #%s: the notification e-mail failed", recorder.execution_id)
        try:
            recorder.warning(_("notification e-mail could not be prepared: {kind}: {error}").format(
                kind=type(exc).__name__, error=str(exc)), _(WHERE))
            recorder.flush()
        except Exception:  # noqa: BLE001 - e.g. the database is gone too: the process log has it
            pass


def _notify(rec) -> None:
    settings = mail_settings(rec.db)
    with rec.db.read() as s:  # closed before the SMTP server is contacted
        mail = failure_mail(s, rec.execution_id, settings.language)
    if mail.dry_run:
        rec.info(_("dry run: no notification e-mail"), _(WHERE))
    elif not mail.recipients and not mail.interface:
        rec.info(_("no notification e-mail: the backup schedule has no recipients for failures"), _(WHERE))
    elif not mail.recipients:
        rec.info(_("no notification e-mail: the interface {name} has no recipients for failures").format(
            name=mail.interface), _(WHERE))
    elif not settings.configured:
        rec.info(_("no notification e-mail: the mail server is not configured (guichet mail configure)"), _(WHERE))
    elif not settings.enabled:
        rec.info(_("no notification e-mail: e-mails on failure are switched off (guichet mail configure --enable)"),
                 _(WHERE))
    else:
        try:
            refused = send_mail(settings, mail.recipients, mail.subject, mail.body)
        except MailError as exc:
            rec.warning(_("notification e-mail to {recipients} could not be sent: {error}").format(
                recipients=", ".join(mail.recipients), error=exception_text(exc)), _(WHERE))
        else:
            sent = [r for r in mail.recipients if r not in refused]
            if sent:
                rec.info(_("notified {recipients}").format(recipients=", ".join(sent)), _(WHERE))
            for addr, (code, text) in refused.items():
                rec.warning(_("notification e-mail to {address} could not be sent: the server refused it "
                              "({code} {text})").format(address=addr, code=code, text=text), _(WHERE))
    rec.flush()
