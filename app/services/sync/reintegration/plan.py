"""Planning a batch: what its lines, applied one by one in feed order, would write.

`plan_batch` reads, in five steps, what the lines need — which of them were reintegrated
before (and which sales earlier batches held), the lines resolved to local ids, the tickets
that earlier cancellations and resent sales name, the current state of every touched seat
and zone — then decides each line: a ticket, a cancellation, or an issue (a held line on
an online feed). Nothing is written here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select, text

from app.db.bulk import raw_rows
from app.db.models import (
    ExportedSeat, HeldLine, Order, PerformanceSeat, ReintegratedLine, Ticket, ZoneAllocation, utcnow,
)
from app.domain.enums import ErrorClass, HeldStatus, TicketState
from app.domain.sales import SaleAction, SaleLine
from app.services.inventory.state import SeatIdParam, bump_revision

from app.i18n import _

from .resolve import Issue, LineResolver, Resolved, where_of, where_said


@dataclass
class Held:
    """A line of an online batch that cannot be applied: stored as a held line, the feed
    goes on with the lines after it."""

    line: SaleLine
    error_class: ErrorClass
    cause: str


@dataclass
class BatchPlan:
    """What one batch would write, or why it cannot."""

    tickets: list[dict] = field(default_factory=list)  # planned sale tickets (with "_line")
    db_cancels: list[tuple[int, SaleLine]] = field(default_factory=list)  # (ticket id, line)
    batch_cancels: list[tuple[int, SaleLine]] = field(default_factory=list)  # (index in tickets, line)
    noop_cancels: list[tuple[int, SaleLine]] = field(default_factory=list)  # already cancelled here
    issues: list[Issue] = field(default_factory=list)
    cascades: list[Issue] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)  # online batches: lines held, the rest applied
    reclaimed: list[tuple[int, int, str, str]] = field(default_factory=list)  # (perf, seat, old, label)
    warnings: list[Issue] = field(default_factory=list)
    lines: int = 0
    already: int = 0
    performances: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def sales(self) -> int:
        return len(self.tickets)

    @property
    def cancellations(self) -> int:
        return len(self.db_cancels) + len(self.batch_cancels) + len(self.noop_cancels)

    @property
    def amount(self) -> Decimal:
        return sum((t["price"] for t in self.tickets), Decimal(0))


def plan_batch(s, lr: LineResolver, lines: list[SaleLine], *, lock: bool, hold: bool = False,
               retrying: frozenset[int] = frozenset()) -> BatchPlan:
    """What the batch's lines, applied one by one in feed order, would write. With `hold`
    (online feeds), a line that cannot be applied is held and the others go on; without
    (sales files), any such line refuses the whole batch. With `lock`, the touched
    performances' revisions are bumped first (serialising with box-office sales)."""
    plan = BatchPlan(lines=len(lines))
    conn = s.connection()  # Core reads: no ORM result processing per row
    done, held_before = _already_reintegrated(conn, lr.info.id, lines, retrying)
    resolved, dup = _resolve_lines(s, lr, lines, plan)
    old_tickets, prev_seat = _previous_tickets(conn, lines, done, plan)
    if lock:
        for pid in sorted(plan.performances):
            bump_revision(s, pid)
    seats = _seat_states(conn, lr, resolved)
    _Decider(lr, plan, lines, done, held_before, old_tickets, prev_seat, seats).run(resolved, dup)
    if hold:
        _hold(plan)
    return plan


def _already_reintegrated(conn, iid: int, lines: list[SaleLine], retrying: frozenset[int]):
    """(external id, action) → ticket id of the lines reintegrated before, and the sales that
    earlier batches held (external id → (held line id, class)), except those being retried."""
    ids = SeatIdParam.of_texts(conn, {l.external_ticket_id for l in lines})
    done: dict[tuple[str, str], int | None] = {}
    for ext, action, tid in conn.execute(
            select(ReintegratedLine.external_ticket_id, ReintegratedLine.action, ReintegratedLine.ticket_id)
            .where(ReintegratedLine.interface_id == iid, ids.contains(ReintegratedLine.external_ticket_id))):
        done[(ext, action)] = tid
    held_before: dict[str, tuple[int, ErrorClass]] = {}
    for hid, ext, cls in conn.execute(
            select(HeldLine.id, HeldLine.external_ticket_id, HeldLine.error_class)
            .where(HeldLine.interface_id == iid, HeldLine.action == "sale", HeldLine.status == HeldStatus.HELD,
                   ids.contains(HeldLine.external_ticket_id))):
        if hid not in retrying:
            held_before[ext] = (hid, cls)
    return done, held_before


