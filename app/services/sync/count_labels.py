"""A label in the user's language for every count key of an execution (`rec.count("…")`).

The keys stay English in the database and in `--json` output (they are an API); the CLI's text
output and the client show `count_label(key)`. A key missing here shows as itself."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.i18n import N_, _

COUNT_LABELS = {
    "added": N_("seats added"),
    "backups_removed": N_("older backups removed"),
    "bytes": N_("size in bytes"),
    "amount": N_("amount"),
    "cancelled": N_("cancelled by the user"),
    "covered_by": N_("covered by execution"),
    "cursor_after": N_("cursor after"),
    "cursor_before": N_("cursor before"),
    "differences": N_("differences"),
    "dismissed_lines": N_("lines dismissed"),
    "file": N_("file"),
    "format": N_("format"),
    "performances": N_("performances"),
    "retried_lines": N_("lines retried"),
    "seconds": N_("seconds"),
    "would_cancel": N_("cancellations that would be applied"),
    "would_sell": N_("sales that would be applied"),
    "already_reintegrated": N_("already reintegrated"),
    "batches": N_("batches"),
    "batches_refused": N_("batches refused"),
    "cancellations": N_("cancellations"),
    "errors": N_("errors"),
    "held_lines": N_("held lines"),
    "kept_sold": N_("sold seats kept"),
    "kept_sold_restored": N_("sold seats kept and restored"),
    "lines": N_("lines"),
    "orders": N_("orders"),
    "performances_exported": N_("performances exported"),
    "performances_failed": N_("performances failed"),
    "places": N_("seats"),
    "removed": N_("seats removed"),
    "sales": N_("sales"),
    "seats": N_("seats"),
    "skipped": N_("skipped"),  # a scheduled slot that did not run: the reason (executions._info renders it)
    "skipped_blocked": N_("skipped (blocked)"),
    "would_add": N_("seats that would be added"),
    "would_remove": N_("seats that would be removed"),
}


def count_label(key: str) -> str:
    label = COUNT_LABELS.get(key)
    return _(label) if label else key


def counts_text(counts: dict[str, int], sep: str = ", ") -> str:
    """'performances exported: 3, errors: 1' in the current language (numbers too: an amount,
    kept as its text "238.00", is shown 238,00 in French)."""
    return sep.join(_("{label}: {value}").format(label=count_label(k), value=_shown(k, v)) for k, v in counts.items())


def _shown(key: str, value):
    if key == "amount" and isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value
