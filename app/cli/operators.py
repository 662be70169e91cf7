"""`guichet operators list|add|disable|enable|reset-password`: the operators of the workstations."""

from __future__ import annotations

import getpass
import os
import sys

from app.domain.errors import InputError

from app.i18n import _
from app.i18n.labels import label
from .common import actor, add_command, emit, open_db

NEW_SECRET_ENV = "GUICHET_NEW_OPERATOR_PASSWORD"


def register(sub) -> None:
    ops = sub.add_parser("operators", help=_("operators of the workstations (managers change them)")).add_subparsers(
        dest="operators_action", metavar="ACTION", required=True)
    add_command(ops, "list", cmd_list, _("list the operators, disabled ones too"))
    p = add_command(ops, "add", cmd_add, _("add an operator (managers only); the password or PIN comes from "
                                            "--password-stdin, ${variable} or a prompt").format(variable=NEW_SECRET_ENV))
    p.add_argument("login")
    p.add_argument("--name", default="", help=_("display name"))
    p.add_argument("--role", choices=["manager", "cashier", "auditor"], default="cashier",
                   help=_("manager, cashier or auditor (default cashier)"))
    p.add_argument("--os-user", default=None, help=_("OS user who starts as this operator without a password"))
    p.add_argument("--password-stdin", action="store_true", help=_("read the password (or PIN) from standard input"))
    p.add_argument("--no-password", action="store_true", help=_("no password: only the bound --os-user signs in"))
    for name, text in (("disable", _("disable an operator: they can no longer sign in")),
                       ("enable", _("enable a disabled operator again"))):
        p = add_command(ops, name, cmd_active, text)
        p.add_argument("login")
        p.set_defaults(active=(name == "enable"))
    p = add_command(ops, "reset-password", cmd_reset, _("set a new password or PIN (and clear a lock)"))
    p.add_argument("login")
    p.add_argument("--password-stdin", action="store_true", help=_("read the password (or PIN) from standard input"))


def _new_secret(args, login: str) -> str:
    if args.password_stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
    elif os.environ.get(NEW_SECRET_ENV) is not None:
        secret = os.environ[NEW_SECRET_ENV]
    elif sys.stdin.isatty():
        secret = getpass.getpass(f"New password or PIN for {login}: ")
        if getpass.getpass("Again: ") != secret:
            raise InputError(_("the two passwords differ"))
    else:
        raise InputError(_("no password for {login!r}: use --password-stdin or set {NEW_SECRET_ENV}").format(login=login, NEW_SECRET_ENV=NEW_SECRET_ENV))
    if not secret:
        raise InputError(_("empty password for {login!r}").format(login=login))
    return secret


def cmd_list(args) -> int:
    from app.services.operators import operator_details

    ops = operator_details(open_db(args))
    emit(args, [{"login": o.login, "name": o.display_name, "role": o.role.value, "active": o.active,
                 "os_user": o.os_user, "has_password": o.has_secret,
                 "locked_until": o.locked_until.isoformat() if o.locked_until else None} for o in ops],
         "\n".join(f"{o.login:<16} {label(o.role):<12} {_('active') if o.active else _('disabled'):<10} {o.display_name}"
                   for o in ops) or _("no operators"))
    return 0


def cmd_add(args) -> int:
    from app.domain.enums import Role
    from app.services.operators import NewOperator, add_operator

    db = open_db(args)
    who = actor(args, db)
    secret = None if args.no_password else _new_secret(args, args.login)
    a = add_operator(db, who, NewOperator(args.login, args.name, Role(args.role), args.os_user, secret))
    emit(args, {"login": a.login, "role": a.role.value}, _("operator {login} added ({role})").format(login=a.login, role=label(a.role)))
    return 0


def cmd_active(args) -> int:
    from app.services.operators import set_active

    db = open_db(args)
    set_active(db, actor(args, db), args.login, args.active)
    emit(args, {"login": args.login, "active": args.active},
         (_("operator {login} enabled") if args.active else _("operator {login} disabled")).format(login=args.login))
    return 0


def cmd_reset(args) -> int:
    from app.services.operators import reset_password

    db = open_db(args)
    who = actor(args, db)
    reset_password(db, who, args.login, _new_secret(args, args.login))
    emit(args, {"login": args.login}, _("password of {login} reset").format(login=args.login))
    return 0
