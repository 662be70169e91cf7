"""`guichet report …`: the distributors' and partners' reports to PDF or Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.i18n import N_, _
from .common import add_command, emit, open_db

REPORT_HELP = {  # N_(): translated where the parser is built
    "sale-sheet": N_("the sale sheet of an event for a distributor (its xlsx imports back with `mappings import`)"),
    "partner-statement": N_("what a distributor sold and cancelled over a period, and what it owes"),
    "collections": N_("takings per day, channel, point of sale and payment mode"),
    "takings-statement": N_("the takings statement (relevé de recettes) of a day (--day D) or a performance, "
                         "from the operations journal"),
    "gauge": N_("capacity, sold, reserved, blocked and free places per zone/block and per contingent"),
    "digitick-allotment": N_("the Digitick allotment of a performance, to communicate by phone"),
}


def register(sub) -> None:
    group = sub.add_parser("report", help=_("print a report to PDF or Excel")).add_subparsers(
        dest="report_kind", metavar="REPORT", required=True)
    for kind, text in REPORT_HELP.items():
        p = add_command(group, kind, cmd_report, _(text))
        p.add_argument("--format", choices=("pdf", "xlsx"), help=_("default: from the file's extension"))
        p.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the file to write"))
        p.add_argument("--event", metavar="E", help=_("event code (e.g. WALKYRIE)"))
        p.add_argument("--interface", metavar="I", help=_("distributor interface internal name or id"))
        p.add_argument("--performance", metavar="P", help=_("EVENTCODE@YYYY-MM-DD HH:MM or id"))
        p.add_argument("--from", dest="date_from", metavar="DATE", help=_("first day, YYYY-MM-DD"))
        p.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day (included), YYYY-MM-DD"))
        if kind == "takings-statement":
            p.add_argument("--day", metavar="DATE", help=_("the day, YYYY-MM-DD (the venue's local day)"))


def _day(text: str | None, option: str) -> date | None:
    from app.domain.errors import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(_("{option} {text!r}: expected a date YYYY-MM-DD").format(option=option, text=text)) from None


def cmd_report(args) -> int:
    from app.domain.errors import InputError
    from app.services import reports

    kind = args.report_kind
    if getattr(args, "day", None):
        args.date_from = args.date_to = args.day
    fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in ("pdf", "xlsx"):
        raise InputError(_("-o {output}: say --format pdf or xlsx (or end the file name with .pdf or .xlsx)").format(output=args.output))
    rt = reports.REPORTS[kind]
    given = {k for k in ("event", "interface", "performance") if getattr(args, k)}
    if args.date_from or args.date_to:
        given.add("period")
    unused = sorted(given - rt.accepts)
    if unused:
        raise InputError(_("report {kind} does not take {options}").format(
            kind=kind, options=", ".join("--" + (u if u != "period" else "from/--to") for u in unused)))
    params = reports.ReportParams(
        event=args.event, interface=args.interface, performance=args.performance,
        date_from=_day(args.date_from, "--from"), date_to=_day(args.date_to, "--to"),
        lang=getattr(args, "lang", None) or "en", operator=_operator_name(args))
    params.check_period()  # an inverted period is refused before the database is opened
    db = open_db(args)
    try:
        report = reports.generate(db, kind, params)
        path = reports.save(report, args.output, fmt)
    finally:
        db.dispose()
    data = {"report": kind, "format": fmt, "path": str(path), "empty": report.empty,
            "tables": {t.sheet: len(t.rows) for t in report.tables}}
    text = f"{report.title}: {path}" + (f" — {report.empty_message}" if report.empty else "")
    emit(args, data, text)
    return 0


def _operator_name(args) -> str:
    """The operator named on the title block: who asked, never a reason to refuse a report."""
    import getpass
    import os

    return getattr(args, "operator", None) or os.environ.get("GUICHET_OPERATOR") or getpass.getuser()
