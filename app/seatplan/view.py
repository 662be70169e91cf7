"""The view: wheel zoom, fit, pan (middle button or Space+drag), rubber-band and click
selection with Shift (add) and Ctrl (remove; Ctrl+click toggles), a tooltip per seat."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import QGraphicsView, QRubberBand, QToolTip

from .model import ADD, REMOVE, REPLACE, TOGGLE, PlanModel
from .scene import DETAIL_PX, SeatPlanScene

CLICK_SLOP = 4  # pixels a press may move and still be a click


class SeatPlanView(QGraphicsView):
    seatDoubleClicked = Signal(int)
    contextRequested = Signal(object, QPoint)  # seat index or None, global position
    zoomChanged = Signal(float)

    def __init__(self, scene: SeatPlanScene, parent=None):
        super().__init__(scene, parent)
        self.model: PlanModel = scene.model
        self.setObjectName("seatPlanView")
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setMouseTracking(True)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self._press: QPoint | None = None
        self._pan_from: QPoint | None = None
        self._mode = REPLACE
        self._banding = False
        self._space = False
        self.tooltip_text = None  # callable(index) -> str, set by the window
        self._fitted = False  # the whole plan is shown: a resize fits it again

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 650)

    # --- zoom -----------------------------------------------------------------------
    def seat_pixels(self) -> float:
        return self.model.seat_size * self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        fit = self._fit_scale()
        target = min(max(current * factor, fit * 0.5), 8.0)
        if target != current:
            self._fitted = False  # first: the scroll bars that appear resize the viewport
            self.scale(target / current, target / current)
            self._zoomed()

    def fit(self) -> None:
        """The whole plan in the window. The scale is taken from the viewport as it is
        without scroll bars (the whole plan needs none), not from its current size:
        fitInView would fit into the viewport left by the zoomed-in scroll bars, which
        then vanish, and the next fit would be a different scale (every block painted
        twice when a plan opens)."""
        s = self._fit_scale()
        if s != self.transform().m11() or self.transform().m22() != s:
            self.setTransform(QTransform.fromScale(s, s))
        self.centerOn(self.scene().sceneRect().center())
        self._fitted = True
        self._zoomed()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fitted:  # a plan left whole follows the window; a zoomed one keeps its zoom
            self.fit()

    def _fit_scale(self) -> float:
        r = self.scene().sceneRect()
        vp = self.maximumViewportSize()
        margin = 2  # as QGraphicsView.fitInView
        return min((vp.width() - 2 * margin) / max(r.width(), 1), (vp.height() - 2 * margin) / max(r.height(), 1))

    def _zoomed(self) -> None:
        self.scene().set_zoomed_out(self.seat_pixels() < DETAIL_PX)
        self._cache_background(self._banding)

    def _cache_background(self, on: bool) -> None:
        """While a rubber band is dragged over a zoomed-out plan, the view keeps the plan
        (the scene's background) in one image of the viewport: each move of the translucent
        band repaints the area under it, a copy from that image instead of a redraw. Any
        other time the plan is drawn straight into the viewport: a change (the common
        case) then costs the drawing alone, not the drawing plus a copy of the image."""
        on = on and self.scene().zoomed_out
        mode = QGraphicsView.CacheModeFlag.CacheBackground if on else QGraphicsView.CacheModeFlag.CacheNone
        if self.cacheMode() != mode:
            self.setCacheMode(mode)
        self.zoomChanged.emit(self.transform().m11())

    def wheelEvent(self, event) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.2 ** steps)
        event.accept()

    # --- mouse ----------------------------------------------------------------------
    def _selection_mode(self, modifiers, click: bool) -> str:
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            return ADD
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            return TOGGLE if click else REMOVE
        return REPLACE

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton or (
                event.button() == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._mode = event.modifiers()
            self._banding = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position().toPoint()
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            self.pan(-delta.x(), -delta.y())
            event.accept()
            return
        if self._press is not None:
            if not self._banding and (pos - self._press).manhattanLength() > CLICK_SLOP:
                self._banding = True
                self._cache_background(True)
                self.model.begin_drag(self._selection_mode(self._mode, False))
                self._band.show()
            if self._banding:
                rect = QRect(self._press, pos).normalized()
                self._band.setGeometry(rect)
                self.model.drag_to(self.model.seats_in(self.mapToScene(rect).boundingRect()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        if self._press is not None and event.button() == Qt.MouseButton.LeftButton:
            if self._banding:
                self._band.hide()
                self.model.end_drag()
                self._cache_background(False)
            else:
                seat = self.seat_at(self._press)
                mode = self._selection_mode(self._mode, True)
                if seat is not None:
                    self.model.select([seat], mode)
                elif mode == REPLACE:
                    self.model.clear_selection()
            self._press = None
            self._banding = False
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        seat = self.seat_at(event.position().toPoint())
        if seat is not None and event.button() == Qt.MouseButton.LeftButton:
            self.seatDoubleClicked.emit(seat)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        self.contextRequested.emit(self.seat_at(event.pos()), event.globalPos())
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
            return
        if event.key() == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def pan(self, dx: int, dy: int) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + dx)
        v.setValue(v.value() + dy)

    def seat_at(self, pos: QPoint) -> int | None:
        p = self.mapToScene(pos)
        return self.model.seat_at(p.x(), p.y())

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self.tooltip_text is not None:
            seat = self.seat_at(event.pos())
            if seat is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(seat), self.viewport())
            return True
        return super().viewportEvent(event)

    def scene_rect_of_view(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()
