"""The glass is filled once under a screen, not once per layer (P3'): the stacks and scroll
areas between the window and a screen paint nothing of their own, so what shows through
them is the screen's own background, in the session's look (kiosk/ui/look_switch.py).
Every extra layer was one more fill of the whole window in every paint of every tap."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.patient.navigation import Route, RouteKind
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets.kinetic_scroll import KineticScrollArea

MakeWindow = Callable[..., MainWindow]
MARK = QColor("#ff00ff")  # in no look of the theme


def own_paint(widget: QWidget) -> QImage:
    """What `widget` paints by itself (no children) over a marked canvas."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(MARK)
    widget.render(image, QPoint(), QRegion(), QWidget.RenderFlag(0))
    return image


def test_the_layers_under_a_screen_paint_nothing_of_their_own(
    qtbot: QtBot, make_window: MakeWindow, mini_content: Content
) -> None:
    window = make_window(mini_content)
    window.show_route(Route(RouteKind.TOPIC, "alpha-one"))
    screen = window.current_screen
    layers = [window.pages, window.stack, *screen.findChildren(KineticScrollArea)]
    assert len(layers) >= 3
    for layer in layers:
        image = own_paint(layer)
        middle = image.pixelColor(image.width() // 2, image.height() // 2)
        assert middle == MARK, f"{type(layer).__name__} paints {middle.name()} under the screen"
    # The screen itself does paint: it carries the look.
    assert own_paint(screen).pixelColor(5, 5) != MARK
