"""Private files on disk: a 0700 data directory, 0600 database files, setting a bad file aside.

Modes are set explicitly (not left to the umask) because R6 says only the kiosk's user may
read patient data. On Windows chmod only toggles read-only; ACLs are the installer's job.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("kiosk.appointments")

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


_SAFE_OPEN = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a link is refused (ELOOP), never followed
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO would block the open
    | getattr(os, "O_CLOEXEC", 0)
)


class NotRegularFile(OSError):
    """A database path that is a link, a device, a FIFO or a folder: never opened, never
    chmodded (as root, a link to /dev/null would make /dev/null 0600)."""


def ensure_private_dir(path: Path) -> None:
    """Create `path` as 0700; tighten it if it exists and is ours (never a shared sticky dir,
    never through a link: a data folder linked to /etc must not make /etc 0700)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if os.name != "posix" or path.is_symlink():
        return
    st = path.stat()
    mine = st.st_uid == os.geteuid()
    if mine and not st.st_mode & stat.S_ISVTX and stat.S_IMODE(st.st_mode) != PRIVATE_DIR:
        try:
            os.chmod(path, PRIVATE_DIR)
        except OSError as exc:  # e.g. a FAT stick: the 0600 files still protect the data
            log.warning("could not make %s private (mode 0700): %s", path, exc.strerror)


def _open_regular(path: Path, flags: int = 0, mode: int = PRIVATE_FILE) -> int:
    """A descriptor for the regular file at `path` itself (not what a link points to)."""
    if path.is_symlink():  # where O_NOFOLLOW does not exist (Windows)
        raise NotRegularFile(f"{path.name} is a link")
    try:
        fd = os.open(path, _SAFE_OPEN | flags, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFile(f"{path.name} is a link") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(f"{path.name} is not a regular file")
    return fd


def create_private_file(path: Path) -> None:
    """Make sure `path` exists as a regular 0600 file *before* SQLite opens it.

    SQLite gives the -wal and -shm files the database file's mode, so this also covers them.
    """
    existed = os.path.lexists(path)
    fd = _open_regular(path, os.O_CREAT)
    try:
        if hasattr(os, "fchmod"):  # O_CREAT's mode is umask-masked; an old file may be 0644
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    if not existed:
        fsync_dir(path.parent)  # the new directory entry survives a power cut too


def make_private(paths: Iterable[Path]) -> None:
    """chmod 0600 each path that exists (belt and braces for SQLite's side files); a link
    or a non-regular file raises NotRegularFile instead."""
    for path in paths:
        try:
            fd = _open_regular(path)
        except FileNotFoundError:
            continue
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, PRIVATE_FILE)
            else:
                os.chmod(path, PRIVATE_FILE)
        finally:
            os.close(fd)


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
