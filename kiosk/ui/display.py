"""The kiosk's one window at a time: building it for the content (or the out-of-service
screen), full screen or windowed, with its idle watch, lockdown and staff gesture; and
replacing it whole when the kiosk comes back into service. kiosk/app.py composes it; the
live content (kiosk/content/live.py) tells it what to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.content import Content
from kiosk.content.placeholders import fill_content, settings_values
from kiosk.settings import Settings
from kiosk.ui.app_filter import add_app_filter, remove_app_filter
from kiosk.ui.idle import ACTIVITY_EVENTS, ActivityFilter, IdleController
from kiosk.ui.lifetime import while_alive
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import MainWindow

if TYPE_CHECKING:  # imported once the start screen is painted
    from kiosk.appointments.service import Submit
    from kiosk.staff.desk import StaffDesk
    from kiosk.staff.pin import StaffPin
    from kiosk.ui.speech import Speaker
    from kiosk.ui.staff_mode import StaffMode


@dataclass(frozen=True)
class Look:
    """How the window is put on the screen, from the settings."""

    windowed: bool
    size: tuple[int, int]
    screen: int
    hide_cursor: bool
    idle_timeout: float
    idle_warning: float
    confirmation_seconds: float
    lang: str | None
    preview: bool  # a staff window: no idle watch, no lockdown, no start screen
    take_home_url: str = ""  # the base of each topic's QR code (the setting); "": none
    # What `{emergency_number}` in the content shows (kiosk/content/placeholders.py).
    emergency_number: str = Settings.emergency_number


class Display:
    def __init__(
        self,
        app: QApplication,
        look: Look,
        submit: Submit,
        staff: Callable[[], tuple[StaffPin, StaffDesk]],
        on_reset: Callable[[], None] = lambda: None,
    ):
        """`staff`: the PIN and the desk, asked for once the first window is painted.
        `on_reset`: each window's reset (pending content has been taken)."""
        self.app, self.look, self.submit = app, look, submit
        self._staff_parts, self._on_reset = staff, on_reset
        self.window: QWidget | None = None
        self.idle: IdleController | None = None
        self.activity: ActivityFilter | None = None
        self.lockdown: Lockdown | None = None
        self.staff: StaffMode | None = None
        self.speaker: Speaker | None = None
        self.painted = False  # the first window has been painted
        self.on_window: Callable[[QWidget], None] | None = None  # each new window (metrics)

    def show(self, content: Content | None) -> None:
        look, old = self.look, self.window
        window = build_window(
            content,
            look.lang,
            self.submit,
            look.idle_timeout,
            self.speaker,
            start_on_attract=not look.preview,
            confirmation_seconds=look.confirmation_seconds,
            take_home_url=look.take_home_url,
            emergency_number=look.emergency_number,
        )
        self._stop_idle()
        if isinstance(window, MainWindow) and not look.preview:
            self.idle = idle_for(window, look.idle_timeout, look.idle_warning)
            self.activity = wire_idle(self.app, window, self.idle)  # owned by the window
        elif not look.preview:  # out of service: staff pages there close by themselves too
            from kiosk.ui.screens.out_of_service import OutOfServiceScreen, watch_staff_idle

            if isinstance(window, OutOfServiceScreen):
                timeouts = look.idle_timeout, look.idle_warning
                self.idle, self.activity = watch_staff_idle(self.app, window, *timeouts)
        if isinstance(window, MainWindow):
            window.session_reset.connect(self._on_reset)
        if look.windowed:
            window.resize(*look.size)
            window.show()
        else:
            window.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
            # Take the whole screen ourselves so no window manager is needed.
            screens = self.app.screens()
            index = look.screen
            screen = screens[index] if index < len(screens) else self.app.primaryScreen()
            window.setGeometry(screen.geometry())
            window.showFullScreen()
        self._release_lockdown()  # the old window may close; the new one is locked
        if not look.preview:
            hide = look.hide_cursor and not look.windowed
            self.lockdown = Lockdown(self.app, window, hide_cursor=hide)
        self.staff = None
        self.window = window
        if old is not None:
            old.close()
            old.deleteLater()
        if self.painted:  # a later window (back in service): finish it at once
            self.finish_window()
        if self.on_window is not None:
            self.on_window(window)

    def replace_now(self, content: Content) -> None:
        if isinstance(self.window, MainWindow):
            self.window.replace_content_now(self._filled(content))

    def offer(self, content: Content) -> None:
        if isinstance(self.window, MainWindow):
            self.window.offer_content(self._filled(content))

    def _filled(self, content: Content) -> Content:
        return fill_content(content, settings_values(self.look.emergency_number))

    def first_painted(self) -> None:
        self.painted = True
        self.finish_window()

    def finish_window(self) -> None:
        """What the current window needs once the start screen is up: the home screen
        behind it and the staff gesture."""
        window = self.window
        if window is not None and not isinstance(window, MainWindow):
            self._finish_out_of_service(window)
        if not isinstance(window, MainWindow) or not shiboken6.isValid(window):
            return
        if not self.look.preview:
            window.prepare_home()
            if self.staff is None:
                from kiosk.ui.staff_mode import StaffMode

                self.staff = StaffMode(window, *self._staff_parts())

    def _finish_out_of_service(self, window: QWidget) -> None:
        """The staff gesture and the reason line for staff, on the out-of-service screen."""
        from kiosk.ui.screens.out_of_service import OutOfServiceScreen

        if not isinstance(window, OutOfServiceScreen) or not shiboken6.isValid(window):
            return
        if self.look.preview or self.staff is not None:
            return
        from kiosk.ui.staff_mode import StaffMode

        pin, desk = self._staff_parts()
        window.reason_source = lambda: desk.out_of_service_reason(window.lang)
        window.refresh_reason()
        self.staff = StaffMode(window, pin, desk)

    def use_speaker(self, speaker: Speaker) -> None:
        self.speaker = speaker
        window = self.window
        if isinstance(window, MainWindow) and shiboken6.isValid(window) and window.speaker is None:
            window.set_speaker(speaker)

    def exit(self, code: int) -> None:
        """Staff's restart or exit: the lockdown lets the window go, then the app ends."""
        if self.lockdown is not None:
            self.lockdown.allow_exit()
        self.app.exit(code)

    def close(self) -> None:
        self._stop_idle()
        self._release_lockdown()
        window, self.window = self.window, None
        if window is not None and shiboken6.isValid(window):
            window.close()
            window.deleteLater()

    def _stop_idle(self) -> None:
        if self.activity is not None:
            remove_app_filter(self.activity)
            self.activity = None
        if self.idle is not None and shiboken6.isValid(self.idle):
            self.idle.stop()  # the old window may take a while to go: no reset of it
        self.idle = None

    def _release_lockdown(self) -> None:
        if self.lockdown is not None:
            self.lockdown.allow_exit()
            self.lockdown.release()
            self.lockdown = None


