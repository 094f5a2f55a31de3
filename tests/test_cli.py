"""The command line as staff and IT use it: real processes, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_main

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_content_is_valid() -> None:
    result = run_main("validate", "content.yaml")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_validate_reports_every_error_located_and_exits_1(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{en: Alpha two, es: Alfa dos}", "{en: Alpha two}")
    text = text.replace("        ask_doctor:", "        ask_doctr:")
    path.write_text(text, encoding="utf-8")
    result = run_main("validate", str(path))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path) + ":")]
    assert len(lines) == 3  # two errors and the summary line
    assert "Traceback" not in result.stderr
    assert "did you mean 'ask_doctor'?" in result.stderr
    assert result.stderr.strip().endswith("2 errors; not valid")


@pytest.mark.parametrize(
    "payload",
    [b"\x00\xff\xfe garbage", b"- just\n- a list\n", b"key: [unclosed\n", b""],
    ids=["binary", "a list", "syntax", "empty"],
)
def test_validate_never_shows_a_traceback(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "content.yaml"
    path.write_bytes(payload)
    result = run_main("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:")


def test_validate_missing_file(tmp_path: Path) -> None:
    result = run_main("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "cannot read the file" in result.stderr


def test_schema_is_json_and_matches_the_committed_file() -> None:
    result = run_main("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["required"] == [
        "format",
        "languages",
        "clinic",
        "home",
        "about",
        "sections",
        "appointments",
    ]
    committed = json.loads((ROOT / "content.schema.json").read_text(encoding="utf-8"))
    assert committed == schema, "run `python main.py schema > content.schema.json`"


def test_content_file_points_editors_at_the_schema() -> None:
    first = (ROOT / "content.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./content.schema.json"


def test_help_lists_every_command() -> None:
    result = run_main("--help")
    for command in ("run", "validate", "schema", "screenshots"):
        assert command in result.stdout
    run_help = run_main("run", "--help").stdout
    for flag in ("--windowed", "--size", "--content", "--data-dir", "--lang"):
        assert flag in run_help


def test_bad_size_is_a_clear_error() -> None:
    result = run_main("screenshots", "/tmp/x", "--size", "big")
    assert result.returncode == 2
    assert "'big' is not a size like 1920x1080" in result.stderr


def test_screenshots_writes_a_png_per_screen_per_language(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = run_main("screenshots", str(out), "--content", str(mini_dir / "content.yaml"))
    assert result.returncode == 0, result.stderr
    pngs = sorted(p.name for p in out.glob("*.png"))
    # start, home, about, 2 sections, 3 topics, 5 form states, idle warning, staff PIN pad,
    # staff menu, its requests list and a request, then the out-of-service screen and its
    # staff menu: 20 x 2 languages
    assert len(pngs) == 40
    assert "en-1920x1080-00-start.png" in pngs and "es-1920x1080-07-topic-beta-one.png" in pngs
    assert "es-1920x1080-12-confirmation.png" in pngs
    assert "es-1920x1080-13-idle-warning.png" in pngs
    assert "en-1920x1080-15-staff-menu.png" in pngs
    assert "es-1920x1080-17-staff-request-detail.png" in pngs
    assert "es-1920x1080-18-out-of-service.png" in pngs
    assert "en-1920x1080-19-out-of-service-staff-menu.png" in pngs
    assert all((out / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_preview_is_a_run_mode_with_its_own_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """`preview` ignores any settings file, never times out and is windowed, whatever the
    environment says (kiosk/launch.py)."""
    from kiosk.cli import build_parser, launch_from, with_default_command
    from kiosk.launch import RunMode

    monkeypatch.setenv("FBSS_KIOSK_IDLE_TIMEOUT", "60")
    monkeypatch.setenv("FBSS_KIOSK_WINDOWED", "false")
    args = build_parser().parse_args(["preview", "--lang", "es"])
    launch = launch_from(args, RunMode.PREVIEW)
    assert launch is not None and launch.preview and launch.settings_path is None
    settings = launch.settings
    assert (settings.idle_timeout, settings.idle_warning, settings.windowed) == (3600, 3600, True)
    assert settings.language == "es" and launch.window_size == (1280, 800)
    kiosk = launch_from(build_parser().parse_args(with_default_command([])))
    assert kiosk is not None and not kiosk.preview and kiosk.settings.idle_timeout == 60


def test_nothing_below_the_command_line_sees_argparse() -> None:
    """The app gets a frozen Launch (kiosk/launch.py), never the parsed flags."""
    import ast

    commands = {"cli.py", "cli_content.py", "cli_fleet.py", "appointments/cli.py"}
    commands |= {"appointments/cli_args.py"}
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        if path.relative_to(ROOT / "kiosk").as_posix() in commands:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                assert "argparse" not in [alias.name for alias in node.names], path
            elif isinstance(node, ast.ImportFrom):
                assert node.module != "argparse", path


def test_screenshots_refuse_a_bad_settings_file_before_rendering(tmp_path: Path) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[kiosk]\nemergency_number = "call us"\n', encoding="utf-8")
    out = tmp_path / "shots"
    result = run_main("screenshots", str(out), "--settings", str(settings))
    assert result.returncode == 2
    assert f"{settings}:2:" in result.stderr and "emergency_number" in result.stderr
    assert not out.exists()


def test_babel_is_imported_only_when_a_date_is_shown() -> None:
    """The kiosk's start-up is benchmarked: the screens' modules must not pull Babel in."""
    code = (
        "import sys, datetime; import kiosk.ui.screens.about, kiosk.export_html; "
        "assert 'babel' not in sys.modules; from kiosk.design.dates import long_date; "
        "print(long_date(datetime.date(2026, 11, 20), 'es')); assert 'babel' in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "20 de noviembre de 2026"


@pytest.mark.parametrize(
    "words",
    [
        ["run"],
        ["run", "--windowed", "--lang", "es", "--idle-timeout", "45", "--size", "1280x800"],
        ["run", "--settings", "/etc/fbss/kiosk.toml", "--data-dir", "/tmp/d"],
        ["preview", "--lang", "es", "--size", "1080x1920"],
    ],
)
def test_the_kiosks_own_parser_reads_as_the_full_one(words: list[str]) -> None:
    """`run` and `preview` are parsed by a parser of their own at start (build_parser)."""
    from kiosk.cli import build_parser

    assert build_parser(words[0]).parse_args(words) == build_parser().parse_args(words)


def test_a_wrong_run_flag_is_still_named(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["run", "--idle-timeout", "soon"])
    assert exited.value.code == 2
    assert "'soon' is not a number of seconds" in capsys.readouterr().err
