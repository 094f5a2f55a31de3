"""The patient's way through (issue 18): home on one screen with Call me always one tap away,
a start screen that asks for the language, a thank-you that never resets by surprise, a
'more below' hint that tells the truth, and a language switch that keeps the place."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.appointments.service import Outcome, Saved
from kiosk.content import Content
from kiosk.patient.navigation import Route
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.confirmation import ConfirmationScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.screenshots import set_look
from tests.ui.conftest import SIZES

MakeWindow = Callable[..., MainWindow]


def button(window: QWidget, name: str) -> QAbstractButton:
    found = window.findChild(QAbstractButton, name)
    assert found is not None, name
    return found


def tap(qtbot: QtBot, window: QWidget, name: str) -> None:
    qtbot.mouseClick(button(window, name), Qt.MouseButton.LeftButton)


def wholly_in_view(widget: QWidget, window: QWidget) -> bool:
    """Every pixel of the widget can be seen without scrolling."""
    region = widget.visibleRegion()
    return widget.isVisible() and region.boundingRect() == widget.rect()


def saved(values: Mapping[str, str | bool], reasons: Collection[str], lang: str) -> Outcome:
    return Saved("K7M3QX")


def thank_you(qtbot: QtBot, themed_app: object, content: Content, lang: str = "en") -> MainWindow:
    """A window on the thank-you screen, reached as a patient reaches it: Send on the form."""
    window = MainWindow(content, lang, submit=saved)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_request()
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    form.send_request()  # what the Send button does
    assert isinstance(window.current_screen, ConfirmationScreen)
    return window


# 1. Home on one screen; Call me on every screen --------------------------------------------
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_home_shows_every_tile_the_call_back_and_about_without_scrolling(
    make_window: MakeWindow, shipped_content: Content, size: tuple[int, int], lang: str
) -> None:
    window = make_window(shipped_content, size, lang)
    QApplication.processEvents()
    home = window.current_screen
    assert isinstance(home, HomeScreen)
    wanted = [f"tile-{s.id}" for s in shipped_content.sections] + ["tile-request", "aboutButton"]
    hidden = [name for name in wanted if not wholly_in_view(button(home, name), window)]
    assert not hidden, f"{size} {lang}: not wholly on screen: {hidden}"
    assert home.scroll_area.verticalScrollBar().maximum() == 0
    assert not home.more_hint.isVisible()
    # The urgent section comes first, top left, where a worried patient looks first.
    places = {t.objectName(): t.mapTo(home, QPoint()).toTuple() for t in home.tiles}
    tiles = sorted(home.tiles, key=lambda t: places[t.objectName()][::-1])
    assert tiles[0].objectName() == "tile-urgent"


@pytest.mark.parametrize("text_scale", [1.0, 2.0])
def test_call_me_is_on_every_patient_screen_and_opens_the_form(
    qtbot: QtBot, make_window: MakeWindow, shipped_content: Content, text_scale: float
) -> None:
    window = make_window(shipped_content, (1080, 1920))
    set_look(window, text_scale, False)
    topic = shipped_content.sections[1].topics[0].id
    routes = [Route("home"), Route("about"), Route("section", "treatment"), Route("topic", topic)]
    for route in routes:
        window.show_route(route)
        QApplication.processEvents()
        call = button(window, "callButton")
        assert wholly_in_view(call, window) and call.isEnabled(), route
        assert call.text() == "Call me"
    tap(qtbot, window, "callButton")
    assert isinstance(window.current_screen, RequestFormScreen)
    assert not button(window, "callButton").isEnabled(), "already on the form"


# 3. Going on from the thank-you stops the clear-up ------------------------------------------
@pytest.mark.parametrize("go_on", ["backButton", "homeButton", "callButton"])
def test_going_on_from_the_thank_you_stops_its_clear_up(
    qtbot: QtBot, themed_app: object, mini_content: Content, go_on: str
) -> None:
    window = thank_you(qtbot, themed_app, mini_content)
    assert window.confirmation_timer.isActive()
    tap(qtbot, window, go_on)
    assert not isinstance(window.current_screen, ConfirmationScreen)
    assert not window.confirmation_timer.isActive(), "a reset would throw the patient out"
    assert not window.on_start_screen


# 4. The reference code: large, what it is for, 60 s, Back goes home -------------------------
@pytest.mark.parametrize(
    ("lang", "purpose"),
    [("en", "Give this code if you call us."), ("es", "Díganos este código si nos llama.")],
)
def test_the_code_is_large_says_what_it_is_for_and_stays_a_minute(
    qtbot: QtBot, themed_app: object, mini_content: Content, lang: str, purpose: str
) -> None:
    window = thank_you(qtbot, themed_app, mini_content, lang)
    thanks = window.current_screen
    assert isinstance(thanks, ConfirmationScreen)
    QApplication.processEvents()
    assert thanks.code_label.text() == "K7M3QX"
    assert thanks.purpose_label.text() == purpose
    heading = thanks.findChildren(QLabel)[0]
    assert thanks.code_label.font().pointSizeF() > 1.5 * heading.font().pointSizeF()
    assert window.confirmation_timer.interval() == 60_000
    assert "60" in " ".join(label.text() for label in thanks.findChildren(QLabel))
    tap(qtbot, window, "backButton")
    assert isinstance(window.current_screen, HomeScreen), "never back to the filled form"
    assert not window.history.can_go_back


def test_done_clears_the_screen_at_once(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    window = thank_you(qtbot, themed_app, mini_content)
    tap(qtbot, window.current_screen, "doneButton")
    assert window.on_start_screen


# 5. "More below" only when content really continues below -----------------------------------
def test_no_more_below_on_the_thank_you(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    window = thank_you(qtbot, themed_app, mini_content)
    QApplication.processEvents()
    thanks = window.current_screen
    assert not thanks.more_hint.isVisible()
    assert thanks.more_strip.isHidden(), "a page that fits keeps no strip"


def test_more_below_follows_the_content_and_never_covers_it(
    qtbot: QtBot, make_window: MakeWindow, shipped_content: Content
) -> None:
    window = make_window(shipped_content, (1080, 1920), "es")
    set_look(window, 2.0, False)
    window.show_route(Route("topic", shipped_content.sections[1].topics[0].id))
    QApplication.processEvents()
    QApplication.processEvents()
    screen = window.current_screen
    area, pill = screen.scroll_area, screen.more_hint
    bar = area.verticalScrollBar()
    assert pill.isVisible() and bar.value() == 0
    # Its own strip under the page, one line high: never over two lines of text.
    view = QRect(area.viewport().mapTo(window, QPoint()), area.viewport().size())
    strip = QRect(screen.more_strip.mapTo(window, QPoint()), screen.more_strip.size())
    assert not view.intersects(strip)
    body = next(lb for lb in screen.findChildren(QLabel) if lb.property("role") == "body")
    assert pill.height() < 2 * body.fontMetrics().lineSpacing()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: not pill.isVisible())
    last = max(
        (w for w in screen.column_widget.findChildren(QWidget) if w.isVisible()),
        key=lambda w: w.mapTo(screen.column_widget, QPoint(0, w.height())).y(),
    )
    assert wholly_in_view(last, window), "at the end the last words are in view"


def test_more_below_on_a_page_cut_off_by_the_bar_under_it(qtbot: QtBot, themed_app: object) -> None:
    """A screen that keeps buttons under its strip (the form's Next and Back): a page taller
    than its view, though not than the whole screen, still says that more is below."""
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.widgets.labels import text_label

    screen = Screen("A page", "en")
    qtbot.addWidget(screen)
    for n in range(12):
        screen.column.addWidget(text_label(f"Paragraph {n}: words that wrap. " * 6, "body"))
    screen.finish()
    bar = QWidget()
    bar.setFixedHeight(200)  # like the form's button bar
    screen.outer.addWidget(bar)
    screen.resize(800, 4000)  # the page fits: measure it
    screen.show()
    qtbot.waitExposed(screen)
    page = screen.scroll_area.page_height()
    screen.resize(800, page + 100)  # the view is 100 px short of the page; the screen is not
    qtbot.waitUntil(lambda: screen.more_strip.isVisible())
    assert screen.more_hint.isVisible()
    view = QRect(screen.scroll_area.viewport().mapTo(screen, QPoint()),
                 screen.scroll_area.viewport().size())  # fmt: skip
    strip = QRect(screen.more_strip.mapTo(screen, QPoint()), screen.more_strip.size())
    assert not view.intersects(strip)


# 6. The start screen asks for the language -------------------------------------------------
@pytest.mark.parametrize(("lang", "heading"), [("es", "Sección alfa"), ("en", "Alpha section")])
def test_the_start_button_chooses_the_language(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content, lang: str, heading: str
) -> None:
    window = make_window(mini_content, (1280, 800))
    window.reset_session()
    tap(qtbot, window.attract, f"start-{lang}")
    assert not window.on_start_screen
    assert window.lang == lang
    assert isinstance(window.current_screen, HomeScreen)
    assert heading in [t.title_label.text() for t in window.current_screen.tiles]


def test_the_waking_touch_activates_nothing_but_the_language(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    """I4: a finger on a start button starts in that language (on release inside it), and
    whatever of the home screen lies under the finger stays shut."""
    window = make_window(mini_content, (1280, 800))
    window.reset_session()
    QApplication.processEvents()
    spanish = button(window.attract, "start-es")
    point = spanish.mapTo(window, spanish.rect().center())
    device = QTest.createTouchDevice()
    QTest.touchEvent(window, device).press(0, point, window).commit()
    QTest.touchEvent(window, device).release(0, point, window).commit()
    qtbot.waitUntil(lambda: not window.on_start_screen)
    assert window.lang == "es"
    assert isinstance(window.current_screen, HomeScreen), "nothing under the finger opened"
    # A press on a button that slides off before the release chooses nothing.
    window.reset_session()
    QApplication.processEvents()
    english = button(window.attract, "start-en")
    QTest.mousePress(english, Qt.MouseButton.LeftButton, pos=english.rect().center())
    QTest.mouseRelease(english, Qt.MouseButton.LeftButton, pos=QPoint(-40, -40))
    assert window.on_start_screen


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_start_phrases_keep_to_one_line(
    make_window: MakeWindow, shipped_content: Content, size: tuple[int, int]
) -> None:
    window = make_window(shipped_content, size)
    window.reset_session()
    QApplication.processEvents()
    texts = {}
    for lang, start in window.attract.start_buttons.items():
        assert start.isVisible() and start.height() >= 96, "one large button per language"
        # The whole phrase fits the button's inside on one line (a plain button cuts it off
        # rather than wrap: this is what keeps it whole).
        option = QStyleOptionButton()
        start.initStyleOption(option)
        inside = start.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, start
        )
        assert start.fontMetrics().horizontalAdvance(start.text()) <= inside.width(), lang
        texts[lang] = start.text()
    assert texts == {"en": "Touch here to start", "es": "Toque aquí para empezar"}


# 8. A language switch keeps the place, clamped to the content --------------------------------
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_switching_language_at_the_end_of_a_topic_stays_on_its_words(
    make_window: MakeWindow, shipped_content: Content, size: tuple[int, int]
) -> None:
    window = make_window(shipped_content, size)
    window.open_topic("fbss-meaning")
    QApplication.processEvents()
    bar = window.current_screen.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    window.set_language("es")
    QApplication.processEvents()
    screen = window.current_screen
    area = screen.scroll_area
    bar = area.verticalScrollBar()
    shown_to = bar.value() + area.viewport().height()
    blank = shown_to - area.content_bottom_px()
    assert blank <= screen.centre.contentsMargins().bottom(), f"{blank}px of blank page"
    assert bar.value() >= bar.maximum() - screen.centre.contentsMargins().bottom()


def test_the_thank_you_time_is_the_clinics_setting(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    """`confirmation_seconds` in the settings file: how long the code stays on screen."""
    kiosk = make_kiosk(confirmation_seconds=90)
    window = kiosk.window
    assert isinstance(window, MainWindow)
    assert window.confirmation_timer.interval() == 90_000
    assert window.confirmation_seconds == 90
