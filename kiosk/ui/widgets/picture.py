"""Images decoded at the size they are shown, never at full resolution."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap, QPixmapCache
from PySide6.QtWidgets import QLabel, QWidget


def load_scaled(path: Path, max_width: int, max_height: int) -> QPixmap:
    """Decode `path` straight to a size that fits the box (null pixmap if unreadable).
    Results are cached, keyed by file, its change time and the box, so going back to a
    topic does not decode its pictures again."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return QPixmap()
    key = f"picture:{path}:{stamp}:{max_width}x{max_height}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    pixmap = _decode(path, max_width, max_height)
    if not pixmap.isNull():
        QPixmapCache.insert(key, pixmap)
    return pixmap


def _decode(path: Path, max_width: int, max_height: int) -> QPixmap:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        size.scale(QSize(max_width, max_height), Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(size)
    image = reader.read()
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()


class Picture(QLabel):
    def __init__(self, path: Path, alt: str, max_width: int, parent: QWidget | None = None):
        super().__init__(parent)
        pixmap = load_scaled(path, max_width, max_width * 3 // 4)
        if pixmap.isNull():
            # A broken picture shows its description rather than a hole or a crash.
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setWordWrap(True)
            self.setText(alt)
            self.setProperty("role", "small")
        else:
            self.setPixmap(pixmap)
        self.setAccessibleName(alt)
        self.setToolTip("")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
