"""Where the kiosk's content comes from: the staff's file, or the last good snapshot when
that file is broken. Every error is kept, with its place, for the log and for `doctor`."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .cache import cache_key, read_cache, write_cache
from .errors import ContentError, ContentErrors
from .model import Content
from .snapshot import fingerprint, save_snapshot, snapshot_path


@dataclass(frozen=True)
class Loaded:
    content: Content | None
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    from_snapshot: bool = False


@dataclass(frozen=True)
class ContentState:
    """What staff see about the content: the last load, of which file, when."""

    loaded: Loaded
    path: Path
    at: datetime


class ContentSource:
    def __init__(self, content_path: Path, data_dir: Path, assets_dir: Path | None = None):
        self.content_path = Path(content_path)
        self.assets_dir = assets_dir or self.content_path.parent / "assets"
        self.data_dir = data_dir
        self._snapshot_lock = threading.Lock()  # one copy at a time
        self._snapshot_thread: threading.Thread | None = None

    def reload(self, snapshot_in_background: bool = False) -> Loaded:
        """The staff's file as it is now; a good load is also kept as the snapshot and as
        a ready-to-use copy for the next start (kiosk/content/cache.py).
        `snapshot_in_background`: make the snapshot in a thread (see load_at_start)."""
        stamp = self._fingerprint()
        key = cache_key(stamp, self.content_path, self.assets_dir) if stamp else None
        if stamp and key:
            cached = read_cache(self.data_dir, key)
            if cached is not None:
                self._keep_snapshot(stamp, snapshot_in_background)
                return Loaded(cached.content, [], cached.warnings)
        # The YAML parser and the checks are only imported when they are needed.
        from .loader import load_content

        try:
            result = load_content(self.content_path, self.assets_dir)
        except ContentErrors as exc:
            return Loaded(None, exc.errors, exc.warnings)
        # Kept only if the files did not change while they were read: a copy must match
        # the fingerprint it is filed under.
        unchanged = bool(stamp and key and stamp == self._fingerprint())
        if unchanged and key:
            write_cache(self.data_dir, key, result.content, result.warnings)
        self._keep_snapshot(stamp if unchanged else None, snapshot_in_background)
        return Loaded(result.content, [], result.warnings)

    def _keep_snapshot(self, stamp: str | None, background: bool) -> None:
        def save() -> None:
            with self._snapshot_lock:
                save_snapshot(self.content_path, self.assets_dir, self.data_dir, stamp)

        if not background:
            # Waits for a background copy still running (only in a new install's first
            # seconds): two copies at once would replace each other's folder.
            save()
            return
        self.wait_for_snapshot()
        self._snapshot_thread = threading.Thread(target=save, name="content-snapshot")
        self._snapshot_thread.start()

    def wait_for_snapshot(self, timeout: float | None = None) -> bool:
        """Wait for a snapshot being made in the background; True once none is."""
        thread = self._snapshot_thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                return False
            self._snapshot_thread = None
        return True

    def _fingerprint(self) -> str | None:
        try:
            return fingerprint(self.content_path, self.assets_dir)
        except OSError:
            return None  # unreadable: the loader reports it with its place

    def load_at_start(self, snapshot_in_background: bool = False) -> Loaded:
        """Like reload, but a broken file falls back to the last good snapshot.
        `snapshot_in_background`: the kiosk's first screen does not wait for the snapshot,
        which on a new install copies every picture (hundreds of MB, over a second)."""
        fresh = self.reload(snapshot_in_background)
        if fresh.content is not None:
            return fresh
        snapshot = snapshot_path(self.data_dir)
        if not snapshot.is_file():
            return fresh
        from .loader import load_content

        try:
            result = load_content(snapshot, snapshot.parent / "assets")
        except ContentErrors:
            return fresh
        return Loaded(result.content, fresh.errors, fresh.warnings, from_snapshot=True)