def _resolve_lines(s, lr: LineResolver, lines: list[SaleLine], plan: BatchPlan):
    """Each sale line in local terms (None for cancellations and refused lines), and the
    indexes of lines sent twice in this batch (the first one stands)."""
    seen: dict[tuple[str, str], str] = {}
    dup: set[int] = set()
    resolved: list[Resolved | None] = []
    policy = lr.info.price_policy
    for line in lines:
        key = (line.external_ticket_id, line.action.value)
        if not line.external_ticket_id:
            plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, _("the line has no ticket id"), where_of(line))))
            resolved.append(None)
            continue
        if key in seen:
            dup.add(len(resolved))
            plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, _("ticket {ticket} sent twice ({action}; first at "
                                                                      "{first})").format(
                ticket=line.external_ticket_id, action=line.action.value, first=seen[key]), where_of(line))))
            resolved.append(None)
            continue
        seen[key] = where_of(line)
        if line.action is SaleAction.SALE:
            r, issues = lr.resolve(s, line, policy)
            plan.issues += [_at(line, i) for i in issues]
            resolved.append(r)
            if r is not None:
                plan.performances.add(r.performance_id)
        else:
            resolved.append(None)
    return resolved, dup


def _previous_tickets(conn, lines: list[SaleLine], done: dict, plan: BatchPlan):
    """The tickets of earlier batches this one names: those its cancellations cancel (their
    performances are touched too), and those of sales sent again (a resent id must name the
    same seat)."""
    old_sale_ids = [done[(l.external_ticket_id, "sale")] for l in lines
                    if l.action is SaleAction.CANCEL and (l.external_ticket_id, "sale") in done
                    and (l.external_ticket_id, "cancel") not in done]
    old_tickets: dict[int, tuple] = {}
    ids = [t for t in old_sale_ids if t is not None]
    if ids:
        sel = SeatIdParam(conn, ids)
        for row in conn.execute(select(Ticket.id, Ticket.state, Ticket.order_id, Ticket.performance_id,
                                       Ticket.seat_id, Ticket.zone_id).where(sel.contains(Ticket.id))):
            old_tickets[row[0]] = row
            plan.performances.add(row[3])
    prev_seat: dict[int, tuple] = {}
    again = [done[(l.external_ticket_id, "sale")] for l in lines
             if l.action is SaleAction.SALE and (l.external_ticket_id, "sale") in done]
    ids = [t for t in again if t is not None]
    if ids:
        sel = SeatIdParam(conn, ids)
        for tid, pid, sid, zid in conn.execute(select(Ticket.id, Ticket.performance_id, Ticket.seat_id,
                                                      Ticket.zone_id).where(sel.contains(Ticket.id))):
            prev_seat[tid] = (pid, sid, zid)
    return old_tickets, prev_seat


@dataclass
class _SeatStates:
    state: dict[tuple[int, int], tuple]  # (perf, seat) → (contingent, blocked, invalid)
    taken: dict[tuple[int, int], str]  # (perf, seat) → "order REF" of its live ticket
    exported: set[tuple[int, int]]  # in the last allotment exported to this distributor (of the seats not sellable)
    room: dict[tuple[int, int], int]  # (perf, zone) → places left in the distributor's allocation


# The tickets' partial unique index (models/inventory.py) holds the live tickets of seats: its
# predicate's "state <> 'cancelled'" written out (a bound 'cancelled' does not let the planners
# see that the index applies); its "seat_id IS NOT NULL" follows from the seat ids looked up
# (written too, SQLite would walk the performance's live tickets instead of probing each seat).
LIVE_TICKET = text(f"tickets.state <> '{TicketState.CANCELLED.value}'")


