"""Writing a planned batch, and the transaction around it.

`write_batch` writes what `plan.plan_batch` decided — cancellations of tickets we hold
first (a seat refunded and resold in one batch is free again before its new ticket), seats
reclaimed from the last export, orders (one per distributor order), tickets, the
reintegrated-line keys, held lines, seat history, order totals, and the sales cursor —
with executemany inserts at the driver's speed, no ORM object per line.
`apply_batch` plans and writes one batch in ONE transaction, planning again when a
concurrent writer made the database refuse it."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import time
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Enum as SAEnum, Numeric, case, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from app.db.bulk import bulk_insert
from app.db.engine import Database
from app.db.models import (
    DistributorInterface, HeldLine, Order, PerformanceSeat, ReintegratedLine, SeatHistory, Ticket, utcnow,
)
from app.domain.enums import HeldStatus, OrderStatus, SeatAction, TicketState
from app.domain.sales import SaleAction, SaleLine
from app.services.inventory.standing import recount
from app.services.inventory.state import SeatIdParam, in_chunks
from app.services import journal
from app.services.journal import batch as journal_batch

from app.i18n import english

from ..executions import log_args
from ..few_collections import few_collections
from .plan import BatchPlan
from .resolve import where_said

RETRIES_ON_CONFLICT = 3
between_check_and_write = None  # a test seam: called with the plan, inside the batch's transaction


class Refused(Exception):
    """A batch with a line in error (sales files): nothing of it was written."""

    def __init__(self, plan: BatchPlan):
        super().__init__("batch refused")
        self.plan = plan


class CursorMoved(Exception):
    """Another run advanced the interface's sales cursor since this page was fetched."""


