"""Text size and contrast for one window (A2, A3): restyled in place, so the same screen
stays with the same scroll position and the same typed text.

The session's look is a style sheet set on each visible part of the window (the bars, the
screen shown, the idle warning, a staff page), not on the window: on the window it would
re-polish every widget in it, the hidden screens kept for Back and built ahead too (P3':
that was most of a switch). Hidden screens follow in idle turns once the switch is painted
(kiosk/ui/prebuild.py), or when shown, whichever comes first (kiosk/ui/router.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from PySide6.QtWidgets import QWidget

from kiosk.design.tokens import TEXT_SCALES
from kiosk.patient.session import SessionState
from kiosk.ui.app_filter import app_filter_paused
from kiosk.ui.theme import Theme


@cache
def session_sheet(text_scale: float, high_contrast: bool) -> str:
    """The style sheet of a look; "" for the plain one, the application's own sheet."""
    if text_scale == 1.0 and not high_contrast:
        return ""
    return Theme.for_session(text_scale, high_contrast).stylesheet()


def next_scale(scale: float) -> float:
    scales = TEXT_SCALES
    current = min(range(len(scales)), key=lambda i: abs(scales[i] - scale))
    return scales[(current + 1) % len(scales)]


class LookSwitch:
    def __init__(
        self,
        window: QWidget,
        session: Callable[[], SessionState],
        restyled: Callable[[], None],
        parts: Callable[[], Iterable[QWidget]] = lambda: (),
    ):
        """`restyled` runs after each change (the bottom bar shows the new state); `parts`
        are what is visible of the window now (see the module)."""
        self._window = window
        self._session = session
        self._restyled = restyled
        self._parts = parts
        self.sheet = ""

    def next_text_size(self) -> None:
        session = self._session()
        session.text_scale = next_scale(session.text_scale)
        self.apply()

    def toggle_contrast(self) -> None:
        session = self._session()
        session.high_contrast = not session.high_contrast
        self.apply()

    def apply(self) -> None:
        """The session's look on the visible parts of the window."""
        session = self._session()
        self.sheet = session_sheet(session.text_scale, session.high_contrast)
        with app_filter_paused():  # a restyle sends no input events (app_filter.py)
            for part in self._parts():
                self.follow(part)
        self._restyled()

    def follow(self, widget: QWidget) -> None:
        """Give `widget` (a part of the window, or a screen about to show) the look."""
        if widget.styleSheet() != self.sheet:
            widget.setStyleSheet(self.sheet)
