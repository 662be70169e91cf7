"""Running an interface's function by hand (the client's run dialog, `guichet run`): one run
of an interface at a time, across threads, processes and workstations (the interface claim),
with progress and cancellation (`RunControl`); and the allocated/sold counts a distributor
gives per performance (Fnac), beside ours, for the reconciliation screen."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timezone

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Execution, Order, Ticket
from app.i18n import _
from app.domain.actors import Actor
from app.domain.enums import ErrorClass, ExecutionStatus, SyncFunction, TicketState, Trigger
from app.domain.errors import InputError

from app.services.lookup import find_interface, performance_id_of
from . import interface_claim
from .common import classify, load_interface, open_adapter
from .executions import ExecutionRecorder, RunResult, create_execution, process_tag
from .run_control import RunControl, cancelled, report

WHAT = {SyncFunction.EXPORT_ALLOTMENTS: "an export", SyncFunction.REINTEGRATE_SALES: "a reintegration",
        SyncFunction.ALLOCATED_SOLD_COUNTS: "a count of allocated and sold places"}


class InterfaceBusy(InputError):
    """Another run of the interface holds its claim."""


def busy_message(db: Database, interface_id: int) -> str:
    """"an export of NTJ FNAC is running (workstation X, since 10:02)", from the interface's
    running execution (or a plain "busy" when the holder has not recorded one yet)."""
    with db.read() as s:
        name = find_interface(s, interface_id).name_fr
        ex = s.execute(select(Execution.function, Execution.parameters, Execution.started_at, Execution.created_at)
                       .where(Execution.interface_id == interface_id, Execution.status == ExecutionStatus.RUNNING)
                       .order_by(Execution.id.desc()).limit(1)).first()
    if ex is None:
        return f"another run of {name} is going on; try again when it has ended"
    host = (ex.parameters or {}).get("host") or "?"
    since = (ex.started_at or ex.created_at).replace(tzinfo=timezone.utc).astimezone()
    return f"{WHAT.get(ex.function, 'a run')} of {name} is running (workstation {host}, since {since:%H:%M})"


def run_by_hand(db: Database, actor: Actor, interface, function: SyncFunction | str, *, performance=None,
                dry_run: bool = False, batch_size: int | None = None, control: RunControl | None = None,
                adapter_factory=None, wait: float = 0.0, echo=None, file=None, format: str | None = None,
                parsed=None) -> RunResult:
    """Run one function of the interface now, holding its claim for the whole run; raises
    InterfaceBusy (nothing recorded) when another run of it goes on after `wait` seconds."""
    function = SyncFunction(function)
    with db.read() as s:
        iid = find_interface(s, interface).id
    with interface_claim.hold(db, iid, wait=wait) as held:
        if not held:
            raise InterfaceBusy(busy_message(db, iid))
        if function is SyncFunction.EXPORT_ALLOTMENTS:
            from .export import export_allotments

            return export_allotments(db, actor, iid, performance, dry_run=dry_run, batch_size=batch_size,
                                     adapter_factory=adapter_factory, echo=echo, control=control)
        if function is SyncFunction.REINTEGRATE_SALES:
            from .reintegration import import_sales_file, reintegrate_sales

            if file is not None:
                return import_sales_file(db, actor, iid, file, format, dry_run=dry_run, performance=performance,
                                         batch_size=batch_size, echo=echo, control=control, parsed=parsed)
            return reintegrate_sales(db, actor, iid, dry_run=dry_run, batch_size=batch_size, performance=performance,
                                     adapter_factory=adapter_factory, echo=echo, control=control)
        return allocated_sold_counts(db, actor, iid, performance, adapter_factory=adapter_factory, echo=echo,
                                     control=control).result


# --- allocated / sold counts --------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    performance_id: int
    label: str
    ours_allocated: int | None  # the allotment we would send (None: it cannot be built)
    ours_sold: int  # live tickets of the interface's orders
    theirs_allocated: int | None  # None: the distributor could not tell
    theirs_sold: int | None
    held_lines: int = 0
    problem: str = ""  # why a figure is missing

    @property
    def allocated_differs(self) -> bool:
        return self.theirs_allocated is not None and self.ours_allocated is not None \
            and self.theirs_allocated != self.ours_allocated

    @property
    def sold_differs(self) -> bool:
        return self.theirs_sold is not None and self.theirs_sold != self.ours_sold

    @property
    def action(self) -> str:
        """What fixes the difference: "held-lines", "reintegrate", "export" or ""."""
        if self.sold_differs:
            return "held-lines" if self.held_lines else "reintegrate"
        if self.allocated_differs or (self.theirs_allocated is None and self.ours_allocated):
            return "export"
        return ""


@dataclass
class CountsResult:
    result: RunResult
    rows: list[CountRow] = field(default_factory=list)


def allocated_sold_counts(db: Database, actor: Actor, interface, performance=None, *, adapter_factory=None,
                          trigger: Trigger = Trigger.MANUAL, echo=None, control: RunControl | None = None
                          ) -> CountsResult:
    """Ask the distributor, per performance of the interface (or `performance`), how many
    places it holds and sold, beside our allotment and our reintegrated sales (one execution)."""
    from app.adapters.registry import function_refusal
    from app.db.models import HeldLine
    from app.domain.enums import HeldStatus

    from .export import _performances_of, build_allotment
    from .mapping_resolver import MappingResolver

    with db.read() as s:
        info = load_interface(s, interface)
        perf_id = performance_id_of(s, performance)
    refusal = function_refusal(info.kind, SyncFunction.ALLOCATED_SOLD_COUNTS)
    if refusal:
        raise InputError(_("interface {name!r}: {refusal}").format(name=info.name, refusal=refusal))
    eid = create_execution(db, actor, info.id, SyncFunction.ALLOCATED_SOLD_COUNTS, trigger, performance_id=perf_id,
                           status=ExecutionStatus.RUNNING, parameters={"performance": perf_id, **process_tag()})
    rec = ExecutionRecorder(db, eid, echo=echo)
    t0 = time.perf_counter()
    rows: list[CountRow] = []
    adapter = None
    try:
        with db.read() as s:
            resolver = MappingResolver.load(s, info.id)
            perfs = [perf_id] if perf_id else _performances_of(s, info)
        adapter = open_adapter(info, adapter_factory)
        for i, p in enumerate(perfs):
            if cancelled(control):
                rec.warning(_("cancelled by the operator after {done} of {total} performance(s)").format(
                    done=i, total=len(perfs)))
                rec.set("cancelled", True)
                break
            with db.read() as s:
                built = build_allotment(s, info, resolver, p)
                sold = s.scalar(select(func.count(Ticket.id)).join(Order, Order.id == Ticket.order_id).where(
                    Order.interface_id == info.id, Ticket.performance_id == p, Ticket.state != TicketState.CANCELLED))
                held = s.scalar(select(func.count(HeldLine.id)).where(
                    HeldLine.interface_id == info.id, HeldLine.status == HeldStatus.HELD)) or 0
            report(control, i, len(perfs), len(rows), built.label)
            if built.allotment is None:
                what = ", ".join(w for w, _where in built.missing) if len(built.missing) != 1 else built.missing[0][0]
                rec.error(ErrorClass.MAPPING, _("no mapping for {what}: the distributor cannot be asked").format(
                    what=what), built.label)
                rows.append(CountRow(p, built.label, None, sold, None, None, held, f"missing mapping: {what}"))
                continue
            a = built.allotment
            ours = len(a.seats) + sum(q.quantity for q in a.quantities)
            try:
                c = adapter.counts(a.performance)
            except Exception as exc:  # noqa: BLE001 - one performance's failure is logged, the others go on
                cls, msg, where = classify(exc)
                rec.error(cls, _("counts of {label} could not be read: {msg}").format(label=built.label, msg=msg),
                          where or built.label)
                rows.append(CountRow(p, built.label, ours, sold, None, None, held, msg))
                continue
            row = CountRow(p, built.label, ours, sold, c.allocated, c.sold, held)
            rows.append(row)
            rec.count("performances")
            note = _("{label}: distributor {allocated} allocated / {sold} sold; ours {ours} / {our_sold}").format(
                label=built.label, allocated=c.allocated, sold=c.sold, ours=ours, our_sold=sold)
            if row.action:
                rec.warning(_("{note} — differs ({action})").format(note=note, action=row.action), built.label)
                rec.count("differences")
            else:
                rec.info(note, built.label)
        report(control, len(perfs), len(perfs), len(rows))
    except Exception as exc:  # noqa: BLE001
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where)
    finally:
        if adapter is not None:
            try:
                adapter.close()
            except Exception:  # noqa: BLE001
                pass
    rec.set("seconds", round(time.perf_counter() - t0, 3))
    return CountsResult(rec.result(SyncFunction.ALLOCATED_SOLD_COUNTS, rec.finish()), rows)
