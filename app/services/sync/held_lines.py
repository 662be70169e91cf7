"""Held lines: the feed lines reintegration could not apply, listed, retried after the fix
(mapping added, price policy changed) or dismissed with a reason; both logged in an execution.

A line and the later lines about the same ticket (its cancellation) are retried or dismissed
together, in feed order; a retry writes the tickets and marks the lines retried in one
transaction, so it can be run again harmlessly."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import DistributorInterface, HeldLine, utcnow
from app.domain.actors import Actor
from app.domain.enums import ErrorClass, ExecutionStatus, HeldStatus, SyncFunction, Trigger
from app.domain.errors import InputError

from app.i18n import _
from .executions import ExecutionRecorder, RunResult, create_execution, shown_line
from app.services.lookup import find_interface
from .mapping_resolver import MappingResolver
from .reintegration import Refused, Reintegrator, apply_batch, check_setup, count_applied, line_from_raw
from .common import classify, load_interface


@dataclass(frozen=True)
class HeldLineInfo:
    id: int
    interface: str
    external_ticket_id: str
    action: str
    error_class: ErrorClass
    cause: str
    where: str
    status: HeldStatus
    reason: str
    created_at: datetime
    execution_id: int | None
    raw: dict
    interface_id: int | None = None
    cause_en: str = ""  # the cause in English, as stored (`cause` is in the reader's language)

    def as_dict(self) -> dict:
        return {"id": self.id, "interface": self.interface, "ticket": self.external_ticket_id, "action": self.action,
                "class": self.error_class.value, "cause": self.cause, "where": self.where,
                "status": self.status.value, "reason": self.reason, "created_at": self.created_at.isoformat(),
                "execution": self.execution_id, "raw": self.raw}


def list_held_lines(db: Database, interface=None, *, status: HeldStatus | None = HeldStatus.HELD) -> list[HeldLineInfo]:
    with db.read() as s:
        q = (select(HeldLine, DistributorInterface.name_fr)
             .join(DistributorInterface, DistributorInterface.id == HeldLine.interface_id).order_by(HeldLine.id))
        if interface is not None:
            q = q.where(HeldLine.interface_id == find_interface(s, interface).id)
        if status is not None:
            q = q.where(HeldLine.status == status)
        return [HeldLineInfo(h.id, name, h.external_ticket_id, h.action, h.error_class,
                             *shown_line(h.cause, h.where, h.cause_args), h.status,  # in the reader's language
                             h.reason, h.created_at, h.execution_id, dict(h.raw), h.interface_id, h.cause)
                for h, name in s.execute(q)]


def _group(s, held_id: int) -> list[HeldLine]:
    """The held line and the other held lines of its ticket, in feed order."""
    h = s.get(HeldLine, held_id)
    if h is None:
        raise InputError(_("held line #{id} does not exist (guichet held-lines lists them)").format(id=held_id))
    if h.status is not HeldStatus.HELD:
        raise InputError(_("held line #{id} was already {status}").format(id=held_id, status=h.status.value))
    return list(s.scalars(select(HeldLine).where(HeldLine.interface_id == h.interface_id,
                                                 HeldLine.external_ticket_id == h.external_ticket_id,
                                                 HeldLine.status == HeldStatus.HELD).order_by(HeldLine.id)))


def retry_held_line(db: Database, actor: Actor, held_id: int, *, echo=None) -> RunResult:
    """Apply a held line (and the later lines of its ticket) again, now that the cause is
    fixed; still refused, they stay held and the execution says why."""
    with db.read() as s:
        group = _group(s, held_id)
        iid = group[0].interface_id
        ids = [h.id for h in group]
        lines = [line_from_raw(h.raw) for h in group]
        info = load_interface(s, iid)
        resolver = MappingResolver.load(s, iid)
    execution_id = create_execution(db, actor, iid, SyncFunction.REINTEGRATE_SALES, Trigger.MANUAL,
                                    status=ExecutionStatus.RUNNING, parameters={"retry_held_lines": ids})
    rec = ExecutionRecorder(db, execution_id, echo=echo)
    t0 = time.perf_counter()
    label = _("held line #{id} (ticket {ticket})").format(id=held_id, ticket=group[0].external_ticket_id)
    try:
        r = Reintegrator(db, actor, info, resolver, execution_id)
        check_setup(info, r, rec)
        if not rec.errors:
            def mark(s, _plan, _written):
                s.execute(update(HeldLine).where(HeldLine.id.in_(ids), HeldLine.status == HeldStatus.HELD)
                          .values(status=HeldStatus.RETRIED, resolved_at=utcnow(), resolved_execution_id=execution_id))

            try:
                plan, written = apply_batch(db, r, lines, retrying=frozenset(ids), in_transaction=mark)
            except Refused as refused:
                for i in refused.plan.issues:
                    rec.error(i.error_class, _("still refused: {message}; the line stays held").format(
                        message=i.message), i.where)
                for c in refused.plan.cascades:
                    rec.cascade(c.message, c.where)
            else:
                count_applied(rec, plan, written)
                rec.info(_("{label} retried by {login}: {sales} sale(s), {cancellations} cancellation(s), "
                           "{already} already reintegrated; {lines} line(s) no longer held").format(
                    label=label, login=actor.login or "system", sales=plan.sales, cancellations=plan.cancellations,
                    already=plan.already, lines=len(ids)), label)
                rec.set("retried_lines", len(ids))
    except Exception as exc:  # noqa: BLE001 - every failure ends in the log, classed
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where or label)
    rec.set("seconds", round(time.perf_counter() - t0, 3))
    return rec.result(SyncFunction.REINTEGRATE_SALES, rec.finish())


def dismiss_held_line(db: Database, actor: Actor, held_id: int, reason: str) -> int:
    """Give up a held line (and the later lines of its ticket) for a stated reason; logged in
    an execution of the interface. Returns how many lines were dismissed."""
    reason = (reason or "").strip()
    if not reason:
        raise InputError(_("dismissing a held line needs a reason (--reason \"…\")"))
    with db.read() as s:
        group = _group(s, held_id)
        iid, ext = group[0].interface_id, group[0].external_ticket_id
        ids = [h.id for h in group]
    execution_id = create_execution(db, actor, iid, SyncFunction.REINTEGRATE_SALES, Trigger.MANUAL,
                                    status=ExecutionStatus.RUNNING, parameters={"dismiss_held_lines": ids})
    rec = ExecutionRecorder(db, execution_id)
    with db.write() as s:
        n = s.execute(update(HeldLine).where(HeldLine.id.in_(ids), HeldLine.status == HeldStatus.HELD)
                      .values(status=HeldStatus.DISMISSED, reason=reason, resolved_at=utcnow(),
                              resolved_execution_id=execution_id)).rowcount
    rec.info(_("held line(s) {ids} of ticket {ticket} dismissed by {login}: {reason}").format(
        ids=", ".join(f"#{i}" for i in ids), ticket=ext, login=actor.login or "system", reason=reason),
        _("ticket {ticket}").format(ticket=ext))
    rec.set("dismissed_lines", n)
    rec.finish()
    return n
