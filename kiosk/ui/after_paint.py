"""Run work once a widget is on the glass. The kiosk paints its start screen first and only
then does what that screen does not need (the home screen behind it, speech, delivery,
imports for the first tap), so a restart after a power cut shows something at once
(docs/benchmarks.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls `steps` one per turn of the event loop (so a tap in between is not kept
    waiting), starting in the turn after `widget`'s first paint, when the frame has been
    flushed. If no paint comes within `fallback_ms` (a window that is never exposed), or
    the widget is deleted first (the start screen replaced by new content), the steps
    start anyway.

    It belongs to `owner` (the kiosk), not to the widget: its steps start the kiosk's
    services and must not be lost with a replaced screen, and they end with the kiosk."""

    def __init__(
        self,
        widget: QWidget,
        steps: Sequence[Callable[[], None]],
        fallback_ms: int = 3000,
        owner: QObject | None = None,
    ):
        super().__init__(owner if owner is not None else widget)
        self.widget: QWidget | None = widget
        self._steps = list(steps)
        self._started = False
        widget.installEventFilter(self)
        widget.destroyed.connect(self._widget_gone)
        QTimer.singleShot(fallback_ms, self, self._start)

    @property
    def pending(self) -> int:
        return len(self._steps)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._start)
        return False

    def _widget_gone(self) -> None:
        self.widget = None
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        if not self._started:
            self._started = True
            if self.widget is not None and shiboken6.isValid(self.widget):
                self.widget.removeEventFilter(self)
            self._next()

    def _next(self) -> None:
        if self._steps:
            step = self._steps.pop(0)
            if self._steps:
                QTimer.singleShot(0, self, self._next)
            step()


def first_visible(window: QWidget) -> QWidget:
    """The widget a window shows first: its start screen when it has one."""
    from kiosk.ui.main_window import MainWindow

    if isinstance(window, MainWindow):
        if window.on_start_screen:
            return window.attract
        return window.current_screen
    return window
