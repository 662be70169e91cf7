"""The first-run assistant (no database configured yet on this workstation)."""

from .assistant import FirstRunAssistant, needs_first_run

__all__ = ["FirstRunAssistant", "needs_first_run"]
