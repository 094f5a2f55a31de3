"""The floor: the least a PySide6 app can do to put a full-screen window on the screen.
Run as `python bench/floor.py` with FBSS_KIOSK_BENCH_REPORT set; it reports its first paint
the same way the kiosk does (kiosk/first_paint.py) and then waits to be stopped."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kiosk.design.tokens import DEFAULT_COLOURS
from kiosk.first_paint import ENV, FirstPaintReport


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(DEFAULT_COLOURS["bg"]))
    window.setPalette(palette)
    window.setAutoFillBackground(True)
    window.setWindowTitle("floor")
    window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.setGeometry(app.primaryScreen().geometry())
    report = FirstPaintReport(window, "bare window", Path(os.environ[ENV]))  # noqa: F841
    window.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
