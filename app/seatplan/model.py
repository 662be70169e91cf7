"""The seat plan's state in memory: the arrays of PlanData, the selection, hit-testing.

Everything is indexed by the seat's position in plan order; each block is a slice. The
model says which blocks changed so that only those are repainted."""

from __future__ import annotations

import math
from statistics import median

from PySide6.QtCore import QObject, QRectF, Signal

from app.services.inventory.seatplan_data import RESERVED, SOLD, PlanData, SeatStates

from .geometry import interleaved

# Display states, in the precedence of app.domain.seats.SeatState.
FREE, S_SOLD, S_RESERVED, INVALID, BLOCKED, LOCKED = range(6)
STATE_NAMES = {FREE: "free", S_SOLD: "sold", S_RESERVED: "reserved", INVALID: "invalid",
               BLOCKED: "blocked", LOCKED: "locked"}

REPLACE, ADD, REMOVE, TOGGLE = "replace", "add", "remove", "toggle"


class BlockGeometry:
    """Bounding box and a lazily built grid of one block's seats, for hit-testing."""

    def __init__(self, plan: PlanData, start: int, end: int, cell: float, half: float):
        self.start, self.end = start, end
        if end > start:
            xs, ys = plan.x[start:end], plan.y[start:end]
            x0, y0 = min(xs), min(ys)
            self.rect = QRectF(x0 - half, y0 - half, max(xs) - x0 + 2 * half, max(ys) - y0 + 2 * half)
        else:
            self.rect = QRectF()
        self._plan, self._cell = plan, cell
        self._grid: dict[tuple[int, int], list[int]] | None = None

    def grid(self) -> dict[tuple[int, int], list[int]]:
        if self._grid is None:
            grid: dict[tuple[int, int], list[int]] = {}
            c = self._cell
            x, y = self._plan.x, self._plan.y
            for i in range(self.start, self.end):
                grid.setdefault((math.floor(x[i] / c), math.floor(y[i] / c)), []).append(i)
            self._grid = grid
        return self._grid


