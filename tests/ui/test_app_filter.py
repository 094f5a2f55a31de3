"""The one application-wide filter: each handler sees only the event types it asked for,
can stop an event, and is forgotten when removed or deleted."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.ui.app_filter import AppFilter, add_app_filter, app_filter_paused, remove_app_filter
from kiosk.ui.main_window import MainWindow


class Recorder(QObject):
    def __init__(self, block: bool = False):
        super().__init__()
        self.seen: list[QEvent.Type] = []
        self.block = block

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen.append(event.type())
        return self.block


def send(widget: QWidget, kind: QEvent.Type) -> None:
    QCoreApplication.sendEvent(widget, QEvent(kind))


def test_handlers_see_their_types_newest_first_and_can_block(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    older, newer = Recorder(), Recorder(block=True)
    add_app_filter(older, frozenset({QEvent.Type.User, QEvent.Type.Leave}))
    add_app_filter(newer, frozenset({QEvent.Type.Leave}))
    try:
        send(widget, QEvent.Type.User)
        send(widget, QEvent.Type.Leave)  # the newer handler stops it
        send(widget, QEvent.Type.MaxUser)  # nobody asked
        assert older.seen == [QEvent.Type.User]
        assert newer.seen == [QEvent.Type.Leave]
        remove_app_filter(newer)
        send(widget, QEvent.Type.Leave)
        assert older.seen == [QEvent.Type.User, QEvent.Type.Leave]
        assert newer.seen == [QEvent.Type.Leave]
    finally:
        remove_app_filter(older)
        remove_app_filter(newer)


def test_a_deleted_handler_is_dropped(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    gone = Recorder()
    add_app_filter(gone, frozenset({QEvent.Type.Leave}))
    shared = QCoreApplication.instance().findChild(AppFilter)  # type: ignore[union-attr]
    assert shared is not None
    shiboken6.delete(gone)
    send(widget, QEvent.Type.Leave)
    assert all(shiboken6.isValid(h) for h, _ in shared.handlers)
    assert QEvent.Type.Leave not in shared.kinds


def test_a_pause_hides_events_until_it_ends_even_when_nested(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    seen = Recorder()
    add_app_filter(seen, frozenset({QEvent.Type.User}))
    try:
        with app_filter_paused():
            with app_filter_paused():
                send(widget, QEvent.Type.User)
            send(widget, QEvent.Type.User)  # the outer pause still holds
            assert seen.seen == []
        send(widget, QEvent.Type.User)
        assert seen.seen == [QEvent.Type.User]
    finally:
        remove_app_filter(seen)


def test_the_kiosk_paints_switches_and_restyles_round_the_filter_but_hears_every_tap(
    qtbot: QtBot, make_window: Callable[..., MainWindow], mini_content: Content
) -> None:
    """Painting, showing a screen and a look switch send many events, none of them input:
    they no longer pass through Python; the taps that cause them still do."""
    window = make_window(mini_content)
    watched = frozenset({QEvent.Type.Paint, QEvent.Type.Show, QEvent.Type.StyleChange})
    noisy, taps = Recorder(), Recorder()
    add_app_filter(noisy, watched)
    add_app_filter(taps, frozenset({QEvent.Type.MouseButtonPress}))
    try:
        for name in ("tile-alpha", "textSizeButton", "contrastButton", "backButton"):
            button = window.findChild(QPushButton, name)
            assert button is not None and button.isVisible()
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            window.repaint()
        assert taps.seen == [QEvent.Type.MouseButtonPress] * 4
        assert noisy.seen == [], sorted({k.name for k in noisy.seen})
    finally:
        remove_app_filter(noisy)
        remove_app_filter(taps)
