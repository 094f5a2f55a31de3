"""Every screen, every language, three screen sizes: big targets, room between them,
large text, and nothing clipped or pushed off screen. And the same again at 150% and 200%
text and in high contrast (A2, A3), with every state a patient can meet: the form with the
keyboard up, its errors, the idle warning, the thank-you and the start screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QWidget,
)

from kiosk.content import Content
from kiosk.patient.navigation import Route
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.screenshots import screens, set_look, validate_only
from kiosk.ui.widgets.wrapping import WrapButton
from tests.ui.conftest import SIZES

MakeWindow = Callable[..., MainWindow]
MIN_TARGET = 64  # U1 asks for 44 and aims for 64; we hold ourselves to 64
MIN_GAP = 8
MIN_BODY_PT = 22


def routes(content: Content) -> Iterator[Route]:
    yield Route("home")
    yield Route("about")
    for section in content.sections:
        yield Route("section", section.id)
        for topic in section.topics:
            yield Route("topic", topic.id)
    yield Route("request", content.sections[0].topics[0].id)
    yield Route("confirmation", "K7M3QX")


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def window_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def seen_rect(widget: QWidget, window: QWidget) -> QRect | None:
    """The part of the widget not clipped away by scroll areas, in window coordinates."""
    region = widget.visibleRegion()
    if region.isEmpty():
        return None
    box = region.boundingRect()
    return QRect(widget.mapTo(window, box.topLeft()), box.size())


def in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def button_text_problem(button: QPushButton) -> str | None:
    """Text (and icon) wider or taller than the room inside the border and padding: Qt
    would cut it off without a word."""
    text = button.text()
    if not text:
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    metrics = button.fontMetrics()
    lines = button.lines(button.width()) if isinstance(button, WrapButton) else [text]
    needed = QSize(
        max(map(metrics.horizontalAdvance, lines)),
        metrics.height() + metrics.lineSpacing() * (len(lines) - 1),
    )
    if not button.icon().isNull():
        icon = button.iconSize()
        needed = QSize(needed.width() + icon.width() + 4, max(needed.height(), icon.height()))
    if needed.width() > room.width() or needed.height() > room.height():
        return (
            f"button text cut off ({needed.width()}x{needed.height()} in "
            f"{room.width()}x{room.height()}): {text[:40]!r}"
        )
    return None


def check_box_problem(box: QCheckBox) -> str | None:
    if box.hasHeightForWidth():  # a check box that wraps its text
        if box.heightForWidth(box.width()) > box.height():
            return f"check box text cut off: {box.text()[:40]!r}"
        return None
    option = QStyleOptionButton()
    box.initStyleOption(option)
    room = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, box)
    if box.fontMetrics().horizontalAdvance(box.text()) > room.width():
        return f"check box text too wide: {box.text()[:40]!r}"
    return None


def line_edit_problem(edit: QLineEdit) -> str | None:
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    if edit.fontMetrics().height() > room.height():
        return f"field {edit.objectName()} is too low for its text ({room.height()}px)"
    return None


def problems_on_screen(
    window: MainWindow, where: str = "", size: tuple[int, int] | None = None
) -> list[str]:
    found: list[str] = []
    where = where or window.windowTitle()
    # The idle warning covers (and catches every touch on) everything under it.
    root: QWidget = window.overlay if window.overlay.isVisible() else window
    screen = window.rect()
    if size is not None and window.size().toTuple() != size:
        found.append(f"{where}: the window grew to {window.width()}x{window.height()}")
    buttons = [b for b in root.findChildren(QAbstractButton) if shown(b)]
    for b in buttons:
        if b.width() < MIN_TARGET or b.height() < MIN_TARGET:
            found.append(
                f"{where}: button {b.objectName() or b.text()!r} is {b.width()}x{b.height()}"
            )
    half = MIN_GAP // 2
    # Only what can be seen counts: a button scrolled half under a bar is not "too close".
    seen = [(b, r) for b in buttons if (r := seen_rect(b, window)) is not None]
    for (a, ra), (b, rb) in combinations(seen, 2):
        ra = ra.adjusted(-half, -half, half - 1, half - 1)
        rb = rb.adjusted(-half, -half, half - 1, half - 1)
        if ra.intersects(rb):
            found.append(
                f"{where}: {a.objectName()} and {b.objectName()} are closer than {MIN_GAP}px"
            )
    for b in buttons:
        problem = None
        if isinstance(b, QPushButton):
            problem = button_text_problem(b)
        elif isinstance(b, QCheckBox):
            problem = check_box_problem(b)
        if problem:
            found.append(f"{where}: {problem}")
    for edit in root.findChildren(QLineEdit):
        if shown(edit) and (problem := line_edit_problem(edit)):
            found.append(f"{where}: {problem}")
    for area in root.findChildren(QScrollArea):
        inner = area.widget()
        if not shown(area) or inner is None:
            continue
        # The page, or what it holds (cut off at the page's edge), wider than the view.
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        parts = [c for c in inner.findChildren(QWidget, options=direct) if c.isVisible()]
        widest = max([inner.width()] + [c.geometry().right() + 1 for c in parts])
        if widest > area.viewport().width():
            found.append(f"{where}: the page is {widest}px wide in a narrower view")
    for widget in root.findChildren(QWidget):
        # Outside scroll areas everything must be on screen; inside, it can scroll there.
        if shown(widget) and not in_scroll_area(widget):
            rect = window_rect(widget, window)
            if not screen.contains(rect):
                name = widget.objectName() or type(widget).__name__
                found.append(f"{where}: {name} at {rect.getRect()} is off the screen")
    for label in root.findChildren(QLabel):
        if not shown(label):
            continue
        pixmap = label.pixmap()
        if not pixmap.isNull() and pixmap.width() > label.contentsRect().width():
            found.append(f"{where}: a picture {pixmap.width()}px wide in {label.width()}px")
        if not label.text():
            continue
        # Both measure the whole label, padding and border included.
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                found.append(
                    f"{where}: text cut off ({needed}>{label.height()}): {label.text()[:40]!r}"
                )
        else:
            hint = label.sizeHint()
            if hint.width() > label.width():
                found.append(f"{where}: text too wide: {label.text()[:40]!r}")
            if hint.height() > label.height():
                found.append(f"{where}: text cut off at the bottom: {label.text()[:40]!r}")
        right = window_rect(label, window).right()
        if right > window.width():
            found.append(f"{where}: {label.text()[:40]!r} runs off the screen")
        if label.property("role") in ("body", "bullet") and label.font().pointSizeF() < MIN_BODY_PT:
            found.append(f"{where}: body text is {label.font().pointSizeF()}pt")
    return found


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_screen_fits(
    make_window: MakeWindow, shipped_content: Content, size: tuple[int, int], lang: str
) -> None:
    window = make_window(shipped_content, size, lang)
    problems: list[str] = []
    count = 0
    for route in routes(shipped_content):
        window.show_route(route)
        QApplication.processEvents()
        problems += problems_on_screen(window, size=size)
        count += 1
    assert count == 4 + len(shipped_content.sections) + sum(
        len(s.topics) for s in shipped_content.sections
    )
    assert not problems, "\n".join(problems[:30])


def test_checker_catches_a_tiny_button(make_window: MakeWindow, mini_content: Content) -> None:
    window = make_window(mini_content)
    window.findChild(QAbstractButton, "homeButton").setFixedSize(30, 30)
    QApplication.processEvents()
    assert any("homeButton" in p and "30x30" in p for p in problems_on_screen(window))


def test_checker_catches_clipped_text(make_window: MakeWindow, mini_content: Content) -> None:
    window = make_window(mini_content)
    label = window.current_screen.findChildren(QLabel)[0]
    label.setText("word " * 200)
    label.setFixedHeight(20)
    QApplication.processEvents()
    assert any("text cut off" in p for p in problems_on_screen(window))


def test_home_grid_adapts_to_the_screen(make_window: MakeWindow, shipped_content: Content) -> None:
    columns = {}
    for size in SIZES:
        window = make_window(shipped_content, size)
        QApplication.processEvents()
        columns[size] = window.current_screen.columns  # type: ignore[attr-defined]
    assert columns == {(1920, 1080): 3, (1280, 800): 3, (1080, 1920): 2}


# Text size and contrast (A2, A3) ------------------------------------------------------------
LOOK_SIZES = [(1920, 1080), (1080, 1920)]
# High contrast changes colours only, so it rides along with the largest text; 100% in high
# contrast takes the window-stylesheet path that 150% and 200% take too.
LOOKS = [(1.5, False), (2.0, False), (2.0, True), (1.0, True)]


def show_phone_pad(window: MainWindow) -> None:
    window.show_route(Route("request"))
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    form.fields["phone"].focused.emit()
    QApplication.processEvents()
    assert form.keyboard.phone_pad.isVisible()


def walk(window: MainWindow, content: Content, lang: str, look: tuple[float, bool]) -> list[str]:
    """Every state in the screenshots (start, home, about, sections, topics, the form empty,
    with the keyboard up, with errors and failed, thank-you, idle warning, staff pages) and
    the phone pad, each in the given look; the problems found."""
    states = [*screens(window, content), ("request-phone", lambda: show_phone_pad(window))]
    size = window.size().toTuple()
    problems: list[str] = []
    for name, show in states:
        show()
        if window.lang != lang:  # the start screen resets the language ...
            window.set_language(lang)
        set_look(window, *look)  # ... and the text size and contrast
        QApplication.processEvents()
        problems += problems_on_screen(window, f"{lang} {name}", size)
        window.hide_idle_warning()
    return problems


@pytest.mark.parametrize("look", LOOKS, ids=[f"{round(t * 100)}{'-hc' * h}" for t, h in LOOKS])
@pytest.mark.parametrize("size", LOOK_SIZES, ids=[f"{w}x{h}" for w, h in LOOK_SIZES])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_screen_fits_large_text_and_high_contrast(
    make_window: MakeWindow,
    shipped_content: Content,
    size: tuple[int, int],
    lang: str,
    look: tuple[float, bool],
) -> None:
    window = make_window(shipped_content, size, lang)
    window.submit = validate_only  # the errors state shows what validation says
    problems = walk(window, shipped_content, lang, look)
    assert window.session.text_scale == look[0]
    assert window.session.high_contrast == look[1]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_checker_catches_a_cut_off_button_text(
    make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    button = window.findChild(QPushButton, "homeButton")
    button.setText("A very long word on a home button " * 3)
    QApplication.processEvents()
    assert any("button text cut off" in p for p in problems_on_screen(window))


def test_checker_catches_a_window_pushed_off_the_screen(
    make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content, (1920, 1080))
    window.current_screen.setMinimumHeight(1500)
    QApplication.processEvents()
    assert any("the window grew" in p for p in problems_on_screen(window, size=(1920, 1080)))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_state_fits_a_short_screen_at_standard_size(
    make_window: MakeWindow, shipped_content: Content, lang: str
) -> None:
    """1280x800 has the least room for the keyboard: typing, then leaving the form with the
    keyboard still up, must not grow the window past the screen (U4)."""
    window = make_window(shipped_content, (1280, 800), lang)
    window.submit = validate_only
    problems = walk(window, shipped_content, lang, (1.0, False))
    assert not problems, "\n".join(problems[:40])


def test_checker_catches_a_page_wider_than_the_screen(
    make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content, (1080, 1920))
    window.current_screen.column_widget.setMinimumWidth(1500)
    QApplication.processEvents()
    assert any("px wide in a narrower view" in p for p in problems_on_screen(window))


def test_checker_catches_a_field_too_low_for_its_text(
    make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    window.show_route(Route("request"))
    field = window.current_screen.findChild(QLineEdit, "field-first_name")
    field.setFixedHeight(30)
    QApplication.processEvents()
    assert any("field-first_name is too low" in p for p in problems_on_screen(window))
