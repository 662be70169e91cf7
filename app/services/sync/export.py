"""Export allotments: tell a distributor which seats and standing places it may sell.

The allotment of a performance is the full state of the interface's external contingents
(contingent.target_channel_id == interface.channel_id), in the distributor's codes:
- numbered seats of those contingents, not blocked, not invalid, not sold by someone else;
- seats the distributor itself sold (live tickets of its channel) always stay in it: they are
  its own whatever happened to the contingent meanwhile;
- quantities of non-numbered zones (zone allocations of those contingents);
- the price table (category × tariff) when the adapter contract carries one.

Sending a full state makes a rerun harmless. A failed export changes nothing locally. After
a successful one, the seats the distributor reports as sold meanwhile among those we took
back go back to its contingent (docs/domain.md, export rules).

Dry run: we read the distributor's current allotment (`adapter.current_allotment`) and
report what the export would add and remove, sending nothing. We chose the distributor's own
view over a local snapshot of the last export: it is the truth the distributor sells from,
and it needs no copy of 80,000 seats per export in our database. When the distributor cannot
tell (Digitick has no online allotment), every seat counts as "would add"."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, insert, select, update

from app.adapters.base import Allotment, AllotmentQuantity, AllotmentSeat
from app.db.engine import Database
from app.db.models import (
    Order, Performance, PerformanceSeat, PerformanceZone, Price, Product, Seat, SeatHistory, Ticket, ZoneAllocation,
    Mapping, utcnow,
)
from app.domain.actors import Actor
from app.domain.enums import (
    ErrorClass, ExecutionStatus, MappedObject, SeatAction, SyncFunction, TicketState, Trigger,
)
from app.domain.errors import InputError
from app.i18n import N_, _

from app.services.lookup import performance_id_of
from .executions import ExecutionRecorder, RunResult, class_word, create_execution, process_tag
from app.services.inventory.state import bump_revision, in_chunks
from .mapping_resolver import HallPlaces, MappingResolver, performance_label
from .common import InterfaceInfo, classify, load_interface, open_adapter
from .run_control import cancelled, report as report_progress

from app.adapters.base import AllotmentPrice  # the price table of the adapters' contract


@dataclass
class BuiltAllotment:
    performance_id: int
    label: str
    allotment: Allotment | None
    missing: list[tuple[str, str]] = field(default_factory=list)  # (what, where)
    skipped: Counter = field(default_factory=Counter)  # blocked, invalid, sold_by_others
    sold_by_distributor: int = 0
    seat_of_ref: dict[str, int] = field(default_factory=dict)
    seat_of_key: dict[tuple[str, str, str], int] = field(default_factory=dict)


def build_allotment(s, info: InterfaceInfo, resolver: MappingResolver, performance_id: int) -> BuiltAllotment:
    """The allotment of one performance, or the list of missing mappings that prevent it."""
    label = performance_label(s, performance_id)
    perf = s.execute(select(Performance.id, Performance.hall_id, Performance.product_id, Product.code)
                     .join(Product, Product.id == Performance.product_id)
                     .where(Performance.id == performance_id)).one()
    places = HallPlaces.load(s, perf.hall_id)
    out = BuiltAllotment(performance_id, label, None)
    missing: dict[str, str] = {}
    event_ext = resolver.external(MappedObject.EVENT, perf.product_id, perf.code)
    if event_ext is None:
        missing[_("event {code}").format(code=perf.code)] = label
    perf_ext = resolver.external(MappedObject.PERFORMANCE, performance_id)
    if perf_ext is None:
        missing[_("performance {label}").format(label=label)] = label
    conts = list(info.contingent_ids)

    # Live tickets of the performance: whose channel sold each seat.
    sold_by: dict[int, int] = dict(s.execute(
        select(Ticket.seat_id, Order.channel_id).join(Order, Order.id == Ticket.order_id)
        .where(Ticket.performance_id == performance_id, Ticket.state != TicketState.CANCELLED,
               Ticket.seat_id.is_not(None))).all())
    seat_cols = (PerformanceSeat.seat_id, PerformanceSeat.category_id, PerformanceSeat.blocked,
                 PerformanceSeat.invalid, Seat.block_id, Seat.row, Seat.number, Seat.sort)
    rows = s.execute(select(*seat_cols).join(Seat, Seat.id == PerformanceSeat.seat_id)
                     .where(PerformanceSeat.performance_id == performance_id,
                            PerformanceSeat.contingent_id.in_(conts))).all() if conts else []
    in_contingent = {r[0] for r in rows}
    theirs = [sid for sid, ch in sold_by.items() if ch == info.channel_id and sid not in in_contingent]
    for part in in_chunks(theirs):
        rows += s.execute(select(*seat_cols).join(Seat, Seat.id == PerformanceSeat.seat_id)
                          .where(PerformanceSeat.performance_id == performance_id,
                                 PerformanceSeat.seat_id.in_(part))).all()
    rows.sort(key=lambda r: r[7])
    block_ext: dict[int, str | None] = {}
    cat_ext: dict[int, str | None] = {}
    seats = []
    for seat_id, cat, blocked, invalid, block_id, row, number, _sort in rows:
        seller = sold_by.get(seat_id)
        if seller is not None and seller != info.channel_id:
            out.skipped["sold_by_others"] += 1
            continue
        if seller is None:
            if blocked:
                out.skipped["blocked"] += 1
                continue
            if invalid:
                out.skipped["invalid"] += 1
                continue
        else:
            out.sold_by_distributor += 1
        if block_id not in block_ext:
            block_ext[block_id] = places.block_external(resolver, block_id)
            if block_ext[block_id] is None:
                missing[_("block {block}").format(block=places.block_label(block_id))] = _(
                    "{label} {block} row {row} seat {number}").format(label=label, block=places.block_label(block_id),
                                                                      row=row, number=number)
        if cat not in cat_ext:
            cat_ext[cat] = resolver.category_external(cat)
            if cat_ext[cat] is None:
                missing[_("seat category {code}").format(code=resolver.category_code.get(cat, cat))] = _(
                    "{label} {block} row {row} seat {number}").format(label=label, block=places.block_label(block_id),
                                                                      row=row, number=number)
        z, c = block_ext[block_id], cat_ext[cat]
        if z is None or c is None:
            continue
        ref = str(seat_id)
        seats.append(AllotmentSeat(zone=z, row=str(row), number=str(number), category=c, seat_ref=ref))
        out.seat_of_ref[ref] = seat_id
        out.seat_of_key[(z, str(row), str(number))] = seat_id

    quantities = []
    zone_cats: set[int] = set()
    if conts:
        zq = s.execute(select(ZoneAllocation.zone_id, PerformanceZone.category_id, ZoneAllocation.quantity)
                       .join(PerformanceZone, and_(PerformanceZone.performance_id == ZoneAllocation.performance_id,
                                                   PerformanceZone.zone_id == ZoneAllocation.zone_id))
                       .where(ZoneAllocation.performance_id == performance_id,
                              ZoneAllocation.contingent_id.in_(conts))).all()
        per_zone: Counter = Counter()
        zcat: dict[int, int] = {}
        for zid, cat, qty in zq:
            per_zone[zid] += qty
            zcat[zid] = cat
        for zid, qty in sorted(per_zone.items()):
            if qty <= 0:
                continue
            zext = resolver.external(MappedObject.ZONE, zid, places.zone_code.get(zid, ""))
            cext = resolver.category_external(zcat[zid])
            if zext is None:
                missing[_("zone {code}").format(code=places.zone_code.get(zid, zid))] = _(
                    "{label} non-numbered zone {zone}").format(label=label, zone=places.zone_code.get(zid, zid))
            if cext is None:
                missing[_("seat category {code}").format(code=resolver.category_code.get(zcat[zid], zcat[zid]))] = _(
                    "{label} non-numbered zone {zone}").format(label=label, zone=places.zone_code.get(zid, zid))
            if zext and cext:
                zone_cats.add(zcat[zid])
                quantities.append(AllotmentQuantity(zone=zext, category=cext, quantity=int(qty)))

    out.missing = list(missing.items())
    if out.missing:
        return out
    kwargs = {}
    if AllotmentPrice is not None:
        cats = {c for c, ext in cat_ext.items() if ext} | set(zone_cats)
        prices = []
        for cat, tariff, amount in s.execute(select(Price.category_id, Price.tariff_id, Price.amount)
                                             .where(Price.performance_id == performance_id)):
            cext, text = resolver.category_external(cat), resolver.tariff_external(tariff)
            if cat in cats and cext and text:
                prices.append(AllotmentPrice(category=cext, tariff=text, price=amount))
        kwargs["prices"] = tuple(sorted(prices, key=lambda p: (p.category, p.tariff)))
    out.allotment = Allotment(event=event_ext, performance=perf_ext, seats=tuple(seats),
                              quantities=tuple(quantities), **kwargs)
    return out


def _performances_of(s, info: InterfaceInfo) -> list[int]:
    """Every performance where the interface has something: seats or places of its
    contingents, tickets it sold, or a performance mapping (an emptied allotment is sent too)."""
    ids: set[int] = set()
    if info.contingent_ids:
        ids |= set(s.scalars(select(PerformanceSeat.performance_id).where(
            PerformanceSeat.contingent_id.in_(info.contingent_ids)).distinct()))
        ids |= set(s.scalars(select(ZoneAllocation.performance_id).where(
            ZoneAllocation.contingent_id.in_(info.contingent_ids)).distinct()))
    ids |= {oid for oid in s.scalars(select(Mapping.object_id).where(
        Mapping.interface_id == info.id, Mapping.object_type == MappedObject.PERFORMANCE)) if oid is not None}
    existing = set(s.scalars(select(Performance.id).where(Performance.id.in_(ids)))) if ids else set()
    return sorted(existing)


def _diff(ours: Allotment, theirs: Allotment | None) -> tuple[int, int, list[str], list[str]]:
    mine = {(x.zone, x.row, x.number) for x in ours.seats}
    q_mine = {(q.zone, q.category): q.quantity for q in ours.quantities}
    if theirs is None:
        return len(mine) + sum(q_mine.values()), 0, [f"{z} {r}-{n}" for z, r, n in sorted(mine)[:5]], []
    other = {(x.zone, x.row, x.number) for x in theirs.seats}
    q_other = {(q.zone, q.category): q.quantity for q in theirs.quantities}
    add, rem = mine - other, other - mine
    qa = sum(max(0, q_mine.get(k, 0) - q_other.get(k, 0)) for k in set(q_mine) | set(q_other))
    qr = sum(max(0, q_other.get(k, 0) - q_mine.get(k, 0)) for k in set(q_mine) | set(q_other))
    return (len(add) + qa, len(rem) + qr, [f"{z} {r}-{n}" for z, r, n in sorted(add)[:5]],
            [f"{z} {r}-{n}" for z, r, n in sorted(rem)[:5]])


def export_allotments(db: Database, actor: Actor, interface, performance=None, *, dry_run: bool = False,
                      batch_size: int | None = None, trigger: Trigger = Trigger.MANUAL,
                      execution_id: int | None = None, adapter_factory=None,
                      performances: list[int] | None = None, echo=None, control=None) -> RunResult:
    """Export the allotments of one performance (or of every performance of the interface,
    or of `performances`, e.g. a schedule's window). Returns the execution's result."""
    actor.require_manager(N_("export allotments"))
    if batch_size is not None and int(batch_size) <= 0:
        raise InputError(_("batch size {n}: expected a positive number").format(n=batch_size))
    with db.read() as s:
        info = load_interface(s, interface)
        perf_id = performance_id_of(s, performance)
    if execution_id is None:
        execution_id = create_execution(db, actor, info.id, SyncFunction.EXPORT_ALLOTMENTS, trigger,
                                        performance_id=perf_id, status=ExecutionStatus.RUNNING,
                                        parameters={"dry_run": dry_run, "batch_size": batch_size,
                                                    "performance": perf_id, **process_tag()})
    rec = ExecutionRecorder(db, execution_id, echo=echo)
    t0 = time.perf_counter()
    try:
        _export(db, actor, info, rec, perf_id, performances, dry_run, batch_size, adapter_factory, control)
    except Exception as exc:  # noqa: BLE001 - every failure ends in the log, classed
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where)
    rec.set("seconds", round(time.perf_counter() - t0, 3))
    return rec.result(SyncFunction.EXPORT_ALLOTMENTS, rec.finish(), dry_run=dry_run)


def _export(db, actor, info: InterfaceInfo, rec: ExecutionRecorder, perf_id, performances, dry_run, batch_size,
            adapter_factory, control=None) -> None:
    if not info.contingent_ids:
        rec.error(ErrorClass.CONFIGURATION, _("no external contingent is bound to the channel of interface "
                                              "{name!r}: nothing can be exported").format(name=info.name),
                  _("interface"))
        return
    with db.read() as s:
        resolver = MappingResolver.load(s, info.id)
        perf_list = [perf_id] if perf_id else (list(performances) if performances else _performances_of(s, info))
        labels = {p: performance_label(s, p) for p in perf_list}
    rec.set("performances", len(perf_list))
    if not perf_list:
        rec.warning(_("no performance has seats or places in the interface's contingents: nothing to export"))
        return
    try:
        adapter = open_adapter(info, adapter_factory)
    except Exception as exc:  # noqa: BLE001
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where or _("interface"))
        for p in perf_list:
            rec.cascade(_("allotment of {label} not exported: the adapter could not be opened").format(label=labels[p]),
                        labels[p])
        return
    try:
        for i, p in enumerate(perf_list):
            if cancelled(control):  # between performances: each one's export is whole or not sent
                rec.warning(_("cancelled by the operator after {done} of {total} performance(s); "
                              "{left} not exported (export again to send them)").format(
                    done=i, total=len(perf_list), left=len(perf_list) - i))
                rec.set("cancelled", True)
                return
            report_progress(control, i, len(perf_list), rec.counts.get("seats", 0), labels[p])
            with db.read() as s:
                built = build_allotment(s, info, resolver, p)
            for what, where in built.missing:
                rec.error(ErrorClass.MAPPING, _("no mapping for {what}: fill the missing correspondence of "
                                                "interface {name!r}").format(what=what, name=info.name), where)
            if built.missing:
                rec.cascade(_("allotment of {label} not exported because of the missing mapping(s) above").format(
                    label=built.label), built.label)
                rec.count("performances_failed")
                continue
            a = built.allotment
            for k, v in built.skipped.items():
                rec.count(f"skipped_{k}", v)
            rec.count("seats", len(a.seats))
            rec.count("places", sum(q.quantity for q in a.quantities))
            if dry_run:
                try:
                    theirs = adapter.current_allotment(a.event, a.performance)
                except Exception as exc:  # noqa: BLE001
                    cls, msg, _where = classify(exc)
                    rec.warning(_("the distributor's current allotment could not be read ({cls}: {msg}); "
                                  "every seat counts as added").format(cls=class_word(cls), msg=msg),
                                built.label)
                    theirs = None
                added, removed, sa, sr = _diff(a, theirs)
                rec.count("would_add", added)
                rec.count("would_remove", removed)
                line = _("{label}: would send {seats} seat(s) and {places} place(s): +{added} / -{removed}")
                if sa and sr:
                    line = _("{label}: would send {seats} seat(s) and {places} place(s): +{added} / -{removed} "
                             "(adds e.g. {adds}) (removes e.g. {removes})")
                elif sa:
                    line = _("{label}: would send {seats} seat(s) and {places} place(s): +{added} / -{removed} "
                             "(adds e.g. {adds})")
                elif sr:
                    line = _("{label}: would send {seats} seat(s) and {places} place(s): +{added} / -{removed} "
                             "(removes e.g. {removes})")
                rec.info(line.format(label=built.label, seats=len(a.seats), places=sum(q.quantity for q in a.quantities),
                                     added=added, removed=removed, adds=", ".join(sa), removes=", ".join(sr)),
                         built.label)
                continue
            try:
                report = adapter.export_allotment(a, batch_size=batch_size)
            except Exception as exc:  # noqa: BLE001
                cls, msg, where = classify(exc)
                rec.error(cls, _("export of {label} failed: {msg}").format(label=built.label, msg=msg),
                          where or built.label)
                rec.count("performances_failed")
                for q in perf_list[i + 1:]:
                    rec.cascade(_("allotment of {label} not exported after the failure above").format(label=labels[q]),
                                labels[q])
                    rec.count("performances_failed")
                return
            rec.count("performances_exported")
            _record_exported(db, info.id, built, getattr(report, "kept_sold_seats", ()) or ())
            rec.count("added", report.added)
            rec.count("removed", report.removed)
            rec.count("kept_sold", report.kept_sold)
            note = _("{label}: {seats} seat(s), {places} place(s) (+{added} / -{removed})").format(
                label=built.label, seats=len(a.seats), places=sum(q.quantity for q in a.quantities),
                added=report.added, removed=report.removed)
            if report.message:
                note = _("{note} — {message}").format(note=note, message=report.message)
            if getattr(report, "document", None):
                note = _("{note} — allotment to communicate: {document}").format(note=note, document=report.document)
            rec.info(note, built.label)
            kept = list(getattr(report, "kept_sold_seats", ()) or ())
            if kept:
                back = _restore_kept_sold(db, actor, info, built, kept, rec)
                rec.count("kept_sold_restored", back)
            elif report.kept_sold:
                rec.info(_("{n} seat(s) sold by the distributor meanwhile stay its own").format(n=report.kept_sold),
                         built.label)
        report_progress(control, len(perf_list), len(perf_list), rec.counts.get("seats", 0))
    finally:
        try:
            adapter.close()
        except Exception:  # noqa: BLE001 - closing never hides the run's outcome
            pass


def _record_exported(db, interface_id: int, built: BuiltAllotment, kept) -> None:
    """Keep the seats of the allotment the distributor now holds: its sales of them are
    facts for the reintegration, whatever the venue changes locally before the next export."""
    from app.db.bulk import bulk_insert
    from app.db.models import ExportedSeat

    ids = set(built.seat_of_ref.values())
    ids |= {built.seat_of_key[(k.zone, k.row, k.number)] for k in kept if (k.zone, k.row, k.number) in built.seat_of_key}
    with db.write() as s:
        s.execute(delete(ExportedSeat).where(ExportedSeat.interface_id == interface_id,
                                             ExportedSeat.performance_id == built.performance_id))
        bulk_insert(s, ExportedSeat.__table__, ("interface_id", "performance_id", "seat_id"),
                    ((interface_id, built.performance_id, sid) for sid in sorted(ids)))


def _restore_kept_sold(db, actor, info: InterfaceInfo, built: BuiltAllotment, kept, rec) -> int:
    """Seats we took back that the distributor had sold meanwhile go back to its contingent
    (and are unblocked: they are sold), unless someone else sold them here."""
    ids = []
    for seat in kept:
        sid = built.seat_of_ref.get(seat.seat_ref) if seat.seat_ref else None
        if sid is None and seat.seat_ref and seat.seat_ref.isdigit():
            sid = int(seat.seat_ref)
        if sid is None:
            sid = built.seat_of_key.get((seat.zone, seat.row, seat.number))
        if sid is not None:
            ids.append(sid)
    if not ids:
        return 0
    target = info.contingent_ids[0]
    now = utcnow()
    with db.write() as s:
        bump_revision(s, built.performance_id)
        with_ticket = set()
        for part in in_chunks(ids):
            with_ticket |= set(s.scalars(select(Ticket.seat_id).where(
                Ticket.performance_id == built.performance_id, Ticket.seat_id.in_(part),
                Ticket.state != TicketState.CANCELLED)))
        free = [i for i in ids if i not in with_ticket]
        if not free:
            return 0
        current = {}
        for part in in_chunks(free):
            current.update({sid: (cid, blk) for sid, cid, blk in s.execute(
                select(PerformanceSeat.seat_id, PerformanceSeat.contingent_id, PerformanceSeat.blocked)
                .where(PerformanceSeat.performance_id == built.performance_id, PerformanceSeat.seat_id.in_(part)))})
            s.execute(update(PerformanceSeat).where(PerformanceSeat.performance_id == built.performance_id,
                                                    PerformanceSeat.seat_id.in_(part))
                      .values(contingent_id=target, blocked=False), execution_options={"synchronize_session": False})
        code = info.contingent_codes[0]
        s.execute(insert(SeatHistory), [
            {"at": now, "operator_id": actor.operator_id, "performance_id": built.performance_id, "seat_id": sid,
             "action": SeatAction.ASSIGN, "old_value": "blocked" if current.get(sid, (None, False))[1] else "",
             "new_value": code, "quantity": 1, "reference": f"export #{rec.execution_id}: sold by {info.name}"}
            for sid in free])
    rec.info(_("{n} seat(s) the distributor sold meanwhile went back to contingent {code}").format(
        n=len(free), code=code), built.label)
    return len(free)
