"""Screens built ahead, in idle turns once a screen is painted (kiosk/ui/prebuild.py): a tap
shows one of them, in the words, look and content of the moment, and nothing of a patient
is ever in them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content import Content, load_content
from kiosk.patient.navigation import Route, RouteKind
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.screens.section import SectionScreen
from kiosk.ui.screens.topic import TopicScreen

MakeWindow = Callable[..., MainWindow]
ALPHA = Route(RouteKind.SECTION, "alpha")


def tap_on_screen(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """A tap on a button of the screen shown (hidden screens have buttons of that name)."""
    found = window.current_screen.findChild(QPushButton, name)
    assert found is not None, f"no button {name} on the screen shown"
    qtbot.mouseClick(found, Qt.MouseButton.LeftButton)


def tap_bar(qtbot: QtBot, window: MainWindow, name: str) -> None:
    found = window.findChild(QPushButton, name)
    assert found is not None, f"no button {name}"
    qtbot.mouseClick(found, Qt.MouseButton.LeftButton)


def built_ahead(window: MainWindow, route: Route) -> Screen | None:
    """The screen built ahead for `route` in the window's language and look, if any."""
    return window.prebuild.ready.get((route, window.lang, window.look.sheet))


def wait_for(qtbot: QtBot, window: MainWindow, route: Route) -> Screen:
    qtbot.waitUntil(lambda: built_ahead(window, route) is not None)
    screen = built_ahead(window, route)
    assert screen is not None
    return screen


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Every idle step done (they end: no timer is left running)."""
    ahead = window.prebuild
    qtbot.waitUntil(lambda: not (ahead.queue or ahead.trash or ahead.unsettled or ahead._scheduled))


def words(screen: Screen) -> list[str]:
    return [label.text() for label in screen.findChildren(QLabel)]


def test_a_tile_shows_the_section_built_while_home_was_read(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    ahead = wait_for(qtbot, window, ALPHA)
    assert not ahead.isVisible() and ahead.parent() is window.stack
    tap_on_screen(qtbot, window, "tile-alpha")
    assert window.current_screen is ahead and ahead.isVisible()
    assert built_ahead(window, ALPHA) is None  # shown: no longer in the cache
    # The section's rows lead to its topics: those are built next.
    topic = wait_for(qtbot, window, Route(RouteKind.TOPIC, "alpha-one"))
    tap_on_screen(qtbot, window, "row-alpha-one")
    assert window.current_screen is topic and isinstance(topic, TopicScreen)
    settled(qtbot, window)


def test_what_is_built_ahead_is_in_the_language_of_the_moment(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    wait_for(qtbot, window, ALPHA)
    spanish = (Route(RouteKind.HOME), "es", "")
    qtbot.waitUntil(lambda: spanish in window.prebuild.ready)
    home_es = window.prebuild.ready[spanish]
    tap_bar(qtbot, window, "languageButton")
    assert window.lang == "es" and window.current_screen is home_es
    wait_for(qtbot, window, ALPHA)
    tap_on_screen(qtbot, window, "tile-alpha")
    section = window.current_screen
    assert isinstance(section, SectionScreen) and section.lang == "es"
    assert "Sección alfa" in words(section) and "Alpha section" not in words(section)
    # Back after the switch: the home screen below, in Spanish too.
    tap_bar(qtbot, window, "backButton")
    assert window.current_screen.lang == "es"
    settled(qtbot, window)


def test_what_is_built_ahead_has_the_text_size_and_contrast_of_the_moment(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    plain = wait_for(qtbot, window, ALPHA)
    tap_bar(qtbot, window, "textSizeButton")
    tap_bar(qtbot, window, "contrastButton")
    sheet = window.look.sheet
    assert sheet and window.current_screen.styleSheet() == sheet
    assert window.nav.styleSheet() == sheet and window.access.styleSheet() == sheet
    assert window.styleSheet() == ""  # the hidden screens are not restyled with each switch
    tap_on_screen(qtbot, window, "tile-alpha")
    section = window.current_screen
    assert isinstance(section, SectionScreen) and section.styleSheet() == sheet
    heading = section.findChildren(QLabel)[0]
    assert heading.font().pointSizeF() > plain.findChildren(QLabel)[0].font().pointSizeF()
    # Back: the home screen kept below takes the look too.
    tap_bar(qtbot, window, "backButton")
    assert window.current_screen.styleSheet() == sheet
    settled(qtbot, window)


def test_a_look_switch_restyles_the_screen_shown_in_place(
    qtbot: QtBot, make_window: MakeWindow, shipped_content: Content
) -> None:
    window = make_window(shipped_content)
    longest = max(
        (t for s in shipped_content.sections for t in s.topics), key=lambda t: len(t.body)
    )
    window.show_route(Route(RouteKind.TOPIC, longest.id))
    settled(qtbot, window)
    bar = window.current_screen.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    before = window.current_screen
    tap_bar(qtbot, window, "textSizeButton")
    after = window.current_screen
    assert after is before and after.styleSheet() == window.look.sheet  # restyled in place
    assert after.scroll_area.verticalScrollBar().value() > 0  # not rebuilt at the top
    settled(qtbot, window)


def test_new_content_throws_away_what_was_built_for_the_old(
    qtbot: QtBot, make_window: MakeWindow, mini_dir: Path
) -> None:
    window = make_window(load_content(mini_dir / "content.yaml").content)
    old = wait_for(qtbot, window, ALPHA)
    path = mini_dir / "content.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Alpha section", "Renamed section"),
        encoding="utf-8",
    )
    window.replace_content_now(load_content(path).content)
    assert built_ahead(window, ALPHA) is None or built_ahead(window, ALPHA) is not old
    tap_on_screen(qtbot, window, "tile-alpha")
    assert window.current_screen is not old
    assert "Renamed section" in words(window.current_screen)
    settled(qtbot, window)


def test_a_reset_keeps_what_was_built_but_nothing_of_the_patient(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    wait_for(qtbot, window, ALPHA)
    tap_on_screen(qtbot, window, "tile-alpha")
    tap_on_screen(qtbot, window, "row-alpha-one")
    tap_bar(qtbot, window, "callButton")
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    form.fields["first_name"].setText("Ana")
    settled(qtbot, window)
    kept = dict(window.prebuild.ready)
    assert kept and not any(isinstance(s, RequestFormScreen) for s in kept.values())
    window.reset_session()
    assert not window.prebuild.trash  # the last session's screens are gone at once
    # Content only: the same screens stay for the next patient, none of them ever shown.
    assert all(window.prebuild.ready.get(key) is screen for key, screen in kept.items())
    window.wake()
    tap_on_screen(qtbot, window, "tile-request")
    fresh = window.current_screen
    assert isinstance(fresh, RequestFormScreen) and fresh is not form
    assert fresh.fields["first_name"].text() == ""
    settled(qtbot, window)


def test_nothing_is_built_ahead_before_the_first_paint(qtbot: QtBot, make_kiosk: object) -> None:
    kiosk: Kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    assert isinstance(window, MainWindow)
    assert window.findChildren(Screen) == []  # the start screen is no Screen
    qtbot.waitUntil(lambda: kiosk.after_paint is not None and kiosk.after_paint.pending == 0)
    # The home screen is built behind the start screen; what its taps show is built once
    # a patient has it on the glass.
    assert window.prebuild.ready == {}
    window.wake()
    wait_for(qtbot, window, ALPHA)
    settled(qtbot, window)


def test_what_a_first_paint_starts_comes_before_building_ahead(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    """A window that opens on home (a preview) starts building ahead at its first paint;
    the steps that same paint starts (the kiosk's after-paint steps, the bench's
    first-paint report), queued after it in the paint, still run first."""
    from kiosk.ui.after_paint import AfterFirstPaint

    window = MainWindow(mini_content)  # home at once, as in a preview
    qtbot.addWidget(window)
    seen: list[int] = []
    AfterFirstPaint(window.current_screen, [lambda: seen.append(len(window.prebuild.ready))])
    window.resize(1280, 800)
    window.show()  # the first paint comes from here
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [0], "a screen was built ahead before the first paint's own step"
    wait_for(qtbot, window, ALPHA)
    settled(qtbot, window)


def test_a_touch_leaves_the_focus_where_it_was(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    """A touch that gave the page's scroll area the focus repainted the whole page, twice
    (focus in, then out at the next screen), before the button could show it was pressed."""
    window = make_window(mini_content)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    window.setFocus()
    tile = window.current_screen.findChild(QPushButton, "tile-alpha")
    assert tile is not None
    qtbot.mousePress(tile, Qt.MouseButton.LeftButton)
    assert window.focusWidget() in (None, window)
    qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton)


def held_back(screen: QWidget) -> list[QWidget]:
    """Widgets of `screen` whose move or resize event Qt still holds for their first show."""
    pending = (Qt.WidgetAttribute.WA_PendingResizeEvent, Qt.WidgetAttribute.WA_PendingMoveEvent)
    widgets = (screen, *screen.findChildren(QWidget))
    return [w for w in widgets if any(w.testAttribute(attribute) for attribute in pending)]


def test_a_screen_built_ahead_is_laid_out_before_its_tap(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    """Qt holds back a hidden widget's move and resize events until its first show, and
    each resize lays out its children again: a screen built ahead has had them already,
    so the tap only shows it, at the size it was laid out for."""
    window = make_window(mini_content)
    ahead = wait_for(qtbot, window, ALPHA)
    settled(qtbot, window)
    assert held_back(ahead) == []
    assert ahead.size() == window.stack.size()
    tap_on_screen(qtbot, window, "tile-alpha")
    assert window.current_screen is ahead and ahead.geometry() == window.stack.rect()


def test_a_screen_kept_for_back_is_laid_out_in_the_new_look_before_back(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    wait_for(qtbot, window, ALPHA)
    tap_on_screen(qtbot, window, "tile-alpha")
    home = window.router.built[0][1]
    assert home is not None and not home.isVisible()
    tap_bar(qtbot, window, "textSizeButton")
    settled(qtbot, window)
    qtbot.waitUntil(lambda: home.styleSheet() == window.look.sheet)
    assert held_back(home) == []
    tap_bar(qtbot, window, "backButton")
    assert window.current_screen is home and home.geometry() == window.stack.rect()