class PlanModel(QObject):
    blocksChanged = Signal(object)  # set of block indices to repaint
    selectionChanged = Signal(int)  # number of selected seats
    statesReplaced = Signal()

    def __init__(self, plan: PlanData, parent=None):
        super().__init__(parent)
        self.plan = plan
        n = len(plan)
        self.selected = bytearray(n)
        self.count = 0
        self.sale_mode = False
        self.pitch = _pitch(plan)
        self.seat_size = 0.8 * self.pitch
        half = self.seat_size / 2
        cell = 3 * self.pitch
        self.blocks = [BlockGeometry(plan, b.start, b.end, cell, half) for b in plan.blocks]
        self._index: dict[int, int] | None = None
        self._drag: tuple[str, set[int]] | None = None
        self._xy: memoryview | None = None

    @property
    def xy(self) -> memoryview:
        """The seats' coordinates interleaved (x0, y0, x1, …), made once: the paint groups
        copy their polygons from it a slice per run of seats."""
        if self._xy is None:
            self._xy = memoryview(interleaved(self.plan.x, self.plan.y))
        return self._xy

    # --- seat facts -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.plan)

    @property
    def states(self) -> SeatStates:
        return self.plan.states

    def state(self, i: int) -> int:
        st = self.plan.states
        t = st.ticket[i]
        if t == SOLD:
            return S_SOLD
        if t == RESERVED:
            return S_RESERVED
        if st.invalid[i]:
            return INVALID
        if st.blocked[i]:
            return BLOCKED
        if st.locked[i]:
            return LOCKED
        return FREE

    def sale_refusal(self, i: int) -> str | None:
        """Why this workstation may not sell seat i now, or None."""
        state = self.state(i)
        if state != FREE:
            return STATE_NAMES[state]
        c = self.plan.states.contingent[i]
        info = self.plan.contingents.get(c) if c else None
        return info.sale_refusal if info else None

    def selectable(self, i: int) -> bool:
        return not self.sale_mode or self.sale_refusal(i) is None

    def index_of(self, seat_id: int) -> int | None:
        if self._index is None:
            self._index = {sid: i for i, sid in enumerate(self.plan.seat_id)}
        return self._index.get(seat_id)

    def label(self, i: int) -> str:
        b = self.plan.blocks[self.plan.block[i]]
        return f"{b.zone_code}/{b.code} {self.plan.row[i]}-{self.plan.number[i]}"

    # --- hit-testing ------------------------------------------------------------------
    def seat_at(self, x: float, y: float) -> int | None:
        half = self.seat_size / 2
        for geo in self.blocks:
            if not geo.rect.contains(x, y):
                continue
            c = geo._cell
            cx, cy = math.floor(x / c), math.floor(y / c)
            px, py = self.plan.x, self.plan.y
            for gx in (cx - 1, cx, cx + 1):
                for gy in (cy - 1, cy, cy + 1):
                    for i in geo.grid().get((gx, gy), ()):
                        if abs(px[i] - x) <= half and abs(py[i] - y) <= half:
                            return i
        return None

    def seats_in(self, rect: QRectF) -> list[int]:
        """Seats whose square meets `rect` (scene coordinates)."""
        half = self.seat_size / 2
        x0, y0 = rect.left() - half, rect.top() - half
        x1, y1 = rect.right() + half, rect.bottom() + half
        px, py = self.plan.x, self.plan.y
        out: list[int] = []
        for geo in self.blocks:
            r = geo.rect
            if r.right() < rect.left() or r.left() > rect.right() or r.bottom() < rect.top() or r.top() > rect.bottom():
                continue
            if rect.contains(r):
                out.extend(range(geo.start, geo.end))
                continue
            c = geo._cell
            for (gx, gy), idx in geo.grid().items():
                cx0, cy0 = gx * c, gy * c
                if cx0 >= x0 and cy0 >= y0 and cx0 + c <= x1 and cy0 + c <= y1:
                    out.extend(idx)
                elif cx0 + c >= x0 and cx0 <= x1 and cy0 + c >= y0 and cy0 <= y1:
                    out.extend(i for i in idx if x0 <= px[i] <= x1 and y0 <= py[i] <= y1)
        return out

    def row_of(self, i: int) -> list[int]:
        b = self.plan.blocks[self.plan.block[i]]
        row = self.plan.row[i]
        return [k for k in range(b.start, b.end) if self.plan.row[k] == row]

    def block_of(self, i: int) -> list[int]:
        b = self.plan.blocks[self.plan.block[i]]
        return list(range(b.start, b.end))

    def with_category(self, category_id: int) -> list[int]:
        return [i for i, c in enumerate(self.plan.category) if c == category_id]

    def with_contingent(self, contingent_id: int) -> list[int]:
        return [i for i, c in enumerate(self.plan.states.contingent) if c == contingent_id]

    # --- selection --------------------------------------------------------------------
    def selected_indices(self) -> list[int]:
        sel, out, i = self.selected, [], self.selected.find(1)
        while i >= 0:
            out.append(i)
            i = sel.find(1, i + 1)
        return out

    def selected_seat_ids(self) -> list[int]:
        ids = self.plan.seat_id
        return [ids[i] for i in self.selected_indices()]

    def select(self, indices, mode: str = REPLACE) -> None:
        """Change the selection; non-selectable seats (sale mode) are left out."""
        sel, blocks_of = self.selected, self.plan.block
        dirty: set[int] = set()
        if mode == REPLACE:
            for i in self.selected_indices():
                sel[i] = 0
                dirty.add(blocks_of[i])
            self.count = 0
            mode = ADD
        for i in indices:
            old = sel[i]
            new = (1 if mode == ADD else 0 if mode == REMOVE else 1 - old)
            if new and not self.selectable(i):
                continue
            if new != old:
                sel[i] = new
                self.count += 1 if new else -1
                dirty.add(blocks_of[i])
        self._emit(dirty)

    def clear_selection(self) -> None:
        self.select((), REPLACE)

    def begin_drag(self, mode: str) -> None:
        """A rubber band starts: later `drag_to` calls replace the band's part only."""
        if mode == REPLACE:
            self.clear_selection()
            mode = ADD
        self._drag = (mode, set(), bytearray(self.selected))

    def drag_to(self, indices) -> None:
        if self._drag is None:
            self.begin_drag(ADD)
        mode, current, base = self._drag
        new = set(indices)
        sel, blocks_of = self.selected, self.plan.block
        dirty: set[int] = set()
        for i in new.symmetric_difference(current):
            if i in new:
                value = 1 if mode == ADD else 0 if mode == REMOVE else 1 - base[i]
            else:
                value = base[i]
            if value and not self.selectable(i):
                value = 0
            if value != sel[i]:
                sel[i] = value
                self.count += 1 if value else -1
                dirty.add(blocks_of[i])
        self._drag = (mode, new, base)
        self._emit(dirty)

    def end_drag(self) -> None:
        self._drag = None

    def _emit(self, dirty: set[int]) -> None:
        if dirty:
            self.blocksChanged.emit(dirty)
            self.selectionChanged.emit(self.count)

    def set_sale_mode(self, on: bool) -> None:
        self.sale_mode = on
        # Seats this till may not sell leave the selection and are drawn as such.
        if on:
            self.select([i for i in self.selected_indices() if not self.selectable(i)], REMOVE)
        self.blocksChanged.emit(set(range(len(self.blocks))))

    # --- applying changes -------------------------------------------------------------
    def apply_values(self, seat_ids, *, contingent: int | None = None, blocked: bool | None = None,
                     sold: bool = False) -> None:
        """Reflect a saved edit at once; `contingent=0` means none."""
        st = self.plan.states
        dirty: set[int] = set()
        for sid in seat_ids:
            i = self.index_of(sid)
            if i is None:
                continue
            if contingent is not None:
                st.contingent[i] = contingent
            if blocked is not None:
                st.blocked[i] = 1 if blocked else 0
            if sold:
                st.ticket[i] = SOLD
                if self.sale_mode and self.selected[i]:
                    self.selected[i] = 0
                    self.count -= 1
            dirty.add(self.plan.block[i])
        if dirty:
            self.blocksChanged.emit(dirty)
            self.selectionChanged.emit(self.count)

    def apply_seat_states(self, states) -> None:
        """Reflect an undo/redo: (seat id, contingent id or None, blocked) per seat."""
        st = self.plan.states
        dirty: set[int] = set()
        for sid, cid, blocked in states:
            i = self.index_of(sid)
            if i is None:
                continue
            st.contingent[i] = cid or 0
            st.blocked[i] = 1 if blocked else 0
            dirty.add(self.plan.block[i])
        if dirty:
            self.blocksChanged.emit(dirty)

    def replace_states(self, states: SeatStates) -> None:
        """Another workstation changed the plan: take the new states, repaint what differs."""
        old = self.plan.states
        if len(states.contingent) != len(old.contingent):
            return
        dirty = set()
        for k, b in enumerate(self.plan.blocks):
            s, e = b.start, b.end
            if (old.contingent[s:e] != states.contingent[s:e] or old.blocked[s:e] != states.blocked[s:e]
                    or old.invalid[s:e] != states.invalid[s:e] or old.locked[s:e] != states.locked[s:e]
                    or old.ticket[s:e] != states.ticket[s:e]):
                dirty.add(k)
        self.plan.states = states
        if self.sale_mode:
            gone = [i for i in self.selected_indices() if not self.selectable(i)]
            if gone:
                self.select(gone, REMOVE)
        if dirty:
            self.blocksChanged.emit(dirty)
        self.statesReplaced.emit()

    def bounding_rect(self) -> QRectF:
        r = QRectF()
        for geo in self.blocks:
            r = r.united(geo.rect)
        return r


def _pitch(plan: PlanData) -> float:
    """Distance between neighbouring seats, measured along rows (sets the seat size)."""
    gaps = []
    xs, ys, rows, blocks = plan.x, plan.y, plan.row, plan.block
    step = max(1, len(xs) // 2000)
    for i in range(0, len(xs) - 1, step):
        if blocks[i] == blocks[i + 1] and rows[i] == rows[i + 1]:
            d = math.hypot(xs[i + 1] - xs[i], ys[i + 1] - ys[i])
            if d > 0:
                gaps.append(d)
    return median(gaps) if gaps else 20.0
