"""Composition root: the only place that loads content, builds the window and wires them."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.appointments.service import RequestService
from kiosk.content import Content
from kiosk.content.source import ContentSource, ContentState, Loaded
from kiosk.logs import setup_logging
from kiosk.paths import default_data_dir, default_log_dir
from kiosk.supervision import InstanceLock, SdNotify
from kiosk.ui.after_paint import AfterFirstPaint, first_visible
from kiosk.ui.app_filter import (
    add_app_filter,
    hold_app_filter,
    release_app_filter,
    remove_app_filter,
)
from kiosk.ui.content_watcher import ContentWatcher
from kiosk.ui.idle import ACTIVITY_EVENTS, ActivityFilter, IdleController
from kiosk.ui.lifetime import while_alive
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import MainWindow, Submit
from kiosk.ui.theme import Theme
from kiosk.ui.watchdog import WatchdogPinger

# Imported once the start screen is painted (Kiosk.after_first_paint), not before it.
if TYPE_CHECKING:
    from kiosk.delivery.config import DeliverySettings
    from kiosk.delivery.worker import DeliveryWorker
    from kiosk.staff.desk import StaffDesk
    from kiosk.ui.speech import Speaker
    from kiosk.ui.staff_mode import StaffMode

log = logging.getLogger("kiosk")


def run(args: argparse.Namespace) -> int:
    log_file = setup_logging(
        getattr(args, "log_dir", None) or default_log_dir(), getattr(args, "log_level", "INFO")
    )
    log.info("logging to %s", log_file or "the console only")
    data_dir = args.data_dir or default_data_dir()
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
    kiosk = Kiosk(app, args, data_dir)
    app.aboutToQuit.connect(kiosk.close)
    delivery = getattr(args, "delivery", None)
    if delivery is not None and delivery.channels and not kiosk.preview:
        kiosk.deliver(delivery)  # staff previews never send anything
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


def restart_process() -> None:
    """Staff asked for a restart and nobody supervises us: replace this process."""
    log.info("restarting")
    logging.shutdown()
    os.execv(sys.executable, [sys.executable, *sys.argv])


def crash_and_restart(kind: type[BaseException], error: BaseException, tb: object) -> None:
    """An unexpected error: log it (type and place, no patient data) and exit non-zero so
    the supervisor starts a fresh kiosk instead of leaving a half-working screen."""
    # The message is left out on purpose: it could quote something a patient typed.
    frames = traceback.extract_tb(tb)  # type: ignore[arg-type]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    log.critical("unexpected %s at %s; exiting so the supervisor restarts", kind.__name__, where)
    logging.shutdown()
    os._exit(70)


def report(loaded: Loaded, path: Path) -> None:
    """Every content problem goes to the log with its place; never patient data."""
    for error in loaded.errors:
        log.error("content: %s", error)
    for warning in loaded.warnings:
        log.warning("content: %s", warning)
    if loaded.errors:
        print(f"{path}: content is not valid; run `python main.py validate`", file=sys.stderr)
    if loaded.from_snapshot:
        log.warning("content: showing the last good content until %s is fixed", path)


class Kiosk:
    """Holds the window, the idle watch and the content watch for the app's lifetime."""

    def __init__(
        self, app: QApplication, args: argparse.Namespace, data_dir: Path, debounce_ms: int = 500
    ):
        self.app, self.args = app, args
        # Preview: a window for staff at a desk; edits show at once and nothing times out.
        self.preview = bool(getattr(args, "preview", False))
        self.source = ContentSource(args.content, data_dir)
        self.service = RequestService(data_dir, getattr(args, "region", "US"))
        app.aboutToQuit.connect(self.service.close)
        self.data_dir = data_dir
        self.window: QWidget | None = None
        self.idle: IdleController | None = None
        self.activity: ActivityFilter | None = None
        self.lockdown: Lockdown | None = None
        self.staff: StaffMode | None = None
        self.speaker: Speaker | None = None  # see start_speech
        self.delivery_settings: DeliverySettings | None = None
        self.delivery: DeliveryWorker | None = None
        self.after_paint: AfterFirstPaint | None = None
        self.painted = False  # the first window has been painted
        self.content_state = ContentState(Loaded(None), self.source.content_path, datetime.now())
        self._desk: StaffDesk | None = None
        # Everything of the kiosk's own that has a timer (the content watch, the steps
        # after the first paint) belongs to this object and ends with close().
        self.lifetime = QObject()
        self.watcher = ContentWatcher(
            self.source.content_path, self.source.assets_dir, debounce_ms, parent=self.lifetime
        )
        self.watcher.changed.connect(self.reload)
        self.closed = False

    @property
    def desk(self) -> StaffDesk:
        """What the staff menu does, made when staff mode is first set up."""
        if self._desk is None:
            from kiosk.staff.desk import StaffDesk

            self._desk = StaffDesk(
                self.data_dir,
                content_state=lambda: self.content_state,
                reload_content=self.staff_reload,
                run_doctor=self.run_doctor,
                quit_app=self.quit,
            )
        return self._desk

    def deliver(self, settings: DeliverySettings) -> None:
        """Requests to the clinic: from now on each saved request gets a delivery job per
        channel. The worker (a plain thread with its own SQLite connection, never Qt)
        starts after the first paint and then sends whatever is waiting."""
        self.delivery_settings = settings
        self.service.deliver_to(settings.channels, notify=self._wake_delivery)

    def _wake_delivery(self) -> None:
        if self.delivery is not None:
            self.delivery.wake()

    def start(self) -> None:
        # Idle, lockdown and keyboard handling start watching once the start screen is up
        # (kiosk/ui/app_filter.py): nobody can have touched it before it was painted.
        hold_app_filter()
        loaded = self.source.load_at_start(snapshot_in_background=True)
        self.note(loaded)
        self.show(loaded.content)
        state = "content ok" if loaded.content else "OUT OF SERVICE: no valid content"
        log.info("kiosk started (%s)", state)
        # Only the start screen is built before the first paint; the rest follows, one
        # step per turn of the event loop (docs/benchmarks.md).
        assert self.window is not None
        self.after_paint = AfterFirstPaint(
            first_visible(self.window),
            [
                self.after_first_paint,
                self.warm_up,
                self.start_delivery,
                self.keep_awake,
                # Last: the speech engine can take seconds to connect (speech-dispatcher
                # at boot), and the start screen needs no speech.
                self.start_speech,
            ],
            owner=self.lifetime,
        )

    def after_first_paint(self) -> None:
        self.painted = True
        release_app_filter()
        self.finish_window()

    def close(self) -> None:
        """Stop everything the kiosk started (at quit, and when a test is done with it):
        no timer, watch or thread of a closed kiosk may call into it again."""
        if self.closed:
            return
        self.closed = True
        if shiboken6.isValid(self.lifetime):
            self.lifetime.deleteLater()  # the content watch and the after-paint steps
        self.after_paint = None
        if self.idle is not None and shiboken6.isValid(self.idle):
            self.idle.stop()
        if self.activity is not None:
            remove_app_filter(self.activity)
            self.activity = None
        if self.delivery is not None:
            self.delivery.stop()
        if self.speaker is not None:
            self.speaker.stop()
        if self.lockdown is not None:
            self.lockdown.allow_exit()
            self.lockdown.release()
            self.lockdown = None
        window, self.window = self.window, None
        if window is not None and shiboken6.isValid(window):
            window.close()
            window.deleteLater()
        self.service.close()

    def finish_window(self) -> None:
        """What the current window needs once the start screen is up: the home screen
        behind it and the staff gesture."""
        window = self.window
        if not isinstance(window, MainWindow) or not shiboken6.isValid(window):
            return
        if not self.preview:
            window.prepare_home()
            if self.staff is None:
                from kiosk.staff.pin import StaffPin
                from kiosk.ui.staff_mode import StaffMode

                self.staff = StaffMode(window, StaffPin(self.data_dir), self.desk)

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

    def start_delivery(self) -> None:
        if self.delivery_settings is None or self.delivery is not None:
            return
        from kiosk.delivery.setup import build_worker

        self.delivery = build_worker(self.delivery_settings, self.data_dir)
        self.app.aboutToQuit.connect(self.delivery.stop)
        self.delivery.start()

    def keep_awake(self) -> None:
        if getattr(self.args, "keep_awake", False) and not self.args.windowed:
            from kiosk.keep_awake import keep_display_awake

            log.info("keep awake: %s", keep_display_awake())

    def start_speech(self) -> None:
        if self.speaker is None:
            from kiosk.ui.speech import Speaker

            self.speaker = Speaker(getattr(self.args, "speech_engine", "") or None, self.app)
        window = self.window
        if isinstance(window, MainWindow) and shiboken6.isValid(window) and window.speaker is None:
            window.set_speaker(self.speaker)

    def reload(self) -> None:
        """A saved edit: a good one is used at the next reset (at once on the start
        screen); a broken one is logged and the kiosk keeps what it shows."""
        if self.closed:
            return
        loaded = self.source.reload()
        self.note(loaded)
        if loaded.content is None:
            log.error("content: edit rejected; still showing the previous content")
        elif isinstance(self.window, MainWindow) and self.preview:
            self.window.replace_content_now(loaded.content)
            log.info("content: preview updated")
        elif isinstance(self.window, MainWindow):
            self.window.offer_content(loaded.content)
            log.info("content: new content accepted")
        else:
            self.show(loaded.content)  # out of service until now: back in service

    def note(self, loaded: Loaded) -> None:
        report(loaded, self.source.content_path)
        if loaded.content is None and self.content_state.loaded.content is not None:
            # A broken edit: the kiosk keeps what it shows; staff see the new errors.
            kept = self.content_state.loaded
            loaded = Loaded(kept.content, loaded.errors, loaded.warnings, from_snapshot=True)
        self.content_state = ContentState(loaded, self.source.content_path, datetime.now())

    def staff_reload(self) -> ContentState:
        self.reload()
        return self.content_state

    def run_doctor(self, out: Callable[[str], None]) -> int:
        from kiosk.doctor import run_doctor

        flags = {"content": self.args.content, "data_dir": self.data_dir}
        return run_doctor(getattr(self.args, "settings", None), flags, out)

    def quit(self, code: int) -> None:
        if self.lockdown is not None:
            self.lockdown.allow_exit()
        self.app.exit(code)

    def show(self, content: Content | None) -> None:
        args = self.args
        old = self.window
        window = build_window(
            content,
            args.lang,
            self.service.submit,
            args.idle_timeout,
            self.speaker,
            start_on_attract=not self.preview,
        )
        if self.activity is not None:
            remove_app_filter(self.activity)
            self.activity = None
        if self.idle is not None and shiboken6.isValid(self.idle):
            self.idle.stop()  # the old window may take a while to go: no reset of it
        self.idle = None
        if isinstance(window, MainWindow) and not self.preview:
            self.idle = IdleController(args.idle_timeout, args.idle_warning)
            self.activity = wire_idle(self.app, window, self.idle)  # owned by the window
        if args.windowed or self.preview:
            width, height = args.size or (1280, 800)
            window.resize(width, height)
            window.show()
        else:
            window.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
            # Take the whole screen ourselves so no window manager is needed.
            screens = self.app.screens()
            index = getattr(args, "screen", 0) or 0
            screen = screens[index] if index < len(screens) else self.app.primaryScreen()
            window.setGeometry(screen.geometry())
            window.showFullScreen()
        if self.lockdown is not None:
            self.lockdown.allow_exit()  # the old window may close; the new one is locked
            self.lockdown.release()
            self.lockdown = None
        if not self.preview:
            hide = getattr(args, "hide_cursor", True) and not args.windowed
            self.lockdown = Lockdown(self.app, window, hide_cursor=hide)
        self.staff = None
        self.window = window
        if old is not None:
            old.close()
            old.deleteLater()
        if self.painted:  # a later window (back in service): finish it at once
            self.finish_window()