def write_batch(s, r, plan: BatchPlan, *, cursor: str | None = None) -> dict:
    """Write a planned batch inside the caller's transaction (`r`: the run's Reintegrator)."""
    info, now = r.info, utcnow()
    actor_id = r.actor.operator_id
    orders, owner = _orders_of(r, plan, now)
    # Cancellations of tickets we hold go first: a seat refunded and resold in one batch
    # is free again before its new ticket is inserted (lines apply in feed order).
    touched_orders: set[int] = set()
    history: list[dict] = []  # of cancellations and reclaimed seats; the sales' rows are made below
    if plan.db_cancels:
        ids = [tid for tid, _ in plan.db_cancels]
        olds = {}
        for part in in_chunks(ids):
            s.execute(update(Ticket).where(Ticket.id.in_(part), Ticket.state != TicketState.CANCELLED)
                      .values(state=TicketState.CANCELLED, cancelled_at=now),
                      execution_options={"synchronize_session": False})
            for tid, oid, pid, sid, zid, ref in s.execute(
                    select(Ticket.id, Ticket.order_id, Ticket.performance_id, Ticket.seat_id, Ticket.zone_id,
                           Order.reference).join(Order, Order.id == Ticket.order_id).where(Ticket.id.in_(part))):
                olds[tid] = (oid, pid, sid, zid, ref)
        for tid, line in plan.db_cancels:
            oid, pid, sid, zid, ref = olds[tid]
            touched_orders.add(oid)
            history.append({"at": now, "operator_id": actor_id, "performance_id": pid, "seat_id": sid,
                            "zone_id": zid, "action": SeatAction.CANCEL, "old_value": "sold", "new_value": "",
                            "quantity": 1, "reference": ref})
    if plan.reclaimed:  # seats a distributor sold from its last allotment come back to it
        target, code = info.contingent_ids[0], info.contingent_codes[0]
        per_perf: dict[int, list[int]] = defaultdict(list)
        for pid, sid, _was, _label in plan.reclaimed:
            per_perf[pid].append(sid)
        for pid, sids in per_perf.items():
            for part in in_chunks(sids):
                s.execute(update(PerformanceSeat).where(PerformanceSeat.performance_id == pid,
                                                        PerformanceSeat.seat_id.in_(part))
                          .values(contingent_id=target, blocked=False),
                          execution_options={"synchronize_session": False})
        history += [{"at": now, "operator_id": actor_id, "performance_id": pid, "seat_id": sid, "zone_id": None,
                     "action": SeatAction.ASSIGN, "old_value": was[:80], "new_value": code, "quantity": 1,
                     "reference": f"sold by {info.name} from the last export"[:80]}
                    for pid, sid, was, _label in plan.reclaimed]
    # Plain executemany inserts (RETURNING with ordered ids degrades to a statement per
    # row on SQLite), the new orders and tickets with ids taken first (`new_ids`): nothing
    # to read back. Order references are deterministic: an order a page opened is found
    # again by its reference when a later page adds tickets to it.
    conn = s.connection()  # Core inserts: no ORM bookkeeping per row
    order_ids: list[int] = []
    new: list[dict] = []
    if orders:
        refs = [o["reference"] for o in orders]
        # one bound list per read-back, however many orders (SeatIdParam: no 5,000-parameter IN to compile)
        by_ref: dict[str, int] = dict(conn.execute(select(Order.reference, Order.id).where(
            SeatIdParam.of_texts(s, refs).contains(Order.reference))).all())
        existing = set(by_ref)
        new = [o for o in orders if o["reference"] not in existing]
        if new:
            for o, oid in zip(new, new_ids(s, Order.__table__, len(new))):
                o["id"] = by_ref[o["reference"]] = oid
            _write(s, Order.__table__, new)
        order_ids = [by_ref[r] for r in refs]
        touched_orders.update(by_ref[r] for r in existing)  # their totals are summed again below
    # The sales' rows as the driver takes them, built in one pass (no dict per row).
    sqlite = s.get_bind().dialect.name == "sqlite"
    when = _Times(sqlite)
    money = float if sqlite else Decimal
    now_v, iid, eid = when(now), info.id, r.execution_id
    ticket_ids = new_ids(s, Ticket.__table__, len(plan.tickets)) if plan.tickets else []
    ticket_rows = [(tid, t["performance_id"], t["seat_id"], t["zone_id"], t["category_id"], t["tariff_id"],
                    t["contingent_id"], money(t["price"]), t["state"].value, t["controlled"], t["external_ticket_id"],
                    when(t["created_at"]), when(t["cancelled_at"]), order_ids[oi])
                   for t, oi, tid in zip(plan.tickets, owner, ticket_ids)]
    if ticket_rows:
        _write_rows(s, Ticket.__table__, TICKET_COLUMNS, ticket_rows)
    tariff_code, sell, cancel = r.resolver.tariff_code, SeatAction.SELL.value, SeatAction.CANCEL.value
    reint_rows = [(iid, line.external_ticket_id, "cancel", tid, eid, now_v) for tid, line in plan.db_cancels]
    history_rows = [(now_v, actor_id, h["performance_id"], h["seat_id"], h["zone_id"], h["action"].value,
                     h["old_value"], h["new_value"], h["quantity"], h["reference"]) for h in history]
    reint_rows += [(iid, t["external_ticket_id"], "sale", tid, eid, now_v) for t, tid in zip(plan.tickets, ticket_ids)]
    history_rows += [(now_v, actor_id, t["performance_id"], t["seat_id"], t["zone_id"], sell, "",
                      tariff_code.get(t["tariff_id"], ""), 1, orders[oi]["reference"])
                     for t, oi in zip(plan.tickets, owner)]
    for i, line in plan.batch_cancels:
        t = plan.tickets[i]
        reint_rows.append((iid, line.external_ticket_id, "cancel", ticket_ids[i], eid, now_v))
        history_rows.append((now_v, actor_id, t["performance_id"], t["seat_id"], t["zone_id"], cancel, "sold", "", 1,
                             orders[owner[i]]["reference"]))
    reint_rows += [(iid, line.external_ticket_id, "cancel", tid, eid, now_v) for tid, line in plan.noop_cancels]
    if reint_rows:
        _write_rows(s, ReintegratedLine.__table__, REINTEGRATED_COLUMNS, reint_rows)
    sales = journal_batch.sale_rows(s, (  # the facts (SaleFact's fields, as plain tuples) made inside the journal's call
        (tid, t["performance_id"], t["seat_id"], t["zone_id"], t["category_id"], t["tariff_id"], t["price"],
         orders[oi]["reference"]) for t, tid, oi in zip(plan.tickets, ticket_ids, owner)),
        kind=journal.DIST_SALE, operator=info.name, at=now, point_of_sale_id=info.point_of_sale_id,
        channel_id=info.channel_id, payment_mode_id=r.payment_mode_id, seat_places=r.lines.seat_places())
    journal.record_distributor_batch(s, ticket_ids, [tid for tid, _ in plan.db_cancels] + [
        ticket_ids[i] for i, _ in plan.batch_cancels], operator=info.name, at=now, sales=sales)
    if plan.held:
        conn.execute(insert(HeldLine.__table__), [
            {"interface_id": info.id, "execution_id": r.execution_id, "external_ticket_id":
             h.line.external_ticket_id[:80], "action": h.line.action.value, "raw": line_to_raw(h.line),
             "cause": english(h.cause), "cause_args": log_args(h.cause, where_said(h.line)), "error_class": h.error_class,
             "where": english(where_said(h.line))[:200],
             "status": HeldStatus.HELD, "reason": "", "created_at": now, "resolved_at": None,
             "resolved_execution_id": None} for h in plan.held])
    if history_rows:
        _write_rows(s, SeatHistory.__table__, HISTORY_COLUMNS, history_rows)
    for part in in_chunks(sorted(touched_orders)):
        live = (select(func.coalesce(func.sum(Ticket.price), 0)).where(
            Ticket.order_id == Order.id, Ticket.state != TicketState.CANCELLED).scalar_subquery())
        any_live = exists().where(Ticket.order_id == Order.id, Ticket.state != TicketState.CANCELLED)
        s.execute(update(Order).where(Order.id.in_(part)).values(
            total=live, status=case((any_live, OrderStatus.PAID.value), else_=OrderStatus.CANCELLED.value)),
            execution_options={"synchronize_session": False})
    standing = {t["performance_id"] for t in plan.tickets if t["seat_id"] is None}
    standing |= {olds[tid][1] for tid, _ in plan.db_cancels if olds[tid][2] is None} if plan.db_cancels else set()
    if standing:
        recount(s, standing)  # performance_zones.sold follows the distributor's standing sales
    if cursor is not None:
        s.execute(update(DistributorInterface).where(DistributorInterface.id == info.id)
                  .values(sales_cursor=cursor))
    return {"orders": len(new), "tickets": len(ticket_rows)}  # orders opened by this batch



