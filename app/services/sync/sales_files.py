"""Checks a sales file before a manual import (`guichet import-sales`): the file is read whole,
refused whole when any line is unreadable, refused when it is another distributor's
statement, and its title's performance (a Fnac statement) is used and checked against the
one given. Everything here runs before any execution is recorded: a refusal is bad input
(exit 2), not a failed execution."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Performance
from app.domain.enums import DistributorKind
from app.domain.errors import InputError
from app.domain.sales import ParsedSales
from app.i18n import N_, _

from app.services.lookup import find_interface, find_performance
from .mapping_resolver import MappingResolver

KIND_LABELS = {
    DistributorKind.FNAC: "Fnac",
    DistributorKind.TICKETNET: "Ticketnet",
    DistributorKind.DIGITICK: "Digitick",
    DistributorKind.GUICHET_FILE: N_("Guichet file"),  # through _() where shown
}
# A distributor's own statement format; Guichet's files (guichet-csv, xlsx) suit every interface.
OWNER_OF_FORMAT = {"fnac-csv": DistributorKind.FNAC, "ticketnet": DistributorKind.TICKETNET}
SHOWN_ERRORS = 20


@dataclass
class PreparedFile:
    parsed: ParsedSales
    performance: int | str | None  # what to pass on as the file's performance


def accepted_formats(kind: DistributorKind) -> list[str]:
    own = [fmt for fmt, owner in OWNER_OF_FORMAT.items() if owner is kind]
    return own + ["guichet-csv", "xlsx"]


def prepare_sales_file(db: Database, interface, path: str | Path, format: str | None = None,
                       performance: str | int | None = None, *, strict: bool = True) -> PreparedFile:
    """The file parsed and checked, or an InputError saying why it is refused (nothing written).
    `strict=False` (the client's preview) keeps unreadable lines in `parsed.errors` to list them."""
    from app.adapters.files import FORMAT_LABELS, parse_sales_file

    with db.read() as s:
        iface = find_interface(s, interface)
        kind, name, iface_id = iface.kind, iface.name_fr, iface.id
        given_id = find_performance(s, performance).id if performance not in (None, "") else None
    parsed = parse_sales_file(path, format)
    file = Path(path).name
    owner = OWNER_OF_FORMAT.get(parsed.format)
    if owner is not None and owner is not kind:
        raise InputError(_(
            "{file}: refused, it is {label} ({format}) and {name} is a {kind} interface, which reads {formats}: import "
            "it into a {owner} interface").format(file=file, label=_(FORMAT_LABELS[parsed.format]), format=parsed.format,
                                                 name=name, kind=_(KIND_LABELS[kind]),
                                                 formats=", ".join(accepted_formats(kind)), owner=_(KIND_LABELS[owner])))
    if parsed.errors and strict:
        shown = "\n".join(f"  {e.where}: {e.message}" for e in parsed.errors[:SHOWN_ERRORS])
        if len(parsed.errors) > SHOWN_ERRORS:
            shown += "\n  " + _("… and {n} more").format(n=len(parsed.errors) - SHOWN_ERRORS)
        first = parsed.errors[0]
        refused = _("{file}: refused, nothing imported: {n} line(s) cannot be read, the first {where}: {message}").format(
            file=file, n=len(parsed.errors), where=first.where, message=first.message)
        raise InputError(refused + "\n" + shown if len(parsed.errors) > 1 else refused)
    chosen: int | str | None = given_id
    if parsed.performance_at is not None:
        with db.read() as s:
            resolver = MappingResolver.load(s, iface_id)
            given = s.get(Performance, given_id) if given_id is not None else None
            if given is not None:
                if not _names(resolver, parsed, given):
                    raise InputError(_(
                        "{file}: refused, its title names {event} on {at}, not --performance {code}@{starts}").format(
                        file=file, event=parsed.event, at=f"{parsed.performance_at:%Y-%m-%d %H:%M}",
                        code=given.product.code, starts=f"{given.starts_at:%Y-%m-%d %H:%M}"))
            else:
                found = [p for p in s.scalars(select(Performance).where(Performance.starts_at == parsed.performance_at))
                         if _names(resolver, parsed, p)]
                if len(found) == 1:
                    chosen = found[0].id
        if chosen is not None:
            # The lines take the performance found for the title (the reintegration checks them against it).
            parsed.lines = [dataclasses.replace(line, event="", performance_at=None) for line in parsed.lines]
    return PreparedFile(parsed, chosen)


def _names(resolver: MappingResolver, parsed: ParsedSales, perf: Performance) -> bool:
    """Whether the file's title (event code, date-time) names `perf`: the code through the
    interface's event mappings, else as our own event code."""
    if perf.starts_at.replace(second=0, microsecond=0) != parsed.performance_at:
        return False
    products = resolver.products(parsed.event)
    if products:
        return any(oid == perf.product_id or (oid is None and code == perf.product.code) for oid, code in products)
    return perf.product.code == parsed.event