def _seat_states(conn, lr: LineResolver, resolved: list[Resolved | None]) -> _SeatStates:
    """The current state of the touched seats and zones: per performance, their rows, their
    live tickets' orders and, for those it cannot sell, their exported marks."""
    seats_by_perf: dict[int, set[int]] = defaultdict(set)
    zones: set[tuple[int, int]] = set()
    for r in resolved:
        if r is not None:
            if r.seat_id is not None:
                seats_by_perf[r.performance_id].add(r.seat_id)
            else:
                zones.add((r.performance_id, r.zone_id))
    out = _SeatStates({}, {}, set(), {})
    iid = lr.info.id
    ps = PerformanceSeat
    for pid, sids in seats_by_perf.items():
        # Three lookups by the same bound list rather than one join: each probes its own index
        # per seat (the live tickets their partial unique index), where PostgreSQL's plan of the
        # join read every live ticket of the performance (~50 ms a page, against ~15 ms so).
        sel = SeatIdParam(conn, sorted(sids))
        # (Driver rows, no SQLAlchemy Row per seat: the booleans come back 0/1 on SQLite.)
        for sid, cont, blocked, invalid in raw_rows(conn, select(ps.seat_id, ps.contingent_id, ps.blocked, ps.invalid)
                                                    .where(ps.performance_id == pid, sel.contains(ps.seat_id))):
            out.state[(pid, sid)] = (cont, bool(blocked), bool(invalid))
        for sid, ref in raw_rows(conn, select(Ticket.seat_id, Order.reference).join(Order, Order.id == Ticket.order_id)
                                 .where(Ticket.performance_id == pid, sel.contains(Ticket.seat_id), LIVE_TICKET)):
            out.taken[(pid, sid)] = f"order {ref}"
        # Whether the last export gave a seat to this distributor matters only for a seat no
        # longer sellable by it here (`_Decider.sale`: a sale to honour, the seat reclaimed):
        # asked for those alone — none in a usual feed.
        unsellable = [sid for sid in sorted(sids) if not _sellable_here(out.state.get((pid, sid)), lr.contingents)]
        if unsellable:
            asked = SeatIdParam(conn, unsellable)
            out.exported.update((pid, sid) for sid, in raw_rows(conn, select(ExportedSeat.seat_id).where(
                ExportedSeat.interface_id == iid, ExportedSeat.performance_id == pid,
                asked.contains(ExportedSeat.seat_id))))
    if zones and lr.contingents:
        for pid, zid in zones:
            alloc = conn.scalar(select(func.coalesce(func.sum(ZoneAllocation.quantity), 0)).where(
                ZoneAllocation.performance_id == pid, ZoneAllocation.zone_id == zid,
                ZoneAllocation.contingent_id.in_(lr.contingents))) or 0
            used = conn.scalar(select(func.count(Ticket.id)).where(
                Ticket.performance_id == pid, Ticket.zone_id == zid, Ticket.seat_id.is_(None),
                Ticket.state != TicketState.CANCELLED, Ticket.contingent_id.in_(lr.contingents))) or 0
            out.room[(pid, zid)] = int(alloc) - int(used)
    return out


def _sellable_here(state: tuple | None, contingents) -> bool:
    """A seat's (contingent, blocked, invalid) lets the distributor sell it here: in one of its
    contingents, neither blocked nor invalid (`_seat_states` asks the last export about the
    others, `_Decider.sale` honours or refuses their sales)."""
    return state is not None and state[0] in contingents and not state[1] and not state[2]


