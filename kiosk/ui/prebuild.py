"""Screens built before they are tapped (P3'). Once a screen is on the glass, the idle turns
of the event loop build, one screen a turn, what its taps show next: the same screen in the
other language, a section's screen for each tile of Home, a topic's for each row of a
section, the same for the screens below (Back), and those Back needs after a language
switch. (Copies in the next text size or contrast were tried and dropped: showing one cost
as much as restyling the screen in place, the paint at the new size being most of it.) Each is built
as a hidden child of the screens' stack, styled, polished and laid out at the stack's size,
so a tap only shows it. Screens left behind are destroyed after the next paint.

What is kept here is content only: a screen leaves the cache the moment it is shown, and it
is never put back (the router keeps shown screens for Back, and a reset destroys them). The
cache is for one content and is emptied when the content changes; screens are keyed by
route, language and look (the style sheet, kiosk/ui/look_switch.py); the screens that hold
what a patient types (the form) are never built ahead.

No timer runs while idle: each turn schedules the next only while there is work left."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.content import Content
from kiosk.patient.navigation import Route, RouteKind
from kiosk.ui.app_filter import app_filter_paused

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.router import Navigator
    from kiosk.ui.screens.base import Screen

Key = tuple[Route, str, str]  # a route in a language and a look (its style sheet)
# Screens that hold what a patient types or a one-off reference: never built ahead.
NOT_AHEAD = frozenset({RouteKind.REQUEST, RouteKind.CONFIRMATION})


class InLanguage:
    """The window as a screen's builder sees it, but in `lang` (router.SCREENS read
    `nav.lang`); everything else, intents included, is the window's."""

    def __init__(self, window: MainWindow, lang: str):
        self._window = window
        self.lang = lang

    def __getattr__(self, name: str) -> object:
        return getattr(self._window, name)


def prepared(screen: QWidget, stack: QWidget, sheet: str) -> None:
    """A hidden child of `stack` in the look `sheet`, polished at its size (and laid out in
    the next turn, laid_out): showing it later costs no building, polishing or layout."""
    screen.setParent(stack)
    screen.hide()
    screen.setStyleSheet(sheet)
    screen.resize(stack.size())
    screen.ensurePolished()


def laid_out(screen: QWidget) -> None:
    """A hidden screen laid out in its style, as its first show would do: a turn after it
    was styled, when its parts have their new fonts (the home screen fits its header and
    grid to them, which it would otherwise do in a timer of its own, later)."""
    fit_now = getattr(screen, "fit_now", None)
    if callable(fit_now):
        fit_now()
    # The layout requests the styling posted (the scroll areas measure their pages in one),
    # now rather than after this turn, when they would leave new geometry held back.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    layout = screen.layout()
    if layout is not None:
        layout.activate()
    send_pending_geometry(screen)
    # What those resizes asked for in turn (a wrapped button taller in larger text).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    send_pending_geometry(screen)


PENDING = (
    (Qt.WidgetAttribute.WA_PendingMoveEvent, lambda w: QMoveEvent(w.pos(), w.pos())),
    (Qt.WidgetAttribute.WA_PendingResizeEvent, lambda w: QResizeEvent(w.size(), QSize())),
)


def send_pending_geometry(screen: QWidget) -> None:
    """Deliver now the move and resize events Qt holds back for hidden widgets until they
    are shown: the first show would deliver them, and each resize lays out its widget's
    children again (text layout of every wrapped label), in the tap. Parents come before
    their children (findChildren is depth first), as Qt does; a resize that moves children
    leaves new ones pending, hence the second round."""
    for _round in range(3):
        sent = False
        for widget in (screen, *screen.findChildren(QWidget)):
            for attribute, event in PENDING:
                if widget.testAttribute(attribute):
                    widget.setAttribute(attribute, False)
                    QCoreApplication.sendEvent(widget, event(widget))
                    sent = True
        if not sent:
            return


