"""The scene: the plan painted from the model's arrays, block by block.

Zoomed out, seats are square points drawn with drawPoints on QPolygonFs built from arrays,
one call per colour and one per state mark, so a block of 2,000 seats costs a handful of
painter calls; the scene draws all blocks in one pass as its background, straight into the
viewport (a change repaints only the changed blocks' area; a pan scrolls the viewport and
draws the strip uncovered). Zoomed in, one item per block blits a rounded stamp per visible
seat. States carry a mark, not only a colour: sold ■, reserved □, locked —, blocked ✕,
invalid / on grey."""

from __future__ import annotations

import re
from array import array
from itertools import groupby

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem

from .geometry import crosses, polygon, polygon_xy, segments
from app.services.inventory.seatplan_data import RESERVED, SOLD

from .model import BLOCKED, FREE, INVALID, LOCKED, S_RESERVED, S_SOLD, PlanModel

BACKGROUND = QColor("#E7EAEE")
NO_CONTINGENT = QColor("#FFFFFF")
OUTLINE = QColor("#59606B")
SELECTION = QColor("#1A56DB")
MARK = QColor("#1B1B1B")
# Blocked and locked marks also differ in colour from the sold mark, so that they stay
# apart zoomed out, where a mark is a couple of pixels and its shape is lost.
BLOCKED_MARK = QColor("#C62828")
LOCKED_MARK = QColor("#1565C0")
STATE_MARKS = {BLOCKED: BLOCKED_MARK, LOCKED: LOCKED_MARK}
INVALID_FILL = QColor("#8A8F96")
DIM = QColor(255, 255, 255, 175)
LABEL = QColor("#2B2F36")
WHITE = QColor("#FFFFFF")

DETAIL_PX = 7.0  # seat size in pixels from which seats are round and outlined
LABEL_PX = 11.0  # …and from which row labels are drawn
BLOCK_LABEL_PX = 6.0  # block names from here, at a readable size


def seat_pixels(model: PlanModel, painter: QPainter) -> float:
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    return model.seat_size * lod


_byte_map = bytes.translate  # by another name: the translations test reads .translate() as Qt's
_ONE = bytes([0] + [1] * 255)  # through _byte_map: any non-zero byte becomes 1
_IS = {v: bytes(1 if k == v else 0 for k in range(256)) for v in (SOLD, RESERVED)}
_RUN = {v: re.compile(re.escape(bytes([v])) + b"+") for v in range(1, 6)}
_NONZERO = re.compile(rb"[^\x00]+")


def _spans(pattern, buf, start: int, end: int, shift: int = 0) -> list[tuple[int, int]]:
    """The runs of `pattern` in buf[start:end], as absolute (start, end) pairs (+ shift)."""
    return [(m.start() + shift, m.end() + shift) for m in pattern.finditer(buf, start, end)]


_zeros = memoryview(bytes(4096))
_EMPTY = QPolygonF()  # shared by every group with no seats (never modified)


def _all_zero(buf, start: int, end: int) -> bool:
    """buf[start:end] holds only zero bytes (one memcmp, several times faster than count)."""
    global _zeros
    n = end - start
    if n > len(_zeros):
        _zeros = memoryview(bytes(n))
    return buf[start:end] == _zeros[:n]


def _state_codes(st, start: int, end: int) -> bytes | None:
    """One display state per seat of the block (FREE … LOCKED, in their precedence, as in
    PlanModel.state), computed on whole arrays as big integers; None when all are free."""
    n = end - start
    if (_all_zero(st.ticket, start, end) and _all_zero(st.invalid, start, end)
            and _all_zero(st.blocked, start, end) and _all_zero(st.locked, start, end)):
        return None

    def bits(buf, table=_ONE) -> int:
        return int.from_bytes(_byte_map(bytes(buf[start:end]), table), "little")

    sold, reserved = bits(st.ticket, _IS[SOLD]), bits(st.ticket, _IS[RESERVED])
    free = int.from_bytes(b"\x01" * n, "little") ^ (sold | reserved)
    invalid = bits(st.invalid) & free
    free ^= invalid
    blocked = bits(st.blocked) & free
    free ^= blocked
    locked = bits(st.locked) & free
    codes = sold * S_SOLD + reserved * S_RESERVED + invalid * INVALID + blocked * BLOCKED + locked * LOCKED
    return codes.to_bytes(n, "little")


