"""Staff export: CSV and JSON content, formula-safe CSV, private and all-or-nothing files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore, StoredRequest
from kiosk.appointments.export import COLUMNS, export_to_file, write_csv, write_json
from tests.appointments.factories import FakeClock, request


@pytest.fixture
def records(store: RequestStore, clock: FakeClock) -> list[StoredRequest]:
    store.save(request(first_name="José", last_name="Núñez", email="jose@example.org"))
    clock.advance(hours=1)
    store.save(request(note='=HYPERLINK("http://x")', best_time="evening"))
    return store.list()


def test_csv_has_a_header_and_one_row_per_request(records: list[StoredRequest]) -> None:
    out = io.StringIO()
    assert write_csv(records, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    first, second = rows
    assert first["reference"] == records[0].reference
    assert (first["first_name"], first["last_name"]) == ("José", "Núñez")
    assert first["phone"] == "+12025550123"  # E.164 is trusted, left as is
    assert first["email"] == "jose@example.org"
    assert first["created_at"] == "2026-03-01T09:00:00+00:00"
    assert (first["note"], first["consent"], first["status"]) == ("", "yes", "new")
    assert second["best_time"] == "evening"


def test_csv_never_hands_a_spreadsheet_a_formula(records: list[StoredRequest]) -> None:
    out = io.StringIO()
    write_csv(records, out)
    note = list(csv.DictReader(io.StringIO(out.getvalue())))[1]["note"]
    assert note == '\'=HYPERLINK("http://x")'


def test_json_is_an_array_of_plain_objects(records: list[StoredRequest]) -> None:
    out = io.StringIO()
    assert write_json(records, out) == 2
    data = json.loads(out.getvalue())
    assert [item["reference"] for item in data] == [r.reference for r in records]
    assert data[0]["first_name"] == "José"
    assert "Jos\\u00e9" not in out.getvalue()  # readable UTF-8, not escapes
    assert data[1]["email"] is None
    assert data[1]["note"] == '=HYPERLINK("http://x")'  # JSON is data, not a spreadsheet
    assert data[0]["consent"] is True
    assert set(data[0]) == set(COLUMNS)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_file_is_0600_even_replacing_a_loose_one(
    records: list[StoredRequest], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_text("old")
    os.chmod(target, 0o644)
    old_umask = os.umask(0)
    try:
        assert export_to_file(records, fmt, target) == 2  # type: ignore[arg-type]
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    text = target.read_text(encoding="utf-8-sig")
    assert "Núñez" in text


def test_a_csv_file_starts_with_a_bom_for_excel(
    records: list[StoredRequest], tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    export_to_file(records, "csv", target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfreference,")
    assert b"\r\n" in target.read_bytes()


def test_a_failed_export_leaves_no_file(records: list[StoredRequest], tmp_path: Path) -> None:
    def failing_midway() -> Iterator[StoredRequest]:
        yield records[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        export_to_file(failing_midway(), "csv", tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]  # no out.csv, no temporary file


def test_export_since_a_date_uses_the_store_filter(
    store: RequestStore, records: list[StoredRequest], clock: FakeClock
) -> None:
    out = io.StringIO()
    assert write_json(store.list(since=clock.now), out) == 1
    assert json.loads(out.getvalue())[0]["reference"] == records[1].reference
