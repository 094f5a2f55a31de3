"""keep_awake on a real X server: the screen saver and blanking are off afterwards."""

from __future__ import annotations

import subprocess

import pytest

from kiosk.keep_awake import keep_display_awake
from tests.e2e.conftest import x_env

pytestmark = pytest.mark.e2e


def saver_state(display: str) -> str:
    query = subprocess.run(
        ["xset", "q"], env=x_env(display), capture_output=True, text=True, timeout=10, check=True
    )
    lines = query.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Screen Saver"))
    return " ".join(lines[start : start + 3])


def test_screen_saver_and_blanking_are_turned_off(x_display: str) -> None:
    before = saver_state(x_display)
    assert "timeout:  0 " not in before  # X starts with a 10-minute screen saver
    said = keep_display_awake({"DISPLAY": x_display})
    after = saver_state(x_display)
    assert said.startswith("X screen saver and blanking off")
    assert "timeout:  0 " in after and "prefer blanking:  no" in after
