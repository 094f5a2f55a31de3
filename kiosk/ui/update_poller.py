"""Signed content updates on the kiosk: a GUI-thread timer starts each poll on a worker
thread (the network, the hash check and the unpacking never block the screen), and the
verified content comes back to the GUI thread, which hands it to the live content: on the
screen at the next reset, as a saved edit is (kiosk/content/live.py)."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from kiosk.content.live import LiveContent
    from kiosk.fleet.update_client import PollResult, UpdateClient
    from kiosk.settings import Settings

log = logging.getLogger("kiosk.updates")


class UpdatePoller(QObject):
    _finished = Signal(object)  # from the worker thread, delivered in the GUI thread
    polled = Signal(object)  # every PollResult, once the GUI thread has dealt with it

    def __init__(
        self,
        make_client: Callable[[], UpdateClient],
        interval_ms: int,
        apply: Callable[[Path], bool],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        # Made on the worker thread at the first poll: importing python-tuf and its
        # cryptography takes ~250 ms, too long for the GUI thread while a patient taps.
        self._make_client, self._apply = make_client, apply
        self.client: UpdateClient | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll_now)
        self._finished.connect(self._take)
        self._worker: threading.Thread | None = None
        self._stopped = False
        self.last: PollResult | None = None

    def start(self) -> None:
        """A first poll now, then one every interval."""
        self.timer.start()
        self.poll_now()

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()  # no more polls; a running one is dropped when it returns

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def poll_now(self) -> bool:
        """Start a poll unless one is running (a slow server never piles them up)."""
        if self._stopped or self._worker is not None:
            return False
        self._worker = threading.Thread(target=self._work, name="content-updates", daemon=True)
        self._worker.start()
        return True

    def _work(self) -> None:
        try:
            if self.client is None:
                self.client = self._make_client()
            result: object = self.client.poll()
        except Exception as exc:  # a bug must not kill the thread silently or the kiosk
            from kiosk.content.source import log_unexpected

            log_unexpected("checking for content updates", exc)
            result = None
        if self._stopped:
            return
        with contextlib.suppress(RuntimeError):  # the kiosk closed while this poll ran
            self._finished.emit(result)

    def _take(self, result: PollResult | None) -> None:
        self._worker = None
        if self._stopped or result is None:
            return
        from kiosk.fleet.update_client import NEW  # imported by the worker already

        if result.kind == NEW and result.content_path is not None and self.client is not None:
            if self._apply(result.content_path):
                self.client.accepted(result)
                log.info("updates: %s accepted; shown at the next reset", result.reason)
            else:
                log.error("updates: %s did not load on the kiosk; not used", result.reason)
        self.last = result
        self.polled.emit(result)


def use_accepted_update(settings: Settings, live: LiveContent, preview: bool) -> None:
    """At start-up, the content last accepted from the update server, when updates are on
    (before the first screen, so it is what the first patient sees). Cheap: no tuf here."""
    if not settings.updates.url or preview:
        return
    from kiosk.content.source import ContentSource
    from kiosk.fleet.status import read_state

    path = read_state(settings.data_dir).content_path(settings.data_dir)
    if path is not None:
        live.source = ContentSource(path, settings.data_dir)
        log.info("updates: starting from the accepted content in %s", path.parent)


def start_updates(settings: Settings, live: LiveContent, parent: QObject) -> UpdatePoller | None:
    """The poller, started after the first paint; python-tuf is imported by its worker."""
    updates = settings.updates
    if not updates.url:
        return None
    from kiosk.fleet.status import trusted_root_path

    root = trusted_root_path(settings.data_dir, updates.root)

    def make_client() -> UpdateClient:
        from kiosk.fleet.update_client import UpdateClient

        return UpdateClient(updates.url, settings.data_dir, root, updates.site)

    poller = UpdatePoller(make_client, int(updates.interval * 1000), live.switch_to, parent)
    poller.start()
    log.info("updates: checking %s every %.0f s", updates.url, updates.interval)
    return poller
