"""Composition root: the only place that loads content, builds the window and wires them."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.content import Content
from kiosk.content.live import LiveContent
from kiosk.content.source import ContentSource
from kiosk.delivery.later import DeliveryLater
from kiosk.launch import Launch
from kiosk.logs import setup_logging
from kiosk.supervision import InstanceLock, SdNotify, crash_and_restart, restart_process
from kiosk.ui.after_paint import AfterFirstPaint, first_visible
from kiosk.ui.app_filter import hold_app_filter, release_app_filter
from kiosk.ui.content_watcher import ContentWatcher
from kiosk.ui.display import Display, Look, build_window, wire_idle
from kiosk.ui.idle import IdleController
from kiosk.ui.theme import Theme
from kiosk.ui.watchdog import WatchdogPinger

# Imported once the start screen is painted (Kiosk.after_first_paint), not before it.
if TYPE_CHECKING:
    from kiosk.appointments.service import Outcome, Reasons, RequestService
    from kiosk.staff.desk import StaffDesk
    from kiosk.staff.pin import StaffPin
    from kiosk.ui.metrics_wiring import RunningMetrics
    from kiosk.ui.speech import Speaker
    from kiosk.ui.staff_mode import StaffMode
    from kiosk.ui.update_poller import UpdatePoller

__all__ = ["Kiosk", "build_window", "run", "wire_idle"]  # the last two: tests build windows

log = logging.getLogger("kiosk")


def run(launch: Launch) -> int:
    settings = launch.settings
    log_file = setup_logging(settings.log_dir, settings.log_level)
    log.info("logging to %s", log_file or "the console only")
    data_dir = settings.data_dir
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = InstanceLock(data_dir)
    if not lock.acquire():
        print(f"another kiosk is already running with the data folder {data_dir}", file=sys.stderr)
        log.error("not started: another kiosk uses %s", data_dir)
        return 1
    sys.excepthook = crash_and_restart
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("FBSS kiosk")
    Theme().apply(app)
    kiosk = Kiosk(app, launch)
    app.aboutToQuit.connect(kiosk.close)
    kiosk.start()
    if os.environ.get("FBSS_KIOSK_BENCH_REPORT"):  # `make bench` times the first paint
        from kiosk.first_paint import watch_first_paint

        probe = watch_first_paint(kiosk.window)  # noqa: F841 - lives as long as the loop
    notify = SdNotify()
    WatchdogPinger(notify, parent=app)  # pings from the GUI thread until the app ends
    notify.ready()
    code = app.exec()
    notify.stopping()
    lock.release()
    from kiosk.staff.desk import EXIT_RESTART

    if code == EXIT_RESTART and not notify.enabled and os.name == "posix":
        # Nobody supervises us (a terminal, an autostart entry): start again in place.
        # systemd restarts the exit code itself; on Windows Shell Launcher or Task
        # Scheduler does, and an exec there would leave a second kiosk fighting the first.
        restart_process()
    return code


class Kiosk:
    """The composition root: builds the parts once from the launch settings, starts them
    (the first screen first) and stops them all at close(). What runs is theirs: the live
    content (kiosk/content/live.py), the window (kiosk/ui/display.py), the request service
    and its delivery (kiosk/delivery/later.py), and the staff desk."""

    def __init__(self, app: QApplication, launch: Launch, debounce_ms: int = 500):
        self.app, self.launch = app, launch
        settings, data_dir = launch.settings, launch.settings.data_dir
        self.data_dir = data_dir
        # Staff previews never send anything.
        sends = settings.delivery.channels and not launch.preview
        self.delivery = DeliveryLater(
            settings.delivery if sends else None, data_dir, time_zone=settings.time_zone
        )
        self._service: RequestService | None = None  # made after the first paint (warm_up)
        self.live = LiveContent(ContentSource(settings.content, data_dir), launch.preview)
        if settings.updates.url:  # signed updates: docs/fleet.md
            from kiosk.ui.update_poller import use_accepted_update

            use_accepted_update(settings, self.live, launch.preview)
        self.updates: UpdatePoller | None = None  # started after the first paint
        self._desk: StaffDesk | None = None
        look = Look(
            windowed=settings.windowed or launch.preview,
            size=launch.window_size,
            screen=settings.screen,
            hide_cursor=settings.hide_cursor,
            idle_timeout=settings.idle_timeout,
            idle_warning=settings.idle_warning,
            confirmation_seconds=settings.confirmation_seconds,
            lang=settings.language or None,
            preview=launch.preview,
            take_home_url=settings.take_home_url,
            emergency_number=settings.emergency_number,
        )
        self.display = Display(
            app, look, self.submit, self.staff_parts, on_reset=self.live.reset_done
        )
        self.speaker: Speaker | None = None  # see start_speech
        self.after_paint: AfterFirstPaint | None = None
        # Everything of the kiosk's own that has a timer (the content watch, the steps
        # after the first paint) belongs to this object and ends with close().
        self.lifetime = QObject()
        source = self.live.source
        self.watcher = ContentWatcher(
            source.content_path, source.assets_dir, debounce_ms, parent=self.lifetime
        )
        self.watcher.changed.connect(self.live.reload)
        self.metrics: RunningMetrics | None = None  # see start_metrics
        self.closed = False

    @property
    def service(self) -> RequestService:
        """The request service, made on first use: after the first paint (warm_up), or by
        a request sent sooner. Its module and SQLite are not needed for the start screen."""
        if self._service is None:
            from kiosk.appointments.service import RequestService

            settings = self.launch.settings
            self._service = RequestService(
                self.data_dir,
                settings.region,
                self.delivery.channels,
                notify=self.delivery.wake,
                kiosk_id=settings.kiosk_id,  # stored with every request (issue 19)
                site=settings.site,
            )
            self.app.aboutToQuit.connect(self._service.close)
        return self._service

    def submit(self, form: Mapping[str, str | bool], reasons: Reasons, lang: str = "") -> Outcome:
        return self.service.submit(form, reasons, lang)

    # What tests and the bench look at, owned by the parts.
    @property
    def source(self) -> ContentSource:
        return self.live.source

    @property
    def window(self) -> QWidget | None:
        return self.display.window

    @property
    def idle(self) -> IdleController | None:
        return self.display.idle

    @property
    def staff(self) -> StaffMode | None:
        return self.display.staff

    def show(self, content: Content | None) -> None:
        self.display.show(content)

    @property
    def desk(self) -> StaffDesk:
        """What the staff menu does, made when staff mode is first set up: it talks to the
        live content, `doctor` and the display, not to the kiosk."""
        if self._desk is None:
            from kiosk.staff.desk import StaffDesk

            doctor = doctor_for(self.launch)
            self._desk = StaffDesk(self.data_dir, self.live, doctor, self.display.exit)
            # Shown in the menu, and the time zone of the times on its requests page.
            settings = self.launch.settings
            self._desk.kiosk_id, self._desk.site = settings.kiosk_id, settings.site
            self._desk.time_zone = settings.time_zone
        return self._desk

    def staff_parts(self) -> tuple[StaffPin, StaffDesk]:
        from kiosk.staff.pin import StaffPin

        return StaffPin(self.data_dir), self.desk

    def start(self) -> None:
        # Idle, lockdown and keyboard handling start watching once the start screen is up
        # (kiosk/ui/app_filter.py): nobody can have touched it before it was painted.
        hold_app_filter()
        self.source.hold_snapshots()  # the copy of the good content: after the first paint
        content = self.live.start(self.display)
        state = "content ok" if content else "OUT OF SERVICE: no valid content"
        log.info("kiosk started (%s)", state)
        # Only the start screen is built before the first paint; the rest follows, one
        # step per turn of the event loop (docs/benchmarks.md).
        assert self.window is not None
        self.after_paint = AfterFirstPaint(
            first_visible(self.window),
            [
                self.after_first_paint,
                self.warm_up,
                self.warm_up_dates,
                self.start_delivery,
                self.start_metrics,
                self.keep_awake,
                self.start_updates,
                # Last: the speech engine can take seconds to connect (speech-dispatcher
                # at boot), and the start screen needs no speech.
                self.start_speech,
            ],
            owner=self.lifetime,
        )

    def after_first_paint(self) -> None:
        release_app_filter()
        self.source.release_snapshots()
        self.display.first_painted()

    def close(self) -> None:
        """Stop everything the kiosk started (at quit, and when a test is done with it):
        no timer, watch or thread of a closed kiosk may call into it again."""
        if self.closed:
            return
        self.closed = True
        if shiboken6.isValid(self.lifetime):
            self.lifetime.deleteLater()  # the content watch and the after-paint steps
        self.after_paint = None
        if self.updates is not None:
            self.updates.stop()
        self.delivery.stop()
        if self.metrics is not None:
            self.metrics.stop()  # the last write, after the last delivery attempt
        if self.speaker is not None:
            self.speaker.stop()
        self.display.close()
        if self._service is not None:
            self._service.close()

    def warm_up(self) -> None:
        """Import what the first taps need (other screens, the form's checks), so no
        patient waits for it."""
        import kiosk.ui.screens.about
        import kiosk.ui.screens.confirmation
        import kiosk.ui.screens.request_form
        import kiosk.ui.screens.section
        import kiosk.ui.screens.topic
        import kiosk.ui.widgets.idle_overlay  # noqa: F401

        self.service.warm_up()

    def warm_up_dates(self) -> None:
        """Babel and the languages' date forms, for About (kiosk/design/dates.py)."""
        from kiosk.design.dates import warm_up

        content = self.live.shown
        if content is not None:
            warm_up(content.languages)

    def start_delivery(self) -> None:
        if self.delivery.start():
            self.app.aboutToQuit.connect(self.delivery.stop)

    def start_updates(self) -> None:
        if not self.launch.preview:  # a staff preview shows the staff's file only
            from kiosk.ui.update_poller import start_updates

            self.updates = start_updates(self.launch.settings, self.live, self.lifetime)

    def start_metrics(self) -> None:
        """The fleet's health and use metrics (docs/fleet.md): off, and not even imported,
        unless `[metrics]` says where they go; never in a staff preview."""
        if self.launch.settings.metrics.enabled and not self.launch.preview and not self.metrics:
            from kiosk.ui.metrics_wiring import start_metrics

            parts = self.live, self.display, self.delivery, self.lifetime
            from kiosk.fleet.status import installed_version

            settings = self.launch.settings
            url, data = settings.updates.url, settings.data_dir
            self.metrics = start_metrics(
                settings, *parts, content_version=lambda: installed_version(url, data)
            )

    def keep_awake(self) -> None:
        if self.launch.settings.keep_awake and not self.display.look.windowed:
            from kiosk.keep_awake import keep_display_awake

            log.info("keep awake: %s", keep_display_awake())

    def start_speech(self) -> None:
        if self.speaker is None:
            from kiosk.ui.speech import Speaker

            self.speaker = Speaker(self.launch.settings.speech_engine or None, self.app)
        self.display.use_speaker(self.speaker)


def doctor_for(launch: Launch) -> Callable[[Callable[[str], None]], int]:
    """`doctor` as the staff menu runs it: on this kiosk's settings file, content and data."""
    settings = launch.settings

    def run_doctor(out: Callable[[str], None]) -> int:
        from kiosk.doctor import run_doctor

        flags: dict[str, object] = {"content": settings.content, "data_dir": settings.data_dir}
        return run_doctor(launch.settings_path, flags, out)

    return run_doctor
