"""The preview of a sales file before a manual reintegration (the client's file import): every
line with its resolved performance, seat, tariff and price, totals per performance and
tariff, and every error with its line. Nothing is written; a file of another distributor is
refused (`prepare_sales_file`) before anything is read into the preview."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Seat, Tariff
from app.domain.errors import InputError
from app.i18n import _

from .common import load_interface
from .mapping_resolver import MappingResolver, performance_label
from .sales_files import prepare_sales_file


@dataclass(frozen=True)
class PreviewLine:
    where: str
    ticket: str
    action: str  # sale | cancel
    performance: str
    seat: str  # "B2 C rang 3 place 12", or the zone of a standing place
    tariff: str
    price: Decimal | None


@dataclass(frozen=True)
class PreviewError:
    where: str
    message: str


@dataclass(frozen=True)
class PreviewTotal:
    performance: str
    tariff: str
    tickets: int
    amount: Decimal


@dataclass
class FilePreview:
    file: str
    format: str
    performance: int | str | None  # to pass on to the import
    lines: list[PreviewLine] = field(default_factory=list)
    totals: list[PreviewTotal] = field(default_factory=list)
    errors: list[PreviewError] = field(default_factory=list)
    already: int = 0  # lines reintegrated before (importing again adds nothing for them)
    parsed: object = None  # the ParsedSales, handed to the import so the file is read once

    @property
    def new_lines(self) -> int:
        return len(self.lines) - self.already

    @property
    def can_commit(self) -> bool:
        return not self.errors and self.new_lines > 0


def preview_sales_file(db: Database, interface, path: str | Path, format: str | None = None,
                       performance=None) -> FilePreview:
    """What importing the file would do. Raises InputError when the file is refused as a whole
    (unreadable, another distributor's statement, a title naming another performance)."""
    from .reintegration import Reintegrator

    path = Path(path)
    if not path.is_file():
        raise InputError(_("sales file {path} does not exist or is not a file").format(path=str(path)))
    prepared = prepare_sales_file(db, interface, path, format, performance, strict=False)
    parsed = prepared.parsed
    out = FilePreview(path.name, parsed.format, prepared.performance, parsed=parsed)
    out.errors += [PreviewError(e.where, e.message) for e in parsed.errors]
    if parsed.declared_total is not None and parsed.declared_total != parsed.sales_total:
        out.errors.append(PreviewError(path.name, _("the file's total {declared:.2f} differs from the sum of its sale "
                                                    "lines {total:.2f}").format(declared=parsed.declared_total,
                                                                                total=parsed.sales_total)))
    with db.read() as s:
        info = load_interface(s, interface)
        resolver = MappingResolver.load(s, info.id)
    perf_id = prepared.performance if isinstance(prepared.performance, int) else None
    r = Reintegrator(db, None, info, resolver, None, default_performance=perf_id)
    with db.read() as s:
        plan = r.plan(s, parsed.lines, lock=False)
        out.errors += [PreviewError(i.where, i.message) for i in plan.issues + plan.cascades]
        out.already = plan.already
        perfs = {pid: performance_label(s, pid) for pid in {t["performance_id"] for t in plan.tickets}}
        tariffs = dict(s.execute(select(Tariff.id, Tariff.code)).all())
        seat_ids = [t["seat_id"] for t in plan.tickets if t["seat_id"]]
        seats = {}
        for i in range(0, len(seat_ids), 500):
            seats.update({sid: f"{row}-{num}" for sid, row, num in s.execute(
                select(Seat.id, Seat.row, Seat.number).where(Seat.id.in_(seat_ids[i:i + 500])))})
    planned = {id(t["_line"]): t for t in plan.tickets}
    sums: dict[tuple[str, str], list] = defaultdict(lambda: [0, Decimal(0)])
    for line in parsed.lines:
        t = planned.get(id(line))
        if t is not None:
            perf, tariff = perfs[t["performance_id"]], tariffs.get(t["tariff_id"], "?")
            seat = f"{line.zone} {seats.get(t['seat_id'], '')}".strip() if t["seat_id"] else line.zone
            out.lines.append(PreviewLine(line.where, line.external_ticket_id, "sale", perf, seat, tariff, t["price"]))
            sums[(perf, tariff)][0] += 1
            sums[(perf, tariff)][1] += t["price"]
        else:
            seat = f"{line.zone} {line.row}-{line.seat}" if line.seat else line.zone
            action = "cancel" if line.action.value == "cancel" else "sale"
            out.lines.append(PreviewLine(line.where, line.external_ticket_id, action,
                                         line.event or "", seat, line.tariff, line.price))
    out.totals = [PreviewTotal(p, t, n, a) for (p, t), (n, a) in sorted(sums.items())]
    return out
