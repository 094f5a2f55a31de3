"""The staff export reads as staff think (issue 19): local time with its offset in the
time_zone setting, language and reason in words, site and kiosk; CSV, JSON and JSON Lines,
from the code and from `requests export`."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.appointments import RequestStore, StoredRequest
from kiosk.appointments.cli import add_requests_parser, run_requests
from kiosk.appointments.context import RequestContext
from kiosk.appointments.export import COLUMNS, write_csv, write_export, write_jsonl
from tests.appointments.factories import MARKER, FakeClock, request

ASKED = datetime(2026, 12, 1, 19, 48, 18, 330117, tzinfo=UTC)
SPANISH = RequestContext(
    language="es",
    reason_shown="Mi dolor no se ha ido",
    reason_staff="My pain has not gone away",
    kiosk_id="lobby-2",
    site="North clinic",
)
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def spanish(data_dir: Path) -> list[StoredRequest]:
    with RequestStore(data_dir, clock=FakeClock(ASKED)) as store:
        store.save(request(reason="reason-pain-continues", note="desde mayo"), SPANISH)
        return store.list()


def test_csv_gives_what_staff_read_and_keeps_the_old_columns(
    spanish: list[StoredRequest],
) -> None:
    out = io.StringIO()
    write_csv(spanish, out, where=CHICAGO)
    [row] = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["local_time"] == "2026-12-01 13:48 (UTC-06:00)"
    assert row["language"] == "Spanish / Español" and row["language_code"] == "es"
    assert (row["site"], row["kiosk"]) == ("North clinic", "lobby-2")
    assert row["reason_text"] == "My pain has not gone away"
    assert row["reason_as_shown"] == "Mi dolor no se ha ido"
    assert row["note"] == "desde mayo"
    old = ("reference", "created_at", "status", "first_name", "last_name", "phone", "email")
    old += ("best_time", "reason", "note", "consent", "id")
    assert set(old) <= set(COLUMNS)  # scripts that read these by name still work
    assert row["reason"] == "reason-pain-continues" and row["status"] == "new"
    assert row["created_at"] == "2026-12-01T19:48:18.330117+00:00"
    assert list(row)[:2] == ["reference", "local_time"]


def test_json_lines_is_one_object_a_line_with_the_same_keys(data_dir: Path) -> None:
    clock = FakeClock(ASKED)
    with RequestStore(data_dir, clock=clock) as store:
        store.save(request(), SPANISH)
        clock.advance(hours=1)
        store.save(request(first_name="José"))
        records = store.list()
    out = io.StringIO()
    assert write_jsonl(records, out, CHICAGO) == 2
    lines = out.getvalue().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert tuple(first) == COLUMNS
    assert first["language"] == "Spanish / Español" and first["site"] == "North clinic"
    assert second["language"] == "not recorded" and second["site"] is None
    assert second["first_name"] == "José" and "Jos\\u00e9" not in out.getvalue()
    assert second["local_time"] == "2026-12-01 14:48 (UTC-06:00)"


def test_write_export_knows_jsonl(spanish: list[StoredRequest]) -> None:
    out = io.StringIO()
    assert write_export(spanish, "jsonl", out, where=CHICAGO) == 1
    assert json.loads(out.getvalue())["kiosk"] == "lobby-2"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    add_requests_parser(parser.add_subparsers(dest="command"))
    return run_requests(parser.parse_args(["requests", *argv]))


def test_requests_export_jsonl_in_the_time_zone_given(
    data_dir: Path, spanish: list[StoredRequest], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "--format", "jsonl", "--time-zone", "America/Chicago"]
    assert run(*argv, "--data-dir", str(data_dir)) == 0
    [item] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert item["local_time"] == "2026-12-01 13:48 (UTC-06:00)"
    assert item["language"] == "Spanish / Español"


def test_requests_export_uses_the_settings_files_time_zone(
    data_dir: Path,
    spanish: list[StoredRequest],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FBSS_KIOSK_TIME_ZONE", raising=False)
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[kiosk]\ntime_zone = "Asia/Kolkata"\n', encoding="utf-8")
    argv = ["export", "--format", "csv", "--settings", str(settings)]
    assert run(*argv, "--data-dir", str(data_dir)) == 0
    [row] = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["local_time"] == "2026-12-02 01:18 (UTC+05:30)"
    argv += ["--time-zone", "America/Chicago"]  # the flag wins over the file
    assert run(*argv, "--data-dir", str(data_dir)) == 0
    [row] = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["local_time"] == "2026-12-01 13:48 (UTC-06:00)"


def test_a_bad_settings_file_is_one_located_line_and_nothing_exported(
    data_dir: Path, spanish: list[StoredRequest], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[kiosk]\n\ntime_zone = "Mars/Olympus"\n', encoding="utf-8")
    argv = ["export", "--format", "csv", "--settings", str(settings)]
    assert run(*argv, "--data-dir", str(data_dir)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{settings}:3:" in captured.err and "time_zone" in captured.err
    assert MARKER not in captured.err


def test_a_bad_time_zone_flag_is_a_usage_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run("export", "--format", "csv", "--time-zone", "Nowhere/City", "--data-dir", str(data_dir))
    assert caught.value.code == 2
    assert "'Nowhere/City' is not a time zone" in capsys.readouterr().err


def test_the_delivery_guide_lists_every_export_column() -> None:
    guide = (Path(__file__).parents[2] / "docs" / "delivery.md").read_text(encoding="utf-8")
    assert [c for c in COLUMNS if f"`{c}`" not in guide] == []
    assert "--format csv|json|jsonl" in guide
