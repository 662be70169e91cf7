"""The venue's mail server for the e-mails of failed executions: show, configure, test."""

from __future__ import annotations

from app.i18n import _
from .common import actor, add_command, emit, open_db


def register(sub) -> None:
    mail = sub.add_parser("mail", help="the mail server that e-mails failed executions").add_subparsers(
        dest="mail_action", metavar="ACTION", required=True)
    add_command(mail, "show", cmd_mail_show, "the SMTP settings (the password never: only whether it is stored)")

    p = add_command(mail, "configure", cmd_mail_configure,
                    "set the SMTP server (managers only); options left out keep their current value")
    p.add_argument("--host", required=True, metavar="H", help="SMTP server host name or IP address")
    p.add_argument("--port", required=True, type=int, metavar="P", help="SMTP port, 1-65535 (587, 465, 25…)")
    p.add_argument("--security", choices=["none", "starttls", "ssl"],
                   help="none, starttls or ssl (default for a new configuration: ssl on 465, none on 25, "
                        "else starttls)")
    p.add_argument("--login", metavar="L", help="login on the server (empty: no authentication)")
    p.add_argument("--sender", metavar="S", help="the From address, e.g. billetterie@example.org")
    switch = p.add_mutually_exclusive_group()
    switch.add_argument("--enable", dest="enabled", action="store_const", const=True,
                        help="send the e-mails of failed executions (default for a new configuration)")
    switch.add_argument("--disable", dest="enabled", action="store_const", const=False,
                        help="send no e-mail (the settings are kept)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input into the keyring (an empty line removes it)")
    p.add_argument("--allow-plaintext", action="store_true",
                   help="with --security none and a login: accept that the password travels in clear "
                        "(else asked on a terminal; refused without one)")

    p = add_command(mail, "test", cmd_mail_test, "send a test message with the stored settings "
                                                 "(exit 1 if the server cannot be reached or refuses it)")
    p.add_argument("--to", required=True, metavar="ADDRESS", help="who receives the test message")


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
                              sender=args.sender, enabled=args.enabled, password=password)
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
    warning = (f"security none with login {login.strip()!r}: the SMTP password would travel in clear "
               f"to {args.host}:{args.port}")
    if args.allow_plaintext:
        print(f"guichet: warning: {warning} (--allow-plaintext)", file=sys.stderr)
        return
    if args.password_stdin or not sys.stdin.isatty():
        raise InputError(_("{warning}: use --security starttls or ssl, or confirm with --allow-plaintext").format(warning=warning))
    print(f"guichet: warning: {warning}.", file=sys.stderr)
    answer = input("Send it in clear anyway? [y/N] ").strip().lower()
    if answer not in ("y", "yes", "o", "oui"):
        raise InputError(_("nothing changed: the password would have travelled in clear"))


def cmd_mail_test(args) -> int:
    from app.services.sync.notifications import send_test_mail

    settings = send_test_mail(open_db(args), args.to)
    emit(args, {"sent": True, "to": args.to, "host": settings.host, "port": settings.port},
         f"test message sent to {args.to} through {settings.host}:{settings.port}"
         + ("" if settings.enabled else " (e-mails on failure are switched off)"))
    return 0
