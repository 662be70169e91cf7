"""Renders installers/icons/org.guichet.Guichet.svg to the PNG sizes of the Linux icon theme
and to guichet.ico (Windows): run once after changing the SVG, the outputs are committed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).with_name("icons")
SIZES = (16, 32, 48, 64, 128, 256)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "org.guichet.Guichet.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts and plugins
    for size in SIZES:
        render(size).save(str(ICONS / f"org.guichet.Guichet-{size}.png"))
    if not render(256).save(str(ICONS / "guichet.ico")):
        print("the ico image plugin is missing", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
