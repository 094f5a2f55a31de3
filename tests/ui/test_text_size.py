"""Text size 100/150/200% and high contrast (A2, A3) from the bar at the bottom of every
patient screen: in place, and gone with the patient. That nothing is cut off at any size
is walked in test_layout.py; that the colours are readable, in test_contrast.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.design.tokens import BASE_POINTS, DEFAULT_COLOURS, HIGH_CONTRAST_COLOURS, TEXT_SCALES
from kiosk.patient.navigation import Route
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.screenshots import set_look
from kiosk.ui.widgets.access_bar import AccessState
from tests.conftest import run_main
from tests.ui.test_layout import problems_on_screen, routes

MakeWindow = Callable[..., MainWindow]


def tap(qtbot: QtBot, window: MainWindow, name: str) -> None:
    button = window.findChild(QAbstractButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def heading_points(window: MainWindow) -> float:
    heading = next(
        label
        for label in window.current_screen.findChildren(QLabel)
        if label.property("role") == "h1"
    )
    return heading.font().pointSizeF()


def nav_colour(window: MainWindow) -> str:
    return QColor(window.nav.grab().toImage().pixelColor(4, 4)).name()


def test_every_patient_screen_has_the_buttons(
    make_window: MakeWindow, shipped_content: Content
) -> None:
    window = make_window(shipped_content)
    for route in routes(shipped_content):
        window.show_route(route)
        for name in ("textSizeButton", "contrastButton"):
            button = window.findChild(QAbstractButton, name)
            assert button is not None and button.isVisible(), f"{route}: no {name}"


def test_text_size_steps_through_150_and_200_and_back(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    window.show_route(Route("topic", "alpha-one"))
    screen = window.current_screen
    base = BASE_POINTS["h1_pt"]
    seen = []
    for _ in range(4):
        seen.append((window.access.text_size.text(), heading_points(window)))
        tap(qtbot, window, "textSizeButton")
    assert seen == [
        ("Text 100%", base),
        ("Text 150%", base * 1.5),
        ("Text 200%", base * 2),
        ("Text 100%", base),
    ]
    assert window.current_screen is screen, "restyled in place, not rebuilt"


def test_a_size_change_keeps_what_was_typed(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    window.show_route(Route("request"))
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    form.fields["first_name"].setText("Ana")
    form.consent.setChecked(True)
    tap(qtbot, window, "textSizeButton")
    tap(qtbot, window, "contrastButton")
    assert window.current_screen is form
    assert form.values()["first_name"] == "Ana" and form.values()["consent"] is True


def test_contrast_switches_the_colours_and_back(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    assert nav_colour(window) == DEFAULT_COLOURS["primary"]
    tap(qtbot, window, "contrastButton")
    assert window.access.contrast.isChecked()
    assert nav_colour(window) == HIGH_CONTRAST_COLOURS["primary"]
    tap(qtbot, window, "contrastButton")
    assert nav_colour(window) == DEFAULT_COLOURS["primary"]


def test_the_next_patient_gets_the_standard_look(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    tap(qtbot, window, "textSizeButton")
    tap(qtbot, window, "contrastButton")
    window.reset_session()
    window.wake()
    assert window.styleSheet() == ""
    assert heading_points(window) == BASE_POINTS["h1_pt"]
    assert nav_colour(window) == DEFAULT_COLOURS["primary"]
    assert window.access.text_size.text() == "Text 100%"
    assert not window.access.contrast.isChecked()


@pytest.mark.parametrize(
    ("size", "columns"),
    [((1920, 1080), [3, 3, 2, 3]), ((1080, 1920), [2, 1, 1, 2])],
    ids=["landscape", "portrait"],
)
def test_home_tiles_take_fewer_columns_at_larger_text(
    qtbot: QtBot,
    make_window: MakeWindow,
    shipped_content: Content,
    size: tuple[int, int],
    columns: list[int],
) -> None:
    window = make_window(shipped_content, size)
    seen = []
    for _ in columns:
        QApplication.processEvents()
        home = window.current_screen  # the same, or its copy built ahead in the new size
        assert isinstance(home, HomeScreen)
        seen.append(home.columns)
        tap(qtbot, window, "textSizeButton")
    assert seen == columns


def test_screenshots_in_large_text_and_high_contrast(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    content = str(mini_dir / "content.yaml")
    result = run_main(
        "screenshots", str(out), "--content", content, "--lang", "es", "--size", "1080x1920",
        "--text-size", "200", "--contrast", "high",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert len(pngs) == 18  # the out-of-service screen has only the plain look
    assert all(name.startswith("es-1080x1920-200-hc-") for name in pngs)
    assert "es-1080x1920-200-hc-13-idle-warning.png" in pngs
    bad = run_main("screenshots", str(out), "--content", content, "--text-size", "120")
    assert bad.returncode == 2 and "--text-size" in bad.stderr


@pytest.mark.parametrize("target", ["message", "scrim"])
def test_a_touch_anywhere_on_the_idle_warning_counts(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content, target: str
) -> None:
    """The card now sits in a scroll area (for 200% text): taps must still get through."""
    window = make_window(mini_content)
    tap(qtbot, window, "textSizeButton")
    tap(qtbot, window, "textSizeButton")
    window.show_idle_warning(30)
    overlay = window.overlay
    widget = overlay.message if target == "message" else overlay.scroll_area.viewport()
    with qtbot.waitSignal(overlay.still_here, timeout=1000):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().topLeft())


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_speech_controls_fit_at_every_text_size(
    make_window: MakeWindow, mini_content: Content, lang: str, size: tuple[int, int]
) -> None:
    """Five speech buttons side by side, or in two rows when large text on a narrow screen
    leaves too little room (the state is set directly: the test engine has no Spanish)."""
    window = make_window(mini_content, size, lang)
    problems = []
    columns = {}
    for scale in TEXT_SCALES:
        set_look(window, scale, False)
        for paused in (False, True):  # "Continue" is longer than "Pause"
            state = AccessState(lang, scale, False, True, True, paused, 0.7)
            window.access.show_state(state)
            for _ in range(3):  # a new row reaches the window one layout level per round
                QApplication.processEvents()
            problems += problems_on_screen(window, f"{lang} {scale} paused={paused}", size)
            columns[scale] = window.access.control_columns
    assert not problems, "\n".join(problems)
    assert columns[1.0] == 5, "one row at the standard size"
