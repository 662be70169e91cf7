"""The venue's mail server for the e-mails of failed executions: show, configure, test."""

from __future__ import annotations

from app.i18n import _
from .common import actor, add_command, emit, open_db


def register(sub) -> None:
    mail = sub.add_parser("mail", help=_("the mail server that e-mails failed executions")).add_subparsers(
        dest="mail_action", metavar="ACTION", required=True)
    add_command(mail, "show", cmd_mail_show, _("the SMTP settings (the password never: only whether it is stored)"))

    p = add_command(mail, "configure", cmd_mail_configure,
                    _("set the SMTP server (managers only); options left out keep their current value"))
    p.add_argument("--host", required=True, metavar="H", help=_("SMTP server host name or IP address"))
    p.add_argument("--port", required=True, type=int, metavar="P", help=_("SMTP port, 1-65535 (587, 465, 25…)"))
    p.add_argument("--security", choices=["none", "starttls", "ssl"],
                   help=_("none, starttls or ssl (default for a new configuration: ssl on 465, none on 25, "
                        "else starttls)"))
    p.add_argument("--login", metavar="L", help=_("login on the server (empty: no authentication)"))
    p.add_argument("--sender", metavar="S", help=_("the From address, e.g. billetterie@example.org"))
    switch = p.add_mutually_exclusive_group()
    switch.add_argument("--enable", dest="enabled", action="store_const", const=True,
                        help=_("send the e-mails of failed executions (default for a new configuration)"))
    switch.add_argument("--disable", dest="enabled", action="store_const", const=False,
                        help=_("send no e-mail (the settings are kept)"))
    p.add_argument("--language", choices=["fr", "en"],
                   help=_("language of the e-mails of failed executions (default for a new configuration: fr), "
                          "whatever language the scheduler runs in"))
    p.add_argument("--password-stdin", action="store_true",
                   help=_("read the password from standard input into the keyring (an empty line removes it)"))
    p.add_argument("--allow-plaintext", action="store_true",
                   help=_("with --security none and a login: accept that the password travels in clear "
                        "(else asked on a terminal; refused without one)"))

    p = add_command(mail, "test", cmd_mail_test, _("send a test message with the stored settings "
                                                 "(exit 1 if the server cannot be reached or refuses it)"))
    p.add_argument("--to", required=True, metavar="ADDRESS", help=_("who receives the test message"))


def cmd_mail_show(args) -> int:
    from app.services.sync.notifications import mail_settings

    settings = mail_settings(open_db(args))
    emit(args, settings.as_json(), settings.text())
    return 0


def cmd_mail_configure(args) -> int:
    import sys

    from app.services.sync.notifications import configure_mail

    db = open_db(args)
    who = actor(args, db)
    _confirm_plaintext(args, db)
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    settings = configure_mail(db, who, host=args.host, port=args.port, security=args.security, login=args.login,
                              sender=args.sender, enabled=args.enabled, password=password,
                              language=args.language)
    emit(args, settings.as_json(), settings.text())
    return 0


def _confirm_plaintext(args, db) -> None:
    """A login over a connection without TLS sends the password in clear: warn, and go on only
    with --allow-plaintext or a yes typed on a terminal (bad usage otherwise: exit 2)."""
    import sys

    from app.domain.enums import MailSecurity
    from app.domain.errors import InputError
    from app.services.sync.notifications import default_security, mail_settings

    current = mail_settings(db)
    security = (MailSecurity(args.security) if args.security else
                current.security if current.configured else default_security(args.port))
    login = args.login if args.login is not None else current.login
    if security is not MailSecurity.NONE or not login.strip():
        return
    warning = _("security none with login {login!r}: the SMTP password would travel in clear to {server}").format(
        login=login.strip(), server=f"{args.host}:{args.port}")
    if args.allow_plaintext:
        print(_("guichet: warning: {warning} (--allow-plaintext)").format(warning=warning), file=sys.stderr)
        return
    if args.password_stdin or not sys.stdin.isatty():
        raise InputError(_("{warning}: use --security starttls or ssl, or confirm with --allow-plaintext").format(warning=warning))
    print(_("guichet: warning: {warning}.").format(warning=warning), file=sys.stderr)
    answer = input(_("Send it in clear anyway? [y/N] ")).strip().lower()
    if answer not in ("y", "yes", "o", "oui"):
        raise InputError(_("nothing changed: the password would have travelled in clear"))


def cmd_mail_test(args) -> int:
    from app.services.sync.notifications import send_test_mail

    settings = send_test_mail(open_db(args), args.to)
    emit(args, {"sent": True, "to": args.to, "host": settings.host, "port": settings.port},
         _("test message sent to {to} through {server}").format(to=args.to, server=f"{settings.host}:{settings.port}")
         + ("" if settings.enabled else " " + _("(e-mails on failure are switched off)")))
    return 0
