"""A language switch keeps the patient's place: the same screen, as far down it, and what
they typed in the form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.base import Screen


def switch_language_in_place(window: MainWindow, lang: str) -> None:
    bar = window.current_screen.scroll_area.verticalScrollBar()
    fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
    typed = window.router.kept_input()
    window.session.lang = lang
    window.show_current_fresh()  # every kept screen is in the old language
    window.router.restore_input(typed)
    restore_place(window.current_screen, window.stack.size(), fraction)


def restore_place(screen: Screen, size: QSize, fraction: float) -> None:
    """The same place in the new words: as far down, but clamped to where the content
    ends, so a switch at the end of a topic never lands on blank space."""
    screen.resize(size)  # lay the new screen out at its real size now
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    screen.more_strip.settle()  # with its "more below" strip, if it has one
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    area = screen.scroll_area
    bar = area.verticalScrollBar()
    last = max(0, min(bar.maximum(), area.content_bottom_px() - area.viewport().height()))
    bar.setValue(min(last, round(fraction * bar.maximum())))
