"""Operators: who signs in at this workstation, and the list managers maintain."""

from __future__ import annotations

import getpass
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Operator, utcnow
from app.domain.actors import Actor, SYSTEM
from app.domain.enums import Role
from app.domain.errors import InputError, NotFound

from app.i18n import N_, _
from .passwords import check_secret, hash_secret, verify_secret

ENV_VAR = "GUICHET_OPERATOR"
PASSWORD_ENV_VAR = "GUICHET_OPERATOR_PASSWORD"
MAX_TRIES = 5  # wrong secrets in a row before the operator is locked
LOCK_SECONDS = 60

log = logging.getLogger("guichet.operators")


class SignInRefused(InputError):
    """A wrong secret, an unknown or disabled operator, or a locked one (exit 2)."""


def actor_of(op: Operator) -> Actor:
    return Actor(op.id, op.login, op.display_name, op.role)


@dataclass(frozen=True)
class OperatorInfo:
    login: str
    display_name: str
    role: Role
    active: bool
    os_user: str | None
    has_secret: bool
    locked_until: datetime | None


def list_operators(db: Database, *, include_disabled: bool = False) -> list[Actor]:
    with db.read() as s:
        q = select(Operator).order_by(Operator.login)
        if not include_disabled:
            q = q.where(Operator.active)
        return [actor_of(o) for o in s.scalars(q)]


def operator_details(db: Database) -> list[OperatorInfo]:
    """Every operator, disabled ones too, for the managers' screen and `operators list`."""
    with db.read() as s:
        return [OperatorInfo(o.login, o.display_name, o.role, o.active, o.os_user, bool(o.password_hash),
                             o.locked_until) for o in s.scalars(select(Operator).order_by(Operator.login))]


def has_operators(db: Database) -> bool:
    with db.read() as s:
        return bool(s.scalar(select(func.count(Operator.id))))


def find_actor(db: Database, login: str) -> Actor:
    with db.read() as s:
        op = s.scalars(select(Operator).where(Operator.login == login, Operator.active)).first()
        if op is None:
            raise NotFound(_("no active operator with login {login!r}").format(login=login))
        return actor_of(op)


def actor_for_os_user(db: Database, os_user: str | None = None) -> Actor | None:
    """The operator bound to this OS user, if any: the OS login vouches for them."""
    os_user = os_user or getpass.getuser()
    with db.read() as s:
        op = s.scalars(select(Operator).where(Operator.os_user == os_user, Operator.active)).first()
        return actor_of(op) if op else None


def sign_in(db: Database, login: str, secret: str, *, now: datetime | None = None) -> Actor:
    """Check an operator's password or PIN. Five wrong tries in a row lock them for a minute."""
    now = now or utcnow()
    refused: str | None = None
    with db.write() as s:
        op = s.scalars(select(Operator).where(Operator.login == login)).first()
        if op is None or not op.active:
            refused = _("no active operator with login {login!r}").format(login=login)
        elif op.locked_until is not None and op.locked_until > now:
            wait = int((op.locked_until - now).total_seconds()) + 1
            refused = _("operator {login!r} is locked after {tries} wrong passwords: try again in {wait} s").format(
                login=login, tries=MAX_TRIES, wait=wait)
        elif not verify_secret(secret, op.password_hash):
            op.failed_attempts = (op.failed_attempts or 0) + 1
            if op.failed_attempts >= MAX_TRIES:
                op.failed_attempts = 0
                op.locked_until = now + timedelta(seconds=LOCK_SECONDS)
                log.warning("operator %s locked for %d s after %d wrong passwords", login, LOCK_SECONDS, MAX_TRIES)
                refused = _("wrong password for operator {login!r}: locked for {seconds} s after {tries} wrong "
                            "tries").format(login=login, seconds=LOCK_SECONDS, tries=MAX_TRIES)
            else:
                log.info("wrong password for operator %s (%d in a row)", login, op.failed_attempts)
                refused = _("wrong password for operator {login!r}").format(login=login)
        else:
            op.failed_attempts = 0
            op.locked_until = None
            actor = actor_of(op)
    # Outside the unit of work: the count of wrong tries is committed before refusing.
    if refused:
        raise SignInRefused(refused)
    return actor


