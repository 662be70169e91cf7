"""Fixtures of the synchronisation engine's tests: the demo database with allotments given
to the distributors, and helpers to write sales lines for its seats in their codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select

from app.db.models import (
    Block, DistributorInterface, Mapping, Order, PerformanceSeat, PerformanceZone, ReintegratedLine, Seat,
    SeatHistory, Ticket, Zone, ZoneAllocation,
)
from app.domain.enums import MappedObject, MappingKind, TicketState
from app.domain.sales import SaleAction, SaleLine
from app.domain.selection import SeatSelection
from app.services.inventory.allocation import edit_seats
from app.services.lookup import find_contingent, find_performance
from tests.conftest import WALKYRIE

PERF_AT = datetime(2014, 12, 7, 20, 0)
PERF_EXT = "WALKYRIE-201412072000"
PRICES = {"Cat1": (Decimal("120.00"), Decimal("96.00")), "Cat2": (Decimal("85.00"), Decimal("68.00")),
          "Cat3": (Decimal("45.00"), Decimal("36.00")), "Cat4": (Decimal("15.00"), Decimal("12.00"))}


@dataclass(frozen=True)
class DemoSeat:
    seat_id: int
    zone: str
    block: str
    row: str
    number: int
    category: str

    @property
    def ext_zone(self) -> str:
        return f"{self.zone}-{self.block}"


def seats_of(db, zone: str, block: str) -> list[DemoSeat]:
    from app.db.models import SeatCategory

    with db.read() as s:
        perf = find_performance(s, WALKYRIE)
        rows = s.execute(select(Seat.id, Zone.code, Block.code, Seat.row, Seat.number, SeatCategory.code)
                         .join(Block, Block.id == Seat.block_id).join(Zone, Zone.id == Block.zone_id)
                         .join(PerformanceSeat, (PerformanceSeat.seat_id == Seat.id)
                               & (PerformanceSeat.performance_id == perf.id))
                         .join(SeatCategory, SeatCategory.id == PerformanceSeat.category_id)
                         .where(Zone.code == zone, Block.code == block).order_by(Seat.sort)).all()
    return [DemoSeat(*r) for r in rows]


def sale_line(tid: str, seat: DemoSeat | None, *, tariff: str = "Normal", price: Decimal | None = None,
              action: SaleAction = SaleAction.SALE, where: str = "", zone: str | None = None,
              sold_at: datetime | None = datetime(2014, 11, 1, 10, 0), normal=True,
              seat_category: str | None = None, **kw) -> SaleLine:
    """A Guichet-style line for a demo seat (or a standing place when seat is None)."""
    if seat is not None and price is None:
        price = PRICES[seat.category][0 if normal else 1]
    return SaleLine(
        external_ticket_id=tid, action=action, where=where or f"line {tid}", sold_at=sold_at, event="WALKYRIE",
        performance_at=PERF_AT, zone=zone or (seat.ext_zone if seat else "DEBOUT"),
        row=seat.row if seat else "", seat=str(seat.number) if seat else "",
        seat_category=seat_category if seat_category is not None else (seat.category if seat else "Cat4"), tariff=tariff, price=price, **kw)


@pytest.fixture
def allotted(demo_db, manager):
    """B2/C (144 seats) for FNAC, GAL/C for Ticketnet, PAR/G for the Secutix file channel
    (STX), 20 standing places for STX."""
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="B2", block="C"), "FNAC")
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="GAL", block="C"), "TKN")
    edit_seats(demo_db, manager, WALKYRIE, "assign", SeatSelection(zone="PAR", block="G"), "STX")
    with demo_db.write() as s:
        perf = find_performance(s, WALKYRIE)
        zone = s.scalars(select(Zone.id).where(Zone.code == "DEBOUT")).one()
        s.execute(insert(ZoneAllocation), [{"performance_id": perf.id, "zone_id": zone,
                                            "contingent_id": find_contingent(s, "STX").id, "quantity": 20}])
    return demo_db


def interface_id(db, name: str) -> int:
    with db.read() as s:
        return s.scalars(select(DistributorInterface.id).where(DistributorInterface.name_fr == name)).one()


def add_mapping(db, name: str, kind: MappingKind, otype: MappedObject, external: str, *, object_id=None,
                object_code: str = "") -> None:
    """Set the interface's mapping of one object (replacing the one it had)."""
    iid = interface_id(db, name)
    with db.write() as s:
        q = select(Mapping).where(Mapping.interface_id == iid, Mapping.object_type == otype,
                                  Mapping.object_code == object_code)
        q = q.where(Mapping.object_id == object_id) if object_id is not None else q.where(Mapping.object_id.is_(None))
        m = s.scalars(q).first()
        if m is None:
            s.add(Mapping(interface_id=iid, kind=kind, object_type=otype, object_id=object_id,
                          object_code=object_code, external_id=external))
        else:
            m.external_id = external


