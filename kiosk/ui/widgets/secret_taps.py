"""The hidden way into staff mode: several quick taps on one widget (the title in the top
bar). Nothing shows it to patients; a child who finds it only meets a PIN pad and Cancel."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

TAPS = 5
WITHIN_S = 4.0


class SecretTaps(QObject):
    triggered = Signal()

    def __init__(
        self,
        target: QWidget,
        taps: int = TAPS,
        within_s: float = WITHIN_S,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(target)
        self.taps, self.within_s, self.clock = taps, within_s, clock
        self._times: deque[float] = deque(maxlen=taps)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A touch on a label arrives as a synthesized mouse release, so this covers both.
        if event.type() == QEvent.Type.MouseButtonRelease:
            now = self.clock()
            self._times.append(now)
            if len(self._times) == self.taps and now - self._times[0] <= self.within_s:
                self._times.clear()
                self.triggered.emit()
        return False
