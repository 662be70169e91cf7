"""The operations journal (issue 17): record every ticketing operation in the writer's
transaction, chain the rows by SHA-256, verify the chain, list and export it.

Numbering: `take_numbers` runs `UPDATE journal_head SET last_no = last_no + n … RETURNING`
inside the caller's transaction; the row lock it takes is held until that transaction
commits, so journal writers are serialised and numbers are gapless in commit order (a rolled
back sale gives its numbers back with the rest of its work). See docs/architecture.md."""

from __future__ import annotations

import hashlib
import socket
from operator import itemgetter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.i18n import N_, _
from app.db.models import (
    Block, JournalOperation, Order, PaymentMode, Performance, PointOfSale, Product, SalesChannel,
    Seat, SeatCategory, Tariff, Ticket, Venue, Hall, Zone, utcnow,
)

from .canonical import CHAIN, FIELDS, GENESIS, SEP, _text, row_hash, seat_label, sql_text  # noqa: F401 (the journal's API)

# The kinds of operation and what they mean on the statement.
SALE, INVITATION, PRINT, REPRINT, CANCEL = "sale", "invitation", "print", "reprint", "cancel"
DIST_SALE, DIST_CANCEL = "dist_sale", "dist_cancel"
# Each kind in words, for a reader (`_(KIND_WORDS[kind])`; the client has its own, in Qt's catalogue)
KIND_WORDS = {SALE: N_("sale"), INVITATION: N_("invitation"), PRINT: N_("print"), REPRINT: N_("reprint"),
              CANCEL: N_("cancellation"), DIST_SALE: N_("distributor sale"), DIST_CANCEL: N_("distributor cancellation")}
SALE_KINDS = (SALE, INVITATION, DIST_SALE)
CANCEL_KINDS = (CANCEL, DIST_CANCEL)
KINDS = (SALE, INVITATION, PRINT, REPRINT, CANCEL, DIST_SALE, DIST_CANCEL)

def workstation_name() -> str:
    return socket.gethostname()[:80]


def take_numbers(s: Session, n: int) -> tuple[int, str]:
    """Reserve n operation numbers; returns (first number, previous hash). Holds the head's row
    lock until the caller's transaction ends."""
    last_no, last_hash = s.execute(text(
        "UPDATE journal_head SET last_no = last_no + :n WHERE chain = :c RETURNING last_no, last_hash"),
        {"n": n, "c": CHAIN}).one()
    return last_no - n + 1, last_hash


def append(s: Session, rows: list[dict]) -> list[int]:
    """Number, chain and insert rows (dicts of FIELDS but op_no); returns their numbers."""
    if not rows:
        return []
    first, prev = take_numbers(s, len(rows))
    for i, row in enumerate(rows):
        row["op_no"] = first + i
        row["prev_hash"] = prev
        prev = row["hash"] = row_hash(row, prev)
    _insert(s, rows, prev)
    return [r["op_no"] for r in rows]


COLUMNS = FIELDS + ("prev_hash", "hash")


def _insert(s: Session, rows: list[dict], last_hash: str) -> None:
    if len(rows) < 100:
        s.connection().execute(insert(JournalOperation.__table__), rows)
    else:  # reintegrated batches: at the driver's speed (app/db/bulk.py), values as SQLAlchemy binds them
        sqlite = s.get_bind().dialect.name == "sqlite"
        get = itemgetter(*COLUMNS)
        tuples = [get(r) for r in rows]
        if sqlite:  # "at" (1) as SQLAlchemy's text, "price" (14) as a float
            at_text: dict = {}
            tuples = [(t[0], at_text.get(t[1]) or at_text.setdefault(t[1], _text(t[1])), *t[2:14], float(t[14]),
                       *t[15:]) for t in tuples]
        bulk_insert(s, JournalOperation.__table__, COLUMNS, tuples)
    s.execute(text("UPDATE journal_head SET last_hash = :h WHERE chain = :c"), {"h": last_hash, "c": CHAIN})


_TICKET_Q = None


