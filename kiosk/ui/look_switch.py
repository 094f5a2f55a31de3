"""Text size and contrast for one window (A2, A3): restyled in place, so the same screen
stays with the same scroll position and the same typed text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.design.tokens import TEXT_SCALES
from kiosk.patient.session import SessionState
from kiosk.ui.theme import Theme


class LookSwitch:
    def __init__(
        self,
        window: QWidget,
        session: Callable[[], SessionState],
        restyled: Callable[[], None],
    ):
        """`restyled` runs after each change (the bottom bar shows the new state)."""
        self._window = window
        self._session = session
        self._restyled = restyled

    def next_text_size(self) -> None:
        session = self._session()
        scales = TEXT_SCALES
        current = min(range(len(scales)), key=lambda i: abs(scales[i] - session.text_scale))
        session.text_scale = scales[(current + 1) % len(scales)]
        self.apply()

    def toggle_contrast(self) -> None:
        session = self._session()
        session.high_contrast = not session.high_contrast
        self.apply()

    def apply(self) -> None:
        """The session's look on the window; the plain look is the application's own sheet."""
        session = self._session()
        plain = session.text_scale == 1.0 and not session.high_contrast
        theme = Theme.for_session(session.text_scale, session.high_contrast)
        self._window.setStyleSheet("" if plain else theme.stylesheet())
        self._restyled()
