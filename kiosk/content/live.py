"""The content the kiosk shows while it runs, and when a saved edit reaches the screen:
at once in a staff preview or when the kiosk is out of service, otherwise at the next
reset (at once on the start screen), never under a patient's finger (S2). A broken edit
is logged and never shown; staff still see its errors. No Qt: the screen is a `Display`.

The content watch and the staff menu's Reload both call `reload()`; the staff desk reads
`state` (kiosk/staff/desk.py)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from .model import Content
from .source import ContentSource, ContentState, Loaded

log = logging.getLogger("kiosk")


class Display(Protocol):
    """The screen as the live content sees it (kiosk/ui/display.py)."""

    def show(self, content: Content | None) -> None:
        """A new window for this content (None: out of service)."""

    def replace_now(self, content: Content) -> None:
        """The same window, new content at once, on the same screen (preview)."""

    def offer(self, content: Content) -> None:
        """Used at the next reset, at once on the start screen."""


def report(loaded: Loaded, path: Path) -> None:
    """Every content problem goes to the log with its place; never patient data."""
    for error in loaded.errors:
        log.error("content: %s", error)
    for warning in loaded.warnings:
        log.warning("content: %s", warning)
    if loaded.errors:
        print(f"{path}: content is not valid; run `python main.py validate`", file=sys.stderr)
    if loaded.from_snapshot:
        log.warning("content: showing the last good content until %s is fixed", path)


class LiveContent:
    def __init__(
        self,
        source: ContentSource,
        preview: bool = False,
        now: Callable[[], datetime] = datetime.now,
        on_problems: Callable[[Loaded, Path], None] = report,
    ):
        self.source, self.preview, self._now = source, preview, now
        self._report = on_problems
        self.state = ContentState(Loaded(None), source.content_path, now())
        self.shown: Content | None = None  # what the display has, or will at its reset
        self.pending: Content | None = None  # accepted, waiting for the next reset
        self._display: Display | None = None

    def start(self, display: Display) -> Content | None:
        """The content at start-up (the last good copy if the file is broken), shown."""
        self._display = display
        loaded = self.source.load_at_start(snapshot_in_background=True)
        self._note(loaded)
        self.shown = loaded.content
        display.show(loaded.content)
        return loaded.content

    def reload(self) -> ContentState:
        """The file again (a saved edit, or staff asked): what staff now see."""
        loaded = self.source.reload()
        self._note(loaded)
        content, display = loaded.content, self._display
        if content is None:
            log.error("content: edit rejected; still showing the previous content")
        elif display is None:
            pass  # not started: start() loads it
        elif self.shown is None:
            self.shown = content
            display.show(content)  # out of service until now: back in service
        elif self.preview:
            self.shown = content
            display.replace_now(content)
            log.info("content: preview updated")
        else:
            self.shown = self.pending = content
            display.offer(content)
            log.info("content: new content accepted")
        return self.state

    def switch_to(self, content_path: Path) -> bool:
        """Content from a signed update (kiosk/fleet): used as a saved edit is, at the next
        reset. The kiosk goes on from that file, and from the file it had if this one
        does not load (False)."""
        previous = self.source
        self.source = ContentSource(content_path, previous.data_dir)
        state = self.reload()
        if state.loaded.content is None or state.loaded.from_snapshot:
            self.source = previous
            return False
        return True

    def reset_done(self) -> None:
        """The display has reset: whatever was pending is on the screen now."""
        self.pending = None

    def _note(self, loaded: Loaded) -> None:
        self._report(loaded, self.source.content_path)
        if loaded.content is None and self.state.loaded.content is not None:
            # A broken edit: the kiosk keeps what it shows; staff see the new errors.
            kept = self.state.loaded
            loaded = Loaded(kept.content, loaded.errors, loaded.warnings, from_snapshot=True)
        self.state = ContentState(loaded, self.source.content_path, self._now())
