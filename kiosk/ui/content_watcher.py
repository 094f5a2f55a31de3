"""Watch content.yaml and assets/ and ask for a reload after edits settle.

Editors often save by writing a new file and renaming it over the old one, which drops a
plain file watch; so the folder is watched too and the file re-added after each change.
Bursts of events are merged by a debounce timer (its interval is injected)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content.snapshot import fingerprint


class ContentWatcher(QObject):
    changed = Signal()  # the files really changed and have been quiet for debounce_ms

    def __init__(
        self,
        content_path: Path,
        assets_dir: Path,
        debounce_ms: int = 500,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.content_path, self.assets_dir = content_path, assets_dir
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self._settled)
        self.watcher.fileChanged.connect(self._poke)
        self.watcher.directoryChanged.connect(self._poke)
        self._last = self._fingerprint()
        self._watch()

    def _watch(self) -> None:
        paths = [self.content_path, self.content_path.parent]
        if self.assets_dir.is_dir():
            paths.append(self.assets_dir)
            paths += [p for p in self.assets_dir.rglob("*") if p.is_dir()]
        wanted = {str(p) for p in paths if p.exists()}
        present = set(self.watcher.files()) | set(self.watcher.directories())
        missing = sorted(wanted - present)
        if missing:
            self.watcher.addPaths(missing)

    def _poke(self, _path: str = "") -> None:
        self.timer.start()  # restart: wait until the burst is over

    def _fingerprint(self) -> str:
        try:
            return fingerprint(self.content_path, self.assets_dir)
        except OSError:
            return ""  # mid-rename: the file is briefly missing

    def _settled(self) -> None:
        self._watch()
        now = self._fingerprint()
        if now and now != self._last:
            self._last = now
            self.changed.emit()
