"""Notice when the patient has walked away: watch activity, warn, then ask for a reset.

Time comes from an injected clock and `poll()` does all the work, so tests move the clock
and call `poll()` instead of sleeping."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class ActivityFilter(QObject):
    """Installed on the application: any mouse, touch, key or wheel event is activity."""

    activity = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.activity.emit()
        return False


class IdleState(Enum):
    ASLEEP = "asleep"  # start screen: nothing to protect, nothing counted
    ACTIVE = "active"
    WARNING = "warning"


class IdleController(QObject):
    warning_started = Signal(int)  # seconds left
    countdown = Signal(int)  # seconds left, once per whole second
    warning_cleared = Signal()
    expired = Signal()

    def __init__(
        self,
        timeout_s: float,
        warning_s: float,
        clock: Callable[[], float] = time.monotonic,
        extra_time: Callable[[], float] = lambda: 0.0,
        poll_ms: int = 250,
        busy: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ):
        """Give it the window it watches as `parent` (kiosk/ui/display.py's idle_for and
        wire_idle do): its poll timer must end with that window."""
        super().__init__(parent)
        self.timeout_s, self.warning_s = timeout_s, warning_s
        self.clock, self.extra_time = clock, extra_time
        self.busy = busy  # speech is reading: the patient is listening, not gone
        self.state = IdleState.ASLEEP
        self._last_activity = clock()
        self._warning_since = 0.0
        self._last_shown = -1
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    @property
    def is_watching(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        """No more polls: the window it watched is being replaced."""
        self._timer.stop()
        self.state = IdleState.ASLEEP

    def wake(self) -> None:
        """A patient has started a session."""
        self.state = IdleState.ACTIVE
        self._last_activity = self.clock()

    def sleep(self) -> None:
        self.state = IdleState.ASLEEP

    def on_activity(self) -> None:
        if self.state is IdleState.ACTIVE:
            self._last_activity = self.clock()
        elif self.state is IdleState.WARNING:
            self.still_here()

    def still_here(self) -> None:
        """The patient answered the warning; can happen any number of times (WCAG 2.2.1)."""
        if self.state is IdleState.WARNING:
            self.state = IdleState.ACTIVE
            self._last_activity = self.clock()
            self.warning_cleared.emit()

    def effective_timeout(self) -> float:
        return self.timeout_s + max(0.0, self.extra_time())

    def poll(self) -> None:
        now = self.clock()
        if self.state is IdleState.ACTIVE and self.busy():
            self._last_activity = now
        if self.state is IdleState.ACTIVE:
            if now - self._last_activity >= self.effective_timeout():
                self.state = IdleState.WARNING
                self._warning_since = now
                self._last_shown = math.ceil(self.warning_s)
                self.warning_started.emit(self._last_shown)
        elif self.state is IdleState.WARNING:
            left = self.warning_s - (now - self._warning_since)
            if left <= 0:
                self.state = IdleState.ASLEEP
                self.expired.emit()
            elif math.ceil(left) != self._last_shown:
                self._last_shown = math.ceil(left)
                self.countdown.emit(self._last_shown)
