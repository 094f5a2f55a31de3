"""The before/after screenshot comparison of a redesign (bench/compare_screens.py) finds a
single changed pixel, a missing file and a resized image, and passes identical sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from bench.compare_screens import compare


def shot(path: Path, width: int = 40, height: int = 30) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f6f4ef"))
    assert image.save(str(path))
    return image


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    before, after = tmp_path / "before", tmp_path / "after"
    for folder in (before, after):
        folder.mkdir()
        shot(folder / "en-00-start.png")
        shot(folder / "en-01-home.png")
    return before, after


def test_identical_sets_pass(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert compare(*folders) == 0
    assert "2 identical, 0 differing" in capsys.readouterr().out


def test_one_changed_pixel_is_reported(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = folders
    image = shot(after / "en-01-home.png")
    image.setPixelColor(7, 12, QColor("#f6f4f0"))  # one step of blue in one pixel
    image.save(str(after / "en-01-home.png"))
    assert compare(before, after) == 1
    out = capsys.readouterr().out
    assert "en-01-home.png: pixels differ in x 7-7, rows 12-12 (1 rows)" in out
    assert "en-00-start.png" not in out


def test_a_missing_or_resized_file_is_reported(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = folders
    (after / "en-00-start.png").unlink()
    shot(after / "en-01-home.png", width=41)
    assert compare(before, after) == 1
    out = capsys.readouterr().out
    assert f"en-00-start.png: only in {before}" in out
    assert "en-01-home.png: size 40x30 -> 41x30" in out


def test_an_empty_set_never_passes(tmp_path: Path) -> None:
    assert compare(tmp_path, tmp_path) == 1
