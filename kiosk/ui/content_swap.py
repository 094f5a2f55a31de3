"""New content for a window, never under a patient's finger (S2): at once on the start
screen, else at the next reset; a staff preview swaps it at once."""

from __future__ import annotations

from typing import Protocol

from kiosk.content import Content


class ContentShell(Protocol):
    """The window as the swap sees it."""

    content: Content

    @property
    def on_start_screen(self) -> bool: ...

    def reset_session(self) -> None: ...
    def renew_start_screen(self) -> None: ...
    def show_current_fresh(self) -> None: ...


class ContentSwap:
    def __init__(self, shell: ContentShell):
        self._shell = shell
        self.pending: Content | None = None

    def offer(self, content: Content) -> None:
        """Used at once on the start screen, otherwise at the next reset."""
        self.pending = content
        if self._shell.on_start_screen:
            self._shell.reset_session()

    def take_pending(self) -> None:
        """At a reset: the offered content, if any, becomes the window's."""
        if self.pending is not None:
            self._shell.content, self.pending = self.pending, None
            self._shell.renew_start_screen()

    def replace_now(self, content: Content) -> None:
        """Staff preview only: show new content at once, on the same screen if it still
        exists. A patient-facing kiosk uses offer() instead."""
        self._shell.content = content
        self._shell.renew_start_screen()
        self._shell.show_current_fresh()
