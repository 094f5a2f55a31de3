"""RequestStore on a healthy disk: settings, permissions, migrations, references, purge."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore, StoreError
from kiosk.appointments.records import REFERENCE_ALPHABET
from kiosk.appointments.schema import MIGRATIONS, SCHEMA_VERSION
from kiosk.appointments.store import DB_NAME
from tests.appointments.factories import MARKER, FakeClock, request

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 0: proves the 0600/0700 modes come from the code, not the environment."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_durability_settings(store: RequestStore) -> None:
    info = store.diagnostics()
    assert info["journal_mode"] == "wal"
    assert info["synchronous"] == 2  # FULL
    assert info["secure_delete"] == 1
    assert info["user_version"] == SCHEMA_VERSION


def test_save_then_list_round_trips_every_field(store: RequestStore, clock: FakeClock) -> None:
    req = request(email="ana@example.org", note="mornings only", best_time="evening")
    receipt = store.save(req)
    [record] = store.list()
    assert (record.id, record.reference) == (receipt.id, receipt.reference)
    assert record.request == req
    assert record.status == "new"
    assert record.created_at == clock.now
    assert store.count_pending() == 1


def test_ids_are_uuid4_and_created_at_is_utc_iso(store: RequestStore) -> None:
    receipt = store.save(request())
    with closing(sqlite3.connect(store.path)) as conn:
        raw = conn.execute("SELECT id, created_at FROM requests").fetchone()
    assert raw[0] == receipt.id and raw[0][14] == "4"  # the UUID version digit
    assert raw[1] == "2026-03-01T09:00:00.000000+00:00"


@posix_only
def test_database_files_are_0600_and_the_dir_0700(
    open_umask: None, data_dir: Path, clock: FakeClock
) -> None:
    with RequestStore(data_dir, clock=clock) as store:
        store.save(request())
        files = [data_dir / DB_NAME, data_dir / f"{DB_NAME}-wal", data_dir / f"{DB_NAME}-shm"]
        assert all(path.exists() for path in files)
        assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}
    assert mode(data_dir) == 0o700


@posix_only
def test_an_existing_loose_database_and_dir_are_tightened(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    sqlite3.connect(data_dir / DB_NAME).close()
    os.chmod(data_dir / DB_NAME, 0o644)
    RequestStore(data_dir).close()
    assert mode(data_dir / DB_NAME) == 0o600
    assert mode(data_dir) == 0o700


def test_migrates_an_empty_version_0_database(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()
    with RequestStore(data_dir) as store:
        store.save(request())
        assert store.diagnostics()["user_version"] == SCHEMA_VERSION == len(MIGRATIONS)


def test_migrates_a_version_1_database_keeping_its_rows(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    for sql in MIGRATIONS[0]:
        conn.execute(sql)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO requests VALUES ('id-1', 'ABC234', '2026-01-01T00:00:00.000000+00:00', "
        "'new', 'Ana', 'Ruiz', '+12025550123', NULL, 'morning', 'treatment', NULL, 1)"
    )
    conn.close()
    with RequestStore(data_dir) as store:
        assert [r.reference for r in store.list()] == ["ABC234"]
        assert store.diagnostics()["user_version"] == SCHEMA_VERSION
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn:
        indexes = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'requests_%'"
        ).fetchall()
    assert {row[0] for row in indexes} == {"requests_created_at", "requests_status"}


def test_a_newer_schema_is_refused_not_set_aside(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError) as caught:
        RequestStore(data_dir)
    assert caught.value.kind == "schema"
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]


def test_references_are_short_unambiguous_and_unique(store: RequestStore) -> None:
    references = [store.save(request()).reference for _ in range(300)]
    assert len(set(references)) == 300
    for reference in references:
        assert len(reference) == 6
        assert set(reference) <= set(REFERENCE_ALPHABET)
    assert not set(REFERENCE_ALPHABET) & set("01OIL")


def test_a_taken_reference_is_drawn_again(data_dir: Path) -> None:
    codes = iter(["AAAAAA", "AAAAAA", "AAAAAA", "BBBBBB"])
    with RequestStore(data_dir, make_reference=lambda: next(codes)) as store:
        assert store.save(request()).reference == "AAAAAA"
        assert store.save(request()).reference == "BBBBBB"
        assert len(store.list()) == 2


def test_when_no_reference_is_free_nothing_is_saved(data_dir: Path) -> None:
    with RequestStore(data_dir, make_reference=lambda: "AAAAAA") as store:
        store.save(request())
        with pytest.raises(StoreError):
            store.save(request())
        assert len(store.list()) == 1


def test_list_since_and_count_pending(store: RequestStore, clock: FakeClock) -> None:
    first = store.save(request())
    clock.advance(days=2)
    second = store.save(request())
    assert [r.reference for r in store.list()] == [first.reference, second.reference]
    assert [r.reference for r in store.list(since=clock.now - timedelta(hours=1))] == [
        second.reference
    ]
    with closing(sqlite3.connect(store.path)) as conn, conn:  # staff marked one as called
        conn.execute("UPDATE requests SET status = 'called' WHERE id = ?", (first.id,))
    assert store.count_pending() == 1


def test_two_processes_can_use_the_database_at_once(data_dir: Path) -> None:
    """The kiosk keeps its store open while staff run `requests export`."""
    with RequestStore(data_dir) as kiosk, RequestStore(data_dir) as staff:
        saved = kiosk.save(request())
        assert [r.id for r in staff.list()] == [saved.id]
        staff.save(request())
        assert kiosk.count_pending() == 2


def test_purge_deletes_old_requests_and_leaves_no_trace_on_disk(
    store: RequestStore, clock: FakeClock
) -> None:
    old = store.save(request(last_name=MARKER, note="secret-old-note"))
    clock.advance(days=40)
    kept = store.save(request(last_name="Keeper"))
    assert store.purge_older_than(30) == 1
    assert [r.id for r in store.list()] == [kept.id]
    for path in store.path.parent.iterdir():  # the db, its WAL and shared memory
        data = path.read_bytes()
        assert MARKER.encode() not in data, path.name
        assert b"secret-old-note" not in data
        assert old.reference.encode() not in data
    clock.advance(seconds=1)
    assert store.purge_older_than(0) == 1
    assert store.list() == []


def test_purge_refuses_negative_days(store: RequestStore) -> None:
    with pytest.raises(ValueError):
        store.purge_older_than(-1)


def test_a_closed_store_raises_store_error(data_dir: Path) -> None:
    store = RequestStore(data_dir)
    store.close()
    with pytest.raises(StoreError):
        store.save(request())
