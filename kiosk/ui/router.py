"""Which screen each route shows, and the screens kept for the history.

`SCREENS` maps every `RouteKind` to the function that builds its screen; each imports its
screen module when first called, the one place that does, so the start screen is on the glass
before any of them is loaded (docs/benchmarks.md). `Router` keeps a screen for every route of
the history, so Back shows the one below as the patient left it (the same place in a long
list) instead of building it again."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QStackedWidget, QWidget

from kiosk.content import Content
from kiosk.patient.navigation import HOME, History, Route, RouteKind
from kiosk.ui.app_filter import app_filter_paused

if TYPE_CHECKING:
    from kiosk.appointments.service import Submit
    from kiosk.ui.prebuild import Prebuild
    from kiosk.ui.screens.base import Screen


class Navigator(Protocol):
    """What the screens need from the window: what to show, and where their intents go."""

    content: Content
    idle_seconds: float
    confirmation_seconds: int
    submit: Submit | None
    take_home_url: str  # the base of the topics' QR codes; empty: none

    @property
    def lang(self) -> str: ...

    def open_section(self, section_id: str) -> None: ...
    def open_topic(self, topic_id: str) -> None: ...
    def next_topic(self, topic_id: str) -> None: ...
    def open_about(self) -> None: ...
    def open_request(self, topic_id: str = "") -> None: ...
    def request_saved(self, reference: str) -> None: ...
    def read_screen(self) -> None: ...
    def keyboard_shown(self, up: bool) -> None: ...
    def reset_session(self) -> None: ...


@runtime_checkable
class KeepsInput(Protocol):
    """A screen holding what the patient typed, carried over when it is rebuilt in another
    language (the request form)."""

    def kept_input(self) -> object: ...
    def restore_input(self, kept: object) -> None: ...


ScreenFactory = Callable[[Navigator, Route], "Screen | None"]


def _home(nav: Navigator, route: Route) -> Screen | None:
    from kiosk.ui.screens.home import HomeScreen

    home = HomeScreen(nav.content, nav.lang)
    home.section_chosen.connect(nav.open_section)
    home.about_requested.connect(nav.open_about)
    home.request_requested.connect(nav.open_request)
    return home


def _section(nav: Navigator, route: Route) -> Screen | None:
    from kiosk.ui.screens.section import SectionScreen

    section = nav.content.section(route.ident)
    if section is None:
        return None
    screen = SectionScreen(section, nav.lang)
    screen.topic_chosen.connect(nav.open_topic)
    return screen


def _topic(nav: Navigator, route: Route) -> Screen | None:
    from kiosk.site_paths import take_home_url
    from kiosk.ui.screens.topic import TopicScreen

    found = nav.content.topic(route.ident)
    if found is None:
        return None
    section, topic = found
    topics = section.topics
    index = topics.index(topic)
    following = topics[index + 1] if index + 1 < len(topics) else None
    url = take_home_url(nav.take_home_url, nav.lang, section, topic.id) if nav.take_home_url else ""
    screen = TopicScreen(section, topic, nav.lang, following, url)
    screen.next_requested.connect(nav.next_topic)
    screen.request_requested.connect(nav.open_request)
    return screen


def _about(nav: Navigator, route: Route) -> Screen | None:
    from kiosk.ui.screens.about import AboutScreen

    return AboutScreen(nav.content, nav.lang)


def _request(nav: Navigator, route: Route) -> Screen | None:
    from kiosk.ui.screens.request_form import RequestFormScreen

    found = nav.content.topic(route.ident) if route.ident else None
    form = RequestFormScreen(
        nav.content.appointments,
        nav.lang,
        found[1] if found else None,
        nav.idle_seconds,
        submit=nav.submit,
    )
    form.saved.connect(nav.request_saved)
    form.errors_shown.connect(nav.read_screen)
    form.keyboard.shown.connect(nav.keyboard_shown)
    return form


def _confirmation(nav: Navigator, route: Route) -> Screen | None:
    from kiosk.ui.screens.confirmation import ConfirmationScreen

    thanks = ConfirmationScreen(route.ident, nav.lang, nav.confirmation_seconds)
    thanks.done.connect(nav.reset_session)
    return thanks


SCREENS: Mapping[RouteKind, ScreenFactory] = {
    RouteKind.HOME: _home,
    RouteKind.SECTION: _section,
    RouteKind.TOPIC: _topic,
    RouteKind.ABOUT: _about,
    RouteKind.REQUEST: _request,
    RouteKind.CONFIRMATION: _confirmation,
}


class Router:
    """Puts the history's current screen in `stack`, from the kept screens or new."""

    def __init__(self, nav: Navigator, stack: QStackedWidget):
        self.nav = nav
        self.stack = stack
        # The screens of the history, bottom (home) first; None: not built yet.
        self.built: list[tuple[Route, Screen | None]] = []
        self.ahead: Prebuild | None = None  # screens built before their tap (prebuild.py)
        self.look: Callable[[QWidget], None] = lambda screen: None  # look_switch.py follow
        # How a screen no longer needed goes; prebuild.py waits until the next is painted.
        self.discard: Callable[[QWidget], None] = lambda screen: screen.deleteLater()

    def kept_input(self) -> object | None:
        """What the patient typed on the shown screen, if it is one that keeps input."""
        screen = self.stack.currentWidget()
        return screen.kept_input() if isinstance(screen, KeepsInput) else None

    def restore_input(self, kept: object | None) -> None:
        """Put `kept` back into the shown screen (after a language switch rebuilt it)."""
        screen = self.stack.currentWidget()
        if kept is not None and isinstance(screen, KeepsInput):
            screen.restore_input(kept)

    def build(self, route: Route) -> Screen | None:
        """A screen not shown before for `route` (built ahead if it was), or None when its
        id is not in the content."""
        ready = self.ahead.take(route, self.nav.lang) if self.ahead is not None else None
        return ready if ready is not None else self.build_new(self.nav, route)

    @staticmethod
    def build_new(nav: Navigator, route: Route) -> Screen | None:
        """Every new screen, shown at once or built ahead (prebuild.py)."""
        screen = SCREENS[route.kind](nav, route)
        # Buttons take focus from Tab/arrow keys, never from a touch, so no focus ring
        # appears under a finger; each new screen starts with focus on the window.
        for button in screen.findChildren(QAbstractButton) if screen is not None else ():
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return screen

    def show(self, history: History, route: Route, fresh: bool = False) -> tuple[Route, Screen]:
        """Show `route`, the history's current one: the screen kept for it when going back,
        else a new one. Screens no longer in the history are destroyed (a form left with Back
        is gone with what was typed); `fresh` destroys every kept screen. Returns the route
        shown: Home when the route's id vanished with a content change."""
        # Building, showing and hiding send no input events (app_filter.py).
        with app_filter_paused():
            return self._show(history, route, fresh)

    def _show(self, history: History, route: Route, fresh: bool) -> tuple[Route, Screen]:
        routes = history.routes
        keep = 0
        while (
            not fresh
            and keep < min(len(self.built), len(routes))
            and self.built[keep][0] == routes[keep]
        ):
            keep += 1
        built = self.built[:keep] + [(r, None) for r in routes[keep:]]
        dropped = [s for _, s in self.built[keep:] if s is not None]
        screen = built[-1][1]
        if screen is None:
            screen = self.build(route)
            if screen is None:  # an id that vanished after a content change: start over
                history.clear()
                dropped += [s for _, s in built[:-1] if s is not None]
                screen = self.build(HOME)
                assert screen is not None
                route = HOME
                built = [(HOME, screen)]
            built[-1] = (route, screen)
        self.built = built
        # Only the shown screen is in the stack's layout: a kept one must not set the
        # window's minimum size (it stays a hidden child of the stack until Back).
        previous = self.stack.currentWidget()
        self.look(screen)  # the session's text size and contrast, if it has not yet
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        if previous is not None and previous is not screen:
            self.stack.removeWidget(previous)
        for old in dropped:
            self.discard(old)
        return route, screen