def _orders_of(r, plan: BatchPlan, now) -> tuple[list[dict], list[int]]:
    """The batch's order rows and, for each planned ticket, the index of its order.

    Orders as the distributor made them: one per distributor order (its id, else buyer
    and sale time), whatever the paging — the reference is derived from that key, so a
    later batch adds its tickets to the order an earlier one opened."""
    info, actor_id = r.info, r.actor.operator_id
    orders, owner = [], []
    index: dict[str, int] = {}
    of_order_id: dict[str, str] = {}  # the distributor's order id → its reference (its tickets share it)
    for t in plan.tickets:
        line = t["_line"]
        ref = of_order_id.get(line.order_id) if line.order_id else None
        if ref is None:
            ref = _order_reference(info.id, line)
            if line.order_id:
                of_order_id[line.order_id] = ref
        i = index.get(ref)
        if i is None:
            i = index[ref] = len(orders)
            orders.append({"reference": ref, "created_at": now,
                           "operator_id": actor_id, "channel_id": info.channel_id,
                           "point_of_sale_id": info.point_of_sale_id, "contact_id": info.contact_id,
                           "payment_mode_id": r.payment_mode_id, "interface_id": info.id,
                           "execution_id": r.execution_id, "status": OrderStatus.PAID, "total": Decimal(0),
                           "_live": 0})
        o = orders[i]
        if t["state"] is TicketState.SOLD:
            o["total"] += t["price"]
            o["_live"] += 1
        owner.append(i)
    for o in orders:
        if not o.pop("_live"):
            o["status"] = OrderStatus.CANCELLED
    return orders, owner


