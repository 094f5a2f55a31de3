"""A screen deleted while one of its calls for a later turn is pending leaves nothing behind
(kiosk/ui/later.py): PySide6 6.12's QTimer.singleShot(ms, owner, bound_method) kept the
owner's Python wrapper, and all the wrappers it held, for ever (the soak's memory slope,
bench/memhunt.md).

Each test makes the call pending, deletes the owner before the event loop runs, and then
asks whether the owner's Python object is still alive (a weak reference)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.ui.later import single_shot
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.widgets.kinetic_scroll import KineticScrollArea, MoreBelowStrip


def delete_now(widget: QObject) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def gone(ref: weakref.ref[QObject]) -> bool:
    gc.collect()
    QCoreApplication.processEvents()  # a timer that outlived its owner would fire here
    gc.collect()
    return ref() is None


class Owner(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.later = single_shot(self, self.hit)

    def hit(self) -> None:
        self.calls += 1


def test_single_shot_calls_once_per_start(qtbot: QtBot) -> None:
    owner = Owner()
    owner.later.start()
    owner.later.start()  # still pending: moved, not doubled
    qtbot.waitUntil(lambda: owner.calls == 1)
    owner.later.start()
    qtbot.waitUntil(lambda: owner.calls == 2)
    delete_now(owner)


def test_owner_deleted_while_pending_is_freed(qapp: object) -> None:
    owner = Owner()
    owner.later.start()
    ref = weakref.ref(owner)
    delete_now(owner)
    del owner
    assert gone(ref)


def test_strip_deleted_with_its_settle_pending_is_freed(qtbot: QtBot, themed_app: object) -> None:
    holder = QWidget()
    page = QWidget()
    page.setMinimumHeight(3000)  # far taller than the view: the strip shows
    area = KineticScrollArea(page)
    strip = MoreBelowStrip(area, "more below")
    column = QVBoxLayout(holder)
    column.addWidget(area)
    column.addWidget(strip)
    holder.resize(600, 400)
    holder.show()
    qtbot.waitUntil(strip.isVisible)
    strip.hide()
    strip.update_hint()  # the page scrolls but the strip is hidden: settle() is due
    refs = [weakref.ref(strip), weakref.ref(strip.pill), weakref.ref(area)]
    delete_now(holder)
    del holder, page, area, strip, column
    assert [gone(ref) for ref in refs] == [True, True, True]


def test_home_deleted_with_its_fit_pending_is_freed(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    home = HomeScreen(mini_content, "en")
    home.resize(1280, 800)
    home.show()
    qtbot.waitExposed(home)
    home.setStyleSheet("QLabel { }")  # a text size step: the grid is fitted again later
    refs = [weakref.ref(home), *(weakref.ref(tile) for tile in home.tiles)]
    delete_now(home)
    del home
    assert all(gone(ref) for ref in refs)
