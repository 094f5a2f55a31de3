"""One application-wide event filter for the whole kiosk, shared by everything that watches
input anywhere (idle activity, lockdown, keyboard navigation, speech).

Every event in the app passes through each application-wide filter, thousands while a new
screen is built, and a filter written in Python costs a call from C++ into Python each
time: four separate ones cost about 8 ms of every tap (see docs/benchmarks.md). This one
looks at the event type once and calls only the handlers that asked for that type.

The kiosk holds it off the application until its start screen is painted: the first
events a Python application filter sees make PySide6 build Python types for about 170 Qt
classes, some 30 ms that would otherwise come before the first frame."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

NAME = "kioskAppFilter"


class AppFilter(QObject):
    def __init__(self, app: QCoreApplication, install: bool = True):
        super().__init__(app)
        self.setObjectName(NAME)
        self.app = app
        self.handlers: list[tuple[QObject, frozenset[QEvent.Type]]] = []
        self.kinds: frozenset[QEvent.Type] = frozenset()
        self.installed = False
        self.paused = False  # see app_filter_paused
        if install:
            self.install()

    def install(self) -> None:
        if not self.installed:
            self.app.installEventFilter(self)
            self.installed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in self.kinds:
            return False
        for handler, kinds in list(self.handlers):  # the newest first, as Qt does
            if kind not in kinds:
                continue
            if not shiboken6.isValid(handler):  # deleted without being removed
                self.prune()
            elif handler.eventFilter(watched, event):
                return True
        return False

    def prune(self) -> None:
        """Forget every handler whose object is gone (a closed window), whatever it watched."""
        self.handlers = [(h, k) for h, k in self.handlers if shiboken6.isValid(h)]
        self.update_kinds()

    def update_kinds(self) -> None:
        self.kinds = frozenset().union(*(kinds for _, kinds in self.handlers))


def _shared(install: bool = True) -> AppFilter | None:
    app = QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(AppFilter, NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, AppFilter) else AppFilter(app, install)


def hold_app_filter() -> None:
    """Handlers added from now on wait (no events reach them) until release_app_filter().
    Only before the filter is first installed: once watching, it keeps watching."""
    _shared(install=False)


def release_app_filter() -> None:
    shared = _shared()
    if shared is not None:
        shared.install()


@contextmanager
def app_filter_paused() -> Iterator[None]:
    """The filter off for a piece of the kiosk's own synchronous work that sends many
    events but never an input one (restyling the screen shown, switching screens): no
    handler watches anything but input, close and context-menu events, and none can arrive
    until control is back in the event loop. A text size switch sent some 1,000 events
    through Python for nothing (P3', docs/benchmarks.md)."""
    app = QCoreApplication.instance()
    found = (
        None
        if app is None
        else app.findChild(AppFilter, NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    )
    if not isinstance(found, AppFilter) or not found.installed or found.paused:
        yield
        return
    assert app is not None
    found.paused = True
    app.removeEventFilter(found)
    try:
        yield
    finally:
        found.paused = False
        if shiboken6.isValid(found):
            app.installEventFilter(found)


def add_app_filter(handler: QObject, kinds: frozenset[QEvent.Type]) -> None:
    """Call `handler.eventFilter(watched, event)` for events of these types anywhere in
    the application, like QCoreApplication.installEventFilter(handler)."""
    shared = _shared()
    if shared is not None:
        remove_app_filter(handler)
        shared.prune()
        shared.handlers.insert(0, (handler, frozenset(kinds)))
        shared.update_kinds()


def remove_app_filter(handler: QObject) -> None:
    shared = _shared()
    if shared is not None:
        shared.handlers = [(h, k) for h, k in shared.handlers if h is not handler]
        shared.update_kinds()