def _ticket_query():
    """The descriptive columns of tickets (built once: constructing the select costs more than
    running it for one sale). Four tables joined and each name read by a scalar subquery: a
    join of all fourteen cost PostgreSQL ~1.5 ms of planning per sale (its plans are made
    per execution here: `plan_cache_mode=force_custom_plan`), against ~0.6 ms in all now."""
    global _TICKET_Q
    if _TICKET_Q is None:
        def name(column, key, ref):
            return select(column).where(key == ref).scalar_subquery()

        _TICKET_Q = (
            select(Ticket.id, Ticket.performance_id, Performance.starts_at,
                   name(Product.name_fr, Product.id, Performance.product_id),
                   select(Venue.name).join(Hall, Hall.venue_id == Venue.id)
                   .where(Hall.id == Performance.hall_id).scalar_subquery(),
                   name(Zone.name, Zone.id, Ticket.zone_id), Block.name, Seat.row, Seat.number,
                   name(SeatCategory.name, SeatCategory.id, Ticket.category_id),
                   name(Tariff.name_fr, Tariff.id, Ticket.tariff_id), Ticket.price, Order.reference,
                   name(PointOfSale.code, PointOfSale.id, Order.point_of_sale_id),
                   name(SalesChannel.code, SalesChannel.id, Order.channel_id),
                   name(PaymentMode.code, PaymentMode.id, Order.payment_mode_id))
            .join(Order, Order.id == Ticket.order_id)
            .join(Performance, Performance.id == Ticket.performance_id)
            .outerjoin(Seat, Seat.id == Ticket.seat_id).outerjoin(Block, Block.id == Seat.block_id)
            .where(Ticket.id.in_(bindparam("ids", expanding=True))))
    return _TICKET_Q


def _ticket_rows(s: Session, ticket_ids: list[int]) -> list[tuple]:
    q = _ticket_query()
    conn = s.connection()  # Core rows: no ORM loading per row
    out = []
    for chunk in range(0, len(ticket_ids), 900):
        out.extend(conn.execute(q, {"ids": ticket_ids[chunk:chunk + 900]}).all())
    return sorted(out, key=lambda r: r[0])


def build_rows(s: Session, kind: str, ticket_ids, *, operator: str = "", payment: str | None = None,
               at: datetime | None = None, workstation: str | None = None) -> list[dict]:
    """The journal rows (not yet numbered) of one operation per ticket, in ticket id order."""
    ids = sorted(set(ticket_ids))
    if not ids:
        return []
    at = at or utcnow()
    ws = workstation if workstation is not None else workstation_name()
    sold = {}
    if kind in CANCEL_KINDS or kind in (PRINT, REPRINT):
        for tid, no in s.execute(select(JournalOperation.ticket_id, JournalOperation.op_no).where(
                JournalOperation.ticket_id.in_(ids), JournalOperation.kind.in_(SALE_KINDS))):
            sold[tid] = no
    rows = []
    for (tid, perf_id, starts, show, venue, zone, block, row_, number, cat, tariff, price, ref, pos, channel,
         mode) in _ticket_rows(s, ids):
        k = kind
        if kind == SALE and not price:
            k = INVITATION
        amount = Decimal(price)
        if kind in CANCEL_KINDS:
            amount = -amount
        elif kind in (PRINT, REPRINT):
            amount = Decimal("0")
        rows.append({"at": at, "kind": k, "operator": operator or "", "workstation": ws, "point_of_sale": pos,
                     "channel": channel, "venue": venue, "show": show, "performance_id": perf_id,
                     "performance": f"{starts:%Y-%m-%d %H:%M}", "seat": seat_label(zone, block, row_, number),
                     "category": cat, "tariff": tariff, "price": amount.quantize(Decimal("0.01")),
                     "payment": payment if payment is not None else (mode or ""),
                     "order_reference": ref, "ticket_id": tid, "corrects_no": sold.get(tid)})
    return rows


def record_tickets(s: Session, kind: str, ticket_ids, *, operator: str = "", payment: str | None = None,
                   at: datetime | None = None, workstation: str | None = None) -> list[int]:
    """Journal one operation per ticket (sale, print, reprint, cancellation) in the caller's
    transaction; returns the operation numbers, in ticket id order. A sale at price 0 is
    journalled as an invitation; a cancellation refers to the operation that sold the ticket
    (corrects_no) and carries the negative price. On PostgreSQL the server makes the same rows
    in one round trip (`journal_record`, migration 0018) rather than four."""
    if s.get_bind().dialect.name != "postgresql":
        return append(s, build_rows(s, kind, ticket_ids, operator=operator, payment=payment, at=at,
                                    workstation=workstation))
    ids = sorted(set(ticket_ids))
    if not ids:
        return []
    return list(s.connection().execute(_RECORD_ON_SERVER, {
        "kind": kind, "ids": ids, "operator": operator or "", "payment": payment, "at": at or utcnow(),
        "workstation": workstation if workstation is not None else workstation_name()}).scalars())