def _polygon(xy: memoryview, spans):
    """The seats of `spans` as one polygon, copied from the plan's interleaved
    coordinates (`PlanModel.xy`): one slice per span, no per-seat work."""
    if len(spans) == 1:
        s, e = spans[0]
        return polygon_xy(xy[2 * s:2 * e])
    return polygon_xy(b"".join([xy[2 * s:2 * e] for s, e in spans]))


class _Groups:
    """One block's seats sorted into paint groups; rebuilt when the block changes.

    Groups are found as runs of equal values (contingents, states, selection) with C-level
    searches over the arrays, never a Python loop over the seats: a full invalidation of an
    80,000-seat plan then costs about what drawing it does."""

    def __init__(self, model: PlanModel, start: int, end: int, all_seats):
        plan, st = model.plan, model.plan.states
        xs, ys, xy = plan.x, plan.y, model.xy
        n = end - start
        cont = st.contingent[start:end]
        raw = cont.tobytes()
        one_contingent = raw == raw[:cont.itemsize] * n
        codes = _state_codes(st, start, end)
        plain = codes is None
        self.fills = {}
        if one_contingent and (plain or INVALID not in codes):
            fill_spans = {cont[0]: [(start, end)]}
        elif plain or INVALID not in codes:
            fill_spans, i = {}, start
            for value, run in groupby(cont):
                k = len(list(run))  # (in C: twice as fast as counting with a generator)
                fill_spans.setdefault(value, []).append((i, i + k))
                i += k
        else:  # invalid seats are grey whatever their contingent (rare: a seat-by-seat pass)
            fill_spans = {}
            for i in range(start, end):
                key = -1 if codes[i - start] == INVALID else cont[i - start]
                runs = fill_spans.setdefault(key, [])
                if runs and runs[-1][1] == i:
                    runs[-1] = (runs[-1][0], i + 1)
                else:
                    runs.append((i, i + 1))
        for key, spans in fill_spans.items():
            self.fills[key] = all_seats if spans == [(start, end)] else _polygon(xy, spans)
        self.marks = {}
        if not plain:
            for state in (S_SOLD, S_RESERVED, INVALID, BLOCKED, LOCKED):
                spans = _spans(_RUN[state], codes, 0, n, start)
                if spans:
                    mx, my = array("d"), array("d")
                    for s0, e0 in spans:
                        mx += xs[s0:e0]
                        my += ys[s0:e0]
                    self.marks[state] = (polygon(mx, my), mx, my)
        dim = None
        if model.sale_mode:
            infos = plan.contingents
            refused = [c for c in fill_spans if c > 0 and c in infos and infos[c].sale_refusal is not None]
            mask = bytearray(n) if plain else bytearray(_byte_map(codes, _ONE))
            for c in refused:
                for s0, e0 in fill_spans[c]:
                    mask[s0 - start:e0 - start] = b"\x01" * (e0 - s0)
            if mask.count(1) == n:
                self.dim = all_seats
            else:
                dim = _spans(_NONZERO, mask, 0, n, start)
                self.dim = _polygon(xy, dim) if dim else _EMPTY
        else:
            self.dim = _EMPTY
        sel = model.selected
        count = 0 if _all_zero(sel, start, end) else sel.count(1, start, end)
        if count == 0:
            self.selected = _EMPTY
        elif count == n:
            self.selected = all_seats
        else:
            self.selected = _polygon(xy, _spans(_RUN[1], sel, start, end))
        self._lines: dict[int, object] = {}
        self._model, self._start, self._end = model, start, end
        self._uniform = (cont[0], count, model.sale_mode and dim is None) if plain and one_contingent else None
        self._styles: dict[tuple, list[int]] | None = None
        self._primitives: tuple[float, list] | None = None

    def styles(self) -> dict[tuple, list[int]]:
        """Seat indices by full style (fill, state, selected, dimmed), for stamp painting."""
        if self._styles is None:
            model, start, end = self._model, self._start, self._end
            n = end - start
            if self._uniform is not None and self._uniform[1] in (0, n):
                cont, count, dimmed = self._uniform
                self._styles = {(cont, FREE, count == n, dimmed and count == 0): list(range(start, end))}
            else:
                out: dict[tuple, list[int]] = {}
                st, sel = model.plan.states, model.selected
                sale, state_of, refusal = model.sale_mode, model.state, model.sale_refusal
                for i in range(start, end):
                    state = state_of(i)
                    key = (-1 if state == INVALID else st.contingent[i], state, sel[i] == 1,
                           sale and not sel[i] and refusal(i) is not None)
                    out.setdefault(key, []).append(i)
                self._styles = out
        return self._styles

    def primitives(self, size: float, colors) -> list[tuple[QPen, bool, object]]:
        """What the block draws zoomed out, in order: (pen, lines?, polygon) for drawPoints
        (square seats and marks) or drawLines (crosses, dashes, slashes); kept until the
        block changes. The seat plan bench draws exactly these with a bare QPainter."""
        if self._primitives is None or self._primitives[0] != size:
            out: list[tuple[QPen, bool, object]] = []

            def points(poly, width, color):
                if not poly.isEmpty():
                    out.append((_pen(color, width), False, poly))

            for key, poly in self.fills.items():
                points(poly, size, fill_color(colors, key))
            points(self.selected, size, SELECTION)
            points(self.dim, size, DIM)
            for state, (poly, _xs, _ys) in self.marks.items():
                if state == S_SOLD:
                    points(poly, 0.56 * size, MARK)
                elif state == S_RESERVED:
                    points(poly, 0.6 * size, MARK)
                    points(poly, 0.3 * size, WHITE)
                elif state in STATE_MARKS:
                    points(poly, 0.6 * size, STATE_MARKS[state])
                    out.append((_pen(WHITE, 0.1 * size), True, self.lines(state, size)))
                else:
                    out.append((_pen(WHITE, 0.13 * size), True, self.lines(state, size)))
            self._primitives = (size, out)
        return self._primitives[1]

    def lines(self, state: int, size: float):
        if state not in self._lines:
            _, xs, ys = self.marks[state]
            a = 0.27 * size
            if state == BLOCKED:
                self._lines[state] = crosses(xs, ys, a)
            elif state == LOCKED:
                self._lines[state] = segments(xs, ys, -a, 0, a, 0)
            else:  # invalid: one slash
                self._lines[state] = segments(xs, ys, -a, a, a, -a)
        return self._lines[state]


