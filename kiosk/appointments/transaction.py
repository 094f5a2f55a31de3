"""Explicit SQLite transactions: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

from __future__ import annotations

import logging
import sqlite3
from types import TracebackType

from kiosk.appointments.errors import describe

log = logging.getLogger("kiosk.appointments")


class Transaction:
    """`with Transaction(conn):` on a connection opened with isolation_level=None.

    IMMEDIATE takes the write lock at BEGIN, so a busy database fails before any work is done
    and two writers can never deadlock upgrading read locks. A failed COMMIT (disk full) is
    rolled back too, so the connection stays usable.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._conn.execute("COMMIT")
                return
        except BaseException:
            self._rollback()
            raise
        self._rollback()

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error as exc:  # the original error matters more
                log.warning("rollback failed: %s", describe(exc))
