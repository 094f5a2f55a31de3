"""A request database written by the kiosk before issue 19 (schema 4, made by that code:
tests/data/requests-schema-4/make.py) opens with today's code, migrated in place: every
request and delivery job kept and readable, the new fields empty, new saves complete."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from kiosk.appointments.context import RequestContext
from kiosk.appointments.export import write_csv
from kiosk.appointments.schema import SCHEMA_VERSION
from kiosk.appointments.store import DB_NAME
from tests.appointments.factories import request

OLD = Path(__file__).parent.parent / "data" / "requests-schema-4" / DB_NAME
OLD_COLUMNS = (
    "id, reference, created_at, status, first_name, last_name, phone, email, best_time, "
    "reason, note, consent"
)


def read(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def pristine(tmp_path: Path) -> Path:
    """A copy to read from: even a read-only WAL connection would leave files beside the
    one in the repository."""
    copy = tmp_path / "pristine" / DB_NAME
    copy.parent.mkdir()
    shutil.copyfile(OLD, copy)
    return copy


def test_the_fixture_was_written_at_schema_4(pristine: Path) -> None:
    assert read(pristine, "PRAGMA user_version") == [(4,)]
    assert len(read(pristine, "SELECT id FROM requests")) == 3


def test_an_old_database_keeps_every_row_and_job(data_dir: Path, pristine: Path) -> None:
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(OLD, data_dir / DB_NAME)
    before = read(pristine, f"SELECT {OLD_COLUMNS} FROM requests ORDER BY created_at")
    jobs_before = read(pristine, "SELECT * FROM outbox ORDER BY request_id, channel")
    with RequestStore(data_dir) as store:
        assert store.diagnostics()["user_version"] == SCHEMA_VERSION == 5
        records = store.list()
        assert store.outbox.states() != {}
    after = read(data_dir / DB_NAME, f"SELECT {OLD_COLUMNS} FROM requests ORDER BY created_at")
    assert after == before  # every value of every row, unchanged
    assert read(data_dir / DB_NAME, "SELECT * FROM outbox ORDER BY request_id, channel") == (
        jobs_before
    )
    assert read(data_dir / DB_NAME, "PRAGMA integrity_check") == [("ok",)]
    assert [r.reference for r in records] == [row[1] for row in before]
    assert records[0].request.first_name == "María" and records[1].request.note is not None
    assert all(r.context == RequestContext() for r in records)  # not recorded back then


def test_an_old_database_exports_and_takes_new_requests(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(OLD, data_dir / DB_NAME)
    with RequestStore(data_dir) as store:
        store.save(request(), RequestContext(language="es", kiosk_id="lobby-2", site="North"))
        records = store.list()
    out = io.StringIO()
    assert write_csv(records, out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["language"] for row in rows] == ["not recorded"] * 3 + ["Spanish / Español"]
    assert rows[0]["reason_text"] == "reason-pain-continues"  # the id, all that was kept
    assert (rows[3]["site"], rows[3]["kiosk"]) == ("North", "lobby-2")
    assert rows[2]["note"] == "'=1+1"  # still never a formula
