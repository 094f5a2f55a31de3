"""Private files on disk: a 0700 data directory, 0600 database files, setting a bad file aside.

Modes are set explicitly (not left to the umask) because R6 says only the kiosk's user may
read patient data. On Windows chmod only toggles read-only; ACLs are the installer's job.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("kiosk.appointments")

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def ensure_private_dir(path: Path) -> None:
    """Create `path` as 0700; tighten it if it exists and is ours (never a shared sticky dir)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if os.name != "posix":
        return
    st = path.stat()
    mine = st.st_uid == os.geteuid()
    if mine and not st.st_mode & stat.S_ISVTX and stat.S_IMODE(st.st_mode) != PRIVATE_DIR:
        try:
            os.chmod(path, PRIVATE_DIR)
        except OSError as exc:  # e.g. a FAT stick: the 0600 files still protect the data
            log.warning("could not make %s private (mode 0700): %s", path, exc.strerror)


def create_private_file(path: Path) -> None:
    """Make sure `path` exists with mode 0600 *before* SQLite opens it.

    SQLite gives the -wal and -shm files the database file's mode, so this also covers them.
    """
    existed = path.exists()
    fd = os.open(path, os.O_RDONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE)
    try:
        if hasattr(os, "fchmod"):  # O_CREAT's mode is umask-masked; an old file may be 0644
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    if not existed:
        fsync_dir(path.parent)  # the new directory entry survives a power cut too


def make_private(paths: Iterable[Path]) -> None:
    """chmod 0600 each path that exists (belt and braces for SQLite's side files)."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, PRIVATE_FILE)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def set_aside(db: Path, suffixes: Iterable[str], label: str) -> Path:
    """Rename `db` (and its side files) to `<stem>.<label>.sqlite3` beside it; return the new path.

    Side files keep their suffix on the new name, so SQLite can still open the kept copy
    with its WAL for anyone investigating.
    """
    n = 1
    while True:
        tag = label if n == 1 else f"{label}-{n}"
        target = db.with_name(f"{db.stem}.{tag}{db.suffix}")
        if not target.exists():
            break
        n += 1
    # Side files first: a stale -wal left beside a fresh database would be replayed into it.
    for suffix in suffixes:
        side = Path(f"{db}{suffix}")
        if side.exists():
            os.replace(side, f"{target}{suffix}")
    os.replace(db, target)
    fsync_dir(db.parent)
    return target
