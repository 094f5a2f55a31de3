"""RequestStore when things go wrong: full disk, read-only, busy, corrupt. Always StoreError,
never patient data in a message or a log line, and never a lost file."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore, SavedReceipt, StoreError
from kiosk.appointments.store import DB_NAME
from tests.appointments.factories import MARKER, FakeClock, request


@pytest.fixture(autouse=True)
def no_patient_data_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.DEBUG, logger="kiosk.appointments")
    yield
    assert MARKER not in caplog.text


@contextmanager
def read_only_dir(path: Path) -> Iterator[None]:
    """Make `path` refuse new files, even for root (who ignores mode bits): chattr +i."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        os.chmod(path, 0o500)
        try:
            yield
        finally:
            os.chmod(path, 0o700)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("running as root and cannot make a directory immutable")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_full_disk_raises_store_error_and_keeps_what_was_saved(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    receipts: list[SavedReceipt] = []
    with RequestStore(data_dir, max_page_count=1) as store:  # capped at its current size
        with pytest.raises(StoreError) as caught:
            for _ in range(5000):
                receipts.append(store.save(request(note="x" * 200)))
        assert caught.value.kind == "full"
        assert MARKER not in str(caught.value)
        assert receipts, "some requests fit into the free space of existing pages"
        assert [r.id for r in store.list()] == [r.id for r in receipts]  # still usable
        assert store.count_pending() == len(receipts)
    assert integrity(data_dir / DB_NAME) == "ok"
    assert "could not save" in caplog.text


def test_an_unwritable_data_dir_raises_store_error(data_dir: Path) -> None:
    data_dir.mkdir()
    with read_only_dir(data_dir), pytest.raises(StoreError) as caught:
        RequestStore(data_dir)
    assert caught.value.kind == "permission"
    assert list(data_dir.iterdir()) == []


def test_a_database_in_a_read_only_dir_raises_and_is_not_set_aside(data_dir: Path) -> None:
    with RequestStore(data_dir) as store:
        saved = store.save(request())
    with read_only_dir(data_dir), pytest.raises(StoreError) as caught:
        RequestStore(data_dir).save(request())  # WAL needs to create its side files
    assert caught.value.kind == "permission"
    assert [p.name for p in data_dir.iterdir()] == [DB_NAME]
    with RequestStore(data_dir) as store:
        assert [r.id for r in store.list()] == [saved.id]


def test_a_locked_database_raises_store_error_then_recovers(data_dir: Path) -> None:
    with RequestStore(data_dir, busy_timeout=0.05) as store:
        with closing(sqlite3.connect(store.path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
            with pytest.raises(StoreError) as caught:
                store.save(request())
            assert caught.value.kind == "busy"
            other.execute("ROLLBACK")
        store.save(request())
        assert store.count_pending() == 1


def test_a_file_that_is_not_a_database_is_set_aside_loudly(
    data_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir.mkdir()
    garbage = os.urandom(8192)
    (data_dir / DB_NAME).write_bytes(garbage)
    (data_dir / f"{DB_NAME}-wal").write_bytes(b"stale wal")
    with RequestStore(data_dir, clock=clock) as store:
        kept = data_dir / "requests.corrupt-20260301T090000Z.sqlite3"
        assert store.recovered_from == kept
        assert kept.read_bytes() == garbage
        assert Path(f"{kept}-wal").read_bytes() == b"stale wal"
        store.save(request())  # a fresh database, working
        assert store.count_pending() == 1
    assert any(
        r.levelno == logging.CRITICAL and "INTEGRITY CHECK" in r.getMessage()
        for r in caplog.records
    )


def test_a_damaged_page_is_set_aside_and_its_rows_can_still_be_salvaged(
    data_dir: Path, clock: FakeClock
) -> None:
    with RequestStore(data_dir, clock=clock) as store:
        for _ in range(60):
            store.save(request())
        conn = sqlite3.connect(store.path)
        root, page_size = conn.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
            "FROM sqlite_master WHERE name = 'requests_created_at'"
        ).fetchone()
        conn.close()
    damaged = bytearray((data_dir / DB_NAME).read_bytes())
    start = (root - 1) * page_size + 16
    damaged[start : start + 200] = bytes(range(200))  # scribble over an index page
    (data_dir / DB_NAME).write_bytes(damaged)

    with RequestStore(data_dir, clock=clock) as store:
        assert store.recovered_from is not None
        assert store.list() == []
    with closing(sqlite3.connect(store.recovered_from)) as conn:  # IT can still read the table
        assert conn.execute("SELECT COUNT(*) FROM requests NOT INDEXED").fetchone()[0] == 60


def test_two_recoveries_in_the_same_second_keep_both_files(
    data_dir: Path, clock: FakeClock
) -> None:
    data_dir.mkdir()
    for _ in range(2):
        (data_dir / DB_NAME).unlink(missing_ok=True)
        (data_dir / DB_NAME).write_bytes(b"not a database" * 100)
        RequestStore(data_dir, clock=clock).close()
    names = sorted(p.name for p in data_dir.glob("requests.corrupt-*"))
    assert names == [
        "requests.corrupt-20260301T090000Z-2.sqlite3",
        "requests.corrupt-20260301T090000Z.sqlite3",
    ]


def test_without_recover_a_corrupt_file_raises_and_stays_put(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError) as caught:
        RequestStore(data_dir, recover=False)
    assert caught.value.kind == "corrupt"
    assert [p.name for p in data_dir.iterdir()] == [DB_NAME]