_RECORD_ON_SERVER = text("SELECT * FROM journal_record(:kind, CAST(:ids AS integer[]), :operator, :workstation, "
                         "CAST(:payment AS text), CAST(:at AS timestamp))")


def record_distributor_batch(s: Session, sold_ids, cancelled_ids, *, operator: str,
                             at: datetime | None = None, sales: list[list] | None = None) -> list[int]:
    """A reintegrated batch: its sales, then its cancellations (which may cancel a sale of the
    same batch), numbered in one go. `sales`: the sales' rows already made from what the
    batch wrote (`batch.sale_rows`), else they are read back from the tickets."""
    from .batch import as_list, chain

    if sales is None:
        sales = [as_list(r) for r in build_rows(s, DIST_SALE, sold_ids, operator=operator, at=at, workstation="")]
    cancels = [as_list(r) for r in build_rows(s, DIST_CANCEL, cancelled_ids, operator=operator, at=at,
                                              workstation="")]
    rows = sales + cancels
    if not rows:
        return []
    first_no, prev = take_numbers(s, len(rows))
    sale_no = {r[17]: first_no + i for i, r in enumerate(sales)}  # ticket id → its sale's number
    for row in cancels:
        if row[18] is None:  # corrects_no: the sale of this batch it cancels
            row[18] = sale_no.get(row[17])
    sqlite = s.get_bind().dialect.name == "sqlite"
    last = chain(rows, first_no, prev, sqlite=sqlite, texts=getattr(sales, "texts", None))
    bulk_insert(s, JournalOperation.__table__, COLUMNS, rows)
    s.execute(text("UPDATE journal_head SET last_hash = :h WHERE chain = :c"), {"h": last, "c": CHAIN})
    return [r[0] for r in rows]


def record_prints(s: Session, ticket_ids, *, operator: str = "") -> dict[int, int]:
    """Journal the printing of tickets: a first print, or a reprint of a ticket already
    printed. Returns {ticket id: operation number of this print}."""
    ids = sorted(set(ticket_ids))
    printed = set(s.scalars(select(JournalOperation.ticket_id).where(
        JournalOperation.ticket_id.in_(ids), JournalOperation.kind.in_((PRINT, REPRINT)))))
    out = {}
    for kind, group in ((PRINT, [i for i in ids if i not in printed]), (REPRINT, [i for i in ids if i in printed])):
        out.update(zip(group, record_tickets(s, kind, group, operator=operator)))
    return out


@dataclass(frozen=True)
class Mentions:
    """What the journal says of a ticket's issue: printed on the ticket (issue 17)."""

    operation_no: int
    venue: str
    sold_at: datetime
    point_of_sale: str
    channel: str
    kind: str


def ticket_mentions(s: Session, ticket_ids) -> dict[int, Mentions]:
    """The operation that issued each ticket (the last sale row of it)."""
    out: dict[int, Mentions] = {}
    ids = list(ticket_ids)
    for chunk in range(0, len(ids), 900):
        for r in s.execute(select(JournalOperation.ticket_id, JournalOperation.op_no, JournalOperation.venue,
                                  JournalOperation.at, JournalOperation.point_of_sale, JournalOperation.channel,
                                  JournalOperation.kind)
                           .where(JournalOperation.ticket_id.in_(ids[chunk:chunk + 900]),
                                  JournalOperation.kind.in_(SALE_KINDS)).order_by(JournalOperation.op_no)):
            out[r[0]] = Mentions(*r[1:])
    return out


def ticket_operation(s: Session, ticket_id: int) -> int | None:
    """The number of the operation that issued the ticket (printed on it)."""
    return s.scalar(select(JournalOperation.op_no).where(
        JournalOperation.ticket_id == ticket_id, JournalOperation.kind.in_(SALE_KINDS))
        .order_by(JournalOperation.op_no.desc()).limit(1))


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    last_no: int
    broken_no: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_no is None

    def message(self) -> str:
        if self.ok:
            return _("journal chain valid: {count} operation(s) checked, last n° {last}").format(
                count=self.checked, last=self.last_no)
        return _("journal chain broken at operation n° {number}: {reason}").format(number=self.broken_no,
                                                                                  reason=self.reason)


