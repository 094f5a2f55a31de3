"""The real thing: `main.py run` full screen on an X server, driven by real clicks (xdotool).

Where to click comes from the same window built offscreen in this process at the same size:
the layout only depends on the content, the size and the fonts, which are the same.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.section import SectionScreen
from tests.e2e.conftest import SCREEN_H, SCREEN_W, Kiosk, Point, centre

pytestmark = pytest.mark.e2e

START = "Test clinic - start"  # the calm screen between patients, in builds that have one
HOME = "Test clinic - Learn about back pain after surgery"
SECTION = "Test clinic - Alpha section"
TOPIC = "Test clinic - Alpha one"


def button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, f"no button {name}"
    return found


@pytest.fixture
def targets(twin: MainWindow) -> dict[str, Point]:
    """Window coordinates of what the test clicks, from an offscreen twin of the kiosk."""
    window = twin
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
    kiosk.wait_full_screen()
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