def build_window(
    content: Content | None,
    lang: str | None,
    submit: Submit | None = None,
    idle_seconds: float | None = None,
    speaker: Speaker | None = None,
    start_on_attract: bool = False,
    confirmation_seconds: float = Settings.confirmation_seconds,
    take_home_url: str = "",
    emergency_number: str = Settings.emergency_number,
) -> QWidget:
    """The window for `content`, its placeholders filled in for this kiosk."""
    if content is None:
        from kiosk.ui.screens.out_of_service import OutOfServiceScreen

        return OutOfServiceScreen(lang or "en")
    content = fill_content(content, settings_values(emergency_number))
    if idle_seconds is None:  # a test's window: the window's own default
        window = MainWindow(content, lang, submit=submit, speaker=speaker)
    else:
        window = MainWindow(
            content,
            lang,
            submit=submit,
            idle_seconds=idle_seconds,
            speaker=speaker,
            start_on_attract=start_on_attract,
            confirmation_ms=round(confirmation_seconds * 1000),
        )
    window.take_home_url = take_home_url
    return window


def idle_for(
    window: MainWindow, timeout_s: float, warning_s: float, **options: Any
) -> IdleController:
    """The idle watch of one window: it asks the window for reading time and whether speech
    is reading through weak references (kiosk/ui/lifetime.py), and dies with it."""
    return IdleController(
        timeout_s,
        warning_s,
        extra_time=while_alive(window.reading_time_bonus, 0.0),
        busy=while_alive(window.speech_busy, False),
        parent=window,
        **options,  # a test's clock and poll interval
    )


def wire_idle(app: QApplication, window: MainWindow, idle: IdleController) -> ActivityFilter:
    """Connect activity, the idle timer and the window's warning and reset. The idle watch
    and its activity filter become the window's: they are deleted with it."""
    idle.setParent(window)
    activity = ActivityFilter(idle)
    add_app_filter(activity, ACTIVITY_EVENTS)
    activity.activity.connect(idle.on_activity)
    idle.warning_started.connect(window.show_idle_warning)
    idle.countdown.connect(window.update_idle_countdown)
    idle.warning_cleared.connect(window.hide_idle_warning)
    idle.expired.connect(window.reset_session)
    window.still_here.connect(idle.still_here)
    window.session_started.connect(idle.wake)
    window.session_reset.connect(idle.sleep)
    return activity
