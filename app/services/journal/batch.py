"""The journal's rows of a reintegrated batch, at the speed of the batch itself.

A reintegration page writes thousands of tickets in one transaction; journalling them the way
a box-office sale is journalled (`build_rows`: read each ticket back with all its names,
then `row_hash` field by field) cost more than writing the tickets. Here the rows are made
from what the batch itself wrote — the ticket ids it got back, and per ticket its
performance, seat, zone, category, tariff, price and order — with the names read once per
batch for the distinct ids it touches; the same rows, field for field, as `build_rows` gives
(tests/integration/sync/test_journal_batch.py compares them). `chain` numbers and hashes
rows with each field's text made once per distinct value."""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal
from typing import Iterable, Mapping, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    Block, Hall, PaymentMode, Performance, PointOfSale, Product, SalesChannel, Seat, SeatCategory, Tariff, Venue,
    Zone,
)

from .canonical import FIELDS, SEP, _text, seat_label

CENT = Decimal("0.01")


class SaleFact(NamedTuple):
    """What a reintegrated batch knows of one ticket it wrote: ticket id, performance, seat (None
    for a standing place), zone, category, tariff, price, order reference."""

    ticket_id: int
    performance_id: int
    seat_id: int | None
    zone_id: int
    category_id: int
    tariff_id: int
    price: Decimal
    order_reference: str


def sale_rows(s: Session, facts: Iterable[SaleFact], *, kind: str, operator: str, at: datetime,
              point_of_sale_id: int | None, channel_id: int | None, payment_mode_id: int | None,
              seat_places: Mapping[int, tuple[int, str, int]] | None = None) -> list[list]:
    """The journal rows (not yet numbered) of the batch's sales, in ticket id order: equal to
    `build_rows(s, kind, ids, operator=operator, at=at, workstation="")`. `seat_places`: seat
    id → (block id, row, number) as the caller already read them in this transaction (the
    reintegration's hall caches); seats it lacks are read here."""
    facts = sorted(facts)  # may be a generator: the facts are made here, in the journal's time
    if not facts:
        return []
    # SaleFact's fields by position (a batch may give plain tuples: no NamedTuple made per ticket)
    _tids, perf_ids, seat_col, zone_ids, category_ids, tariff_ids, _prices, _refs = zip(*facts)
    conn = s.connection()
    perfs = {pid: (show, venue, f"{starts:%Y-%m-%d %H:%M}") for pid, starts, show, venue in conn.execute(
        select(Performance.id, Performance.starts_at, Product.name_fr, Venue.name)
        .join(Product, Product.id == Performance.product_id).join(Hall, Hall.id == Performance.hall_id)
        .join(Venue, Venue.id == Hall.venue_id)
        .where(Performance.id.in_(sorted(set(perf_ids)))))}
    zones = dict(conn.execute(select(Zone.id, Zone.name).where(Zone.id.in_(sorted(set(zone_ids))))).all())
    seats: dict[int, tuple] = {}
    places = seat_places or {}
    seat_set = set(seat_col)
    seat_set.discard(None)
    known = {sid: places[sid] for sid in seat_set if sid in places}
    if known:
        blocks = dict(conn.execute(select(Block.id, Block.name).where(
            Block.id.in_(sorted({b for b, _r, _n in known.values()})))).all())
        seats = {sid: (blocks.get(b), row, number) for sid, (b, row, number) in known.items()}
    seat_ids = sorted(sid for sid in seat_set if sid not in seats)
    for i in range(0, len(seat_ids), 900):
        seats.update((sid, (block, row, number)) for sid, block, row, number in conn.execute(
            select(Seat.id, Block.name, Seat.row, Seat.number).outerjoin(Block, Block.id == Seat.block_id)
            .where(Seat.id.in_(seat_ids[i:i + 900]))))
    categories = dict(conn.execute(select(SeatCategory.id, SeatCategory.name).where(
        SeatCategory.id.in_(sorted(set(category_ids))))).all())
    tariffs = dict(conn.execute(select(Tariff.id, Tariff.name_fr).where(
        Tariff.id.in_(sorted(set(tariff_ids))))).all())
    pos = conn.scalar(select(PointOfSale.code).where(PointOfSale.id == point_of_sale_id))
    channel = conn.scalar(select(SalesChannel.code).where(SalesChannel.id == channel_id))
    payment = (conn.scalar(select(PaymentMode.code).where(PaymentMode.id == payment_mode_id))
               if payment_mode_id is not None else None) or ""
    # Each row's canonical text from "at" to "corrects_no" (all `chain` has left to add is the
    # number before and the previous hash after), from texts made once per performance and
    # per (category, tariff, price).
    rows, texts = SaleRows(), []
    rows.texts = texts
    head_of: dict[int, str] = {}
    tail_of: dict[tuple, tuple] = {}
    append_row, append_text = rows.append, texts.append
    for tid, pid, seat_id, zone_id, category_id, tariff_id, given_price, ref in facts:  # SaleFact's fields
        show, venue, starts = perfs[pid]
        head = head_of.get(pid)
        if head is None:
            head = head_of[pid] = SEP.join(map(_text, (at, kind, operator, "", pos, channel, venue, show, pid, starts)))
        zone = zones[zone_id]
        if seat_id is None:
            label = seat_label(zone, None, None, None)
        else:
            block, row, number = seats[seat_id]
            label = seat_label(zone, block, row, number)
        key = (category_id, tariff_id, given_price)
        tail = tail_of.get(key)
        if tail is None:
            price = Decimal(given_price).quantize(CENT)
            category, tariff = categories[category_id], tariffs[tariff_id]
            tail = tail_of[key] = (category, tariff, price, SEP.join(map(_text, (category, tariff, price, payment))))
        category, tariff, price, tail_text = tail
        # FIELDS' order: op_no (numbered by `chain`), at, kind, operator, workstation, point_of_sale,
        # channel, venue, show, performance_id, performance, seat, category, tariff, price, payment,
        # order_reference, ticket_id, corrects_no
        append_row([None, at, kind, operator, "", pos, channel, venue, show, pid, starts, label,
                    category, tariff, price, payment, ref, tid, None])
        append_text(f"{head}{SEP}{label.replace(SEP, ' ')}{SEP}{tail_text}{SEP}{ref.replace(SEP, ' ')}{SEP}"
                    f"{tid}{SEP}")
    return rows