class BlockItem(QGraphicsItem):
    def __init__(self, model: PlanModel, index: int):
        super().__init__()
        self.model, self.index = model, index
        geo = model.blocks[index]
        self.start, self.end = geo.start, geo.end
        m = model.pitch * 2.2
        self._rect = geo.rect.adjusted(-m, -4.2 * model.pitch, m * 0.4, m * 0.4)
        self._groups: _Groups | None = None
        self._all = None
        self._labels: list[tuple[float, float, str]] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._rect

    def invalidate(self) -> None:
        self._groups = None
        scene = self.scene()
        if scene is not None and scene.zoomed_out:
            scene.invalidate(self._rect, QGraphicsScene.SceneLayer.BackgroundLayer)
        else:
            self.update()

    def groups(self) -> _Groups:
        if self._groups is None:
            if self._all is None:
                plan = self.model.plan
                self._all = polygon(plan.x[self.start:self.end], plan.y[self.start:self.end])
            self._groups = _Groups(self.model, self.start, self.end, self._all)
        return self._groups

    def paint(self, painter: QPainter, option, widget=None) -> None:
        model = self.model
        px = seat_pixels(model, painter)
        g = self.groups()
        if px >= DETAIL_PX:
            self._paint_stamps(painter, option, g, px)
            if px >= BLOCK_LABEL_PX:
                self._paint_labels(painter, px)
            return
        # Zoomed out (the scene draws the blocks as its background, this item then has no
        # contents; still drawn here for a scene not told it is zoomed out): square seats.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        draw_primitives(painter, g.primitives(model.seat_size, model.plan.contingents))

    def _paint_stamps(self, painter: QPainter, option, g: _Groups, px: float) -> None:
        """Zoomed in: each visible seat is a pre-rendered rounded stamp, blitted at whole
        device pixels (fast, crisp, and only the exposed seats are drawn)."""
        t = painter.worldTransform()
        sx, sy, ox, oy = t.m11(), t.m22(), t.m31(), t.m32()
        exposed = t.mapRect(option.exposedRect) if option.exposedRect.isValid() else None
        painter.save()
        painter.resetTransform()
        clip = painter.clipBoundingRect() if painter.hasClipping() else QRectF()
        area = exposed if exposed is not None else clip
        if area is None or area.isEmpty():
            area = QRectF(-1e9, -1e9, 2e9, 2e9)
        pad = px
        left, top = area.left() - pad, area.top() - pad
        right, bottom = area.right() + pad, area.bottom() + pad
        xs, ys = self.model.plan.x, self.model.plan.y
        colors = self.model.plan.contingents
        draw = painter.drawPixmap
        for key, idx in g.styles().items():
            stamp = STAMPS.get(key, px, colors)
            half = stamp.width() // 2
            for i in idx:
                dx = sx * xs[i] + ox
                if dx < left or dx > right:
                    continue
                dy = sy * ys[i] + oy
                if top <= dy <= bottom:
                    draw(int(dx) - half, int(dy) - half, stamp)
        painter.restore()

    def labels(self) -> list[tuple[float, float, str]]:
        """Row labels one pitch before each row's first seat, along the row."""
        if self._labels is None:
            plan, out = self.model.plan, []
            xs, ys, rows = plan.x, plan.y, plan.row
            i = self.start
            while i < self.end:
                j = i
                while j + 1 < self.end and rows[j + 1] == rows[i]:
                    j += 1
                if j > i:
                    dx, dy = xs[i] - xs[i + 1], ys[i] - ys[i + 1]
                    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
                    p = self.model.pitch
                    out.append((xs[i] + dx / norm * p, ys[i] + dy / norm * p, rows[i]))
                else:
                    out.append((xs[i] - self.model.pitch, ys[i], rows[i]))
                i = j + 1
            self._labels = out
        return self._labels

    def _paint_labels(self, painter: QPainter, px: float) -> None:
        p = self.model.pitch
        font = QFont()
        painter.setPen(LABEL)
        if px >= LABEL_PX:
            font.setPixelSize(max(1, round(0.5 * p)))
            painter.setFont(font)
            box = QRectF(-p / 2, -p / 2, p, p)
            for x, y, text in self.labels():
                painter.drawText(box.translated(x, y), Qt.AlignmentFlag.AlignCenter, text)
        b = self.model.plan.blocks[self.index]
        units_per_px = self.model.seat_size / px
        font.setPixelSize(max(1, round(max(0.75 * p, 12 * units_per_px))))
        font.setBold(True)
        painter.setFont(font)
        r = self.model.blocks[self.index].rect
        text = QFontMetricsF(font).elidedText(b.name, Qt.TextElideMode.ElideRight, max(r.width(), 4 * p))
        painter.drawText(QRectF(r.left(), r.top() - 4 * p, max(r.width(), 4 * p), 3.6 * p),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)


