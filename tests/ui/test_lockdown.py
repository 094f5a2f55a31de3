"""Escape attempts leave the kiosk where it is, with no menu."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.request_form import RequestFormScreen


@pytest.fixture
def locked(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> Iterator[tuple[MainWindow, Lockdown]]:
    window = MainWindow(mini_content)
    qtbot.addWidget(window)
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lock = Lockdown(app, window, hide_cursor=True)
    yield window, lock
    lock.allow_exit()
    lock.release()


def test_close_and_shortcut_keys_do_nothing(
    qtbot: QtBot, locked: tuple[MainWindow, Lockdown]
) -> None:
    window, _ = locked
    window.open_section("alpha")
    window.close()
    for key, mods in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        QTest.keyClick(window, key, mods)
    assert window.isVisible()
    assert window.current_screen.title == "Alpha section"


def test_no_context_menu_by_right_click_or_long_press(
    qtbot: QtBot, locked: tuple[MainWindow, Lockdown]
) -> None:
    window, _ = locked
    window.open_request()
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    # Our fields have no menu anyway; a stock QLineEdit shows one unless the lockdown stops it.
    stock = QLineEdit(form)
    stock.show()
    field: QWidget = form.fields["first_name"]
    for target in (stock, field):
        for reason in (QContextMenuEvent.Reason.Mouse, QContextMenuEvent.Reason.Other):
            event = QContextMenuEvent(reason, QPoint(5, 5), target.mapToGlobal(QPoint(5, 5)))
            QApplication.sendEvent(target, event)
            assert QApplication.activePopupWidget() is None
    qtbot.mouseClick(field, Qt.MouseButton.RightButton)
    assert QApplication.activePopupWidget() is None
    assert isinstance(field, QLineEdit) and window.isVisible()


def test_cursor_is_hidden_and_staff_can_still_leave(
    qtbot: QtBot, locked: tuple[MainWindow, Lockdown]
) -> None:
    window, lock = locked
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
    lock.allow_exit()
    window.close()
    assert not window.isVisible()
