"""Seat plan speed on an 80,000-seat stadium and the 1,526-seat demo hall (offscreen).

Prints each figure, then one JSON line with open_ms, select_update_ms, assign_ms, pan_ms,
full_repaint_ms, raw_paint_ms, repaint_ratio, memory_mb and the same with the prefix
hall_. Timings are the best (open, assign) or the median (per-update figures) of several
runs, since other processes share the machine. Run: .venv/bin/python bench/seatplan.py"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

VIEW = (1200, 800)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def run(app, db, manager, perf_id: int, label: str, select_target: int) -> dict:
    from PySide6.QtCore import QRect, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    from app.domain.selection import SeatSelection
    from app.services.allocation import edit_seats
    from app.services.seatplan_data import load_plan
    from app.ui.seatplan_window import SeatPlanWindow

    def open_window():
        t0 = time.perf_counter()
        plan = load_plan(db, perf_id, "GUICHET-1")
        t_load = ms(t0)
        w = SeatPlanWindow(db, manager, perf_id, plan=plan, ask=lambda _q: False, poll_ms=3_600_000)
        w.resize(*VIEW)
        w.show()
        app.processEvents()
        w.view.fit()
        w.view.viewport().repaint()
        return w, ms(t0), t_load

    gc.collect()
    base = rss_mb()
    w, open_ms, load_ms = open_window()
    memory = rss_mb() - base
    opens = [open_ms]
    for _ in range(2):
        w.close()
        w.deleteLater()
        app.processEvents()
        w, t, load_ms2 = open_window()
        opens.append(t)
        load_ms = min(load_ms, load_ms2)
    n = len(w.plan)
    vp = w.view.viewport()
    print(f"[{label}] {n} seats, view {vp.width()}x{vp.height()}")
    print(f"[{label}] open (database load + window + first paint): best {min(opens):.0f} ms "
          f"(runs {', '.join(f'{t:.0f}' for t in opens)}), database load alone {load_ms:.0f} ms")
    print(f"[{label}] memory for the plan: {memory:.1f} MB above the empty process")

    # Rubber band growing over the plan until it holds ~select_target seats.
    model, view = w.model, w.view
    full = view.mapFromScene(view.sceneRect()).boundingRect().intersected(vp.rect())
    steps, times = 25, []
    model.begin_drag("replace")
    for k in range(1, steps + 1):
        frac = k / steps
        rect = QRect(full.left(), full.top(), int(full.width() * frac), int(full.height() * frac))
        t0 = time.perf_counter()
        model.drag_to(model.seats_in(view.mapToScene(rect).boundingRect()))
        vp.repaint()
        times.append(ms(t0))
        if model.count >= select_target:
            break
    model.end_drag()
    sel = model.selected_indices()[:select_target]
    model.select(sel)
    print(f"[{label}] drag-select to {model.count} seats: median {statistics.median(times):.1f} ms per update, "
          f"max {max(times):.1f} ms over {len(times)} updates")

    # Assign the selection to a contingent: the service (database write) + recolour + repaint.
    assigns = []
    for code in ("Pass", "Visites", "Product"):
        ids = tuple(model.selected_seat_ids())
        cont = next(c for c in w.plan.contingents.values() if c.code == code)
        t0 = time.perf_counter()
        result = edit_seats(db, manager, perf_id, "assign", SeatSelection(seat_ids=ids), code)
        model.apply_values(result.changed_seat_ids, contingent=cont.id)
        vp.repaint()
        assigns.append(ms(t0))
        assert result.changed == len(ids), result.message()
    print(f"[{label}] assign {len(ids)} seats (write + repaint): best {min(assigns):.0f} ms "
          f"(runs {', '.join(f'{t:.0f}' for t in assigns)})")
    model.clear_selection()
    vp.repaint()

    # Full repaint at fit: every block regrouped and redrawn.
    fulls = []
    for _ in range(5):
        t0 = time.perf_counter()
        for item in w.scene.items_by_block:
            item.invalidate()
        vp.repaint()
        fulls.append(ms(t0))
    full_ms = statistics.median(fulls)

    # The machine's own limit: a bare QPainter drawing as many rectangles into an image.
    tr = view.viewportTransform()
    s = model.seat_size
    rects = [QRectF(x - s / 2, y - s / 2, s, s) for x, y in zip(w.plan.x, w.plan.y)]
    colors = [QColor(c.fill_color) for c in w.plan.contingents.values()][:8]
    img = QImage(vp.size(), QImage.Format.Format_ARGB32_Premultiplied)
    raws = []
    for _ in range(5):
        t0 = time.perf_counter()
        img.fill(Qt.GlobalColor.white)
        p = QPainter(img)
        p.setTransform(tr)
        p.setPen(Qt.PenStyle.NoPen)
        for k, c in enumerate(colors):
            p.setBrush(c)
            p.drawRects(rects[k::len(colors)])
        p.end()
        raws.append(ms(t0))
    raw_ms = statistics.median(raws)
    print(f"[{label}] full repaint at fit {full_ms:.1f} ms; bare QPainter, {n} rectangles: {raw_ms:.1f} ms; "
          f"ratio {full_ms / raw_ms:.2f}")

    # Pan at a working zoom (seats ~14 px), 40 px per step.
    view.zoom_by(14 / view.seat_pixels())
    b = w.plan.blocks[len(w.plan.blocks) // 2]
    view.centerOn(w.plan.x[b.start], w.plan.y[b.start])
    vp.repaint()
    pans = []
    for k in range(30):
        t0 = time.perf_counter()
        view.pan(40 if (k // 10) % 2 == 0 else -40, 0)
        vp.repaint()
        pans.append(ms(t0))
    pan_ms = statistics.median(pans)
    print(f"[{label}] pan at {view.seat_pixels():.0f} px seats: median {pan_ms:.1f} ms, max {max(pans):.1f} ms")
    w.close()
    w.deleteLater()
    app.processEvents()
    return {"open_ms": round(min(opens), 1), "select_update_ms": round(statistics.median(times), 1),
            "assign_ms": round(min(assigns), 1), "pan_ms": round(pan_ms, 1), "full_repaint_ms": round(full_ms, 1),
            "raw_paint_ms": round(raw_ms, 1), "repaint_ratio": round(full_ms / raw_ms, 2),
            "memory_mb": round(memory, 1)}


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.db.engine import open_database
    from app.services.operators import find_actor
    from app.services.seeding import seed_demo, seed_stadium
    from app.ui import settings
    from app.ui.tasks import TaskManager, set_tasks

    app = QApplication.instance() or QApplication([])
    tmp = tempfile.mkdtemp(prefix="guichet-bench-")
    settings.use_store(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))
    db = open_database(f"sqlite:///{tmp}/bench.sqlite")
    t0 = time.perf_counter()
    seed_demo(db)
    seed_stadium(db, 80_000)
    print(f"seeded demo hall and an 80,000-seat stadium in {ms(t0) / 1000:.1f} s ({tmp})")
    manager = find_actor(db, "manager")
    empty = QMainWindow()
    empty.resize(*VIEW)
    empty.show()
    app.processEvents()
    from sqlalchemy import select

    from app.db.models import Performance, Product

    with db.read() as s:
        ids = dict(s.execute(select(Product.code, Performance.id).join(Performance)).all())
    # The hall first: memory is measured as growth, and a second plan reuses the first's.
    hall = run(app, db, manager, ids["WALKYRIE"], "hall", 1_526)
    stadium = run(app, db, manager, ids["STADE"], "stadium", 20_000)
    out = dict(stadium)
    out.update({f"hall_{k}": v for k, v in hall.items()})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
