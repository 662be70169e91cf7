"""The Exécutions screen: the executions history with each one's log and first-error action,
and the held lines waiting for a fix (also the interface editor's Exécutions tab)."""

from .overview import ExecutionsView

__all__ = ["ExecutionsView"]
