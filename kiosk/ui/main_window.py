"""The kiosk window, the shell: the start screen, and the nav bar over a stack of screens
over the accessibility bar. The only place screens switch. Its jobs have small modules: the
router (router.py: which screen, the ones kept for Back), speech_control, look_switch,
content_swap, shell_bars and bar_state, between_patients (start screen, reset),
extra_pages (staff), idle_warning and place_keeping (a language switch)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.content import Content
from kiosk.patient.navigation import HOME, History, Route, RouteKind
from kiosk.patient.session import SessionState
from kiosk.settings import Settings
from kiosk.ui.app_filter import app_filter_paused
from kiosk.ui.bar_state import show_bars
from kiosk.ui.between_patients import BetweenPatients
from kiosk.ui.content_swap import ContentSwap
from kiosk.ui.extra_pages import ExtraPages
from kiosk.ui.idle_warning import MAX_READING_BONUS_S as MAX_READING_BONUS_S  # tests read it here
from kiosk.ui.idle_warning import IdleWarning
from kiosk.ui.keyboard_nav import KeyboardNavigation
from kiosk.ui.look_switch import LookSwitch
from kiosk.ui.place_keeping import switch_language_in_place
from kiosk.ui.router import Router
from kiosk.ui.shell_bars import build_bars
from kiosk.ui.speech_control import SpeechControl

# The bars, the screens, the idle warning and speech are imported when first needed: the
# start screen is on the glass sooner (docs/benchmarks.md). The kiosk builds them once it
# has painted (kiosk/app.py), so no patient's tap waits for them either.
if TYPE_CHECKING:  # the request service is imported after the first paint (kiosk/app.py)
    from kiosk.appointments.service import Submit
    from kiosk.ui.prebuild import Prebuild
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.speech import Speaker
    from kiosk.ui.widgets.access_bar import AccessBar
    from kiosk.ui.widgets.idle_overlay import IdleOverlay
    from kiosk.ui.widgets.nav_bar import NavBar


class MainWindow(QWidget):
    screen_changed = Signal(str)  # the route kind now shown
    session_started = Signal()  # the start screen was touched
    session_reset = Signal()
    still_here = Signal()  # the patient answered the idle warning
    route_opened = Signal(str, str)  # kind and id of a screen opened (not Back; for metrics)
    nav: NavBar  # the bars and the screens' stack: built with kiosk_page (shell_bars.py)
    access: AccessBar
    stack: QStackedWidget
    prebuild: Prebuild  # built with the bars
    take_home_url = ""  # where the topics' QR codes point (build_window sets it); "": none

    def __init__(
        self,
        content: Content,
        lang: str | None = None,
        submit: Submit | None = None,
        idle_seconds: float = Settings.idle_timeout,
        confirmation_ms: int = round(Settings.confirmation_seconds * 1000),
        speaker: Speaker | None = None,
        start_on_attract: bool = False,
    ):
        """`start_on_attract`: open on the start screen with no home screen built yet (the
        kiosk builds it with prepare_home() once the start screen is painted)."""
        super().__init__()
        self.setObjectName("kioskRoot")
        self.content = content
        self.submit = submit
        self.idle_seconds = idle_seconds
        self.between = BetweenPatients(self, lang)
        self.confirmation_seconds = max(1, round(confirmation_ms / 1000))
        self.confirmation_timer = self.between.confirmation_timer(confirmation_ms)
        self.swap = ContentSwap(self)
        self.extra = ExtraPages(self)
        self.idle = IdleWarning(self)
        self.session = SessionState(self.between.first_lang)
        self.speech = SpeechControl(self, lambda: self.session, self._access_bar, self._page)
        self.look = LookSwitch(self, lambda: self.session, self._restyled, self._parts)
        self.pages = QStackedWidget()
        self.attract = self.between.new_attract()
        self._kiosk_page: QWidget | None = None  # the bars and the screens: see kiosk_page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        if speaker is not None:
            self.set_speaker(speaker)
        # Tab focus only: a tap on an on-screen key (which takes no focus) must not move
        # focus to the window, or the field would stop taking a physical keyboard's typing.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.keys = KeyboardNavigation(self, self._key_back, lambda: not self.on_start_screen)
        if start_on_attract:
            self.between.to_start_screen()
        else:
            self.pages.setCurrentWidget(self.kiosk_page)
            self._show(HOME)

    def renew_start_screen(self) -> None:
        """A start screen for the window's (new) content in place of the old one."""
        self.between.renew_start_screen()

    @property
    def lang(self) -> str:
        return self.session.lang

    @property
    def history(self) -> History:
        return self.session.history

    @property
    def on_start_screen(self) -> bool:
        return self.pages.currentWidget() is self.attract

    @property
    def kiosk_page(self) -> QWidget:
        """The patient pages: `nav`, `stack` and `access`. Built on first use, so a kiosk
        that opens on its start screen paints that first."""
        return self._ensure_kiosk_page()

    def _ensure_kiosk_page(self) -> QWidget:
        if self._kiosk_page is None:
            self.nav, self.access, self.stack, page = build_bars(self)
            from kiosk.ui.prebuild import Prebuild  # after the first paint, like the bars

            self.router = Router(self, self.stack)
            self.router.ahead = self.prebuild = Prebuild(self)
            self.router.look = self.look.follow
            self.router.discard = self.prebuild.discard
            self.pages.addWidget(page)
            self._kiosk_page = page
        return self._kiosk_page

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            # A paint sends every widget it draws a Paint event, never an input event: the
            # application filter is off while it runs (app_filter.py).
            with app_filter_paused():
                return super().event(event)
        return super().event(event)

    def _parts(self) -> list[QWidget]:
        """What of the window shows now, for the look (look_switch.py)."""
        shown: list[QWidget | None] = [self.extra.page, self.idle.built]
        if self.on_start_screen:
            shown.append(self.attract)
        if self._kiosk_page is not None:
            shown += [self.nav, self.access, self.stack.currentWidget()]
        return [part for part in shown if part is not None]

    def _restyled(self) -> None:
        """After a look switch: the bar shows the new state, and the hidden screens take
        the look once the switch is painted."""
        self.speech.show_state()
        if self._kiosk_page is not None:
            self.prebuild.restyle_hidden()

    def _access_bar(self) -> AccessBar | None:
        return self.access if self._kiosk_page is not None else None

    def _page(self) -> Screen:
        """What speech reads: the staff page when one is up, else the patient's screen."""
        return self.extra.page or self.current_screen

    @property
    def overlay(self) -> IdleOverlay:
        """The 'still there?' warning, built the first time it is needed."""
        return self.idle.overlay

    # Between patients --------------------------------------------------------------
    def reset_session(self) -> None:
        """Wipe everything the last patient touched and return to the start screen."""
        self.between.reset()

    def prepare_home(self) -> None:
        """Build the home screen behind the painted start screen (see BetweenPatients)."""
        self.between.prepare_home()

    def wake(self, lang: str = "") -> None:
        """The start screen was touched: home, in `lang` when the patient chose one."""
        self.between.wake(lang)

    def show_home_fresh(self) -> None:
        self._show(HOME, fresh=True)

    def show_extra_page(self, page: Screen) -> None:
        """A full page outside the patient flow (staff mode), gone at the next reset."""
        self.extra.show(page)

    def close_extra_page(self) -> None:
        self.extra.close()

    @property
    def extra_page(self) -> Screen | None:
        return self.extra.page

    @property
    def staff_taps(self) -> SignalInstance:
        """What the staff gesture counts: taps on the top bar's title (kiosk/ui/staff_mode.py)."""
        return self.nav.title_tapped

    def offer_content(self, content: Content) -> None:
        """New content is used at once on the start screen, otherwise at the next reset,
        never under a patient's finger."""
        self.swap.offer(content)

    def replace_content_now(self, content: Content) -> None:
        """Staff preview only (see ContentSwap.replace_now)."""
        self.swap.replace_now(content)

    def show_current_fresh(self) -> None:
        self._show(self.history.current, fresh=True)

    def show_idle_warning(self, seconds: int) -> None:
        self.idle.show(seconds)

    def update_idle_countdown(self, seconds: int) -> None:
        self.idle.set_seconds(seconds)

    def hide_idle_warning(self) -> None:
        self.idle.hide()

    def reading_time_bonus(self) -> float:
        """Extra idle time for the words on screen, so long topics are not cut short."""
        return self.idle.reading_time_bonus()

    # Intent from screens and the bar -------------------------------------------------
    def go_home(self) -> None:
        self.confirmation_timer.stop()
        self.history.clear()
        self._show(HOME)

    def _key_back(self) -> None:
        if self.extra.page is not None:
            self.close_extra_page()
        else:
            self.go_back()

    def go_back(self) -> None:
        self._show(self.history.back())

    def open_section(self, section_id: str) -> None:
        self._open(Route(RouteKind.SECTION, section_id))

    def open_topic(self, topic_id: str) -> None:
        self._open(Route(RouteKind.TOPIC, topic_id))

    def next_topic(self, topic_id: str) -> None:
        # Next replaces the current topic in history, so Back returns to the section list.
        self.history.back()
        self.open_topic(topic_id)

    def open_about(self) -> None:
        self._open(Route(RouteKind.ABOUT))

    def open_request(self, topic_id: str = "") -> None:
        self._open(Route(RouteKind.REQUEST, topic_id))

    def keyboard_shown(self, up: bool) -> None:
        """The on-screen keyboard takes the accessibility bar's place while it is up."""
        self.access.setHidden(up)

    def request_saved(self, reference: str) -> None:
        """The form stored its request: thank the patient."""
        # The filled form is destroyed now; Back from the thank-you goes home, not to it.
        self.history.clear()
        self._open(Route(RouteKind.CONFIRMATION, reference))
        self.confirmation_timer.start()

    def show_route(self, route: Route) -> None:
        """Straight to a route, fresh history and screens (previews and tests)."""
        self.pages.setCurrentWidget(self.kiosk_page)
        self.history.clear()
        self.history.push(route)
        self._show(route, fresh=True)

    def next_language(self) -> None:
        langs = self.content.languages
        self.set_language(langs[(langs.index(self.lang) + 1) % len(langs)])

    def set_language(self, lang: str) -> None:
        """Switch language in place: same screen, same scroll position."""
        if lang == self.lang or lang not in self.content.languages:
            return
        switch_language_in_place(self, lang)

    # Text size, contrast and speech (A1-A3): look_switch.py, speech_control.py -----------
    def next_text_size(self) -> None:
        self.look.next_text_size()

    def toggle_contrast(self) -> None:
        self.look.toggle_contrast()

    @property
    def speaker(self) -> Speaker | None:
        return self.speech.speaker

    def set_speaker(self, speaker: Speaker) -> None:
        """Speech arrives after the first screen is up (its engine can take seconds)."""
        self.speech.set_speaker(speaker)

    def speech_busy(self) -> bool:
        """Reading aloud (or paused mid-screen): the patient is listening, not gone."""
        return self.speech.busy

    def read_screen(self) -> None:
        self.speech.read_screen()

    # Showing screens -----------------------------------------------------------------
    @property
    def current_screen(self) -> Screen:
        from kiosk.ui.screens.base import Screen

        self._ensure_kiosk_page()
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def _open(self, route: Route) -> None:
        self.history.push(route)
        self._show(route)
        shown = self.history.current  # Home, when the id vanished with a content change
        self.route_opened.emit(shown.kind.value, shown.ident)

    def _show(self, route: Route, fresh: bool = False) -> None:
        """Show the history's current route (`route`) with the bars in its state."""
        self._ensure_kiosk_page()  # the bars every screen comes with
        route, screen = self.router.show(self.history, route, fresh)
        if route.kind is not RouteKind.CONFIRMATION:
            self.confirmation_timer.stop()  # gone on reading: no surprise reset later
        show_bars(self, route)
        self.speech.show_state()
        self.setWindowTitle(f"{self.content.clinic_name.get(self.lang)} - {screen.title}")
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.idle.count_words(screen)
        self.read_screen()  # speech mode reads each new screen from the top
        self.screen_changed.emit(route.kind.value)
        self.prebuild.after_show(route)  # what its taps lead to, once it is painted
