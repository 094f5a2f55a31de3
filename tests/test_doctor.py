"""`doctor` as IT runs it: a table, exit 0 when all is well, exit 1 naming the problem."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import run_main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"


def doctor(*args: str) -> subprocess.CompletedProcess[str]:
    # Logs go under the test's own folder (the last argument), not the real log folder.
    return run_main("doctor", *args, env={"XDG_STATE_HOME": str(Path(args[-1]) / "state")})


def line(result: subprocess.CompletedProcess[str], name: str) -> str:
    return next(row for row in result.stdout.splitlines() if row[6:].startswith(name))


def test_healthy_install(tmp_path: Path) -> None:
    result = doctor("--content", str(MINI / "content.yaml"), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert line(result, "content").startswith("OK")
    assert line(result, "database").startswith("OK")
    assert result.stdout.strip().splitlines()[-1] in (
        "all checks passed",
        "no problems, 1 warning(s)",
        "no problems, 2 warning(s)",
    )
    for name in ("settings", "data folder", "log folder", "screens", "speech"):
        assert line(result, name)


def test_broken_content_and_no_good_copy(tmp_path: Path) -> None:
    content = tmp_path / "site"
    shutil.copytree(MINI, content)
    (content / "content.yaml").write_text("format: [\n", encoding="utf-8")
    result = doctor("--content", str(content / "content.yaml"), "--data-dir", str(tmp_path))
    assert result.returncode == 1
    row = line(result, "content")
    assert row.startswith("FAIL") and "content.yaml:2:1: YAML syntax error" in row
    assert "out of service" in row


def test_bad_settings_name_key_and_line(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[kiosk]\n\nregion = 'usa'\n", encoding="utf-8")
    result = doctor("--settings", str(settings), "--data-dir", str(tmp_path))
    assert result.returncode == 2  # a bad settings file, as `run` (issue 16)
    assert line(result, "settings").startswith(f"FAIL  settings     {settings}:3: 'region'")


def test_damaged_database(tmp_path: Path) -> None:
    (tmp_path / "requests.sqlite3").write_bytes(b"not a database at all" * 100)
    result = doctor("--content", str(MINI / "content.yaml"), "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert line(result, "database").startswith("FAIL")
