"""Qt geometry built straight from arrays of coordinates.

Creating one Python QRectF/QPointF per seat costs about a microsecond each; at 80,000
seats that alone would exceed the plan's time budget. A QPolygonF is filled through its
memory instead, and drawPoints/drawLines take it without a per-point conversion."""

from __future__ import annotations

from array import array

import shiboken6
from PySide6.QtGui import QPolygonF


def polygon(xs, ys) -> QPolygonF:
    """A QPolygonF of the points (xs[i], ys[i]); xs and ys are equal-length sequences."""
    return polygon_xy(interleaved(xs, ys))


def polygon_xy(xy) -> QPolygonF:
    """A QPolygonF of interleaved coordinates x0, y0, x1, y1, … (any buffer of doubles)."""
    raw = memoryview(xy).cast("B")
    n = len(raw) // 16
    poly = QPolygonF()
    if n:
        poly.resize(n)
        memoryview(shiboken6.VoidPtr(poly.data(), 16 * n, True)).cast("B")[:] = raw
    return poly


def interleaved(xs, ys) -> array:
    """x0, y0, x1, y1, … of two equal-length arrays of doubles."""
    xy = array("d", bytes(16 * len(xs)))
    xy[0::2] = xs if isinstance(xs, array) and xs.typecode == "d" else array("d", xs)
    xy[1::2] = ys if isinstance(ys, array) and ys.typecode == "d" else array("d", ys)
    return xy


def segments(xs, ys, dx1: float, dy1: float, dx2: float, dy2: float) -> QPolygonF:
    """Point pairs for drawLines: one segment (x+dx1, y+dy1)–(x+dx2, y+dy2) per point."""
    n = len(xs)
    px = array("d", bytes(16 * n))
    py = array("d", bytes(16 * n))
    px[0::2] = array("d", [x + dx1 for x in xs])
    px[1::2] = array("d", [x + dx2 for x in xs])
    py[0::2] = array("d", [y + dy1 for y in ys])
    py[1::2] = array("d", [y + dy2 for y in ys])
    return polygon(px, py)


def crosses(xs, ys, a: float) -> QPolygonF:
    """Two diagonal segments per point (an X of half-size `a`), for drawLines."""
    n = len(xs)
    px = array("d", bytes(32 * n))
    py = array("d", bytes(32 * n))
    lo_x = array("d", [x - a for x in xs])
    hi_x = array("d", [x + a for x in xs])
    lo_y = array("d", [y - a for y in ys])
    hi_y = array("d", [y + a for y in ys])
    px[0::4], py[0::4] = lo_x, lo_y
    px[1::4], py[1::4] = hi_x, hi_y
    px[2::4], py[2::4] = hi_x, lo_y
    px[3::4], py[3::4] = lo_x, hi_y
    return polygon(px, py)