class _Decider:
    """The last step: each line in feed order becomes a planned ticket, a cancellation or
    an issue, the seats' state moving along (a seat sold by one line is taken for the next)."""

    def __init__(self, lr: LineResolver, plan: BatchPlan, lines: list[SaleLine], done: dict, held_before: dict,
                 old_tickets: dict, prev_seat: dict, seats: _SeatStates):
        self.lr, self.plan, self.done, self.held_before = lr, plan, done, held_before
        self.old_tickets, self.prev_seat = old_tickets, prev_seat
        self.state, self.taken, self.exported, self.room = seats.state, seats.taken, seats.exported, seats.room
        self.default_cont = lr.info.contingent_ids[0] if lr.info.contingent_ids else None
        self.batch_sale: dict[str, int] = {}  # ext id → index in plan.tickets
        self.cancelled_later = {l.external_ticket_id for l in lines if l.action is SaleAction.CANCEL}
        self.failed_sales: set[str] = set()
        self.lines = lines
        self.now = utcnow()

    def run(self, resolved: list[Resolved | None], dup: set[int]) -> None:
        for idx, (line, r) in enumerate(zip(self.lines, resolved)):
            if idx in dup:
                continue
            if line.action is SaleAction.SALE:
                self.sale(line, r)
            else:
                self.cancel(line)

    def refuse(self, line: SaleLine, message: str, where: str) -> None:
        self.plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, message, where)))
        self.failed_sales.add(line.external_ticket_id)

    def sale(self, line: SaleLine, r: Resolved | None) -> None:
        plan, ext = self.plan, line.external_ticket_id
        if r is None:
            self.failed_sales.add(ext)
            return
        where = where_of(line)
        if (ext, "sale") in self.done:
            prev = self.prev_seat.get(self.done[(ext, "sale")])
            if prev is None or prev == (r.performance_id, r.seat_id, r.zone_id):
                plan.already += 1
            else:
                plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, _("ticket {ticket} was already reintegrated for "
                                                   "another seat: the distributor sent one ticket id twice").format(
                    ticket=ext), where)))
            return
        perf = self.lr.perfs[r.performance_id]
        if r.seat_id is not None:
            k = (r.performance_id, r.seat_id)
            cont, blocked, invalid = self.state.get(k, (None, False, False))
            sellable = _sellable_here((cont, blocked, invalid), self.lr.contingents)
            overlay = k in self.taken and ext in self.cancelled_later
            label = None if sellable and (k not in self.taken or overlay) else perf.hall.label(r.seat_id)  # for messages
            if k in self.taken and not overlay:
                return self.refuse(line, _("seat {seat} of {label} is already sold ({by}): sold locally first; the "
                                           "distributor's sale is refused, nothing overwritten").format(
                    seat=label, label=perf.label, by=_taken_said(self.taken[k])), where)
            contingents = self.lr.contingents
            if not sellable and k in self.exported:
                # A distributor's sale is a fact: the seat was in the last allotment we
                # sent it; the local change since (blocked, taken back) was never exported.
                was = "blocked" if blocked else "invalid" if invalid else (
                    "in no contingent" if cont is None else "in another contingent")
                name = self.lr.info.name
                plan.reclaimed.append((r.performance_id, r.seat_id, was, label))
                plan.warnings.append(Issue(ErrorClass.EXTERNAL, _("seat {seat} of {label} was {was} locally after the "
                                                                  "last export, but {name} sold it (ticket {ticket}): it "
                                                                  "is now sold to {name}").format(
                    seat=label, label=perf.label, was=_WAS_SAID[was](), name=name, ticket=ext), where_said(line)))
                cont = self.default_cont
                blocked = invalid = False
            if cont not in contingents:
                held = _("in no contingent") if cont is None else _("held by another contingent")
                return self.refuse(line, _("seat {seat} of {label} is outside the distributor's contingent "
                                           "({held})").format(seat=label, label=perf.label, held=held), where)
            if blocked or invalid:
                return self.refuse(line, (_("seat {seat} of {label} is blocked: it was not for sale") if blocked else
                                          _("seat {seat} of {label} is invalid: it was not for sale")).format(
                    seat=label, label=perf.label), where)
            if not overlay:  # else sold and refunded in this batch while the seat is another's now
                self.taken[k] = f"ticket {ext} of this batch"
        else:
            k = (r.performance_id, r.zone_id)
            if self.room.get(k, 0) <= 0:
                return self.refuse(line, _("no place left in the distributor's allocation of zone {zone} of "
                                           "{label}").format(zone=perf.hall.places.zone_code.get(r.zone_id),
                                                             label=perf.label), where)
            self.room[k] -= 1
            cont = self.default_cont
        self.batch_sale[ext] = len(plan.tickets)
        plan.tickets.append({
            "performance_id": r.performance_id, "seat_id": r.seat_id, "zone_id": r.zone_id,
            "category_id": r.category_id, "tariff_id": r.tariff_id, "contingent_id": cont,
            "price": r.price, "state": TicketState.SOLD, "controlled": False, "external_ticket_id": ext,
            "created_at": self.now, "cancelled_at": None, "_line": line,
        })

    def cancel(self, line: SaleLine) -> None:
        plan, ext, done, where = self.plan, line.external_ticket_id, self.done, where_of(line)
        if (ext, "cancel") in done:
            plan.already += 1
        elif ext in self.batch_sale:
            i = self.batch_sale[ext]
            t = plan.tickets[i]
            t["state"], t["cancelled_at"] = TicketState.CANCELLED, self.now
            if t["seat_id"] is not None:
                if self.taken.get((t["performance_id"], t["seat_id"])) == f"ticket {ext} of this batch":
                    self.taken.pop((t["performance_id"], t["seat_id"]))
            else:
                k = (t["performance_id"], t["zone_id"])
                self.room[k] = self.room.get(k, 0) + 1
            plan.batch_cancels.append((i, line))
        elif ext in self.failed_sales:
            plan.cascades.append(_at(line, Issue(ErrorClass.CASCADE, _("cancellation of ticket {ticket} not applied: "
                                                                       "its sale above was refused").format(ticket=ext),
                                                 where)))
        elif ext in self.held_before and (ext, "sale") not in done:
            hid, hcls = self.held_before[ext]
            plan.issues.append(_at(line, Issue(hcls, _("cancellation of ticket {ticket}, whose sale is held (held "
                                                       "line #{id}): held with it").format(ticket=ext, id=hid), where)))
        elif (ext, "sale") in done:
            tid = done[(ext, "sale")]
            row = self.old_tickets.get(tid)
            if row is None or row[1] is TicketState.CANCELLED or row[1] == TicketState.CANCELLED.value:
                plan.noop_cancels.append((tid, line))
            else:
                plan.db_cancels.append((tid, line))
                if row[4] is not None:
                    self.taken.pop((row[3], row[4]), None)
                else:
                    k = (row[3], row[5])
                    self.room[k] = self.room.get(k, 0) + 1
        else:
            plan.issues.append(_at(line, Issue(ErrorClass.EXTERNAL, _("cancellation of ticket {ticket}, which was never "
                                                                      "reintegrated (unknown ticket id)").format(ticket=ext),
                                               where)))


