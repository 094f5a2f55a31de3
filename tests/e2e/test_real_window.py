"""The real thing: `main.py run` full screen on an X server, driven by real clicks (xdotool).

Where to click comes from the same window built offscreen in this process at the same size:
the layout only depends on the content, the size and the fonts, which are the same.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import load_content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.section import SectionScreen
from kiosk.ui.theme import Theme
from tests.conftest import MINI
from tests.e2e.conftest import SCREEN_H, SCREEN_W, Kiosk, poll

pytestmark = pytest.mark.e2e

START = "Test clinic - start"  # the calm screen between patients, in builds that have one
HOME = "Test clinic - Learn about back pain after surgery"
SECTION = "Test clinic - Alpha section"
TOPIC = "Test clinic - Alpha one"

Point = tuple[int, int]


def centre(window: MainWindow, widget: QWidget) -> Point:
    QApplication.processEvents()  # let a new screen's layouts settle
    assert widget.isVisible(), f"{widget.objectName()} is not visible"
    point = widget.mapTo(window, widget.rect().center())
    assert window.rect().contains(point), f"{widget.objectName()} is off screen at {point}"
    return point.x(), point.y()


def button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, f"no button {name}"
    return found


@pytest.fixture
def targets(qtbot: QtBot, qapp: QApplication) -> dict[str, Point]:
    """Window coordinates of what the test clicks, from an offscreen twin of the kiosk."""
    Theme().apply(qapp)
    window = MainWindow(load_content(MINI / "content.yaml").content)
    qtbot.addWidget(window)
    window.resize(SCREEN_W, SCREEN_H)
    window.show()
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == (SCREEN_W, SCREEN_H)
    assert window.windowTitle() == HOME
    points = {"tile-alpha": centre(window, button(window, "tile-alpha"))}

    window.open_section("alpha")
    assert window.windowTitle() == SECTION
    screen = window.current_screen
    assert isinstance(screen, SectionScreen)
    points["first row"] = centre(window, screen.rows[0])

    window.open_topic(screen.rows[0].objectName().removeprefix("row-"))
    assert window.windowTitle() == TOPIC
    for name in ("backButton", "homeButton"):
        points[name] = centre(window, button(window, name))
    return points


def test_click_through_the_full_screen_kiosk(kiosk: Kiosk, targets: dict[str, Point]) -> None:
    # With a window manager running, the window still covers the whole 1920x1080 screen.
    full = {"X": 0, "Y": 0, "WIDTH": SCREEN_W, "HEIGHT": SCREEN_H}
    geometry: dict[str, int] = {}

    def covers_screen() -> bool:
        geometry.update(kiosk.geometry())
        return all(geometry.get(key) == value for key, value in full.items())

    try:
        poll("the window to cover the screen", covers_screen, timeout=10)
    except AssertionError as exc:
        raise AssertionError(f"{exc}; its geometry is {geometry}") from None
    if kiosk.name() == START:  # a touch anywhere on the start screen only wakes the kiosk
        kiosk.screenshot("0-start")
        kiosk.click(SCREEN_W // 2, SCREEN_H // 2)
    kiosk.wait_for_name(HOME)
    kiosk.screenshot("1-home")

    kiosk.click(*targets["tile-alpha"])
    kiosk.wait_for_name(SECTION)

    kiosk.click(*targets["first row"])
    kiosk.wait_for_name(TOPIC)
    kiosk.screenshot("2-topic")

    kiosk.click(*targets["backButton"])
    kiosk.wait_for_name(SECTION)

    kiosk.click(*targets["homeButton"])
    kiosk.wait_for_name(HOME)
    kiosk.alive()
