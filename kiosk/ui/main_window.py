"""The kiosk window, the shell: the start screen, and the nav bar over a stack of screens
over the accessibility bar. The only place screens switch. Which screen a route shows and the
screens kept for Back are the router's (router.py); speech, text size and contrast, and new
content have their own small modules (speech_control.py, look_switch.py, content_swap.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.appointments.service import Submit as Submit  # the kiosk's builder imports it here
from kiosk.content import Content
from kiosk.design.i18n import tr
from kiosk.patient.navigation import HOME, History, Route, RouteKind
from kiosk.patient.session import VOLUME_STEP, SessionState
from kiosk.settings import Settings
from kiosk.ui.content_swap import ContentSwap
from kiosk.ui.keyboard_nav import KeyboardNavigation
from kiosk.ui.look_switch import LookSwitch
from kiosk.ui.router import Router
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.speech_control import SpeechControl

# The bars, the screens, the idle warning and speech are imported when first needed: the
# start screen is on the glass sooner (docs/benchmarks.md). The kiosk builds them once it
# has painted (kiosk/app.py), so no patient's tap waits for them either.
if TYPE_CHECKING:
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.speech import Speaker
    from kiosk.ui.widgets.access_bar import AccessBar
    from kiosk.ui.widgets.idle_overlay import IdleOverlay

READING_WORDS_PER_SECOND = 2.0  # slow, careful readers: more time on long screens
MAX_READING_BONUS_S = 120.0


class MainWindow(QWidget):
    screen_changed = Signal(str)  # the route kind now shown
    session_started = Signal()  # the start screen was touched
    session_reset = Signal()
    still_here = Signal()  # the patient answered the idle warning

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
        # Time is injected: the thank-you screen clears itself after confirmation_ms, unless
        # the patient goes on first (any other screen stops it: see _show).
        self.confirmation_seconds = max(1, round(confirmation_ms / 1000))
        self.confirmation_timer = QTimer(self)
        self.confirmation_timer.setSingleShot(True)
        self.confirmation_timer.setInterval(confirmation_ms)
        self.confirmation_timer.timeout.connect(self.reset_session)
        self.swap = ContentSwap(self)
        self._extra_page: Screen | None = None
        self._unseen_home: Screen | None = None  # built by reset_session, not yet shown
        self._words_on_screen = 0
        self.session = SessionState(self._start_language(lang))
        self.speech = SpeechControl(self, lambda: self.session, self._access_bar, self._page)
        self.look = LookSwitch(self, lambda: self.session, self.speech.show_state)
        self.pages = QStackedWidget()
        self.attract = self._new_attract()
        self._kiosk_page: QWidget | None = None  # the bars and the screens: see kiosk_page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._overlay: IdleOverlay | None = None
        if speaker is not None:
            self.set_speaker(speaker)
        # Tab focus only: a tap on an on-screen key (which takes no focus) must not move
        # focus to the window, or the field would stop taking a physical keyboard's typing.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.keys = KeyboardNavigation(self, self._key_back, lambda: not self.on_start_screen)
        if start_on_attract:
            self._to_start_screen()
        else:
            self.pages.setCurrentWidget(self.kiosk_page)
            self._show(HOME)

    def _start_language(self, lang: str | None) -> str:
        self._first_lang = lang if lang in self.content.languages else self.content.default_language
        return self._first_lang

    def _new_attract(self) -> AttractScreen:
        attract = AttractScreen(self.content)
        attract.woken.connect(self.wake)
        self.pages.insertWidget(0, attract)
        return attract

    def renew_start_screen(self) -> None:
        """A start screen for the window's (new) content in place of the old one."""
        old = self.attract
        self.attract = self._new_attract()
        self.pages.removeWidget(old)
        old.deleteLater()

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
        """The patient pages: the top bar, the screens and the accessibility bar (`nav`,
        `stack`, `access`). Built on first use, so a kiosk that opens on its start screen
        paints that first."""
        return self._ensure_kiosk_page()

    def _ensure_kiosk_page(self) -> QWidget:
        if self._kiosk_page is None:
            self._kiosk_page = self._build_kiosk_page()
        return self._kiosk_page

    def _build_kiosk_page(self) -> QWidget:
        from kiosk.ui.widgets.access_bar import AccessBar
        from kiosk.ui.widgets.nav_bar import NavBar

        self.nav = NavBar()
        self.access = AccessBar()
        self.stack = QStackedWidget()
        self.router = Router(self, self.stack)
        kiosk_page = QWidget()
        page = QVBoxLayout(kiosk_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.nav)
        page.addWidget(self.stack, 1)
        page.addWidget(self.access)
        self.pages.addWidget(kiosk_page)
        self.nav.back_requested.connect(self.go_back)
        self.nav.home_requested.connect(self.go_home)
        self.nav.language_requested.connect(self.next_language)
        self.nav.call_requested.connect(self.open_request)  # the same form as Home's tile
        self.access.text_size_requested.connect(self.next_text_size)
        self.access.contrast_requested.connect(self.toggle_contrast)
        self.access.speech_requested.connect(self.toggle_speech)
        self.access.repeat_requested.connect(self.repeat_speech)
        self.access.pause_requested.connect(self.pause_speech)
        self.access.stop_requested.connect(self.stop_speech)
        self.access.quieter_requested.connect(lambda: self.change_volume(-VOLUME_STEP))
        self.access.louder_requested.connect(lambda: self.change_volume(VOLUME_STEP))
        return kiosk_page

    def _access_bar(self) -> AccessBar | None:
        return self.access if self._kiosk_page is not None else None

    def _page(self) -> Screen:
        """What speech reads: the staff page when one is up, else the patient's screen."""
        return self._extra_page or self.current_screen

    @property
    def overlay(self) -> IdleOverlay:
        """The 'still there?' warning, built the first time it is needed."""
        if self._overlay is None:
            from kiosk.ui.widgets.idle_overlay import IdleOverlay

            self._overlay = IdleOverlay(self)
            self._overlay.still_here.connect(self.still_here)
        return self._overlay

    # Between patients --------------------------------------------------------------
    def reset_session(self) -> None:
        """Wipe everything the last patient touched and return to the start screen."""
        if self._overlay is not None:
            self._overlay.hide()
        self.confirmation_timer.stop()
        self._drop_extra_page()
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            QGuiApplication.clipboard().clear(mode)
        self.swap.take_pending()
        # A fresh session object resets every per-patient setting at once; fresh screens
        # carry no text, undo history or scroll position from before.
        self.session = SessionState(self._start_language(self._first_lang))
        self.speech.stop()
        self.look.apply()
        self._build_unseen_home()
        self._to_start_screen()
        self.session_reset.emit()

    def prepare_home(self) -> None:
        """At start-up the kiosk calls this once the start screen is painted: build the
        home screen behind it, so the first tap only shows it (a reset does the same).
        Nothing to do once a patient has already woken the kiosk."""
        if self.on_start_screen and self._unseen_home is None:
            self._build_unseen_home()
            self._to_start_screen()

    def _build_unseen_home(self) -> None:
        self._show(HOME, fresh=True)  # destroys every screen of the last session
        self._unseen_home = self.current_screen  # wake() shows it as it is

    def _to_start_screen(self) -> None:
        self.pages.setCurrentWidget(self.attract)
        self.attract.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setWindowTitle(f"{self.content.clinic_name.get(self.lang)} - start")

    def wake(self, lang: str = "") -> None:
        """The start screen was touched: home, in `lang` when the patient chose one."""
        chosen = lang in self.content.languages and lang != self.lang
        if chosen:
            self.session.lang = lang
        self.pages.setCurrentWidget(self.kiosk_page)
        home, self._unseen_home = self._unseen_home, None
        if home is not None and home is self.stack.currentWidget() and not chosen:
            # The reset just built this home screen for the new session and nobody has seen
            # it: show it rather than build it a second time (about 30 ms of a tap).
            title = self.current_screen.title
            self.setWindowTitle(f"{self.content.clinic_name.get(self.lang)} - {title}")
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            self.read_screen()
            self.screen_changed.emit(HOME.kind.value)
        else:
            self._show(HOME, fresh=True)
        self.session_started.emit()

    def show_extra_page(self, page: Screen) -> None:
        """A full page outside the patient flow (staff mode), gone at the next reset."""
        self._drop_extra_page()
        self._extra_page = page
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.setWindowTitle(f"{self.content.clinic_name.get(self.lang)} - {page.title}")
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_extra_page(self) -> None:
        """Back to the patient screen that was showing before the extra page."""
        self._drop_extra_page()
        self.pages.setCurrentWidget(self.kiosk_page)
        name = self.content.clinic_name.get(self.lang)
        self.setWindowTitle(f"{name} - {self.current_screen.title}")

    @property
    def extra_page(self) -> Screen | None:
        return self._extra_page

    def _drop_extra_page(self) -> None:
        if self._extra_page is not None:
            self.pages.removeWidget(self._extra_page)
            self._extra_page.deleteLater()
            self._extra_page = None

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
        self.overlay.show_countdown(seconds, self.lang)

    def update_idle_countdown(self, seconds: int) -> None:
        self.overlay.set_seconds(seconds)

    def hide_idle_warning(self) -> None:
        if self._overlay is not None:
            self._overlay.hide()

    def reading_time_bonus(self) -> float:
        """Extra idle time for the words on screen, so long topics are not cut short."""
        if self.on_start_screen:
            return 0.0
        return min(MAX_READING_BONUS_S, self._words_on_screen / READING_WORDS_PER_SECOND)

    # Intent from screens and the bar -------------------------------------------------
    def go_home(self) -> None:
        self.confirmation_timer.stop()
        self.history.clear()
        self._show(HOME)

    def _key_back(self) -> None:
        if self._extra_page is not None:
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
        """Jump straight to a route with a fresh history and fresh screens (previews and
        tests)."""
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
        bar = self.current_screen.scroll_area.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        typed = self.router.kept_input()
        self.session.lang = lang
        self._show(self.history.current, fresh=True)  # every kept screen is in the old one
        self.router.restore_input(typed)
        self._restore_place(fraction)

    def _restore_place(self, fraction: float) -> None:
        """The same place in the new words: as far down, but clamped to where the content
        ends, so a switch at the end of a topic never lands on blank space."""
        screen = self.current_screen
        screen.resize(self.stack.size())  # lay the new screen out at its real size now
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        screen.more_strip.settle()  # with its "more below" strip, if it has one
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        area = screen.scroll_area
        bar = area.verticalScrollBar()
        last = max(0, min(bar.maximum(), area.content_bottom_px() - area.viewport().height()))
        bar.setValue(min(last, round(fraction * bar.maximum())))

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

    @property
    def speech_available(self) -> bool:
        return self.speech.available

    def toggle_speech(self) -> None:
        self.speech.toggle()

    def read_screen(self) -> None:
        self.speech.read_screen()

    def repeat_speech(self) -> None:
        self.speech.read_screen()

    def pause_speech(self) -> None:
        self.speech.toggle_pause()

    def stop_speech(self) -> None:
        self.speech.stop()

    def change_volume(self, step: float) -> None:
        self.speech.change_volume(step)

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

    def _show(self, route: Route, fresh: bool = False) -> None:
        """Show the history's current route (`route`) with the bars in its state."""
        self._ensure_kiosk_page()  # the bars every screen comes with
        route, screen = self.router.show(self.history, route, fresh)
        if route.kind is not RouteKind.CONFIRMATION:
            self.confirmation_timer.stop()  # gone on reading: no surprise reset later
        for button in self.nav.findChildren(QAbstractButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        lang = self.lang
        other = self.content.languages[
            (self.content.languages.index(lang) + 1) % len(self.content.languages)
        ]
        self.nav.show_state(
            title=self.content.clinic_name.get(lang),
            back=tr("back", lang),
            home=tr("home", lang),
            language=tr("language_name", other),
            language_hint=tr("switch_language", lang),
            can_back=self.history.can_go_back,
            call=tr("call_me", lang),
            can_call=route.kind is not RouteKind.REQUEST,  # already there
        )
        self.nav.language.setVisible(len(self.content.languages) > 1)
        self.access.show()
        self.speech.show_state()
        self.setWindowTitle(f"{self.content.clinic_name.get(lang)} - {screen.title}")
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        # Counted once per screen: the idle timer asks several times a second.
        self._words_on_screen = sum(
            len(label.text().split()) for label in screen.findChildren(QLabel)
        )
        self.read_screen()  # speech mode reads each new screen from the top
        self.screen_changed.emit(route.kind.value)
