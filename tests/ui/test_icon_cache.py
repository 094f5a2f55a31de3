"""Pictures drawn once per run, not once per patient (P4: memory flat over sessions)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton

from kiosk.content import Content
from kiosk.ui.main_window import MainWindow


def icon_keys(window: MainWindow) -> set[int]:
    buttons = window.current_screen.findChildren(QAbstractButton)
    return {b.icon().cacheKey() for b in buttons if not b.icon().isNull()}


def test_the_next_patients_home_screen_reuses_the_drawn_icons(
    make_window: Callable[..., MainWindow], mini_content: Content
) -> None:
    # Qt keeps an icon's drawn pixmaps under that QIcon's own key: a new QIcon at every
    # home screen added 6.5 kB per patient to the pixmap cache until its 10 MB limit.
    window = make_window(mini_content)
    window.show_home_fresh()
    first = icon_keys(window)
    window.reset_session()
    window.show_home_fresh()
    assert first and icon_keys(window) == first
