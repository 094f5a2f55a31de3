"""The request store never works through a link or on something that is not a file, and a
locked database sends the patient to the front desk quickly (issue 16, item 10)."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore, StoreError
from kiosk.appointments.service import Failed, RequestService, Saved
from kiosk.appointments.store import DB_NAME, SAVE_WAIT_S
from tests.appointments.factories import form, request

REASONS = ["treatment"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_database_path_that_is_a_link_is_refused_and_its_target_left_alone(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.bin"  # as root this was /dev/null, made 0600
    target.write_bytes(b"not yours")
    target.chmod(0o644)
    data_dir.mkdir()
    (data_dir / DB_NAME).symlink_to(target)
    with pytest.raises(StoreError):
        RequestStore(data_dir)
    assert mode(target) == 0o644 and target.read_bytes() == b"not yours"
    outcome = RequestService(data_dir).submit(form(), REASONS)
    assert isinstance(outcome, Failed)  # the front-desk screen, not a crash
    assert mode(target) == 0o644


def test_a_dangling_link_does_not_create_its_target(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).symlink_to(tmp_path / "made-through-the-link")
    assert isinstance(RequestService(data_dir).submit(form(), REASONS), Failed)
    assert not (tmp_path / "made-through-the-link").exists()


def test_a_side_file_that_is_a_link_is_refused(data_dir: Path, tmp_path: Path) -> None:
    with RequestStore(data_dir) as store:
        store.save(request())
    target = tmp_path / "elsewhere.bin"
    target.write_bytes(b"")
    target.chmod(0o644)
    wal = data_dir / f"{DB_NAME}-wal"
    wal.unlink(missing_ok=True)
    wal.symlink_to(target)
    with pytest.raises(StoreError):
        RequestStore(data_dir)
    assert mode(target) == 0o644


def test_a_fifo_or_a_folder_as_the_database_fails_without_waiting(data_dir: Path) -> None:
    data_dir.mkdir()
    os.mkfifo(data_dir / DB_NAME)  # opening it for reading would wait for a writer
    assert isinstance(RequestService(data_dir).submit(form(), REASONS), Failed)
    (data_dir / DB_NAME).unlink()
    (data_dir / DB_NAME).mkdir()
    assert isinstance(RequestService(data_dir).submit(form(), REASONS), Failed)


def test_a_linked_data_folder_works_but_its_target_mode_is_not_changed(
    tmp_path: Path,
) -> None:
    real = tmp_path / "disk2" / "kiosk"
    real.mkdir(parents=True)
    real.chmod(0o755)
    link = tmp_path / "data"
    link.symlink_to(real)
    assert isinstance(RequestService(link).submit(form(), REASONS), Saved)
    assert mode(real) == 0o755  # a link to /etc must not make /etc 0700
    assert mode(real / DB_NAME) == 0o600


def test_a_locked_database_fails_the_save_after_a_short_wait(data_dir: Path) -> None:
    """The patient's save waits at most SAVE_WAIT_S for another writer, not 5 s; the wait
    SQLite is given is read from the statements the save runs, not timed."""
    assert SAVE_WAIT_S <= 1.0
    service = RequestService(data_dir)
    assert isinstance(service.submit(form(), REASONS), Saved)
    store = service._store
    assert store is not None
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    with closing(sqlite3.connect(store.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # the delivery worker, mid-transaction
        outcome = service.submit(form(), REASONS)
        other.execute("ROLLBACK")
    assert outcome == Failed("busy")
    begin = statements.index("BEGIN IMMEDIATE")
    waits = [s for s in statements[:begin] if s.startswith("PRAGMA busy_timeout")]
    assert waits and int(waits[-1].split("=")[1]) <= SAVE_WAIT_S * 1000, statements
    assert isinstance(service.submit(form(), REASONS), Saved)  # and it recovers
