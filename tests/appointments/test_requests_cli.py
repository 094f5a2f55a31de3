"""`requests list | export | purge` through the real parser, exit codes and output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from kiosk.appointments.cli import add_requests_parser, run_requests
from kiosk.appointments.store import DB_NAME
from kiosk.paths import default_data_dir
from tests.appointments.factories import MARKER, FakeClock, request


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py")
    add_requests_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(list(argv))


def run(*argv: str) -> int:
    return run_requests(parse("requests", *argv))


@pytest.fixture
def saved(data_dir: Path) -> list[str]:
    """Two requests: one 40 days old, one from today; returns their references."""
    clock = FakeClock(datetime.now(UTC) - timedelta(days=40))
    with RequestStore(data_dir, clock=clock) as store:
        old = store.save(request(best_time="evening"))
        clock.now = datetime.now(UTC)
        new = store.save(request(reason="pain_worse", email="ana@example.org"))
    return [old.reference, new.reference]


def test_every_action_takes_data_dir_with_the_platform_default() -> None:
    for argv in (["list"], ["export", "--format", "csv"], ["purge", "--older-than", "30"]):
        assert parse("requests", *argv).data_dir == default_data_dir()
        assert parse("requests", *argv, "--data-dir", "/x").data_dir == Path("/x")


def test_list_shows_references_but_no_names_or_phones(
    data_dir: Path, saved: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("list", "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["REFERENCE", "CREATED"]
    assert [line.split()[0] for line in lines[1:3]] == saved
    assert "evening" in lines[1] and "pain_worse" in lines[2]
    assert lines[-1] == "2 request(s) listed; 2 new in total"
    for secret in (MARKER, "Ana", "2025550123", "example.org"):
        assert secret not in out


def test_list_since_a_date(
    data_dir: Path, saved: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    today = datetime.now().date().isoformat()
    assert run("list", "--since", today, "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    assert saved[1] in out and saved[0] not in out


def test_export_csv_to_stdout_has_the_full_records(
    data_dir: Path, saved: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("export", "--format", "csv", "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["reference"] for row in rows] == saved
    assert rows[0]["last_name"] == MARKER
    assert rows[1]["email"] == "ana@example.org"
    assert "\r" not in out  # stdout translates newlines itself


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_export_json_to_a_private_file(
    data_dir: Path, saved: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "requests.json"
    today = datetime.now().date().isoformat()
    argv = ["export", "--format", "json", "--since", today, "--output", str(target)]
    assert run(*argv, "--data-dir", str(data_dir)) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [item["reference"] for item in json.loads(target.read_text())] == saved[1:]
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing about patients on screen
    assert f"wrote 1 request(s) to {target}" in captured.err


def test_purge_deletes_only_older_requests(
    data_dir: Path, saved: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("purge", "--older-than", "30", "--data-dir", str(data_dir)) == 0
    assert "deleted 1 request(s) older than 30 day(s)" in capsys.readouterr().out
    with RequestStore(data_dir) as store:
        assert [r.reference for r in store.list()] == saved[1:]


def test_a_missing_database_is_an_error_and_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("list", "--data-dir", str(tmp_path / "typo")) == 1
    assert "no request database in" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


def test_a_corrupt_database_is_reported_and_left_in_place(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"not a database" * 100)
    assert run("export", "--format", "csv", "--data-dir", str(data_dir)) == 1
    err = capsys.readouterr().err
    assert err.startswith("requests export: request database failed its integrity check")
    assert "Traceback" not in err
    assert [p.name for p in data_dir.iterdir()] == [DB_NAME]


def test_an_unwritable_output_is_one_clear_line(
    data_dir: Path, saved: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-dir" / "out.csv"
    argv = ["export", "--format", "csv", "--output", str(target), "--data-dir", str(data_dir)]
    assert run(*argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("requests export: cannot write")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "xml"],
        ["export"],
        ["purge", "--older-than", "-3"],
        ["purge", "--older-than", "soon"],
        ["list", "--since", "yesterday"],
        [],
    ],
)
def test_bad_arguments_are_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        parse("requests", *argv)
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


ROOT = Path(__file__).resolve().parents[2]
STANDALONE = """
import argparse, sys
from kiosk.appointments.cli import add_requests_parser, run_requests
parser = argparse.ArgumentParser(prog="main.py")
add_requests_parser(parser.add_subparsers(dest="command"))
code = run_requests(parser.parse_args(sys.argv[1:]))
assert not [m for m in sys.modules if m.startswith("PySide6")], "the core must not load Qt"
sys.exit(code)
"""


def test_in_a_real_process_an_error_is_one_line_and_qt_is_never_loaded(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"not a database" * 100)
    result = subprocess.run(
        [sys.executable, "-c", STANDALONE, "requests", "list", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "requests list: request database failed its integrity check "
        "(SQLITE_NOTADB: file is not a database)"
    ]


def test_cli_formats_match_the_exporter() -> None:
    from kiosk.appointments.cli_args import EXPORT_FORMATS
    from kiosk.appointments.export import FORMATS

    assert EXPORT_FORMATS == FORMATS


def test_building_the_command_line_does_not_load_the_store() -> None:
    # Start-up speed: `main.py run` must not pay for SQLite and phone-number tables.
    code = (
        "import sys; from kiosk.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('phonenumbers', 'sqlite3', "
        "'kiosk.appointments.store'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