class SaleRows(list):
    """`sale_rows`' rows, with `texts`: each one's canonical text but for its number and the
    previous hash (`chain` uses them rather than making them again)."""

    texts: list[str]


def as_list(row: dict) -> list:
    """A journal row dict (`build_rows`) in FIELDS order, as `sale_rows` makes them."""
    return [row.get(f) for f in FIELDS]


def chain(rows: list[list], first_no: int, prev: str, *, sqlite: bool = False,
          texts: list[str] | None = None) -> str:
    """Number the rows (lists in FIELDS order) from `first_no`, chain each to the one before
    and return the last hash; each row gets its previous hash and its hash appended (COLUMNS
    order). The hashes are `row_hash`'s (the canonical text of FIELDS, then the previous
    hash), with the text of the fields a batch repeats (who, where, what show, which tariff
    and price) made once per distinct group of values. `sqlite`: the rows are then left as
    SQLAlchemy would bind them there ("at" as its text, "price" as a float), ready for the
    driver's executemany. `texts`: the canonical texts `sale_rows` made for the first rows
    (they all share one "at")."""
    assert FIELDS == _CANONICAL_ORDER, "journal.FIELDS changed: update batch.chain"
    sha = hashlib.sha256
    no = first_no
    made = texts or ()
    at_text = _text(rows[0][1]) if made else ""
    for row, body in zip(rows, made):  # `sale_rows`' rows: their texts are made
        row[0] = no
        row.append(prev)
        prev = sha(f"{no}{SEP}{body}{SEP}{prev}".encode("utf-8")).hexdigest()
        row.append(prev)
        if sqlite:
            row[1] = at_text
            row[14] = float(row[14])
        no += 1
    mid_of, tail_of, at_of = {}, {}, {}
    for row in rows[len(made):]:
        row[0] = no
        key = tuple(row[2:11])
        mid = mid_of.get(key)
        if mid is None:
            mid = mid_of[key] = SEP.join(map(_text, key))
        key = tuple(row[12:16])
        tail = tail_of.get(key)
        if tail is None:
            tail = tail_of[key] = SEP.join(map(_text, key))
        at = at_of.get(row[1])
        if at is None:
            at = at_of[row[1]] = _text(row[1])
        seat, ref, tid, corrects = row[11], row[16], row[17], row[18]
        text = SEP.join((str(no), at, mid, "" if seat is None else seat.replace(SEP, " "), tail,
                         "" if ref is None else ref.replace(SEP, " "), "" if tid is None else str(tid),
                         "" if corrects is None else str(corrects), prev))
        row.append(prev)
        prev = sha(text.encode("utf-8")).hexdigest()
        row.append(prev)
        if sqlite:
            row[1] = at
            row[14] = float(row[14])
        no += 1
    return prev


_MID = ("kind", "operator", "workstation", "point_of_sale", "channel", "venue", "show", "performance_id",
        "performance")
_TAIL = ("category", "tariff", "price", "payment")
_CANONICAL_ORDER = ("op_no", "at", *_MID, "seat", *_TAIL, "order_reference", "ticket_id", "corrects_no")
