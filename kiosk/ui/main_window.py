"""The kiosk window: the nav bar over a stack of screens. The only place screens switch."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.appointments.service import Failed, Invalid, Outcome, Saved
from kiosk.content import Content
from kiosk.ui.i18n import tr
from kiosk.ui.navigation import HOME, History, Route
from kiosk.ui.screens.about import AboutScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.confirmation import ConfirmationScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.screens.section import SectionScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.session import SessionState
from kiosk.ui.widgets.idle_overlay import IdleOverlay
from kiosk.ui.widgets.nav_bar import NavBar

Submit = Callable[[Mapping[str, str | bool], Collection[str]], Outcome]
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
        idle_seconds: float = 120,
        confirmation_ms: int = 10_000,
    ):
        super().__init__()
        self.setObjectName("kioskRoot")
        self.content = content
        self.submit = submit
        self.idle_seconds = idle_seconds
        # Time is injected: the thank-you screen clears itself after confirmation_ms.
        self.confirmation_timer = QTimer(self)
        self.confirmation_timer.setSingleShot(True)
        self.confirmation_timer.setInterval(confirmation_ms)
        self.confirmation_timer.timeout.connect(self.reset_session)
        self._pending_content: Content | None = None
        self._extra_page: Screen | None = None
        self._words_on_screen = 0
        self.session = SessionState(self._start_language(lang))
        self.nav = NavBar()
        self.stack = QStackedWidget()
        self.kiosk_page = QWidget()
        page = QVBoxLayout(self.kiosk_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.nav)
        page.addWidget(self.stack, 1)
        self.pages = QStackedWidget()
        self.attract = self._new_attract()
        self.pages.addWidget(self.kiosk_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.overlay = IdleOverlay(self)
        self.overlay.still_here.connect(self.still_here)
        self.nav.back_requested.connect(self.go_back)
        self.nav.home_requested.connect(self.go_home)
        self.nav.language_requested.connect(self.next_language)
        # Tab focus only: a tap on an on-screen key (which takes no focus) must not move
        # focus to the window, or the field would stop taking a physical keyboard's typing.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
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

    @property
    def lang(self) -> str:
        return self.session.lang

    @property
    def history(self) -> History:
        return self.session.history

    @property
    def on_start_screen(self) -> bool:
        return self.pages.currentWidget() is self.attract

    # Between patients --------------------------------------------------------------
    def reset_session(self) -> None:
        """Wipe everything the last patient touched and return to the start screen."""
        self.overlay.hide()
        self.confirmation_timer.stop()
        self._drop_extra_page()
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            QGuiApplication.clipboard().clear(mode)
        if self._pending_content is not None:
            self.content, self._pending_content = self._pending_content, None
            old = self.attract
            self.attract = self._new_attract()
            self.pages.removeWidget(old)
            old.deleteLater()
        # A fresh session object resets every per-patient setting at once; fresh screens
        # carry no text, undo history or scroll position from before.
        self.session = SessionState(self._start_language(self._first_lang))
        self._show(HOME)
        self.pages.setCurrentWidget(self.attract)
        self.attract.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setWindowTitle(f"{self.content.clinic_name.get(self.lang)} - start")
        self.session_reset.emit()

    def wake(self) -> None:
        self.pages.setCurrentWidget(self.kiosk_page)
        self._show(HOME)
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
        self._pending_content = content
        if self.on_start_screen:
            self.reset_session()

    def replace_content_now(self, content: Content) -> None:
        """Staff preview only: show new content at once, on the same screen if it still
        exists. A patient-facing kiosk uses offer_content instead."""
        self.content = content
        old = self.attract
        self.attract = self._new_attract()
        self.pages.removeWidget(old)
        old.deleteLater()
        self._show(self.history.current)

    def show_idle_warning(self, seconds: int) -> None:
        self.overlay.show_countdown(seconds, self.lang)

    def update_idle_countdown(self, seconds: int) -> None:
        self.overlay.set_seconds(seconds)

    def hide_idle_warning(self) -> None:
        self.overlay.hide()

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

    def go_back(self) -> None:
        self._show(self.history.back())

    def open_section(self, section_id: str) -> None:
        self._open(Route("section", section_id))

    def open_topic(self, topic_id: str) -> None:
        self._open(Route("topic", topic_id))

    def open_about(self) -> None:
        self._open(Route("about"))

    def open_request(self, topic_id: str = "") -> None:
        self._open(Route("request", topic_id))

    def submit_request(self, values: Mapping[str, str | bool]) -> None:
        form = self.current_screen
        if not isinstance(form, RequestFormScreen):
            return
        if self.submit is None:
            form.show_failure()
            return
        outcome = self.submit(values, form.reason_ids)
        if isinstance(outcome, Saved):
            # The filled form is destroyed now; Back from the thank-you goes home, not to it.
            self.history.clear()
            self._open(Route("confirmation", outcome.reference))
            self.confirmation_timer.start()
        elif isinstance(outcome, Invalid):
            form.show_errors(outcome.errors)
        elif isinstance(outcome, Failed):
            form.show_failure()

    def show_route(self, route: Route) -> None:
        """Jump straight to a route with a fresh history (previews and tests)."""
        self.pages.setCurrentWidget(self.kiosk_page)
        self.history.clear()
        self._open(route)

    def next_language(self) -> None:
        langs = self.content.languages
        self.set_language(langs[(langs.index(self.lang) + 1) % len(langs)])

    def set_language(self, lang: str) -> None:
        """Switch language in place: same screen, same scroll position."""
        if lang == self.lang or lang not in self.content.languages:
            return
        bar = self.current_screen.scroll_area.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        form = self.current_screen
        typed = form.values() if isinstance(form, RequestFormScreen) else None
        self.session.lang = lang
        self._show(self.history.current)
        new_form = self.current_screen
        if typed is not None and isinstance(new_form, RequestFormScreen):
            new_form.restore(typed)
        new_bar = self.current_screen.scroll_area.verticalScrollBar()
        self.current_screen.column_widget.adjustSize()
        new_bar.setValue(round(fraction * new_bar.maximum()))

    # Building screens ------------------------------------------------------------
    @property
    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def _open(self, route: Route) -> None:
        self.history.push(route)
        self._show(route)

    def _build(self, route: Route) -> Screen | None:
        lang = self.lang
        if route.kind == "home":
            home = HomeScreen(self.content, lang)
            home.section_chosen.connect(self.open_section)
            home.about_requested.connect(self.open_about)
            home.request_requested.connect(self.open_request)
            return home
        if route.kind == "section":
            section = self.content.section(route.ident)
            if section is None:
                return None
            screen = SectionScreen(section, lang)
            screen.topic_chosen.connect(self.open_topic)
            return screen
        if route.kind == "topic":
            found = self.content.topic(route.ident)
            if found is None:
                return None
            section, topic = found
            topics = section.topics
            index = topics.index(topic)
            following = topics[index + 1] if index + 1 < len(topics) else None
            topic_screen = TopicScreen(section, topic, lang, following)
            topic_screen.next_requested.connect(self._next_topic)
            topic_screen.request_requested.connect(self.open_request)
            return topic_screen
        if route.kind == "about":
            return AboutScreen(self.content, lang)
        if route.kind == "request":
            found_topic = self.content.topic(route.ident) if route.ident else None
            form = RequestFormScreen(
                self.content.appointments,
                lang,
                found_topic[1] if found_topic else None,
                self.idle_seconds,
            )
            form.submitted.connect(self.submit_request)
            return form
        if route.kind == "confirmation":
            thanks = ConfirmationScreen(route.ident, lang)
            thanks.done.connect(self.reset_session)
            return thanks
        return None

    def _next_topic(self, topic_id: str) -> None:
        # Next replaces the current topic in history, so Back returns to the section list.
        self.history.back()
        self.open_topic(topic_id)

    def _show(self, route: Route) -> None:
        screen = self._build(route)
        if screen is None:  # an id that vanished after a content change: start over
            self.history.clear()
            screen = self._build(HOME)
            assert screen is not None
            route = HOME
        # Buttons take focus from Tab/arrow keys, never from a touch, so no focus ring
        # appears under a finger; each new screen starts with focus on the window.
        for button in [
            *screen.findChildren(QAbstractButton),
            *self.nav.findChildren(QAbstractButton),
        ]:
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        old = self.stack.currentWidget()
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
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
        )
        self.nav.language.setVisible(len(self.content.languages) > 1)
        self.setWindowTitle(f"{self.content.clinic_name.get(lang)} - {screen.title}")
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        # Counted once per screen: the idle timer asks several times a second.
        self._words_on_screen = sum(
            len(label.text().split()) for label in screen.findChildren(QLabel)
        )
        self.screen_changed.emit(route.kind)