def verify(db, start: int = 1, batch: int = 50_000) -> VerifyResult:
    """Check numbering (no gap) and every hash from operation `start` on; names the first
    broken row. Reads the rows raw through the driver's cursor in batches (a million rows in
    a few seconds: no ORM or type processing per row)."""
    checked, expected_no = 0, max(start, 1)
    with db.read() as s:
        if expected_no > 1:
            prev = s.scalar(select(JournalOperation.hash).where(JournalOperation.op_no == expected_no - 1))
            if prev is None:
                return VerifyResult(0, 0, expected_no - 1, _("the row before the first one checked is missing"))
        else:
            prev = GENESIS
        head_no, head_hash = s.execute(text("SELECT last_no, last_hash FROM journal_head WHERE chain = :c"),
                                       {"c": CHAIN}).one()
        sqlite = s.get_bind().dialect.name == "sqlite"
        raw = s.connection().connection.driver_connection
        cur = raw.cursor()
        mark = "?" if sqlite else "%s"
        # The canonical text of each row is built by the database itself (one string per row:
        # a million rows fetch in a fraction of the time 21 columns take).
        # A batch is a range of numbers, not a LIMIT: just after a restore or a bulk of new
        # rows, PostgreSQL's statistics are stale and it planned "op_no >= n … LIMIT" as a
        # scan and sort of the whole table per batch (a million rows: 8.5 s against 2.7 s).
        sql = (f"SELECT op_no, {sql_text(sqlite)}, prev_hash, hash FROM journal_operations "
               f"WHERE op_no >= {mark} AND op_no < {mark} ORDER BY op_no")
        sha = hashlib.sha256
        try:
            while True:
                cur.execute(sql, (expected_no, expected_no + batch))
                rows = cur.fetchall()
                if not rows:
                    break
                for no, body, prev_hash, stored in rows:
                    if no != expected_no:
                        return VerifyResult(checked, expected_no - 1, expected_no,
                                            _("operation n° {number} is missing").format(number=expected_no))
                    if prev_hash != prev:
                        return VerifyResult(checked, no - 1, no, _("its previous hash does not match the row before"))
                    h = sha(f"{body}{SEP}{prev}".encode("utf-8")).hexdigest()
                    if h != stored:
                        return VerifyResult(checked, no - 1, no, _("its content does not match its hash (edited)"))
                    prev = h
                    expected_no += 1
                    checked += 1
        finally:
            cur.close()
        last = expected_no - 1
        if last < head_no:
            return VerifyResult(checked, last, last + 1, _("operation n° {number} is missing (the journal head says {head})").format(
                number=last + 1, head=head_no))
        if checked and head_no == last and head_hash != prev:
            return VerifyResult(checked, last, last, _("the journal head's hash does not match the last row"))
    return VerifyResult(checked, last, None)


def operations(db, *, performance: int | None = None, day_from=None, day_to=None, start: int | None = None,
               limit: int | None = None, order_reference: str | None = None, where=None) -> list[dict]:
    """The journal's rows as dicts (with prev_hash and hash), in operation order. `where`: a
    `listing.JournalFilter` (the client's filters), else the other arguments (days in UTC)."""
    from datetime import datetime as dt, time, timedelta

    from .listing import JournalFilter

    if where is None:
        where = JournalFilter(
            performance_id=performance, start=start,
            at_from=dt.combine(day_from, time()) if day_from is not None else None,
            at_before=dt.combine(day_to + timedelta(days=1), time()) if day_to is not None else None)
    q = select(JournalOperation).where(*where.where()).order_by(JournalOperation.op_no)
    if order_reference is not None:
        q = q.where(JournalOperation.order_reference == order_reference)
    if limit:
        q = q.limit(limit)
    with db.read() as s:
        return [as_dict(o) for o in s.scalars(q)]


def as_dict(o: JournalOperation) -> dict:
    d = {f: getattr(o, f) for f in FIELDS}
    d["prev_hash"], d["hash"] = o.prev_hash, o.hash
    return d


def json_ready(d: dict) -> dict:
    return {k: (_text(v) if isinstance(v, (datetime, Decimal)) else v) for k, v in d.items()}
