"""The window's side of the idle timer: the 'still there?' warning (built the first time it
is needed) and the extra time long screens earn, from the words on the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.widgets.idle_overlay import IdleOverlay

READING_WORDS_PER_SECOND = 2.0  # slow, careful readers: more time on long screens
MAX_READING_BONUS_S = 120.0


class IdleWarning:
    def __init__(self, window: MainWindow):
        self.window = window
        self._overlay: IdleOverlay | None = None
        self._words_on_screen = 0

    @property
    def overlay(self) -> IdleOverlay:
        if self._overlay is None:
            from kiosk.ui.widgets.idle_overlay import IdleOverlay

            self._overlay = IdleOverlay(self.window)
            self._overlay.still_here.connect(self.window.still_here)
        return self._overlay

    @property
    def built(self) -> IdleOverlay | None:
        """The warning, if it has been built (the look follows it: look_switch.py)."""
        return self._overlay

    def show(self, seconds: int) -> None:
        self.window.look.follow(self.overlay)
        self.overlay.show_countdown(seconds, self.window.lang)

    def set_seconds(self, seconds: int) -> None:
        self.overlay.set_seconds(seconds)

    def hide(self) -> None:
        if self._overlay is not None:
            self._overlay.hide()

    def count_words(self, screen: Screen) -> None:
        # Counted once per screen: the idle timer asks several times a second.
        self._words_on_screen = sum(
            len(label.text().split()) for label in screen.findChildren(QLabel)
        )

    def reading_time_bonus(self) -> float:
        """Extra idle time for the words on screen, so long topics are not cut short."""
        if self.window.on_start_screen:
            return 0.0
        return min(MAX_READING_BONUS_S, self._words_on_screen / READING_WORDS_PER_SECOND)
