"""Shared test set-up: Qt offscreen on a 1920x1080 screen, the theme, content fixtures."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "mini"

# Must happen before any QApplication exists (pytest-qt makes it lazily).
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).parent / 'offscreen.json'}"


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test content (content.yaml + assets/)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def themed_app(qapp: object) -> Iterator[object]:
    # Once per session: re-applying a style sheet re-polishes every live widget.
    from kiosk.ui.theme import Theme

    Theme().apply(qapp)  # type: ignore[arg-type]
    yield qapp
