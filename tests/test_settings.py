"""The IT settings file: defaults, file, environment, flags, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.settings import Settings, SettingsError, documented_keys, load_settings
from tests.conftest import run_main

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings(None, environ={})
    assert settings == Settings()
    assert settings.idle_timeout == 120 and settings.idle_warning == 30


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nidle_timeout = 90\nlanguage = 'es'\nwindowed = true\n")
    settings = load_settings(path, environ={"FBSS_KIOSK_IDLE_TIMEOUT": "60"})
    assert (settings.idle_timeout, settings.language, settings.windowed) == (60, "es", True)
    flagged = load_settings(
        path, environ={"FBSS_KIOSK_IDLE_TIMEOUT": "60"}, flags={"idle_timeout": 45}
    )
    assert flagged.idle_timeout == 45


def test_every_problem_names_its_key_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# clinic settings\n[kiosk]\nidle_timeout = 'soon'\nscren = 1\nregion = 'usa'\n",
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems == [
        f"{path}:3: 'idle_timeout' must be seconds between 10 and 3600, not 'soon'",
        f"{path}:4: unknown setting 'scren'; did you mean 'screen'?",
        f"{path}:5: 'region' must be a two-letter country, e.g. US, not 'usa'",
    ]


def test_broken_toml_gives_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nidle_timeout = \n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems[0].startswith(f"{path}:2: not valid TOML")


def test_bad_environment_value(tmp_path: Path) -> None:
    with pytest.raises(
        SettingsError, match="FBSS_KIOSK_WINDOWED: 'windowed' must be true or false"
    ):
        load_settings(None, environ={"FBSS_KIOSK_WINDOWED": "maybe"})


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for key in documented_keys():
        assert f"| `{key}` |" in doc, key


def test_run_refuses_a_bad_settings_file_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nidle_warning = -5\n")
    result = run_main("run", "--settings", str(path))
    assert result.returncode == 1
    assert f"{path}:2: 'idle_warning' must be seconds between 1 and 600, not -5" in result.stderr
    assert "Traceback" not in result.stderr