def build_window(
    content: Content | None,
    lang: str | None,
    submit: Submit | None = None,
    idle_seconds: float = 120,
    speaker: Speaker | None = None,
    start_on_attract: bool = False,
) -> QWidget:
    if content is None:
        from kiosk.ui.screens.out_of_service import OutOfServiceScreen

        return OutOfServiceScreen()
    return MainWindow(
        content,
        lang,
        submit=submit,
        idle_seconds=idle_seconds,
        speaker=speaker,
        start_on_attract=start_on_attract,
    )


def wire_idle(app: QApplication, window: MainWindow, idle: IdleController) -> ActivityFilter:
    """Connect activity, the idle timer and the window's warning and reset. The idle watch
    and its activity filter become the window's: they are deleted with it, and what they
    ask the window goes through weak references (kiosk/ui/lifetime.py)."""
    idle.setParent(window)
    activity = ActivityFilter(idle)
    add_app_filter(activity, ACTIVITY_EVENTS)
    activity.activity.connect(idle.on_activity)
    idle.extra_time = while_alive(window.reading_time_bonus, 0.0)
    idle.busy = while_alive(window.speech_busy, False)
    idle.warning_started.connect(window.show_idle_warning)
    idle.countdown.connect(window.update_idle_countdown)
    idle.warning_cleared.connect(window.hide_idle_warning)
    idle.expired.connect(window.reset_session)
    window.still_here.connect(idle.still_here)
    window.session_started.connect(idle.wake)
    window.session_reset.connect(idle.sleep)
    return activity
