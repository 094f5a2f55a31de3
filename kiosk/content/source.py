"""Where the kiosk's content comes from: the staff's file, or the last good snapshot when
that file is broken. Every error is kept, with its place, for the log and for `doctor`."""

from __future__ import annotations

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

    def reload(self) -> Loaded:
        """The staff's file as it is now; a good load is also kept as the snapshot and as
        a ready-to-use copy for the next start (kiosk/content/cache.py)."""
        stamp = self._fingerprint()
        key = cache_key(stamp, self.content_path, self.assets_dir) if stamp else None
        if stamp and key:
            cached = read_cache(self.data_dir, key)
            if cached is not None:
                save_snapshot(self.content_path, self.assets_dir, self.data_dir, stamp)
                return Loaded(cached.content, [], cached.warnings)
        # The YAML parser and the checks are only imported when they are needed.
        from .loader import load_content

        try:
            result = load_content(self.content_path, self.assets_dir)
        except ContentErrors as exc:
            return Loaded(None, exc.errors, exc.warnings)
        # Kept only if the files did not change while they were read: a copy must match
        # the fingerprint it is filed under.
        if stamp and key and stamp == self._fingerprint():
            save_snapshot(self.content_path, self.assets_dir, self.data_dir, stamp)
            write_cache(self.data_dir, key, result.content, result.warnings)
        else:
            save_snapshot(self.content_path, self.assets_dir, self.data_dir)
        return Loaded(result.content, [], result.warnings)

    def _fingerprint(self) -> str | None:
        try:
            return fingerprint(self.content_path, self.assets_dir)
        except OSError:
            return None  # unreadable: the loader reports it with its place

    def load_at_start(self) -> Loaded:
        """Like reload, but a broken file falls back to the last good snapshot."""
        fresh = self.reload()
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
