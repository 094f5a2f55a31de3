"""Kinetic scrolling by finger and mouse drag, with a visible 'more below' hint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.section import SectionScreen

MakeWindow = Callable[..., MainWindow]


def drag_up(qtbot: QtBot, widget: object, start: QPoint, distance: int) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 16):
        qtbot.wait(10)  # QScroller measures real time between moves
        point = start - QPoint(0, distance * step // 15)
        QTest.mouseMove(widget, point)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_mouse_drag_scrolls_and_the_hint_follows(
    qtbot: QtBot, make_window: MakeWindow, shipped_content: Content
) -> None:
    window = make_window(shipped_content, (1280, 800))
    window.open_section("treatment")
    area = window.current_screen.scroll_area
    bar = area.verticalScrollBar()
    assert bar.maximum() > 800, "the treatment list must be much taller than the screen"
    qtbot.waitUntil(window.current_screen.more_hint.isVisible)  # once laid out
    assert bar.value() == 0

    viewport = area.viewport()
    drag_up(qtbot, viewport, QPoint(viewport.width() // 2, viewport.height() - 100), 500)
    qtbot.waitUntil(lambda: bar.value() > 300, timeout=3000)
    assert isinstance(window.current_screen, SectionScreen), "a drag must not open a topic"

    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: not window.current_screen.more_hint.isVisible())


def test_touch_drag_scrolls(
    qtbot: QtBot, make_window: MakeWindow, shipped_content: Content
) -> None:
    window = make_window(shipped_content, (1280, 800))
    window.open_section("treatment")
    area = window.current_screen.scroll_area
    bar = area.verticalScrollBar()
    device = QTest.createTouchDevice()
    viewport = area.viewport()
    assert viewport.height() > 470
    start = viewport.mapTo(window, QPoint(viewport.width() // 2, viewport.height() - 20))
    QTest.touchEvent(window, device).press(0, start, window).commit()
    for step in range(1, 16):
        qtbot.wait(10)
        QTest.touchEvent(window, device).move(0, start - QPoint(0, 30 * step), window).commit()
    QTest.touchEvent(window, device).release(0, start - QPoint(0, 450), window).commit()
    qtbot.waitUntil(lambda: bar.value() > 300, timeout=3000)
    assert isinstance(window.current_screen, SectionScreen)


def test_short_screen_has_no_hint(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    window.open_section("beta")
    assert not window.current_screen.more_hint.isVisible()
