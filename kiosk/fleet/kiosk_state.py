"""What the metrics writer reads each round besides what the GUI sets: the content the
kiosk shows (and in which state) and the outbox. Runs on the writer thread; reads the live
content's attributes (immutable objects, swapped whole by the GUI thread) and the request
database on a read-only connection of its own. No Qt."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.appointments.backlog import read_backlog
from kiosk.appointments.errors import StoreError
from kiosk.content.live import LiveContent
from kiosk.fleet.metrics import KioskMetrics

log = logging.getLogger("kiosk.metrics")


class KioskState:
    def __init__(
        self,
        metrics: KioskMetrics,
        live: LiveContent,
        data_dir: Path,
        content_version: Callable[[], str] = lambda: "local",
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`content_version`: where the content came from and which version (the content
        updates say; 'local': this disk's file)."""
        self.metrics, self.live, self.data_dir = metrics, live, data_dir
        self._version, self._clock = content_version, clock
        self._store_problem: str | None = None

    def __call__(self) -> None:
        self.read_content()
        self.read_outbox()

    def read_content(self) -> None:
        live = self.live
        shown, state = live.shown, live.state
        if shown is None:
            name = "out_of_service"
        elif state.loaded.from_snapshot:
            name = "last_good"  # started from the snapshot, or an edit was rejected
        else:
            name = "ok"
        self.metrics.set_content(shown, self._version(), name, state.at.timestamp())

    def read_outbox(self) -> None:
        try:
            pending, oldest = read_backlog(self.data_dir)
        except StoreError as exc:
            if self._store_problem != exc.kind:
                log.warning("metrics: request database unreadable (%s); trying again", exc.kind)
            self._store_problem = exc.kind
            return
        self._store_problem = None
        age = self._clock() - oldest.timestamp() if oldest is not None else 0.0
        self.metrics.set_outbox(pending, age)
