"""Between patients: activity, the warning, 'I'm still here', and the reset that wipes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app import wire_idle
from kiosk.content import Content
from kiosk.patient.session import SessionState
from kiosk.ui.app_filter import remove_app_filter
from kiosk.ui.idle import IdleController, IdleState
from kiosk.ui.main_window import MAX_READING_BONUS_S, MainWindow
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.section import SectionScreen

MakeWindow = Callable[..., MainWindow]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def kiosk(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> tuple[MainWindow, IdleController, FakeClock]:
    window = make_window(mini_content)
    clock = FakeClock()
    idle = IdleController(timeout_s=120, warning_s=30, clock=clock)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    activity = wire_idle(app, window, idle)
    qtbot.addWidget(window)
    window.reset_session()
    yield window, idle, clock
    remove_app_filter(activity)


def wake(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton)
    assert not window.on_start_screen


def click(qtbot: QtBot, window: MainWindow, name: str) -> None:
    widget = window.findChild(QPushButton, name)
    assert widget is not None, name
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_idle_warning_extend_ten_times_then_reset(
    qtbot: QtBot, kiosk: tuple[MainWindow, IdleController, FakeClock]
) -> None:
    window, idle, clock = kiosk
    assert window.on_start_screen and idle.state is IdleState.ASLEEP
    clock.advance(10_000)
    idle.poll()
    assert not window.overlay.isVisible(), "nothing counts down on the start screen"

    wake(qtbot, window)
    click(qtbot, window, "tile-beta")
    budget = idle.effective_timeout()
    for _ in range(10):
        clock.advance(budget - 1)
        idle.poll()
        assert not window.overlay.isVisible()
        clock.advance(1)
        idle.poll()
        assert window.overlay.isVisible()
        assert window.overlay.count.text() == "30 seconds left"
        clock.advance(12.5)
        idle.poll()
        assert window.overlay.count.text() == "18 seconds left"
        click(qtbot, window, "stillHereButton")
        assert not window.overlay.isVisible()
        assert isinstance(window.current_screen, SectionScreen), "the patient keeps their place"

    clock.advance(budget)
    idle.poll()
    assert window.overlay.isVisible()
    clock.advance(30)
    idle.poll()
    assert window.on_start_screen and not window.overlay.isVisible()
    assert idle.state is IdleState.ASLEEP


def test_activity_postpones_the_warning(
    qtbot: QtBot, kiosk: tuple[MainWindow, IdleController, FakeClock]
) -> None:
    window, idle, clock = kiosk
    wake(qtbot, window)
    budget = idle.effective_timeout()
    for _ in range(5):
        clock.advance(budget * 0.9)
        QTest.keyClick(window, Qt.Key.Key_Shift)  # any key counts as activity
        idle.poll()
        assert not window.overlay.isVisible()


def test_a_touch_anywhere_on_the_warning_counts(
    qtbot: QtBot, kiosk: tuple[MainWindow, IdleController, FakeClock]
) -> None:
    window, idle, clock = kiosk
    wake(qtbot, window)
    clock.advance(idle.effective_timeout())
    idle.poll()
    assert window.overlay.isVisible()
    qtbot.mouseClick(window.overlay, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not window.overlay.isVisible() and idle.state is IdleState.ACTIVE


def test_the_warning_speaks_the_patients_language(
    qtbot: QtBot, kiosk: tuple[MainWindow, IdleController, FakeClock]
) -> None:
    window, idle, clock = kiosk
    wake(qtbot, window)
    click(qtbot, window, "languageButton")
    clock.advance(idle.effective_timeout())
    idle.poll()
    assert window.overlay.heading.text() == "¿Sigue usted ahí?"
    assert window.overlay.button.text() == "Sigo aquí"


def test_reset_wipes_everything_the_patient_touched(
    qtbot: QtBot, kiosk: tuple[MainWindow, IdleController, FakeClock], shipped_content: Content
) -> None:
    window, idle, clock = kiosk
    window.offer_content(shipped_content)  # on the start screen: applied at once
    wake(qtbot, window)
    click(qtbot, window, "tile-treatment")
    click(qtbot, window, "languageButton")
    window.session.text_scale = 2.0
    window.session.high_contrast = True
    window.session.speech_on = True
    window.session.volume = 0.1
    bar = window.current_screen.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    QGuiApplication.clipboard().setText("something private")
    old_screen = window.current_screen

    clock.advance(idle.effective_timeout())
    idle.poll()
    clock.advance(30)
    idle.poll()

    assert window.on_start_screen
    assert window.session == SessionState("en"), "every per-patient setting is back to default"
    assert len(window.history) == 1
    assert QGuiApplication.clipboard().text() == ""
    wake(qtbot, window)
    assert isinstance(window.current_screen, HomeScreen)
    assert window.current_screen is not old_screen
    assert window.current_screen.scroll_area.verticalScrollBar().value() == 0
    assert window.findChild(QPushButton, "languageButton").text() == "Español"
    assert window.findChild(QPushButton, "backButton").isEnabled() is False
    click(qtbot, window, "backButton")  # disabled: nothing to go back to
    assert isinstance(window.current_screen, HomeScreen)


def test_first_touch_on_the_start_screen_only_wakes(
    qtbot: QtBot, kiosk: tuple[MainWindow, IdleController, FakeClock]
) -> None:
    window, _, _ = kiosk
    window.wake()
    tile = window.findChild(QPushButton, "tile-beta")
    point = tile.mapTo(window, tile.rect().center())
    window.reset_session()
    device = QTest.createTouchDevice()
    QTest.touchEvent(window, device).press(0, point, window).commit()
    QTest.touchEvent(window, device).release(0, point, window).commit()
    qtbot.waitUntil(lambda: not window.on_start_screen)
    assert isinstance(window.current_screen, HomeScreen), "the tile under the finger stays shut"


def test_new_content_waits_for_the_next_reset(
    qtbot: QtBot, kiosk: tuple[MainWindow, IdleController, FakeClock], shipped_content: Content
) -> None:
    window, _, _ = kiosk
    wake(qtbot, window)
    click(qtbot, window, "tile-alpha")
    window.offer_content(shipped_content)
    assert isinstance(window.current_screen, SectionScreen)
    assert window.current_screen.section.id == "alpha", "never changes under a finger"
    window.reset_session()
    window.wake()
    assert window.findChild(QPushButton, "tile-treatment") is not None


def test_long_screens_get_more_time_up_to_a_cap(
    qtbot: QtBot, make_window: MakeWindow, shipped_content: Content
) -> None:
    window = make_window(shipped_content)
    window.open_topic("urgent-warning-signs")
    long_bonus = window.reading_time_bonus()
    window.open_about()
    window.go_home()
    window.open_section("urgent")
    short_bonus = window.reading_time_bonus()
    assert 0 < short_bonus < long_bonus <= MAX_READING_BONUS_S
    window.reset_session()
    assert window.reading_time_bonus() == 0


def test_start_screen_rotates_key_messages(
    kiosk: tuple[MainWindow, IdleController, FakeClock],
) -> None:
    window, _, _ = kiosk
    first = [label.text() for label in window.attract.message_labels]
    window.attract.rotate()
    second = [label.text() for label in window.attract.message_labels]
    assert first != second
    assert first[0].startswith("Alpha section") and first[1].startswith("Sección alfa")
    starts = [button.text() for button in window.attract.start_buttons.values()]
    assert starts == ["Touch here to start", "Toque aquí para empezar"]
