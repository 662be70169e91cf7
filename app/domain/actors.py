"""Who is acting: the operator at a workstation, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass

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

    def require_manager(self, what: str) -> None:
        if not self.is_manager:
            raise PermissionDenied(
                f"{self.display_name} ({self.login}) is a cashier: only a manager may {what}"
            )


# The process itself (migrations, seeding, the scheduler) acts as a manager.
SYSTEM = Actor(operator_id=None, login="system", display_name="Guichet", role=Role.MANAGER)
