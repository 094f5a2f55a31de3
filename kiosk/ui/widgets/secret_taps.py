"""The hidden way into staff mode: several quick taps (on a widget, or counted from a signal
such as the top bar's title_tapped). Nothing shows it to patients; a child who finds it only
meets a PIN pad and Cancel."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal, SignalInstance
from PySide6.QtWidgets import QWidget

TAPS = 5
WITHIN_S = 4.0


class SecretTaps(QObject):
    triggered = Signal()

    def __init__(
        self,
        target: QWidget | SignalInstance,
        taps: int = TAPS,
        within_s: float = WITHIN_S,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ):
        super().__init__(target if isinstance(target, QWidget) else parent)
        self.taps, self.within_s, self.clock = taps, within_s, clock
        self._times: deque[float] = deque(maxlen=taps)
        if isinstance(target, QWidget):
            target.installEventFilter(self)
        else:
            target.connect(self.tap)

    def tap(self) -> None:
        now = self.clock()
        self._times.append(now)
        if len(self._times) == self.taps and now - self._times[0] <= self.within_s:
            self._times.clear()
            self.triggered.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A touch on a label arrives as a synthesized mouse release, so this covers both.
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.tap()
        return False
