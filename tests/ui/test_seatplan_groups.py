"""The seat plan's paint groups, found with C-level run searches, put every seat exactly
where the per-seat rules (PlanModel.state, sale_refusal, the selection) say, whatever the mix."""

import random
from array import array
from datetime import datetime

import pytest

from app.seatplan.model import INVALID, PlanModel
from app.seatplan.scene import BlockItem
from app.services.inventory.seatplan_data import BlockInfo, ContingentInfo, PlanData, SeatStates


def _plan(rng: random.Random, n: int) -> PlanData:
    cut = sorted(rng.sample(range(1, n), 3))
    bounds = [0, *cut, n]
    blocks = [BlockInfo(k + 1, "Z", "Zone", f"B{k}", f"Block {k}", bounds[k], bounds[k + 1]) for k in range(4)]
    block = array("l", [k for k in range(4) for _ in range(bounds[k], bounds[k + 1])])
    xs = array("d", [float(i % 40) * 10 for i in range(n)])
    ys = array("d", [float(i // 40) * 10 + 100 * block[i] for i in range(n)])

    def runs(values, p_change):  # values in runs, as assignments by rows make them
        out, v = [], rng.choice(values)
        for _ in range(n):
            if rng.random() < p_change:
                v = rng.choice(values)
            out.append(v)
        return out

    states = SeatStates(1, array("q", runs([0, 1, 2, 3], 0.05)), bytearray(runs([0, 0, 0, 1], 0.1)),
                        bytearray(runs([0, 0, 0, 0, 1], 0.05)), bytearray(runs([0, 0, 0, 1], 0.1)),
                        bytearray(runs([0, 0, 1, 2], 0.1)))
    contingents = {1: ContingentInfo(1, "A", "A", "#FF0000", "#000000", False, None),
                   2: ContingentInfo(2, "F", "F", "#00FF00", "#000000", True, "a distributor's seats"),
                   3: ContingentInfo(3, "P", "P", "#0000FF", "#000000", False, None)}
    return PlanData(1, "E", "Event", datetime(2026, 1, 1), array("q", range(1, n + 1)), xs, ys, block,
                    [str(1 + i // 40) for i in range(n)], array("l", [1 + i % 40 for i in range(n)]),
                    array("q", [1] * n), states, blocks, {}, contingents)


def _points(poly) -> list[tuple[float, float]]:
    return sorted((poly.at(k).x(), poly.at(k).y()) for k in range(poly.size()))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("sale_mode", [False, True])
def test_groups_match_the_per_seat_rules(qapp, seed, sale_mode):
    rng = random.Random(seed)
    plan = _plan(rng, 600 + 97 * seed)
    model = PlanModel(plan)
    model.sale_mode = sale_mode
    model.select([i for i in range(len(plan)) if rng.random() < 0.3 and model.selectable(i)], "add")
    for k, b in enumerate(plan.blocks):
        g = BlockItem(model, k).groups()
        seats = range(b.start, b.end)

        def where(pred):
            return sorted((plan.x[i], plan.y[i]) for i in seats if pred(i))

        keys = {(-1 if model.state(i) == INVALID else plan.states.contingent[i]) for i in seats}
        assert set(g.fills) == keys
        for key, poly in g.fills.items():
            assert _points(poly) == where(
                lambda i: (-1 if model.state(i) == INVALID else plan.states.contingent[i]) == key)
        marked = {model.state(i) for i in seats} - {0}
        assert set(g.marks) == marked
        for state, (poly, _xs, _ys) in g.marks.items():
            assert _points(poly) == where(lambda i: model.state(i) == state)
        assert _points(g.selected) == where(lambda i: model.selected[i] == 1)
        assert _points(g.dim) == where(lambda i: sale_mode and model.sale_refusal(i) is not None)
