"""The whole flow with key events only (A4): Tab/arrows to move, Enter to press, Backspace
to go back, typing into the form, and a focus ring you can see. And every interactive
widget on every screen has a name a screen reader can say (A5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.appointments.service import RequestService
from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import PinPadScreen
from tests.ui.test_layout import routes

Key = Qt.Key


@pytest.fixture
def window(
    qtbot: QtBot, themed_app: object, mini_content: Content, tmp_path: Path
) -> Iterator[MainWindow]:
    service = RequestService(tmp_path / "data")
    window = MainWindow(mini_content, "en", submit=service.submit)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.activateWindow()
    window.reset_session()
    yield window
    service.close()


def press(key: Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, mods)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def move_to(name: str, key: Key = Key.Key_Tab, limit: int = 80) -> None:
    """Press `key` until the widget called `name` has the focus (fails if it never does)."""
    for _ in range(limit):
        press(key)
        if focused().objectName() == name:
            return
    raise AssertionError(f"{name} cannot be reached with {key.name}")


def test_whole_flow_with_the_keyboard_only(window: MainWindow, tmp_path: Path) -> None:
    press(Key.Key_Space)  # any key wakes the start screen
    assert not window.on_start_screen
    move_to("tile-alpha", Key.Key_Down)
    press(Key.Key_Return)
    assert window.current_screen.title == "Alpha section"
    move_to("row-alpha-one")
    press(Key.Key_Enter)
    assert window.current_screen.title == "Alpha one"
    press(Key.Key_Backspace)
    assert window.current_screen.title == "Alpha section"
    move_to("row-alpha-one", Key.Key_Up)
    press(Key.Key_Return)
    move_to("requestButton")
    press(Key.Key_Return)
    assert window.history.current.kind == "request"
    move_to("field-first_name")
    QTest.keyClicks(focused(), "Zoe")
    press(Key.Key_Return)  # Enter in a field goes to the next one
    assert focused().objectName() == "field-last_name"
    QTest.keyClicks(focused(), "Quilx")
    press(Key.Key_Backspace)  # in a field, Backspace deletes a letter, it does not go back
    QTest.keyClicks(focused(), "l")
    move_to("nextButton")  # one question a step: on to the phone number
    press(Key.Key_Return)
    move_to("field-phone")
    QTest.keyClicks(focused(), "2025550123")
    move_to("nextButton")
    press(Key.Key_Return)
    move_to("choice-best_time-morning")
    press(Key.Key_Return)
    move_to("nextButton")
    press(Key.Key_Return)
    move_to("choice-reason-learn-more")
    press(Key.Key_Return)
    move_to("nextButton")
    press(Key.Key_Return)
    move_to("field-consent")
    press(Key.Key_Space)
    move_to("nextButton")
    press(Key.Key_Return)
    move_to("sendButton")  # on the review page
    press(Key.Key_Return)
    assert window.history.current.kind == "confirmation", window.windowTitle()
    assert window.history.current.ident  # the reference code


def test_the_focus_ring_can_be_seen(window: MainWindow) -> None:
    window.wake()
    tile = window.current_screen.findChild(QAbstractButton, "tile-alpha")
    assert tile is not None
    before = tile.grab().toImage()
    move_to("tile-alpha")
    assert tile.hasFocus()
    QApplication.processEvents()
    after = tile.grab().toImage()
    edge = [(x, 2) for x in range(10, tile.width() - 10, 25)]
    changed = sum(before.pixelColor(x, y) != after.pixelColor(x, y) for x, y in edge)
    assert changed >= len(edge) * 0.8, "the focused tile's border looks the same"


INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QCheckBox)


def unnamed(window: MainWindow) -> list[str]:
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name) if face is not None else ""
        if not name.strip():
            missing.append(f"{window.windowTitle()}: {type(widget).__name__} {widget.objectName()}")
    return missing


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_interactive_widget_has_a_name(
    window: MainWindow, shipped_content: Content, lang: str, qtbot: QtBot
) -> None:
    shipped = MainWindow(shipped_content, lang)
    qtbot.addWidget(shipped)
    shipped.resize(1920, 1080)
    shipped.show()
    missing: list[str] = []
    count = 0
    for route in routes(shipped_content):
        shipped.show_route(route)
        QApplication.processEvents()
        missing += unnamed(shipped)
        count += 1
    form_route = next(r for r in routes(shipped_content) if r.kind == "request")
    shipped.show_route(form_route)
    shipped.current_screen.findChild(QAbstractButton, "sendButton").click()  # errors shown
    shipped.current_screen.findChild(QLineEdit).setFocus()  # keyboard up
    QApplication.processEvents()
    missing += unnamed(shipped)
    shipped.show_idle_warning(30)
    missing += unnamed(shipped)
    shipped.hide_idle_warning()
    shipped.show_extra_page(PinPadScreen())
    missing += unnamed(shipped)
    from kiosk.staff.desk import StaffStatus

    shipped.show_extra_page(StaffMenuScreen(StaffStatus(True, ["ok"], "0 waiting", [])))
    missing += unnamed(shipped)
    assert count > 30
    assert not missing, "\n".join(missing[:20])


def test_the_name_check_catches_an_icon_only_button(window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    window.wake()
    QPushButton(window.current_screen.column_widget).show()
    assert any("QPushButton" in line for line in unnamed(window))
