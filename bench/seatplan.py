"""Seat plan speed on an 80,000-seat stadium and the 1,526-seat demo hall (offscreen).

Prints each figure, then one JSON line with open_ms, select_update_ms, assign_ms, pan_ms,
full_repaint_ms, raw_paint_ms, repaint_ratio, memory_mb and the same with the prefix
hall_. Timings are the best (open, assign) or the median (per-update figures) of several
runs, since other processes share the machine. Each plan runs in a fresh process.

raw_paint_ms is the floor: a bare QPainter drawing the very primitives the plan draws at fit
(same polygons, pens, counts; built before the timing) into an image of the viewport's size;
repaint_ratio = full_repaint_ms / raw_paint_ms (1 would be the plan costing nothing more);
full_repaint_cpu_ms, raw_paint_cpu_ms and repaint_cpu_ratio are the same in process CPU time,
which other processes on a shared machine do not inflate. The full repaint and the floor are
timed in turn, 41 rounds each, and each figure is the median of its rounds.

Run: .venv/bin/python bench/seatplan.py [--database URL]   (default: SQLite in a temp folder)"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GUICHET_KEYRING", "memory")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._scratch import scratch_dir  # noqa: E402

VIEW = (1200, 800)
ROUNDS = 41  # full repaint and floor, timed in turn
OPENS = 7  # the plan opened this many times; open_ms is the best


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def run(app, db, manager, perf_id: int, label: str, select_target: int, base: float) -> dict:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter

    from app.domain.selection import SeatSelection
    from app.services.inventory.allocation import edit_seats
    from app.services.inventory.seatplan_data import load_plan
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

    w, open_ms, load_ms = open_window()
    app.processEvents()
    gc.collect()
    memory = rss_mb() - base
    opens = [open_ms]
    for _ in range(OPENS - 1):
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
    print(f"[{label}] memory for the plan: {memory:.1f} MB resident above this fresh process's own baseline")

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

    # Full repaint at fit: every block regrouped and redrawn, through the model's signal that
    # a change to the whole plan sends (sale mode, another workstation's change).
    # The floor: a bare QPainter drawing, into an image of the viewport's size, exactly the
    # primitives the plan draws at fit (the same polygons, pens and counts, built once here,
    # outside the timing): what the repaint would cost with no regrouping and no view.
    from app.seatplan.scene import BACKGROUND, draw_primitives

    view.fit()
    vp.repaint()
    tr = view.viewportTransform()
    assert w.scene.zoomed_out, f"{label} at fit is not zoomed out: the floor would not be what it draws"
    prims = w.scene.primitives()
    points = sum(poly.size() for _pen, lines, poly in prims if not lines)
    img = QImage(vp.size(), QImage.Format.Format_ARGB32_Premultiplied)
    everything = set(range(len(model.blocks)))
    fulls, full_cpu, raws, raw_cpu = [], [], [], []
    # The two are timed in turn, ROUNDS times each: a few milliseconds each, so a slower moment
    # of the machine (another process, the CPU's clock) falls on both alike, and the medians
    # of many rounds are steady from run to run.
    for _ in range(ROUNDS):
        t0, c0 = time.perf_counter(), time.process_time()
        model.blocksChanged.emit(everything)
        vp.repaint()
        fulls.append(ms(t0))
        full_cpu.append((time.process_time() - c0) * 1000)
        t0, c0 = time.perf_counter(), time.process_time()
        img.fill(BACKGROUND)
        p = QPainter(img)
        p.setTransform(tr)
        draw_primitives(p, prims)
        p.end()
        raws.append(ms(t0))
        raw_cpu.append((time.process_time() - c0) * 1000)
    full_ms = statistics.median(fulls)
    raw_ms = statistics.median(raws)
    # The same two medians in CPU time of this process (all its threads): on a shared machine
    # the wall clock also counts the time other processes held the CPU.
    full_cpu_ms, raw_cpu_ms = statistics.median(full_cpu), statistics.median(raw_cpu)
    print(f"[{label}] full repaint at fit {full_ms:.1f} ms; bare QPainter, the plan's {len(prims)} primitives "
          f"({points} points) into a {vp.width()}x{vp.height()} image: {raw_ms:.2f} ms; ratio {full_ms / raw_ms:.2f} "
          f"(CPU time: {full_cpu_ms:.2f} / {raw_cpu_ms:.2f} ms, ratio {full_cpu_ms / raw_cpu_ms:.2f})")

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
            "raw_paint_ms": round(raw_ms, 2), "repaint_ratio": round(full_ms / raw_ms, 2),
            "full_repaint_cpu_ms": round(full_cpu_ms, 2), "raw_paint_cpu_ms": round(raw_cpu_ms, 2),
            "repaint_cpu_ratio": round(full_cpu_ms / raw_cpu_ms, 2),
            "memory_mb": round(memory, 1)}


def child(url: str, label: str) -> None:
    """One plan in this fresh process; prints its figures, the last line one JSON object.

    Memory (memory_mb, hall_memory_mb): resident set size (RSS, /proc/self/statm) of this
    process once the first plan window is open and painted at fit, minus the RSS measured
    just before, in the same process, after importing Qt and Guichet's modules, creating the
    QApplication, showing an empty window of the same size and opening the database. So it
    is what one plan costs: its arrays, the scene, its items and their paint
    groups, and the window's widgets; not the interpreter, Qt or the database driver."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow
    from sqlalchemy import select

    import app.services.inventory.allocation  # noqa: F401 - imported before the baseline
    import app.services.inventory.seatplan_data  # noqa: F401
    import app.ui.seatplan_window  # noqa: F401
    from app.db.engine import open_database
    from app.db.models import Performance, Product
    from app.services.operators import find_actor
    from app.ui import settings
    from app.ui.tasks import TaskManager, set_tasks

    qapp = QApplication.instance() or QApplication([])
    tmp = str(scratch_dir("guichet-bench-ui-"))
    settings.use_store(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    set_tasks(TaskManager(inline=True))
    db = open_database(url, upgrade=False)
    manager = find_actor(db, "manager")
    with db.read() as s:
        ids = dict(s.execute(select(Product.code, Performance.id).join(Performance)).all())
    empty = QMainWindow()
    empty.resize(*VIEW)
    empty.show()
    qapp.processEvents()
    gc.collect()
    base = rss_mb()
    if label == "hall":
        out = run(qapp, db, manager, ids["WALKYRIE"], "hall", 1_526, base)
    else:
        out = run(qapp, db, manager, ids["STADE"], "stadium", 20_000, base)
    db.dispose()
    print(json.dumps(out))


def main() -> None:
    import argparse
    from bench._child import figures

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", metavar="URL",
                    help="an empty database to seed (default: SQLite in a temporary folder)")
    ap.add_argument("--child", choices=("hall", "stadium"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.database, args.child)
        return
    from app.db.engine import open_database
    from app.services.seeding import seed_demo, seed_stadium

    tmp = scratch_dir("guichet-bench-plan-")
    url = args.database or f"sqlite:///{tmp}/bench.sqlite"
    db = open_database(url)
    t0 = time.perf_counter()
    seed_demo(db)
    seed_stadium(db, 80_000)
    print(f"seeded demo hall and an 80,000-seat stadium in {ms(t0) / 1000:.1f} s ({db.url})")
    db.dispose()
    results = {}
    # One fresh process per plan: neither plan's figures (memory above all) inherit the other's.
    for label in ("hall", "stadium"):
        results[label] = figures([__file__, "--child", label, "--database", url], label)
    out = dict(results["stadium"])
    out.update({f"hall_{k}": v for k, v in results["hall"].items()})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