def draw_primitives(painter: QPainter, primitives) -> None:
    for pen, lines, poly in primitives:
        painter.setPen(pen)
        if lines:
            painter.drawLines(poly)
        else:
            painter.drawPoints(poly)


def fill_color(contingents, key: int) -> QColor:
    if key == -1:
        return INVALID_FILL
    info = contingents.get(key) if key else None
    return _color(info.fill_color) if info else NO_CONTINGENT


_COLORS: dict[str, QColor] = {}
_PENS: dict[tuple[int, float], QPen] = {}


def _color(name: str) -> QColor:
    color = _COLORS.get(name)
    if color is None:
        color = _COLORS[name] = QColor(name)
    return color


def _pen(color: QColor, width: float) -> QPen:
    """A solid pen (square caps, Qt's default: a point is a square), shared by every block
    that draws with it rather than made anew each time a block is regrouped."""
    key = (color.rgba(), width)
    pen = _PENS.get(key)
    if pen is None:
        if len(_PENS) > 1024:
            _PENS.clear()
        pen = _PENS[key] = QPen(color, width)
    return pen


class _Stamps:
    """Pre-rendered seats per (style, size in pixels); small, so kept for the session."""

    def __init__(self):
        self._cache: dict[tuple, object] = {}

    def get(self, key: tuple, px: float, contingents):
        size = max(4, int(round(px)))
        k = (key, size)
        stamp = self._cache.get(k)
        if stamp is None:
            if len(self._cache) > 4000:
                self._cache.clear()
            fill, state, selected, dimmed = key
            stamp = seat_stamp(state, fill_color(contingents, fill), selected, dimmed, size)
            self._cache[k] = stamp
        return stamp


STAMPS = _Stamps()


