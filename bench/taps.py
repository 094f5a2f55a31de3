"""Tap latency (P3'): every kind of tap a patient makes, each timed from the synthesized click
to the flushed paint of what it shows, beside the floor: the same tap on a bare window (a
QPushButton that swaps the page of a QStackedWidget) measured the same way in the same
process, before the kiosk (and its style sheet) exists. Run by bench/drive.py `latency`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from bench.common import summary

# Every kind the issue names; the first four are the old benchmark's (docs/benchmarks.md).
KINDS = (
    "tile", "row", "back", "back-home", "home", "language", "form-step", "text-size",
    "contrast",
)  # fmt: skip
P99_TARGET_MS = 33.0
MEDIAN_TARGET_MS = 12.0
NO_PAINT_S = 5.0  # a tap that paints nothing this long is a broken benchmark, not a slow tap


class PaintProbe(QObject):
    """Calls `done` once one of the watched widgets has been painted after `arm()` with the
    tap's effect (`shown()` true): in the turn of the event loop after that paint, when the
    frame has been flushed to the window. A paint before it (the button drawn pressed, while
    the finger is down) does not count."""

    def __init__(self, *watched: QWidget):
        super().__init__(watched[0])
        self.armed = False
        self.done: Callable[[], None] = lambda: None
        self.shown: Callable[[], bool] = lambda: True
        for widget in watched:
            widget.installEventFilter(self)

    def arm(self, done: Callable[[], None], shown: Callable[[], bool] = lambda: True) -> None:
        self.armed, self.done, self.shown = True, done, shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint and self.shown():
            self.armed = False
            QTimer.singleShot(0, self.done)
        return False


@dataclass
class Tap:
    """One step of the script: `kind` None is a tap that is made but not timed (typing)."""

    kind: str | None
    target: Callable[[], QWidget]
    check: Callable[[], bool] = lambda: True
    what: str = ""


def run_taps(
    app: QApplication,
    probe: PaintProbe,
    script: Iterator[Tap],
    taps: int,
    settle: Callable[[], None] = lambda: None,
    clicked: Callable[[Tap], None] = lambda step: None,
) -> dict[str, list[float]]:
    """Tap through `script` until `taps` timed taps are done; returns the times by kind.
    `settle` runs between taps, untimed (what an idle turn of the loop would do);
    `clicked` runs as soon as the click's own handling has returned (bench/tap_phases.py)."""
    times: dict[str, list[float]] = {}
    state = {"n": 0, "tap": 0}
    failure: list[str] = []

    def tap() -> None:
        if state["n"] >= taps:
            app.exit(0)
            return
        step = next(script)
        target = step.target()
        start = time.perf_counter()
        state["tap"] += 1
        tapped = state["tap"]

        def painted() -> None:
            elapsed = (time.perf_counter() - start) * 1000
            if not step.check():
                failure.append(f"{step.kind or 'untimed'} {step.what}: not what was expected")
                app.exit(1)
                return
            if step.kind is not None:
                times.setdefault(step.kind, []).append(elapsed)
                state["n"] += 1
            settle()
            QTimer.singleShot(0, tap)

        def stuck() -> None:
            if probe.armed and state["tap"] == tapped:
                failure.append(f"{step.kind or 'untimed'} {step.what}: nothing painted")
                app.exit(1)

        probe.arm(painted, step.check)
        QTimer.singleShot(round(NO_PAINT_S * 1000), stuck)
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        clicked(step)

    QTimer.singleShot(0, tap)
    app.exec()
    if failure:
        raise RuntimeError(failure[0])
    return times


def floor_taps(app: QApplication, taps: int) -> dict[str, float | int]:
    """The floor: a bare window whose button swaps its stack's page, tapped `taps` times."""
    window = QWidget()
    window.setWindowTitle("floor")
    layout = QVBoxLayout(window)
    stack = QStackedWidget()
    pages = [QWidget(), QWidget()]
    for page in pages:
        stack.addWidget(page)
    swap = QPushButton("swap")
    swap.clicked.connect(lambda: stack.setCurrentIndex(1 - stack.currentIndex()))
    layout.addWidget(swap)
    layout.addWidget(stack, 1)
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(50)
    probe = PaintProbe(stack)

    def script() -> Iterator[Tap]:
        while True:
            for page in (1, 0):
                yield Tap("floor", lambda: swap, lambda page=page: stack.currentIndex() == page)

    times = run_taps(app, probe, script(), taps)["floor"]
    window.close()
    window.deleteLater()
    return summary(times, 2)


def with_floor(
    by_kind: dict[str, dict[str, float | int]], floor: dict[str, float | int]
) -> dict[str, dict[str, object]]:
    """Each kind's figures with its ratio to the floor's tap and whether it meets P3'."""
    out: dict[str, dict[str, object]] = {}
    for kind, s in by_kind.items():
        out[kind] = {
            **s,
            "median_x_floor": round(float(s["median"]) / float(floor["median"]), 2),
            "p99_x_floor": round(float(s["p99"]) / float(floor["p99"]), 2),
            "met": float(s["p99"]) <= P99_TARGET_MS and float(s["median"]) <= MEDIAN_TARGET_MS,
        }
    return out
