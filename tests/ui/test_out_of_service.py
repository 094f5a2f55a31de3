"""No usable content: the kiosk says so in both languages instead of going blank, and staff
can still get in to see why (issue 19)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app import build_window
from kiosk.content.source import ContentSource
from kiosk.staff.pin import StaffPin
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.out_of_service import OutOfServiceScreen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import PinPadScreen

PIN = "482916"


def test_broken_content_shows_out_of_service(
    qtbot: QtBot, themed_app: object, mini_dir: Path, caplog: object
) -> None:
    path = mini_dir / "content.yaml"
    path.write_text("format: [\n", encoding="utf-8")
    content = ContentSource(path, mini_dir / "data").load_at_start().content
    assert content is None
    window = build_window(content, None)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window, OutOfServiceScreen)
    shown = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "Please ask at the front desk" in shown and "pregunte en recepción" in shown


def test_good_content_shows_the_kiosk(qtbot: QtBot, themed_app: object, mini_dir: Path) -> None:
    loaded = ContentSource(mini_dir / "content.yaml", mini_dir / "data").load_at_start()
    window = build_window(loaded.content, "es")
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window.lang == "es"


def test_the_staff_gesture_opens_the_menu_and_both_say_why(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path
) -> None:
    """Out of service, staff get in as everywhere (five taps on the title, the PIN), and the
    screen and the menu name the first content error with its FILE:LINE:COL."""
    (mini_dir / "content.yaml").write_text("format: [\n", encoding="utf-8")
    kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    assert isinstance(window, OutOfServiceScreen)
    qtbot.waitUntil(lambda: kiosk.staff is not None, timeout=5000)  # after the first paint
    reason = window.findChild(QLabel, "outOfServiceReason")
    assert reason.isVisible()
    assert re.fullmatch(r"Reason for staff: content\.yaml:\d+:\d+: .+", reason.text()), (
        reason.text()
    )
    StaffPin(kiosk.data_dir).set(PIN)
    for _ in range(5):
        QTest.mouseClick(window.title, Qt.MouseButton.LeftButton)
    pad = window.extra_page
    assert isinstance(pad, PinPadScreen) and pad.isVisible()
    for digit in PIN:
        QTest.mouseClick(pad.findChild(QPushButton, f"pin-{digit}"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    menu = window.extra_page
    assert isinstance(menu, StaffMenuScreen) and menu.isVisible()
    assert menu.out_of_service.isVisible()
    status = menu.content_status.text()
    assert "no good copy" in status
    assert re.search(r"content\.yaml:\d+:\d+: ", status), status
    QTest.mouseClick(menu.findChild(QPushButton, "staffClose"), Qt.MouseButton.LeftButton)
    assert window.extra_page is None and window.pages.currentWidget() is window.notice


def test_staff_pages_left_open_out_of_service_close_by_themselves(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path
) -> None:
    (mini_dir / "content.yaml").write_text("format: [\n", encoding="utf-8")
    kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    assert isinstance(window, OutOfServiceScreen)
    qtbot.waitUntil(lambda: kiosk.staff is not None, timeout=5000)
    kiosk.staff.open_pin_pad()
    assert isinstance(window.extra_page, PinPadScreen)
    idle = kiosk.idle
    assert idle is not None
    now = [idle.clock()]
    idle.clock = lambda: now[0]  # time is injected: no sleeping
    now[0] += idle.timeout_s + 1
    idle.poll()  # the warning (there is no patient to show it to)
    assert isinstance(window.extra_page, PinPadScreen)
    now[0] += idle.warning_s + 1
    idle.poll()  # and the end
    assert window.extra_page is None and window.pages.currentWidget() is window.notice