def seat_stamp(state: int, fill: QColor, selected: bool, dimmed: bool, size: int):
    """One seat drawn at `size` pixels: rounded square, outline, state mark, selection
    ring, faded when this till may not sell it. Also the legend's swatches."""
    from PySide6.QtGui import QPixmap

    ring = max(2, round(size * 0.16))
    full = size + 2 * ring
    if full % 2:
        full += 1
    pm = QPixmap(full, full)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = QPointF(full / 2, full / 2)
    s = size * 0.86
    body = QRectF(c.x() - s / 2, c.y() - s / 2, s, s)
    radius = s * 0.28
    if selected:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(SELECTION)
        grow = ring * 0.9
        p.drawRoundedRect(body.adjusted(-grow, -grow, grow, grow), radius + grow, radius + grow)
    p.setPen(QPen(OUTLINE, max(1.0, size / 14)))
    p.setBrush(INVALID_FILL if state == INVALID else fill)
    p.drawRoundedRect(body, radius, radius)
    a = 0.25 * s
    if state in (S_SOLD, S_RESERVED):
        w = (0.52 if state == S_SOLD else 0.56) * s
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(MARK)
        p.drawRoundedRect(QRectF(c.x() - w / 2, c.y() - w / 2, w, w), w * 0.15, w * 0.15)
        if state == S_RESERVED:
            w = 0.3 * s
            p.setBrush(QColor("#FFFFFF"))
            p.drawRect(QRectF(c.x() - w / 2, c.y() - w / 2, w, w))
    elif state in (BLOCKED, LOCKED, INVALID):
        pen = QPen(QColor("#FFFFFF") if state == INVALID else STATE_MARKS[state], max(1.4, 0.14 * s))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        if state == BLOCKED:
            p.drawLine(QPointF(c.x() - a, c.y() - a), QPointF(c.x() + a, c.y() + a))
            p.drawLine(QPointF(c.x() + a, c.y() - a), QPointF(c.x() - a, c.y() + a))
        elif state == LOCKED:
            p.drawLine(QPointF(c.x() - a, c.y()), QPointF(c.x() + a, c.y()))
        else:
            p.drawLine(QPointF(c.x() - a, c.y() + a), QPointF(c.x() + a, c.y() - a))
    if dimmed:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(DIM)
        p.drawRoundedRect(body.adjusted(-1, -1, 1, 1), radius, radius)
    p.end()
    return pm


class SeatPlanScene(QGraphicsScene):
    FEW_BLOCKS = 4  # more changed blocks than this repaint their bounding area in one go

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.zoomed_out = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(QBrush(BACKGROUND))
        self.items_by_block = []
        for k in range(len(model.blocks)):
            item = BlockItem(model, k)
            self.addItem(item)
            self.items_by_block.append(item)
        r = model.bounding_rect()
        m = 4 * model.pitch
        self.setSceneRect(r.adjusted(-m, -3 * m, m, m))
        model.blocksChanged.connect(self._on_blocks)

    def _on_blocks(self, blocks) -> None:
        items = self.items_by_block
        if not self.zoomed_out or len(blocks) <= self.FEW_BLOCKS:
            for k in blocks:
                items[k].invalidate()
            return
        area = QRectF()
        for k in blocks:
            items[k]._groups = None
            area = area.united(items[k].boundingRect())
        self.invalidate(area, QGraphicsScene.SceneLayer.BackgroundLayer)

    def set_zoomed_out(self, on: bool) -> None:
        """Zoomed out, the whole plan is this scene's background (drawBackground): the
        primitives of the blocks in the exposed area drawn in one pass into the viewport,
        where one cached device pixmap per item cost about as much again as the drawing
        (allocate, clear, draw, composite each). The block items then have no contents.
        Zoomed in, each item paints its visible seats."""
        if on == self.zoomed_out:
            return
        self.zoomed_out = on
        for item in self.items_by_block:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, on)
        self.update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt API
        painter.fillRect(rect, BACKGROUND)
        if not self.zoomed_out or seat_pixels(self.model, painter) >= DETAIL_PX:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        size, colors = self.model.seat_size, self.model.plan.contingents
        for item in self.items_by_block:
            if item.boundingRect().intersects(rect):
                draw_primitives(painter, item.groups().primitives(size, colors))

    def primitives(self) -> list[tuple[QPen, bool, object]]:
        """Everything the plan draws zoomed out, in drawing order (what drawBackground draws
        over the whole plan; the seat plan bench draws exactly this bare as its floor)."""
        size, colors = self.model.seat_size, self.model.plan.contingents
        return [p for item in self.items_by_block for p in item.groups().primitives(size, colors)]


def legend_icon(state: int, fill: str = "#FFFFFF", selected: bool = False, dimmed: bool = False,
                size: int = 16):
    return seat_stamp(state, QColor(fill), selected, dimmed, size)
