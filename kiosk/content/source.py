"""Where the kiosk's content comes from: the staff's file, or the last good snapshot when
that file is broken. Every error is kept, with its place, for the log and for `doctor`.

Nothing the staff's files hold may stop the kiosk: an error the checks did not foresee
(a bug, an odd file system) is logged and counts as a failed load, so the last good
content, or the out-of-service screen, stays up (issue 16)."""

from __future__ import annotations

import logging
import threading
import traceback
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .cache import cache_key, read_cache, write_cache
from .errors import ContentError, ContentErrors
from .model import Content
from .snapshot import fingerprint, save_snapshot, snapshot_path, used_assets

log = logging.getLogger("kiosk.content")


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


def log_unexpected(doing: str, exc: BaseException) -> None:
    """Type and place only: the message could quote a file name or a line of the file."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    log.error("content: unexpected %s while %s at %s", type(exc).__name__, doing, where)


@dataclass
class _SnapshotJob:
    stamp: str
    content: Content  # frozen: the thread reads which pictures it uses


class ContentSource:
    def __init__(self, content_path: Path, data_dir: Path, assets_dir: Path | None = None):
        self.content_path = Path(content_path)
        self.assets_dir = assets_dir or self.content_path.parent / "assets"
        self.data_dir = data_dir
        self._copying = threading.Lock()  # one copy at a time
        self._jobs = threading.Lock()  # guards the two below
        self._pending: _SnapshotJob | None = None
        self._snapshot_thread: threading.Thread | None = None
        self._held = False  # see hold_snapshots

    def reload(self, snapshot_in_background: bool = True) -> Loaded:
        """The staff's file as it is now; a good load is also kept as the snapshot and as
        a ready-to-use copy for the next start (kiosk/content/cache.py).
        The snapshot is made in a thread unless `snapshot_in_background` is False: it
        copies pictures and may fail, and a live save runs this on the GUI thread."""
        try:
            return self._reload(snapshot_in_background)
        except Exception as exc:  # a failed load, never a crash: see the module's note
            log_unexpected("loading the content", exc)
            message = f"could not be checked ({type(exc).__name__}); see the kiosk log"
            return Loaded(None, [ContentError(self.content_path, 1, 1, message)])

    def _reload(self, background: bool) -> Loaded:
        stamp = self._fingerprint()
        key = cache_key(stamp, self.content_path, self.assets_dir) if stamp else None
        if stamp and key:
            cached = read_cache(self.data_dir, key)
            if cached is not None:
                self._keep_snapshot(stamp, cached.content, background)
                return Loaded(cached.content, [], cached.warnings)
        try:
            content, warnings, unchanged = _load_and_cache(
                self.content_path, self.assets_dir, self.data_dir, stamp, key
            )
        except ContentErrors as exc:
            return Loaded(None, exc.errors, exc.warnings)
        if stamp and unchanged:
            self._keep_snapshot(stamp, content, background)
        return Loaded(content, [], warnings)

    def hold_snapshots(self) -> None:
        """Queue background snapshots without starting them: the kiosk's first screen is
        drawn without a second thread taking turns with it for the interpreter."""
        self._held = True

    def release_snapshots(self) -> None:
        """Start what was queued while held, and whatever comes later at once."""
        self._held = False
        self._start_queued()

    def _keep_snapshot(self, stamp: str, content: Content, background: bool) -> None:
        job = _SnapshotJob(stamp, content)
        with self._jobs:
            self._pending = job if background else None  # a newer job replaces a queued one
        if background and not self._held:
            self._start_queued()
        if not background:
            self._save(job)

    def _start_queued(self) -> None:
        with self._jobs:
            if self._pending is not None and self._snapshot_thread is None:
                thread = threading.Thread(target=self._snapshots, name="content-snapshot")
                self._snapshot_thread = thread
                thread.start()

    def _snapshots(self) -> None:
        """The snapshot thread: makes the latest queued copy until none is queued. Never
        blocks the GUI thread, which only queues a job (a newer one replaces it)."""
        while True:
            with self._jobs:
                job, self._pending = self._pending, None
                if job is None:
                    self._snapshot_thread = None
                    return
            self._save(job)

    def _save(self, job: _SnapshotJob) -> None:
        try:
            with self._copying:
                used = used_assets(job.content)
                save_snapshot(self.content_path, self.assets_dir, self.data_dir, job.stamp, used)
        except Exception as exc:  # a thread's exception would only reach stderr
            log_unexpected("keeping a copy of the good content", exc)

    def wait_for_snapshot(self, timeout: float | None = None) -> bool:
        """Wait for snapshots being made in the background; True once none is. One that
        is held (hold_snapshots) is started: whoever waits for it wants it made."""
        self._start_queued()
        while True:
            with self._jobs:
                thread = self._snapshot_thread
            if thread is None:
                return True
            thread.join(timeout)
            if thread.is_alive():
                return False

    def _fingerprint(self) -> str | None:
        # None when unreadable: the loader reports it with its place.
        return _fingerprint_or_none(self.content_path, self.assets_dir)

    def load_at_start(self, snapshot_in_background: bool = False) -> Loaded:
        """Like reload, but a broken file falls back to the last good snapshot.
        `snapshot_in_background`: the kiosk's first screen does not wait for the snapshot,
        which on a new install copies every picture (hundreds of MB, over a second)."""
        fresh = self.reload(snapshot_in_background)
        if fresh.content is not None:
            return fresh
        try:
            kept = self._load_snapshot()
        except Exception as exc:
            log_unexpected("loading the last good content", exc)
            return fresh
        if kept is None:
            return fresh
        return Loaded(kept, fresh.errors, fresh.warnings, from_snapshot=True)

    def _load_snapshot(self) -> Content | None:
        snapshot = snapshot_path(self.data_dir)
        if not snapshot.is_file():
            return None
        from .loader import load_content

        try:
            return load_content(snapshot, snapshot.parent / "assets").content
        except ContentErrors:
            return None


def check_and_cache(content_path: Path, data_dir: Path) -> Content:
    """Load and check a content file as the kiosk will, and leave the ready-to-use copy
    for it, so the kiosk's own load of that file (on the GUI thread) is a cache read.
    The signed-update worker calls this in its thread. Raises ContentErrors."""
    assets_dir = content_path.parent / "assets"
    stamp = _fingerprint_or_none(content_path, assets_dir)
    key = cache_key(stamp, content_path, assets_dir) if stamp else None
    return _load_and_cache(content_path, assets_dir, data_dir, stamp, key)[0]


def _load_and_cache(
    content_path: Path, assets_dir: Path, data_dir: Path, stamp: str | None, key: str | None
) -> tuple[Content, list[ContentError], bool]:
    """The loaded content, its warnings and whether the files stayed as fingerprinted."""
    # The YAML parser and the checks are only imported when they are needed.
    from .loader import load_content

    result = load_content(content_path, assets_dir)
    # Kept only if the files did not change while they were read: a copy must match
    # the fingerprint it is filed under. A changed file is read again after the edit.
    unchanged = bool(stamp and key) and stamp == _fingerprint_or_none(content_path, assets_dir)
    if unchanged and key:
        try:
            write_cache(data_dir, key, result.content, result.warnings)
        except Exception as exc:  # the copy is an optimisation: the load still counts
            log_unexpected("keeping the content cache", exc)
    return result.content, result.warnings, unchanged


def _fingerprint_or_none(content_path: Path, assets_dir: Path) -> str | None:
    try:
        return fingerprint(content_path, assets_dir)
    except OSError:
        return None
