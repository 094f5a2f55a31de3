"""Pictures are decoded at the size shown, cached, and a broken one shows its words."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPixmapCache
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.picture import Picture, load_scaled


def make_png(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    assert image.save(str(path))
    return path


def test_decoded_at_display_size(qapp: object, tmp_path: Path) -> None:
    big = make_png(tmp_path / "big.png", 4000, 3000)
    pixmap = load_scaled(big, 800, 600)
    assert (pixmap.width(), pixmap.height()) == (800, 600)


def test_decoded_once_then_cached(qapp: object, tmp_path: Path) -> None:
    QPixmapCache.clear()
    path = make_png(tmp_path / "a.png", 400, 300)
    first = load_scaled(path, 200, 200)
    before = path.stat()
    path.write_bytes(b"")  # a decode now would fail; same time stamp, so the cache answers
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = load_scaled(path, 200, 200)
    assert not second.isNull() and second.toImage() == first.toImage()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert load_scaled(path, 200, 200).isNull(), "a changed file is decoded again"


def test_broken_picture_shows_its_description(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(b"not a picture")
    picture = Picture(path, "A drawing of the spine", 800)
    qtbot.addWidget(picture)
    assert picture.pixmap().isNull()
    assert picture.text() == "A drawing of the spine"
    assert picture.accessibleName() == "A drawing of the spine"
