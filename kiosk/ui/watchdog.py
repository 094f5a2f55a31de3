"""Pings the supervisor's watchdog from a timer on the GUI thread: if the event loop
freezes, the pings stop and systemd restarts the kiosk."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.supervision import SdNotify


class WatchdogPinger(QObject):
    def __init__(
        self, notify: SdNotify, interval_ms: int | None = None, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.notify = notify
        self.timer = QTimer(self)
        ms = interval_ms if interval_ms is not None else int(notify.watchdog_interval_s * 1000)
        self.timer.setInterval(max(ms, 10))
        self.timer.timeout.connect(notify.ping)
        if notify.enabled and (interval_ms is not None or notify.watchdog_interval_s > 0):
            self.timer.start()
