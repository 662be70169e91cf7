"""Errors whose message is meant for the user: the CLI prints them, the client shows them."""

from __future__ import annotations


class GuichetError(Exception):
    """Base: a failure the user can act on. `str(err)` is one clear sentence."""

    exit_code = 2


class InputError(GuichetError):
    """Bad input: an unknown name, a malformed value, an unreadable file."""


class NotFound(InputError):
    pass


class PermissionDenied(GuichetError):
    """The operator's role does not allow this."""


class RuleViolation(GuichetError):
    """The work was refused by a business rule (seat already sold, contingent held…)."""

    exit_code = 1