def snapshot(db) -> dict:
    """Row counts and live tickets: what 'the database is as before' compares."""
    with db.read() as s:
        return {
            "orders": s.scalar(select(func.count(Order.id))),
            "tickets": s.scalar(select(func.count(Ticket.id))),
            "live": s.scalar(select(func.count(Ticket.id)).where(Ticket.state != TicketState.CANCELLED)),
            "history": s.scalar(select(func.count(SeatHistory.id))),
            "reintegrated": s.scalar(select(func.count(ReintegratedLine.id))),
            "cursors": tuple(s.scalars(select(DistributorInterface.sales_cursor).order_by(DistributorInterface.id))),
        }


def live_tickets(db, interface: str) -> dict[str, tuple]:
    """external ticket id → (seat id, zone id, price, tariff id) of the interface's live tickets."""
    iid = interface_id(db, interface)
    with db.read() as s:
        return {ext: (sid, zid, price, tid) for ext, sid, zid, price, tid in s.execute(
            select(Ticket.external_ticket_id, Ticket.seat_id, Ticket.zone_id, Ticket.price, Ticket.tariff_id)
            .join(Order, Order.id == Ticket.order_id)
            .where(Order.interface_id == iid, Ticket.state != TicketState.CANCELLED))}


def standing_zone_id(db) -> int:
    with db.read() as s:
        return s.scalars(select(PerformanceZone.zone_id).join(Zone, Zone.id == PerformanceZone.zone_id)
                         .where(Zone.code == "DEBOUT")).one()


# --- the simulator over real HTTP -------------------------------------------------------------

LOGINS = {"NTJ FNAC": "fnac-demo", "NTJ Ticketnet": "ticketnet-demo", "NTJ Digitick": "digitick-demo"}


@pytest.fixture
def sim():
    from app.adapters.simulator import start_simulator

    handle = start_simulator(port=0)
    yield handle
    handle.stop()


def link_interfaces(db, url: str) -> None:
    """Point the online interfaces at `url`, their passwords in the keyring, quick retries."""
    from app.services.secrets import set_password

    with db.write() as s:
        for iface in s.scalars(select(DistributorInterface)):
            if iface.name_fr in LOGINS:
                iface.url = url
                iface.options = {**(iface.options or {}), "attempts": 2, "backoff_s": 0.01, "backoff_max_s": 0.02,
                                 "timeout_s": 1.5}
                set_password(s, iface.id, "demo")


@pytest.fixture
def linked(allotted, sim):
    link_interfaces(allotted, sim.url)
    return allotted


def simulator_live(sim, login: str) -> dict[str, tuple]:
    """The simulator's live sales of an account: ticket → (zone, row, number, tariff, price)."""
    out = {}
    with sim.store.lock:
        for t, e in sim.store.tickets.get(login, {}).items():
            if not e.get("cancelled"):
                out[t] = (e["zone"], str(e["row"]), str(e["number"]), e["tariff"], Decimal(str(e["price"])))
    return out


def local_live(db, interface: str) -> dict[str, tuple]:
    """The same view of our tickets, in the distributor's codes (zone = mapped block)."""
    iid = interface_id(db, interface)
    with db.read() as s:
        blocks = {oid: ext for oid, ext in s.execute(select(Mapping.object_id, Mapping.external_id).where(
            Mapping.interface_id == iid, Mapping.object_type == MappedObject.BLOCK))}
        tariffs = {oid: ext.split("|")[0] for oid, ext in s.execute(select(Mapping.object_id, Mapping.external_id).where(
            Mapping.interface_id == iid, Mapping.object_type == MappedObject.TARIFF))}
        rows = s.execute(select(Ticket.external_ticket_id, Seat.block_id, Seat.row, Seat.number, Ticket.tariff_id,
                                Ticket.price)
                         .join(Order, Order.id == Ticket.order_id).join(Seat, Seat.id == Ticket.seat_id)
                         .where(Order.interface_id == iid, Ticket.state != TicketState.CANCELLED)).all()
    return {t: (blocks[b], str(r), str(n), tariffs[tid], price) for t, b, r, n, tid, price in rows}