TICKET_COLUMNS = ("id", "performance_id", "seat_id", "zone_id", "category_id", "tariff_id", "contingent_id", "price",
                  "state", "controlled", "external_ticket_id", "created_at", "cancelled_at", "order_id")
REINTEGRATED_COLUMNS = ("interface_id", "external_ticket_id", "action", "ticket_id", "execution_id", "at")
HISTORY_COLUMNS = ("at", "operator_id", "performance_id", "seat_id", "zone_id", "action", "old_value", "new_value",
                   "quantity", "reference")


def new_ids(s, table, n: int) -> list[int]:
    """`n` ids for new rows of `table` (its integer key `id`), ascending, taken in the batch's
    transaction: rows inserted with them need no read-back of their ids. On SQLite the ids it
    would give itself (the largest + 1, ...; the batch holds the write lock from its start,
    BEGIN IMMEDIATE); on PostgreSQL the column's own sequence. Were another writer to take
    one meanwhile, the key would refuse the insert and the batch would be planned again."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        base = conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar()
        return list(range(base + 1, base + 1 + n))
    # One array from the driver (5,000 result rows through SQLAlchemy cost 15 ms), the
    # sequence's name looked up once per connection (in the call, pg_get_serial_sequence ran
    # per row); kept with the pooled connection, whose database and search path it is.
    sequences = conn.connection.info.setdefault("guichet_id_sequences", {})
    with conn.connection.dbapi_connection.cursor() as cur:
        seq = sequences.get(table.name)
        if seq is None:
            cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table.name,))
            seq = sequences[table.name] = cur.fetchone()[0]
        cur.execute("SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)", (seq, n))
        return sorted(cur.fetchone()[0])


class _Times(dict):
    """Datetimes as SQLAlchemy binds them (on SQLite its text format), each distinct one made once."""

    def __init__(self, sqlite: bool):
        super().__init__()
        self.sqlite = sqlite

    def __call__(self, v):
        if v is None or not self.sqlite:
            return v
        t = self.get(v)
        if t is None:
            t = self[v] = v.strftime("%Y-%m-%d %H:%M:%S.%f")
        return t


def _write_rows(s, table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert tuples already in the form the driver takes (app/db/bulk.py), the raw driver's
    errors raised as SQLAlchemy's (the caller plans again on these)."""
    try:
        bulk_insert(s, table, columns, rows)
    except Exception as exc:
        dbapi = s.get_bind().dialect.dbapi
        if isinstance(exc, dbapi.IntegrityError):
            raise IntegrityError(f"INSERT INTO {table.name}", None, exc) from exc
        if isinstance(exc, dbapi.OperationalError):
            raise OperationalError(f"INSERT INTO {table.name}", None, exc) from exc
        raise


def _write(s, table, rows: list[dict]) -> None:
    """Insert dict rows (same keys) at the driver's speed (app/db/bulk.py): SQLAlchemy's per-row
    parameter processing cost more than the database here. Values are put in the form
    SQLAlchemy itself would bind (enum values; on SQLite, Decimal as float and datetimes as
    its text format)."""
    cols = list(rows[0])
    sqlite = s.get_bind().dialect.name == "sqlite"
    columns = []  # column-wise; a converted column maps its distinct values once
    for c in cols:
        t = table.c[c].type
        values = [r[c] for r in rows]
        if isinstance(t, SAEnum):
            f = lambda v: v.value if isinstance(v, enum.Enum) else v  # noqa: E731
        elif sqlite and isinstance(t, Numeric):
            f = lambda v: None if v is None else float(v)  # noqa: E731
        elif sqlite and isinstance(t, DateTime):
            f = lambda v: None if v is None else v.strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731
        else:
            f = None
        if f is not None:
            memo = {v: f(v) for v in set(values)}
            values = [memo[v] for v in values]
        columns.append(values)
    _write_rows(s, table, tuple(cols), list(zip(*columns)))