def _at(line: SaleLine, issue: Issue) -> Issue:
    issue.line = line
    if not line.where:  # where_of(line): said in the reader's language (issues only, not every line)
        issue.where = where_said(line)
    return issue


# a seat "was {was} locally" (plan.reclaimed keeps the English word for the seat history)
_WAS_SAID = {"blocked": lambda: _("blocked"), "invalid": lambda: _("invalid"),
             "in no contingent": lambda: _("in no contingent"),
             "in another contingent": lambda: _("in another contingent")}


def _taken_said(taken: str) -> str:
    """`_SeatStates.taken`'s marker ("order REF", "ticket X of this batch") in words."""
    if taken.startswith("order "):
        return _("order {reference}").format(reference=taken[len("order "):])
    if taken.startswith("ticket ") and taken.endswith(" of this batch"):
        return _("ticket {ticket} of this batch").format(ticket=taken[len("ticket "):-len(" of this batch")])
    return taken


def _hold(plan: BatchPlan) -> None:
    """Online feeds: the lines in error become held lines (one per line, its causes joined),
    a cancellation of a refused sale is held with it; the rest of the batch is applied."""
    by_line: dict[int, Held] = {}
    sale_class: dict[str, ErrorClass] = {}
    for issue in plan.issues:
        key = id(issue.line)
        h = by_line.get(key)
        if h is None:
            by_line[key] = h = Held(issue.line, issue.error_class, issue.message)
            if issue.line.action is SaleAction.SALE:
                sale_class.setdefault(issue.line.external_ticket_id, issue.error_class)
        else:
            h.cause = _("{cause}; {more}").format(cause=h.cause, more=issue.message)
    for c in plan.cascades:
        cls = sale_class.get(c.line.external_ticket_id, ErrorClass.EXTERNAL)
        by_line[id(c.line)] = Held(c.line, cls, _("cancellation of ticket {ticket}, whose sale above is held: held "
                                                 "with it").format(ticket=c.line.external_ticket_id))
    order = {id(l): i for i, l in enumerate(h.line for h in by_line.values())}
    plan.held = sorted(by_line.values(), key=lambda h: order[id(h.line)])
    plan.issues, plan.cascades = [], []
