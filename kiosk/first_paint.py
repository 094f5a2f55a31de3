"""Benchmarks only (bench/): with FBSS_KIOSK_BENCH_REPORT=<file> set, the kiosk writes one
small JSON file once its first screen has been painted and flushed, so `make bench` can time
process start to first paint. Without the variable nothing here is used."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV = "FBSS_KIOSK_BENCH_REPORT"


class FirstPaintReport(QObject):
    """Watches one widget; after its first paint (once the frame is flushed, in the next
    turn of the event loop) writes {"wall": time.time(), "screen": name} to `path`."""

    def __init__(self, widget: QWidget, screen: str, path: Path):
        super().__init__(widget)
        self.widget, self.screen, self.path = widget, screen, path
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self.write)
        return False

    def write(self) -> None:
        report = {"wall": time.time(), "pid": os.getpid(), "screen": self.screen}
        staging = self.path.with_name(self.path.name + ".tmp")
        staging.write_text(json.dumps(report), encoding="utf-8")
        os.replace(staging, self.path)  # whole or not at all for the reader


def watch_first_paint(window: QWidget | None) -> FirstPaintReport | None:
    """Install the report on the screen the kiosk shows first, if the variable is set."""
    target = os.environ.get(ENV)
    if not target or window is None:
        return None
    from kiosk.ui.after_paint import first_visible

    shown = first_visible(window)
    name = "start" if shown.objectName() == "attractScreen" else type(shown).__name__
    return FirstPaintReport(shown, name, Path(target))
