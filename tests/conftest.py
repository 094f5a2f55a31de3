"""Shared test set-up: Qt offscreen on a 1920x1080 screen, the theme, content fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.appointments.factories import FakeClock

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "data" / "mini"

# Must happen before any QApplication exists (pytest-qt makes it lazily).
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).parent / 'offscreen.json'}"


def run_main(
    *args: str, input: str | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` as staff and IT run it: a real process, offscreen, and free of
    any FBSS_KIOSK_* settings that happen to be in the developer's shell."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FBSS_KIOSK_")}
    clean.update({"QT_QPA_PLATFORM": "offscreen", **(env or {})})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean,
        timeout=120,
        check=False,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A kiosk data folder that does not exist yet, as on a new install."""
    return tmp_path / "data"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


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
