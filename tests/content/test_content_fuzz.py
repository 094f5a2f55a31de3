"""Random but repeatable (derandomized) mutations of the shipped content through the loader
and through `validate`: every outcome is valid content or located ContentErrors, never
another exception, a crash or a traceback. The real-start half is in
tests/test_hostile_start.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from kiosk.content import ContentErrors, load_content
from tests.content.mutations import ROOT, mutated_content

LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")
FUZZ = settings(
    derandomize=True,  # the same examples on every run and machine
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One content folder with the shipped pictures, rewritten by each example."""
    target = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "assets", target / "assets")
    return target


def check_errors(errors: ContentErrors, path: Path, text: str) -> None:
    assert errors.errors, "ContentErrors without an error"
    last_line = text.count("\n") + 2
    for error in errors.errors:
        assert error.path == path
        assert 1 <= error.line <= last_line and error.col >= 1, error
        assert error.message and "\n" not in error.message, error
        assert "Node(" not in error.message, error  # a PyYAML object, not staff's words


@settings(FUZZ, max_examples=600)
@given(text=mutated_content())
def test_mutated_content_loads_or_gives_located_errors(folder: Path, text: str) -> None:
    path = folder / "content.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_content(path, check_readability=True)
    except ContentErrors as errors:
        check_errors(errors, path, text)


@settings(FUZZ, max_examples=6)
@given(text=mutated_content())
def test_mutated_content_through_validate(folder: Path, text: str) -> None:
    path = folder / "content.yaml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "could not check" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.endswith(("not valid", "(warning)")) or LOCATED.match(line), line
