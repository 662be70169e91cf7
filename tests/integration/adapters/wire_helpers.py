"""Shared by the adapter tests (imported by name: this folder is on sys.path under pytest)."""

from __future__ import annotations

from decimal import Decimal

from app.adapters.base import Allotment, AllotmentPrice, AllotmentQuantity, AllotmentSeat

LOGINS = {"fnac": "fnac-demo", "ticketnet": "ticketnet-demo", "digitick": "digitick-demo"}
ATTEMPTS = 3


def make_allotment(performance: str = "WALKYRIE-201412072000", rows: int = 3, per_row: int = 4,
                   standing: int = 5) -> Allotment:
    seats = tuple(AllotmentSeat(zone=f"ORCH-{'AB'[r % 2]}", row=str(r + 1), number=str(n + 1),
                                category="Cat1" if r == 0 else "Cat2", seat_ref=f"S{r}-{n}")
                  for r in range(rows) for n in range(per_row))
    quantities = (AllotmentQuantity("DEBOUT", "Cat4", standing),) if standing else ()
    prices = (AllotmentPrice("Cat1", "0", Decimal("80.00")), AllotmentPrice("Cat1", "15", Decimal("60.00")),
              AllotmentPrice("Cat2", "0", Decimal("55.50")), AllotmentPrice("Cat4", "0", Decimal("20.00")))
    return Allotment(event="WALKYRIE", performance=performance, seats=seats, quantities=quantities, prices=prices)
