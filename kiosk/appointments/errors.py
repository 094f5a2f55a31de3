"""StoreError: the one exception the UI and CLI catch from the request store.

Messages name the operation and SQLite's / the OS's error name only, never a value a
patient typed, so they are safe to log and to show to staff (R6).
"""

from __future__ import annotations

import errno
import sqlite3
from typing import Final, Literal

StoreErrorKind = Literal["full", "permission", "busy", "corrupt", "schema", "invalid", "io"]

_WORDS: Final[dict[StoreErrorKind, str]] = {
    "full": "disk full",
    "permission": "no permission, or read-only",
    "busy": "database busy",
    "corrupt": "database damaged",
    "schema": "unknown schema",
    "invalid": "invalid data",
    "io": "input/output error",
}

# SQLite primary result codes (extended codes carry them in the low byte).
_KIND_BY_SQLITE_CODE: Final[dict[int, StoreErrorKind]] = {
    sqlite3.SQLITE_PERM: "permission",
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_READONLY: "permission",
    sqlite3.SQLITE_CORRUPT: "corrupt",
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_CANTOPEN: "permission",  # almost always the data dir's permissions
    sqlite3.SQLITE_NOTADB: "corrupt",
}
_KIND_BY_ERRNO: Final[dict[int, StoreErrorKind]] = {
    errno.ENOSPC: "full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "full",  # quota; absent on some platforms
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "permission",
}


class StoreError(Exception):
    """The request store could not do its job; `kind` says roughly why, for logs and tests."""

    def __init__(self, message: str, kind: StoreErrorKind = "io") -> None:
        super().__init__(message)
        self.kind: StoreErrorKind = kind


def sqlite_code(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code of an error, if SQLite gave one."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def store_error(action: str, exc: BaseException) -> StoreError:
    """A StoreError for `exc` whose message carries error names, not error texts."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.Error):
        code = sqlite_code(exc)
        name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
        kind = _KIND_BY_SQLITE_CODE.get(code, "io") if code is not None else "io"
    elif isinstance(exc, OSError) and exc.errno is not None:
        name = errno.errorcode.get(exc.errno, str(exc.errno))
        kind = _KIND_BY_ERRNO.get(exc.errno, "io")
    else:
        name, kind = type(exc).__name__, "invalid" if isinstance(exc, ValueError) else "io"
    return StoreError(f"could not {action}: {_WORDS[kind]} ({name})", kind)


def describe(exc: BaseException) -> str:
    """Error name and SQLite's/the OS's own text (table and file names, never bound values),
    for log lines."""
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return f"{name}: {exc}"
