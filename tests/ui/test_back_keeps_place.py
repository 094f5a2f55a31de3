"""Back returns to the screen as the patient left it (the same place in a long list), while
anything with typed text is destroyed as soon as it is left, and a language switch or a
reset leaves no old screen behind."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.screens.section import SectionScreen

MakeWindow = Callable[..., MainWindow]


def tap(qtbot: QtBot, window: MainWindow, name: str) -> None:
    found = [b for b in window.findChildren(QPushButton, name) if b.isVisible()]
    assert len(found) == 1, f"{len(found)} visible buttons named {name}"
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


def longest_section(content: Content) -> str:
    return max(content.sections, key=lambda s: len(s.topics)).id


def test_back_returns_to_the_same_place_in_the_list(
    qtbot: QtBot, make_window: MakeWindow, shipped_content: Content
) -> None:
    window = make_window(shipped_content, (1080, 1920))
    window.resize(1280, 800)  # short: the section list scrolls
    QApplication.processEvents()
    section_id = longest_section(shipped_content)
    tap(qtbot, window, f"tile-{section_id}")
    section = window.current_screen
    assert isinstance(section, SectionScreen)
    bar = section.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0, "the list must scroll for this test"
    bar.setValue(bar.maximum())
    last = shipped_content.section(section_id).topics[-1]  # type: ignore[union-attr]
    tap(qtbot, window, f"row-{last.id}")
    assert window.current_screen is not section
    tap(qtbot, window, "backButton")
    assert window.current_screen is section  # not built again
    assert bar.value() == bar.maximum()  # still at the row the patient opened


def test_a_form_left_with_back_is_gone_with_what_was_typed(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    window.open_request("alpha-one")
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    form.fields["first_name"].setText("Rosalind")
    tap(qtbot, window, "backButton")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not shiboken6.isValid(form))  # deleted, not kept for later
    assert not any(f.text() == "Rosalind" for f in window.findChildren(QLineEdit))
    window.open_request("alpha-one")
    again = window.current_screen
    assert isinstance(again, RequestFormScreen) and again.fields["first_name"].text() == ""


def test_after_a_language_switch_back_shows_the_new_language(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    window.set_language("es")
    tap(qtbot, window, "backButton")
    section = window.current_screen
    assert isinstance(section, SectionScreen) and section.lang == "es"
    spanish = mini_content.section("alpha").title.get("es")  # type: ignore[union-attr]
    assert spanish in [label.text() for label in section.findChildren(QLabel)]


def test_a_reset_leaves_no_screen_of_the_last_patient(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    seen = [s for _, s in window.router.built if s is not None]
    assert len(seen) == 3  # home, section, topic
    window.reset_session()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(s) for s in seen))
