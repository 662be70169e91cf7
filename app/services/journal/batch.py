"""The journal's rows of a reintegrated batch, at the speed of the batch itself.

A reintegration page writes thousands of tickets in one transaction; journalling them the way
a box-office sale is journalled (`build_rows`: read each ticket back through a 14-table join,
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
from typing import NamedTuple

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


def sale_rows(s: Session, facts: list[SaleFact], *, kind: str, operator: str, at: datetime,
              point_of_sale_id: int | None, channel_id: int | None, payment_mode_id: int | None) -> list[dict]:
    """The journal rows (not yet numbered) of the batch's sales, in ticket id order: equal to
    `build_rows(s, kind, ids, operator=operator, at=at, workstation="")`."""
    if not facts:
        return []
    facts = sorted(facts)
    conn = s.connection()
    perfs = {pid: (show, venue, f"{starts:%Y-%m-%d %H:%M}") for pid, starts, show, venue in conn.execute(
        select(Performance.id, Performance.starts_at, Product.name_fr, Venue.name)
        .join(Product, Product.id == Performance.product_id).join(Hall, Hall.id == Performance.hall_id)
        .join(Venue, Venue.id == Hall.venue_id)
        .where(Performance.id.in_(sorted({f.performance_id for f in facts}))))}
    zones = dict(conn.execute(select(Zone.id, Zone.name).where(Zone.id.in_(sorted({f.zone_id for f in facts})))).all())
    seat_ids = sorted({f.seat_id for f in facts if f.seat_id is not None})
    seats: dict[int, tuple] = {}
    for i in range(0, len(seat_ids), 900):
        seats.update((sid, (block, row, number)) for sid, block, row, number in conn.execute(
            select(Seat.id, Block.name, Seat.row, Seat.number).outerjoin(Block, Block.id == Seat.block_id)
            .where(Seat.id.in_(seat_ids[i:i + 900]))))
    categories = dict(conn.execute(select(SeatCategory.id, SeatCategory.name).where(
        SeatCategory.id.in_(sorted({f.category_id for f in facts})))).all())
    tariffs = dict(conn.execute(select(Tariff.id, Tariff.name_fr).where(
        Tariff.id.in_(sorted({f.tariff_id for f in facts})))).all())
    pos = conn.scalar(select(PointOfSale.code).where(PointOfSale.id == point_of_sale_id))
    channel = conn.scalar(select(SalesChannel.code).where(SalesChannel.id == channel_id))
    payment = (conn.scalar(select(PaymentMode.code).where(PaymentMode.id == payment_mode_id))
               if payment_mode_id is not None else None) or ""
    labels: dict[tuple, str] = {}
    rows = []
    cents: dict = {}
    for f in facts:
        show, venue, starts = perfs[f.performance_id]
        zone = zones[f.zone_id]
        if f.seat_id is None:
            label = seat_label(zone, None, None, None)
        else:
            block, row, number = seats[f.seat_id]
            key = (zone, block, row, number)
            label = labels.get(key)
            if label is None:
                label = labels[key] = seat_label(zone, block, row, number)
        price = cents.get(f.price)
        if price is None:
            price = cents[f.price] = Decimal(f.price).quantize(CENT)
        # FIELDS' order: op_no (numbered by `chain`), at, kind, operator, workstation, point_of_sale,
        # channel, venue, show, performance_id, performance, seat, category, tariff, price, payment,
        # order_reference, ticket_id, corrects_no
        rows.append([None, at, kind, operator, "", pos, channel, venue, show, f.performance_id, starts, label,
                     categories[f.category_id], tariffs[f.tariff_id], price, payment, f.order_reference, f.ticket_id,
                     None])
    return rows


def as_list(row: dict) -> list:
    """A journal row dict (`build_rows`) in FIELDS order, as `sale_rows` makes them."""
    return [row.get(f) for f in FIELDS]


def chain(rows: list[list], first_no: int, prev: str) -> str:
    """Number the rows (lists in FIELDS order) from `first_no`, chain each to the one before
    and return the last hash; each row gets its previous hash and its hash appended (COLUMNS
    order). The hashes are `row_hash`'s (the canonical text of FIELDS, then the previous
    hash), with the text of the fields a batch repeats (who, where, what show, which tariff
    and price) made once per distinct group of values."""
    assert FIELDS == _CANONICAL_ORDER, "journal.FIELDS changed: update batch.chain"
    mid_of, tail_of, at_of = {}, {}, {}
    sha = hashlib.sha256
    no = first_no
    for row in rows:
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
        no += 1
    return prev


_MID = ("kind", "operator", "workstation", "point_of_sale", "channel", "venue", "show", "performance_id",
        "performance")
_TAIL = ("category", "tariff", "price", "payment")
_CANONICAL_ORDER = ("op_no", "at", *_MID, "seat", *_TAIL, "order_reference", "ticket_id", "corrects_no")