def line_to_raw(line: SaleLine) -> dict:
    """A sale line as JSON (the held line's raw content)."""
    out = {}
    for k, v in dataclasses.asdict(line).items():
        if isinstance(v, datetime):
            v = v.isoformat()
        elif isinstance(v, Decimal):
            v = str(v)
        elif isinstance(v, SaleAction):
            v = v.value
        out[k] = v
    return out


def line_from_raw(raw: dict) -> SaleLine:
    kw = dict(raw)
    kw["action"] = SaleAction(kw["action"])
    for k in ("sold_at", "performance_at"):
        if kw.get(k):
            kw[k] = datetime.fromisoformat(kw[k])
    if kw.get("price") is not None:
        kw["price"] = Decimal(kw["price"])
    known = {f.name for f in dataclasses.fields(SaleLine)}
    return SaleLine(**{k: v for k, v in kw.items() if k in known})



def _order_reference(interface_id: int, line: SaleLine) -> str:
    """The local order of a distributor's order: its order id, else its buyer and sale time,
    else (nothing to group by) its ticket alone."""
    if line.order_id:
        ref = f"R{interface_id}-C{line.order_id}"
        if len(ref) <= 40 and ref.isprintable():
            return ref
        key = f"C\x1f{line.order_id}"
    elif line.sold_at is not None:
        key = "\x1f".join(("B", line.sold_at.isoformat(), line.buyer_last_name, line.buyer_first_name,
                            line.buyer_postal_code))
    else:
        return _reference(interface_id, line.external_ticket_id)
    return f"R{interface_id}-O{hashlib.sha1(key.encode()).hexdigest()[:28]}"


def _reference(interface_id: int, external_ticket_id: str) -> str:
    """Deterministic: one distributor ticket opens at most one order reference."""
    ref = f"R{interface_id}-{external_ticket_id}"
    if len(ref) > 40 or not ref.isprintable():
        ref = f"R{interface_id}-H{hashlib.sha1(external_ticket_id.encode()).hexdigest()[:24]}"
    return ref



def apply_batch(db: Database, r, lines: list[SaleLine], *, expected_cursor: str | None = None,
                new_cursor: str | None = None, hold: bool = False, retrying: frozenset[int] = frozenset(),
                in_transaction=None) -> tuple[BatchPlan, dict]:
    """Plan and write one batch in one transaction; raises Refused (nothing written) when a
    line is in error, CursorMoved when another run advanced the cursor meanwhile.
    `in_transaction(s, plan, written)`: called last inside that transaction (it may be called
    again if the batch is planned again after a conflict)."""
    with few_collections():
        return _apply_batch(db, r, lines, expected_cursor=expected_cursor, new_cursor=new_cursor, hold=hold,
                            retrying=retrying, in_transaction=in_transaction)


def _apply_batch(db: Database, r, lines: list[SaleLine], *, expected_cursor, new_cursor, hold, retrying,
                 in_transaction) -> tuple[BatchPlan, dict]:
    for attempt in range(RETRIES_ON_CONFLICT):
        try:
            with db.write() as s:
                if expected_cursor is not None:
                    q = select(DistributorInterface.sales_cursor).where(DistributorInterface.id == r.info.id)
                    current = s.scalar(q if db.is_sqlite else q.with_for_update())
                    if (current or "") != expected_cursor:
                        raise CursorMoved(current or "")
                plan = r.plan(s, lines, lock=True, hold=hold, retrying=retrying)
                if not plan.ok:
                    raise Refused(plan)
                if between_check_and_write is not None:  # tests: a writer that got past the state check
                    between_check_and_write(plan)
                written = write_batch(s, r, plan, cursor=new_cursor)
                if in_transaction is not None:
                    in_transaction(s, plan, written)
                return plan, written
        except IntegrityError:
            # A concurrent writer got there between our read and our insert (the database's
            # unique keys refused it); plan again on the new state.
            if attempt == RETRIES_ON_CONFLICT - 1:
                raise
        except OperationalError as exc:
            if "lock" not in str(exc).lower() or attempt == RETRIES_ON_CONFLICT - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")
