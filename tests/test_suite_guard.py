"""The suite itself: a test that hangs fails with its name instead of eating CI's time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

HANGS = """
import threading


def test_waits_for_ever():
    threading.Event().wait()
"""


def test_a_hanging_test_fails_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "test_hang.py").write_text(HANGS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--timeout=2",
         "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout
    assert "test_hang.py::test_waits_for_ever" in result.stdout
    assert "Timeout" in result.stdout
