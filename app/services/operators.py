"""Operators: who is at this workstation, and the list managers maintain."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Operator
from app.domain.actors import Actor
from app.domain.enums import Role
from app.domain.errors import InputError, NotFound

ENV_VAR = "GUICHET_OPERATOR"


def actor_of(op: Operator) -> Actor:
    return Actor(op.id, op.login, op.display_name, op.role)


def list_operators(db: Database) -> list[Actor]:
    with db.read() as s:
        return [actor_of(o) for o in s.scalars(select(Operator).where(Operator.active).order_by(Operator.login))]


def find_actor(db: Database, login: str) -> Actor:
    with db.read() as s:
        op = s.scalars(select(Operator).where(Operator.login == login, Operator.active)).first()
        if op is None:
            raise NotFound(f"no active operator with login {login!r}")
        return actor_of(op)


def actor_for_os_user(db: Database, os_user: str | None = None) -> Actor | None:
    """The operator configured for this OS user, if any."""
    os_user = os_user or getpass.getuser()
    with db.read() as s:
        op = s.scalars(select(Operator).where(Operator.os_user == os_user, Operator.active)).first()
        return actor_of(op) if op else None


def current_actor(db: Database, login: str | None = None) -> Actor:
    """--operator, else $GUICHET_OPERATOR, else the operator configured for the OS user."""
    login = login or os.environ.get(ENV_VAR)
    if login:
        return find_actor(db, login)
    actor = actor_for_os_user(db)
    if actor is None:
        raise InputError(
            f"no operator is configured for OS user {getpass.getuser()!r}: pass --operator LOGIN "
            f"or set {ENV_VAR} (run 'guichet seed demo' to create the demo operators)"
        )
    return actor


@dataclass(frozen=True)
class NewOperator:
    login: str
    display_name: str
    role: Role
    os_user: str | None = None


def add_operator(db: Database, actor: Actor, new: NewOperator) -> Actor:
    actor.require_manager("manage operators")
    if not new.login.strip():
        raise InputError("an operator needs a login")
    with db.write() as s:
        if s.scalars(select(Operator).where(Operator.login == new.login)).first():
            raise InputError(f"login {new.login!r} is already taken")
        op = Operator(login=new.login, display_name=new.display_name or new.login, role=new.role,
                      os_user=new.os_user or None)
        s.add(op)
        s.flush()
        return actor_of(op)


def remember_os_user(db: Database, login: str, os_user: str) -> None:
    """Start as `login` when `os_user` opens the client (one operator per OS user)."""
    with db.write() as s:
        for op in s.scalars(select(Operator).where(Operator.os_user == os_user)):
            op.os_user = None
        s.flush()
        op = s.scalars(select(Operator).where(Operator.login == login)).first()
        if op is None:
            raise NotFound(f"no operator with login {login!r}")
        op.os_user = os_user
