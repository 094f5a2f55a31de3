"""Every screen, every language, three screen sizes: big targets, room between them,
large text, and nothing clipped or pushed off screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigation import Route
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


def problems_on_screen(window: MainWindow) -> list[str]:
    found: list[str] = []
    where = window.windowTitle()
    buttons = [b for b in window.findChildren(QAbstractButton) if shown(b)]
    for b in buttons:
        if b.width() < MIN_TARGET or b.height() < MIN_TARGET:
            found.append(
                f"{where}: button {b.objectName() or b.text()!r} is {b.width()}x{b.height()}"
            )
    half = MIN_GAP // 2
    for a, b in combinations(buttons, 2):
        ra = window_rect(a, window).adjusted(-half, -half, half - 1, half - 1)
        rb = window_rect(b, window).adjusted(-half, -half, half - 1, half - 1)
        if ra.intersects(rb):
            found.append(
                f"{where}: {a.objectName()} and {b.objectName()} are closer than {MIN_GAP}px"
            )
    for label in window.findChildren(QLabel):
        if not shown(label) or not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.contentsRect().width())
            if needed > label.contentsRect().height() + 1:
                found.append(
                    f"{where}: text cut off ({needed}>{label.height()}): {label.text()[:40]!r}"
                )
        elif label.fontMetrics().horizontalAdvance(label.text()) > label.contentsRect().width():
            found.append(f"{where}: text too wide: {label.text()[:40]!r}")
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
        problems += problems_on_screen(window)
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
    assert columns == {(1920, 1080): 4, (1280, 800): 3, (1080, 1920): 2}
