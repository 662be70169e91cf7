"""Who is acting: the operator at a workstation, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _

from .enums import Role
from .errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    operator_id: int | None
    login: str
    display_name: str
    role: Role

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER

    @property
    def is_auditor(self) -> bool:
        return self.role is Role.AUDITOR

    def require_writer(self, what: str) -> None:
        """Every write service calls this (or require_manager): the auditor changes nothing.
        `what`: an English phrase marked with N_() at the call, translated here."""
        if self.is_auditor:
            raise PermissionDenied(_("{name} ({login}) is an auditor (read-only): an auditor may not {what}").format(
                name=self.display_name, login=self.login, what=_(what)))

    def require_manager(self, what: str) -> None:
        if not self.is_manager:
            message = (_("{name} ({login}) is an auditor: only a manager may {what}") if self.is_auditor
                       else _("{name} ({login}) is a cashier: only a manager may {what}"))
            raise PermissionDenied(message.format(name=self.display_name, login=self.login, what=_(what)))


# The process itself (migrations, seeding, the scheduler) acts as a manager.
SYSTEM = Actor(operator_id=None, login="system", display_name="Guichet", role=Role.MANAGER)
