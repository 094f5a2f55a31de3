"""Notice when the patient has walked away: watch activity, warn, then ask for a reset.

Time comes from an injected clock and `poll()` does all the work, so tests move the clock
and call `poll()` instead of sleeping. Between polls one single-shot timer waits for the
next moment anything can change (the deadline, the next whole second of the countdown):
a kiosk left alone wakes up for nothing, and not at all on its start screen."""

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


LISTENING_RECHECK_S = 1.0


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
        max_wait_ms: int = 30_000,
        busy: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ):
        """Give it the window it watches as `parent` (kiosk/ui/display.py's idle_for and
        wire_idle do): its poll timer must end with that window. `max_wait_ms` bounds the
        wait between polls, so a deadline that moved without activity is seen that late."""
        super().__init__(parent)
        self.timeout_s, self.warning_s = timeout_s, warning_s
        self.clock, self.extra_time = clock, extra_time
        self.busy = busy  # speech is reading: the patient is listening, not gone
        self.state = IdleState.ASLEEP
        self._last_activity = clock()
        self._warning_since = 0.0
        self._last_shown = -1
        self.max_wait_ms = max_wait_ms
        self._stopped = False
        self._due = math.inf  # when the armed timer fires, on `clock`
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll)

    @property
    def is_watching(self) -> bool:
        """Still on duty (asleep on the start screen counts: a touch wakes it)."""
        return not self._stopped

    @property
    def next_poll_at(self) -> float | None:
        """When, on `clock`, the next poll is due (None: none is, e.g. asleep)."""
        return self._due if self._timer.isActive() else None

    def stop(self) -> None:
        """No more polls: the window it watched is being replaced."""
        self._stopped = True
        self.state = IdleState.ASLEEP
        self._arm()

    def wake(self) -> None:
        """A patient has started a session."""
        self.state = IdleState.ACTIVE
        self._last_activity = self.clock()
        self._arm()

    def sleep(self) -> None:
        self.state = IdleState.ASLEEP
        self._arm()

    def on_activity(self) -> None:
        if self.state is IdleState.ACTIVE:
            self._last_activity = now = self.clock()
            # Activity only moves the deadline later, and the armed poll then waits for
            # the rest, so a touch costs no timer restart, unless the new screen has fewer
            # words to read (a smaller bonus): then the deadline is sooner than armed.
            if now + self.effective_timeout() < self._due:
                self._arm()
        elif self.state is IdleState.WARNING:
            self.still_here()

    def still_here(self) -> None:
        """The patient answered the warning; can happen any number of times (WCAG 2.2.1)."""
        if self.state is IdleState.WARNING:
            self.state = IdleState.ACTIVE
            self._last_activity = self.clock()
            self._arm()
            self.warning_cleared.emit()

    def effective_timeout(self) -> float:
        return self.timeout_s + max(0.0, self.extra_time())

    def poll(self) -> None:
        now = self.clock()
        listening = self.state is IdleState.ACTIVE and self.busy()
        if listening:
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
        self._arm(listening)

    def _arm(self, listening: bool = False) -> None:
        """Wait for the next moment a poll can change something, and no longer."""
        if self._stopped or self.state is IdleState.ASLEEP:
            self._timer.stop()
            self._due = math.inf
            return
        now = self.clock()
        if self.state is IdleState.ACTIVE:
            # While speech reads, look again each second: the countdown starts from the
            # moment it stops, not from the last poll that saw it reading.
            wait = LISTENING_RECHECK_S if listening else self._left_active(now)
        else:
            left = self.warning_s - (now - self._warning_since)
            wait = left - (math.ceil(left) - 1)  # to the next whole second shown
        wait_ms = min(self.max_wait_ms, max(0, math.ceil(wait * 1000)))
        self._due = now + wait_ms / 1000
        self._timer.start(wait_ms)

    def _left_active(self, now: float) -> float:
        return self._last_activity + self.effective_timeout() - now
