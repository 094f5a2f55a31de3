"""The one application-wide filter: each handler sees only the event types it asked for,
can stop an event, and is forgotten when removed or deleted."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.app_filter import AppFilter, add_app_filter, remove_app_filter


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