class Prebuild(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.ready: dict[Key, Screen] = {}
        self.content: Content | None = None  # what the ready screens show
        self.wanted: list[Key] = []  # what the shown screen's taps lead to, in order
        self.queue: list[Key] = []  # what of it is still to build
        self.trash: list[QWidget] = []  # screens to destroy (see discard)
        self._armed = False
        self._restyle = False  # hidden screens may not have the session's look yet
        self.unsettled: list[QWidget] = []  # styled in the last turn, to lay out in this
        self._scheduled = False
        self._watching: QWidget | None = None

    # Asked by the router -----------------------------------------------------------
    def take(self, route: Route, lang: str) -> Screen | None:
        """The screen built ahead for `route` in `lang` and the window's look, now the
        caller's; None if there is none."""
        if self.content is not self.window.content:
            self.drop_all()
            return None
        key = (route, lang, self.window.look.sheet)
        screen = self.ready.pop(key, None)
        return screen if screen is not None and shiboken6.isValid(screen) else None

    # Told by the window ------------------------------------------------------------
    def after_show(self, route: Route) -> None:
        """`route` is shown: once it is painted, build what its taps lead to."""
        # A screen shown is out of the cache, so it is not wanted again while it is shown.
        shown = {r for r, s in self.window.router.built if s is not None}
        plan = dict.fromkeys(self._plan(route))
        lang, sheet = self.window.lang, self.window.look.sheet
        self.wanted = [k for k in plan if not (k[1:] == (lang, sheet) and k[0] in shown)]
        self.queue = list(self.wanted)
        self._arm()

    def restyle_hidden(self) -> None:
        """After a look switch: the screens kept for Back take it, one a turn, once the
        switch is painted (those built ahead in the old look are dropped: not wanted)."""
        self._restyle = True
        self._arm()

    def discard(self, screen: QWidget) -> None:
        """A screen no longer needed (left with Back, or in the old words or look): hidden
        now, destroyed in a turn after the next paint, so destroying it does not keep its
        successor off the glass. At once when nothing shows the screens (the start screen
        is up: no paint of them may come)."""
        from kiosk.ui.router import KeepsInput

        typed = isinstance(screen, KeepsInput)  # what a patient typed never waits
        if typed or self.window.on_start_screen or not self.window.stack.isVisible():
            screen.deleteLater()
            return
        screen.hide()
        self.trash.append(screen)
        self._arm()

    def drop_all(self) -> None:
        for screen in self.ready.values():
            if shiboken6.isValid(screen):
                screen.deleteLater()
        self.ready.clear()
        self.content = self.window.content

    # The idle turns ----------------------------------------------------------------
    def _arm(self) -> None:
        stack = self.window.stack
        if self._watching is not stack:
            stack.installEventFilter(self)
            self._watching = stack
        self._armed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() == QEvent.Type.Paint:
            self._armed = False
            # One turn later than the paint's own follow-ups (the first-paint steps, a
            # probe): they were queued after this one, in the same paint, and come first.
            QTimer.singleShot(0, self, self._schedule)
        return False

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self._step)

    def _step(self) -> None:
        """One piece of work, then the next turn if there is more (and no new paint is
        awaited: a tap in between has priority, its screen is painted first)."""
        self._scheduled = False
        if self._armed:
            return
        if self.content is not self.window.content:
            self.drop_all()
        # The screens kept for Back take a new look before new ones are built: Back is as
        # likely a next tap as any. Building and styling send no input events (app_filter.py).
        with app_filter_paused():
            more = (
                self.empty_trash()
                or self._drop_unwanted()
                or self._settle_one()
                or self._restyle_one()
                or self._build_one()
            )
        if more:
            self._schedule()

    def empty_trash(self) -> bool:
        """Destroy the discarded screens now (a reset: nothing of a session may wait)."""
        for screen in self.trash:
            if shiboken6.isValid(screen):
                screen.deleteLater()
        self.trash.clear()
        return False  # destroyed after this turn; the same turn goes on to build

    def _settle_one(self) -> bool:
        """Lay out a screen styled in an earlier turn (see laid_out)."""
        while self.unsettled:
            screen = self.unsettled.pop(0)
            if shiboken6.isValid(screen) and not screen.isVisible():
                laid_out(screen)
                return True
        return False

    def _restyle_one(self) -> bool:
        """The screens kept for Back take the window's look (the router would at Back)."""
        if self._restyle:
            sheet = self.window.look.sheet
            for _, screen in self.window.router.built:
                if screen is not None and screen.styleSheet() != sheet:
                    self.window.look.follow(screen)
                    screen.ensurePolished()
                    self.unsettled.append(screen)
                    return True
            self._restyle = False
        return False

    def _drop_unwanted(self) -> bool:
        unwanted = [key for key in self.ready if key not in self.wanted]
        for key in unwanted:
            screen = self.ready.pop(key)
            if shiboken6.isValid(screen):
                screen.deleteLater()
        return False  # cheap: the same turn goes on to build

    def _build_one(self) -> bool:
        while self.queue:
            key = self.queue.pop(0)
            if key in self.ready:
                continue
            route, lang, sheet = key
            nav = cast("Navigator", InLanguage(self.window, lang))
            screen = self.window.router.build_new(nav, route)
            if screen is None:
                continue
            prepared(screen, self.window.stack, sheet)
            self.unsettled.append(screen)
            self.ready[key] = screen
            return True
        return False

    # What to build -----------------------------------------------------------------
    def _plan(self, route: Route) -> Iterator[Key]:
        """What the shown screen's taps lead to first (its copy in the other language, then
        its tiles or rows), then what those of the screens below it do (Back returns to
        them), so going back never has to build them again."""
        window = self.window
        routes = window.history.routes
        lang, sheet = window.lang, window.look.sheet
        # Back after a language switch: the screens below, dropped with the old words.
        built = dict(window.router.built)
        for below in routes[:-1]:
            if built.get(below) is None:
                yield below, lang, sheet
        yield from self._leads_to(route)
        for below in reversed(routes[:-1]):
            yield from self._leads_to(below)

    def _leads_to(self, route: Route) -> Iterator[Key]:
        content, lang, sheet = self.window.content, self.window.lang, self.window.look.sheet
        if route.kind in NOT_AHEAD:
            return
        for other in content.languages:
            if other != lang:
                yield route, other, sheet
        if route.kind is RouteKind.HOME:
            for section in sorted(content.sections, key=lambda s: s.style != "urgent"):
                yield Route(RouteKind.SECTION, section.id), lang, sheet
        elif route.kind is RouteKind.SECTION:
            shown = content.section(route.ident)
            for topic in shown.topics if shown is not None else ():
                yield Route(RouteKind.TOPIC, topic.id), lang, sheet
