"""StoreError: the one exception the UI and CLI catch from the request store.

Messages name the operation and SQLite's / the OS's error name only, never a value a
patient typed, so they are safe to log and to show to staff (R6).
"""

from __future__ import annotations

import errno
import sqlite3
from typing import Final, Literal

StoreErrorKind = Literal["full", "read_only", "busy", "corrupt", "schema", "invalid", "io"]

# SQLite primary result codes (extended codes carry them in the low byte).
_KIND_BY_SQLITE_CODE: Final[dict[int, StoreErrorKind]] = {
    3: "read_only",  # SQLITE_PERM
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "read_only",  # SQLITE_READONLY
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "read_only",  # SQLITE_CANTOPEN: almost always permissions on a data dir
    26: "corrupt",  # SQLITE_NOTADB
}
_KIND_BY_ERRNO: Final[dict[int, StoreErrorKind]] = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
    errno.EROFS: "read_only",
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
    return StoreError(f"could not {action} ({name}: {kind.replace('_', '-')})", kind)
