"""The seat plan's hover text. Its strings keep the window's translation context
("SeatPlanWindow"), where they were written first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.i18n import amount
from app.seatplan.model import STATE_NAMES, PlanModel
from app.services.inventory.seatplan_data import PlanData


def seat_tooltip(p: PlanData, m: PlanModel, i: int) -> str:
    """Seat `i`: where, category, contingent, state, prices (and, in sale mode, why this
    till may not sell it)."""
    translate = QCoreApplication.translate  # literal (context, text) pairs: pyside6-lupdate reads them
    b = p.blocks[p.block[i]]
    cat = p.categories.get(p.category[i])
    cid = p.states.contingent[i]
    cont = p.contingents.get(cid) if cid else None
    states = {"free": translate("SeatPlanWindow", "free"), "sold": translate("SeatPlanWindow", "sold"),
              "reserved": translate("SeatPlanWindow", "reserved"), "invalid": translate("SeatPlanWindow", "invalid"),
              "blocked": translate("SeatPlanWindow", "blocked"), "locked": translate("SeatPlanWindow", "locked")}
    prices = ", ".join(f"{t.name} {amount(p.prices[(p.category[i], t.id)])}" for t in p.tariffs
                       if (p.category[i], t.id) in p.prices)
    contingent = f"{cont.name} ({cont.code})" if cont else translate("SeatPlanWindow", "none")
    lines = [
        f"<b>{b.zone_name} · {b.name}</b>",
        translate("SeatPlanWindow", "Row %1, seat %2").replace("%1", p.row[i]).replace("%2", str(p.number[i])),
        translate("SeatPlanWindow", "Category: %1").replace("%1", cat.name if cat else "—"),
        translate("SeatPlanWindow", "Contingent: %1").replace("%1", contingent),
        translate("SeatPlanWindow", "State: %1").replace("%1", states[STATE_NAMES[m.state(i)]]),
        translate("SeatPlanWindow", "Price: %1").replace("%1", prices or "—"),
    ]
    if m.sale_mode:
        why = m.sale_refusal(i)
        if why:
            why = states.get(why, why)  # a seat state, or the contingent's reason (from the services)
            lines.append("<i>" + translate("SeatPlanWindow", "Not sellable here: %1").replace("%1", why) + "</i>")
    return "<br>".join(lines)