def current_actor(db: Database, login: str | None = None, *, password: str | None = None,
                  os_user: str | None = None) -> Actor:
    """--operator, else $GUICHET_OPERATOR, else the operator bound to the OS user.

    An operator other than the OS user's proves who they are: the password comes from
    `password`, else $GUICHET_OPERATOR_PASSWORD, else a prompt on a terminal."""
    os_user = os_user or getpass.getuser()
    login = login or os.environ.get(ENV_VAR)
    if not login:
        actor = actor_for_os_user(db, os_user)
        if actor is None:
            raise InputError(
                _("no operator is bound to OS user {os_user!r}: pass --operator LOGIN "
                  "or set {env} (run 'guichet seed demo' to create the demo operators)").format(os_user=os_user, env=ENV_VAR))
        return actor
    bound = actor_for_os_user(db, os_user)
    if bound is not None and bound.login == login:
        return bound
    if password is None:
        password = os.environ.get(PASSWORD_ENV_VAR)
    if password is None:
        if not sys.stdin.isatty():
            raise InputError(_("operator {login!r} needs a password: set {PASSWORD_ENV_VAR} or run from a terminal").format(login=login, PASSWORD_ENV_VAR=PASSWORD_ENV_VAR))
        password = getpass.getpass(f"Password for {login}: ")
    return sign_in(db, login, password)


@dataclass(frozen=True)
class NewOperator:
    login: str
    display_name: str
    role: Role
    os_user: str | None = None
    secret: str | None = None  # password, or a PIN for a cashier


def _create(s, new: NewOperator) -> Operator:
    login = new.login.strip()
    if not login:
        raise InputError(_("an operator needs a login"))
    if new.secret is None and not new.os_user:
        raise InputError(_("operator {login!r} needs a password (or a PIN) or an OS user").format(login=login))
    if new.secret is not None:
        check_secret(new.secret, new.role)
    if s.scalars(select(Operator).where(func.lower(Operator.login) == login.lower())).first():
        raise InputError(_("login {login!r} is already taken").format(login=login))
    if new.os_user and s.scalars(select(Operator).where(Operator.os_user == new.os_user)).first():
        raise InputError(_("OS user {os_user!r} is already bound to another operator").format(os_user=new.os_user))
    op = Operator(login=login, display_name=new.display_name.strip() or login, role=new.role,
                  os_user=new.os_user or None,
                  password_hash=hash_secret(new.secret) if new.secret is not None else None)
    s.add(op)
    s.flush()
    return op


def add_operator(db: Database, actor: Actor, new: NewOperator) -> Actor:
    actor.require_manager(N_("manage operators"))
    with db.write() as s:
        return actor_of(_create(s, new))


def create_first_manager(db: Database, new: NewOperator) -> Actor:
    """At first start only: the database has no operator yet."""
    with db.write() as s:
        if s.scalar(select(func.count(Operator.id))):
            raise InputError(_("the first manager already exists: sign in"))
        return actor_of(_create(s, NewOperator(new.login, new.display_name, Role.MANAGER, new.os_user, new.secret)))


def _operator(s, login: str) -> Operator:
    op = s.scalars(select(Operator).where(Operator.login == login)).first()
    if op is None:
        raise NotFound(_("no operator with login {login!r}").format(login=login))
    return op


def set_active(db: Database, actor: Actor, login: str, active: bool) -> None:
    actor.require_manager(N_("manage operators"))
    with db.write() as s:
        op = _operator(s, login)
        if not active and op.role is Role.MANAGER:
            managers = s.scalar(select(func.count(Operator.id)).where(Operator.role == Role.MANAGER, Operator.active))
            if managers <= 1 and op.active:
                raise InputError(_("{login!r} is the last active manager: add another manager first").format(login=login))
        op.active = active


def reset_password(db: Database, actor: Actor, login: str, secret: str) -> None:
    """A manager sets a new password or PIN; the lock and the wrong tries are cleared."""
    actor.require_manager(N_("manage operators"))
    with db.write() as s:
        op = _operator(s, login)
        check_secret(secret, op.role)
        op.password_hash = hash_secret(secret)
        op.failed_attempts = 0
        op.locked_until = None


def set_demo_secret(db: Database, login: str, secret: str) -> None:
    """Seeding only: give a demo operator their documented demo password."""
    reset_password(db, SYSTEM, login, secret)


def remember_os_user(db: Database, login: str, os_user: str) -> None:
    """Bind `os_user` to `login` (one operator per OS user): they start without a password."""
    with db.write() as s:
        for op in s.scalars(select(Operator).where(Operator.os_user == os_user)):
            op.os_user = None
        s.flush()
        _operator(s, login).os_user = os_user
