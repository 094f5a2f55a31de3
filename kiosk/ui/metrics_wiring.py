"""The Qt side of the fleet's metrics (kiosk/fleet/metrics.py): the UI heartbeat, set by a
timer on the GUI thread (a frozen event loop stops it, and the writer thread's file shows
it stale), and one connection per patient event of each window, each slot an increment.
The writing happens on the writer thread (kiosk/fleet/metrics_writer.py), never here."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.fleet.kiosk_state import KioskState
from kiosk.fleet.metrics import FORM_STEPS, Identity, KioskMetrics
from kiosk.fleet.metrics_writer import MetricsWriter
from kiosk.patient.navigation import RouteKind
from kiosk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from kiosk.content.live import LiveContent
    from kiosk.delivery.later import DeliveryLater
    from kiosk.settings import Settings
    from kiosk.ui.display import Display

REQUEST, CONFIRMATION = RouteKind.REQUEST.value, RouteKind.CONFIRMATION.value


class MetricsWiring:
    """Plain Python, not a QObject: the windows' connections call into it, and it has no
    C++ side that could be deleted under them. Its timer belongs to `parent`."""

    def __init__(
        self,
        metrics: KioskMetrics,
        heartbeat_ms: int,
        parent: QObject,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.metrics, self._clock = metrics, clock
        self.timer = QTimer(parent)
        self.timer.setInterval(max(heartbeat_ms, 10))
        self.timer.timeout.connect(self.beat)
        self.timer.start()
        self.beat()
        # The form on screen (weakly: the router destroys it), to tell at which step it
        # was left; None when no form is shown.
        self._form: weakref.ref[QWidget] | None = None

    def beat(self) -> None:
        self.metrics.beat(self._clock())

    def watch(self, window: QWidget) -> None:
        """Count what patients do in `window` (a new one each time the kiosk comes back
        into service); the out-of-service screen has nothing to count."""
        if not isinstance(window, MainWindow):
            return
        m = self.metrics
        window.session_started.connect(lambda: m.session_started(window.lang))
        window.session_reset.connect(m.session_reset)
        window.route_opened.connect(m.opened)
        window.screen_changed.connect(lambda kind: self._screen(window, kind))
        _ = window.kiosk_page  # the bars (built once the start screen is painted anyway)
        # After the window's own slot (connected first): the session holds the new value.
        window.nav.language_requested.connect(lambda: m.language_switched(window.lang))
        access = window.access
        access.text_size_requested.connect(lambda: m.text_size(window.session.text_scale))
        access.contrast_requested.connect(lambda: m.high_contrast(window.session.high_contrast))

    def _screen(self, window: MainWindow, kind: str) -> None:
        """A form left for any screen but its own rebuild (a language switch) or the
        thank-you is a form abandoned, at the step it showed last."""
        form = self._form() if self._form is not None else None
        if kind == REQUEST:
            self._form = weakref.ref(window.current_screen)
            return
        self._form = None
        if form is not None and kind != CONFIRMATION and shiboken6.isValid(form):
            step = getattr(form, "step", len(FORM_STEPS) - 1)
            self.metrics.form_left(FORM_STEPS[min(max(int(step), 0), len(FORM_STEPS) - 1)])

    def stop(self) -> None:
        if shiboken6.isValid(self.timer):
            self.timer.stop()


@dataclass
class RunningMetrics:
    metrics: KioskMetrics
    wiring: MetricsWiring
    writer: MetricsWriter

    def stop(self) -> None:
        """At close: no more heartbeats, then the last write (and push)."""
        self.wiring.stop()
        self.writer.stop()


def start_metrics(
    settings: Settings,
    live: LiveContent,
    display: Display,
    delivery: DeliveryLater,
    owner: QObject,
    content_version: Callable[[], str] = lambda: "local",
) -> RunningMetrics:
    """The metrics of a running kiosk: counted in every window from now on, written and
    pushed on their own thread. `owner` holds the heartbeat timer; `content_version` (read
    on the writer thread) is the published version the content updates installed."""
    config = settings.metrics
    metrics = KioskMetrics(Identity(app_version(), settings.kiosk_id, settings.site))
    # The heartbeat goes at least every 5 s, so a write finds it at most that old.
    wiring = MetricsWiring(metrics, round(min(config.interval, 5.0) * 1000), owner)
    if display.window is not None:
        wiring.watch(display.window)
    display.on_window = wiring.watch
    metrics.know_channels(delivery.channels)
    if delivery.worker is not None:
        delivery.worker.on_failure = metrics.delivery_failed
    writer = MetricsWriter(
        metrics,
        config.textfile,
        config.pushgateway,
        config.interval,
        refresh=KioskState(metrics, live, settings.data_dir, content_version),
    )
    writer.start()
    return RunningMetrics(metrics, wiring, writer)


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fbss-kiosk")
    except PackageNotFoundError:
        return "unknown"
