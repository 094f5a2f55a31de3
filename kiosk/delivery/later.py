"""The delivery worker, started once the first screen is painted. Until then a saved
request only waits in the outbox: waking a worker that does not exist yet does nothing, and
the worker sends whatever is waiting when it starts. No Qt; the worker module (and SMTP,
TLS) is imported only by start()."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.delivery.config import DeliverySettings

if TYPE_CHECKING:
    from kiosk.delivery.worker import DeliveryWorker


class DeliveryLater:
    def __init__(self, settings: DeliverySettings | None, data_dir: Path, time_zone: str = ""):
        """`settings` None: nothing is sent (no channel, or a staff preview). `time_zone`:
        the [kiosk] setting, for the local times in what staff read."""
        self.settings, self.data_dir, self.time_zone = settings, data_dir, time_zone
        self.worker: DeliveryWorker | None = None

    @property
    def channels(self) -> tuple[str, ...]:
        """Each saved request gets a delivery job per channel, from the first one on."""
        return self.settings.channels if self.settings is not None else ()

    def wake(self) -> None:
        """A request was saved: only sets an event, never blocks the GUI thread."""
        if self.worker is not None:
            self.worker.wake()

    def start(self) -> bool:
        """True when a worker started now."""
        if self.settings is None or self.worker is not None:
            return False
        from kiosk.delivery.setup import build_worker

        self.worker = build_worker(self.settings, self.data_dir, self.time_zone)
        self.worker.start()
        return True

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
