"""Schedules ("programmations"): when a function of an interface runs, and the scheduler
that runs the due ones exactly once across every process sharing the database.

rules: RFC 5545 recurrence in the venue's time zone; windows: which performances a run
covers; store: reading and editing schedules; claim: the atomic slot claim with its lease;
scheduler: the loop (in the client and headless)."""
