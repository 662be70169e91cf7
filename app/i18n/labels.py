"""Words for the stored enum values a user reads (function, trigger, status, class, level…),
in the current language: one table for the CLI's text, the e-mails and the services' exports.

The values stay English codes in the database and in `--json` output (they are an API); text
meant for a person shows `label(value)`. French here follows the client's words (DOMAIN.md:
« Programmation », « Exécution », « Correspondance »…). A value missing here shows as itself."""

from __future__ import annotations

from app.domain.enums import (
    ErrorClass,
    ExecutionStatus,
    HeldStatus,
    LogLevel,
    OrderStatus,
    Role,
    StartMode,
    SyncFunction,
    TicketState,
    Trigger,
)

from . import N_, _, gettext_in, render

LABELS = (  # pairs, not a dict: str enums hash as their value ("held" is two things)
    (SyncFunction.EXPORT_ALLOTMENTS, N_("Export allotments")),
    (SyncFunction.REINTEGRATE_SALES, N_("Reintegrate sales")),
    (SyncFunction.ALLOCATED_SOLD_COUNTS, N_("Allocated / sold counts")),
    (SyncFunction.BACKUP, N_("Database backup")),
    (Trigger.MANUAL, N_("By hand")),
    (Trigger.SEAT_PLAN, N_("Seat plan")),
    (Trigger.SCHEDULE, N_("Schedule")),
    (Trigger.FILE, N_("Sales file")),
    (ExecutionStatus.PENDING, N_("Pending")),
    (ExecutionStatus.RUNNING, N_("Running")),
    (ExecutionStatus.OK, N_("OK")),
    (ExecutionStatus.WARNING, N_("Warning")),
    (ExecutionStatus.HELD, N_("Done with held lines")),
    (ExecutionStatus.ERROR, N_("Error")),
    (ExecutionStatus.SKIPPED, N_("Skipped")),
    (ErrorClass.EXTERNAL, N_("External")),
    (ErrorClass.CONFIGURATION, N_("Configuration")),
    (ErrorClass.MAPPING, N_("Mapping")),
    (ErrorClass.TECHNICAL, N_("Technical")),
    (ErrorClass.CASCADE, N_("Cascade")),
    (LogLevel.INFO, N_("Info")),
    (LogLevel.WARNING, N_("Warning")),
    (LogLevel.ERROR, N_("Error")),
    (HeldStatus.HELD, N_("held")),
    (HeldStatus.RETRIED, N_("retried")),
    (HeldStatus.DISMISSED, N_("dismissed")),
    (StartMode.MANUAL, N_("manual")),
    (StartMode.AUTOMATIC, N_("automatic")),
    (OrderStatus.OPEN, N_("open")),
    (OrderStatus.PAID, N_("paid")),
    (OrderStatus.CANCELLED, N_("cancelled")),
    (TicketState.RESERVED, N_("reserved")),
    (TicketState.SOLD, N_("sold")),
    (TicketState.CANCELLED, N_("cancelled")),
    (Role.MANAGER, N_("manager")),
    (Role.CASHIER, N_("cashier")),
    (Role.AUDITOR, N_("auditor")),
)


_BY_KIND = {(type(member), member.value): words for member, words in LABELS}


def label(value, kind: type | None = None, language: str | None = None) -> str:
    """`value` (an enum member, or its stored code with the enum class as `kind`) in
    `language` (default: the current one); "" for None; a value missing here as itself."""
    if value is None:
        return ""
    code = getattr(value, "value", value)
    words = _BY_KIND.get((kind or type(value), code))
    if not words:
        return str(code)
    return gettext_in(language, words) if language else _(words)


def shown_counts(counts: dict, parameters: dict | None = None) -> dict:
    """An execution's counts for a reader: a skipped run's reason (kept in English under
    counts["skipped"], its msgid and arguments in parameters["skipped_args"]) in the current
    language."""
    out = dict(counts or {})
    data = (parameters or {}).get("skipped_args")
    if "skipped" in out and data:
        out["skipped"] = render(data, fallback=str(out["skipped"]))
    return out
