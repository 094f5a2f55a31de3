"""Read a staff file without trusting what the path names: only regular files, never more
than a budget, and every failure as a plain sentence (FileProblem) instead of an OSError
or ValueError that would crash the kiosk. No Qt."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# A FIFO or a device must never block the open: a pipe nobody writes to would hang start-up.
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
READ_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


class FileProblem(ValueError):
    """What is wrong with a file, in words staff understand, said of the file ("is too
    large ..."); `not_a_file` when the path names a folder, pipe or device."""

    def __init__(self, message: str, not_a_file: bool = False):
        super().__init__(message)
        self.not_a_file = not_a_file


def not_regular(mode: int) -> str:
    """Why a path that exists is not a file we can read, or '' when it is one."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is a device, not a file"


def _why(exc: OSError | ValueError) -> str:
    if isinstance(exc, ValueError):  # os functions raise it for a NUL in the path
        return "its name contains a NUL character"
    return exc.strerror or type(exc).__name__


def file_size(path: Path) -> int:
    """The size of the regular file at `path` (links followed), or FileProblem."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        raise FileProblem(f"cannot be read: {_why(exc)}") from None
    problem = not_regular(info.st_mode)
    if problem:
        raise FileProblem(problem, not_a_file=True)
    return info.st_size


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or FileProblem saying why not."""
    size = file_size(path)
    if size > max_bytes:
        raise FileProblem(f"is too large ({size:,} bytes; the limit is {max_bytes:,})")
    data = _read(path, max_bytes + 1)
    if len(data) > max_bytes:  # it grew while it was read
        raise FileProblem(f"is too large (over {max_bytes:,} bytes)")
    return data


def read_head(path: Path, count: int) -> bytes:
    """At most the first `count` bytes of a regular file, or FileProblem."""
    file_size(path)
    return _read(path, count)


def _read(path: Path, count: int) -> bytes:
    """Up to `count` bytes. Checked again on the open file, so a file swapped for a pipe
    after the first check cannot block."""
    try:
        fd = os.open(path, READ_FLAGS)
    except (OSError, ValueError) as exc:
        raise FileProblem(f"cannot be read: {_why(exc)}") from None
    try:
        problem = not_regular(os.fstat(fd).st_mode)
        if problem:
            raise FileProblem(problem, not_a_file=True)
        chunks: list[bytes] = []
        total = 0
        while total < count:
            chunk = os.read(fd, min(1024 * 1024, count - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileProblem(f"cannot be read: {_why(exc)}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)
