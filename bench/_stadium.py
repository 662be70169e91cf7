"""Set-up shared by the synchronisation benches (not a bench: `make bench` skips `_*.py`): the
demo's Ticketnet interface pointed at a simulator, its password stored, the stadium event
mapped, and the seats of the given performances put in the distributor's contingent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class LinkedStadium:
    interface_id: int
    contingent_id: int  # the distributor's contingent (TKN)
    performances: list[int]  # the stadium's performances, in date order
    starts: dict[int, datetime]

    def external_id(self, performance_id: int) -> str:
        """The performance's id at the distributor (the simulator's feed names it so)."""
        return f"STADE-{self.starts[performance_id]:%Y%m%d%H%M}"


def link_ticketnet(db, url: str, *, seats: dict[int, list[int]] | None = None) -> LinkedStadium:
    """`seats`: performance id → the seat ids to give the distributor (default: every seat of
    every stadium performance)."""
    from sqlalchemy import select, update

    from app.db.models import Contingent, DistributorInterface, Performance, PerformanceSeat, Product
    from app.services.secrets import set_password
    from app.services.sync.mapping_resolver import generate_event_mappings

    with db.write() as s:
        iface = s.scalars(select(DistributorInterface).where(DistributorInterface.name_fr == "NTJ Ticketnet")).one()
        iface.url = url
        generate_event_mappings(s, iface.id, "STADE", tariffs={"Normal": "PT", "Reduced": "RED"})
        tkn = s.scalars(select(Contingent.id).where(Contingent.code == "TKN")).one()
        perfs = list(s.scalars(select(Performance.id).join(Product).where(Product.code == "STADE")
                               .order_by(Performance.starts_at)))
        if seats is None:  # the whole stadium (set-based: bench set-up)
            s.execute(update(PerformanceSeat).where(PerformanceSeat.performance_id.in_(perfs))
                      .values(contingent_id=tkn))
        else:
            for pid, ids in seats.items():
                ids = list(ids)
                for i in range(0, len(ids), 10_000):  # PostgreSQL binds at most 65,535 parameters
                    s.execute(update(PerformanceSeat).where(PerformanceSeat.performance_id == pid,
                                                            PerformanceSeat.seat_id.in_(ids[i:i + 10_000]))
                              .values(contingent_id=tkn), execution_options={"synchronize_session": False})
        linked = LinkedStadium(iface.id, tkn, perfs, {p: s.get(Performance, p).starts_at for p in perfs})
    set_password(db, linked.interface_id, "demo")
    return linked
