"""A patient moving around: tiles, rows, Back, Home, language, with mouse and touch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.section import SectionScreen
from kiosk.ui.screens.topic import TopicScreen

MakeWindow = Callable[..., MainWindow]


def button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, f"no button {name}"
    return found


def tap(qtbot: QtBot, window: MainWindow, name: str) -> None:
    widget = button(window, name)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def texts(window: MainWindow) -> list[str]:
    return [label.text() for label in window.current_screen.findChildren(QLabel)]


def test_home_section_topic_back_home(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    assert isinstance(window.current_screen, HomeScreen)
    assert not button(window, "backButton").isEnabled()

    tap(qtbot, window, "tile-alpha")
    assert isinstance(window.current_screen, SectionScreen)
    assert "Alpha section" in texts(window)
    assert button(window, "backButton").isEnabled()

    tap(qtbot, window, "row-alpha-one")
    assert isinstance(window.current_screen, TopicScreen)
    assert "Alpha one" in texts(window)
    assert window.windowTitle() == "Test clinic - Alpha one"

    tap(qtbot, window, "backButton")
    assert isinstance(window.current_screen, SectionScreen)
    tap(qtbot, window, "backButton")
    assert isinstance(window.current_screen, HomeScreen)
    assert not button(window, "backButton").isEnabled()

    tap(qtbot, window, "tile-beta")
    tap(qtbot, window, "row-beta-one")
    tap(qtbot, window, "homeButton")
    assert isinstance(window.current_screen, HomeScreen)
    assert not button(window, "backButton").isEnabled()


def test_next_topic_then_back_returns_to_the_section(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    tap(qtbot, window, "nextButton")
    assert "Alpha two" in texts(window)
    tap(qtbot, window, "backButton")
    assert isinstance(window.current_screen, SectionScreen)


def test_home_and_back_stay_in_the_same_place(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    places = set()
    for step in ("tile-alpha", "row-alpha-one", "nextButton", "homeButton", "aboutButton"):
        tap(qtbot, window, step)
        back, home = button(window, "backButton"), button(window, "homeButton")
        assert back.isVisible() and home.isVisible()
        places.add((back.mapTo(window, QPoint()).toTuple(), home.mapTo(window, QPoint()).toTuple()))
    assert len(places) == 1


def test_language_switch_keeps_the_place(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    assert button(window, "languageButton").text() == "Español"
    tap(qtbot, window, "languageButton")
    assert isinstance(window.current_screen, TopicScreen)
    assert "Alfa uno" in texts(window)
    assert button(window, "backButton").text() == "Atrás"
    assert button(window, "languageButton").text() == "English"
    tap(qtbot, window, "backButton")  # history survives the switch
    assert "Sección alfa" in texts(window)


def test_content_text_is_never_rich_text(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    labels = window.findChildren(QLabel)
    shown = [label for label in labels if "<b>" in label.text()]
    assert shown, "the literal '<b>' must be displayed as text"
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels if label.text())
    assert not any(label.openExternalLinks() for label in labels)


def test_touch_tap_opens_a_section(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    device = QTest.createTouchDevice()
    tile = button(window, "tile-beta")
    point = tile.mapTo(window, tile.rect().center())
    QTest.touchEvent(window, device).press(0, point, window).commit()
    QTest.touchEvent(window, device).release(0, point, window).commit()
    qtbot.waitUntil(lambda: isinstance(window.current_screen, SectionScreen))
    assert "Beta section" in texts(window)
    assert "General safety guidance" in " ".join(texts(window))  # urgent banner shown


def test_about_screen_shows_review_information(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content, lang="es")
    tap(qtbot, window, "aboutButton")
    shown = " ".join(texts(window))
    assert "Sobre esta información" in shown
    assert "Esto es solo educación. No es consejo médico." in shown
    assert "Enfermera de la clínica" in shown
    # Dates in the patient's language (Babel's CLDR forms), never the ISO form.
    assert "Última revisión: 1 de noviembre de 2026" in shown
    assert "Próxima revisión: 1 de noviembre de 2027" in shown
    assert "2027-11-01" not in shown


def test_about_dates_are_in_english_form_in_english(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content, lang="en")
    tap(qtbot, window, "aboutButton")
    assert "Next review: November 1, 2027" in " ".join(texts(window))


def test_a_tap_on_the_bar_title_is_a_signal_even_when_the_name_is_hidden(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    """Staff mode counts title_tapped; it must not reach into the bar's label itself."""
    window = make_window(mini_content)
    taps: list[bool] = []
    window.nav.title_tapped.connect(lambda: taps.append(True))
    qtbot.mouseClick(window.nav.title, Qt.MouseButton.LeftButton)
    window.nav.title.setText("")  # the name given way: the place still counts taps
    qtbot.mouseClick(window.nav.title, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.nav.home, Qt.MouseButton.LeftButton)  # not the title
    assert taps == [True, True]
