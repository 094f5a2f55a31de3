"""Keeping the request database small and private: secure purges (no copy of a deleted
request left in free pages or the WAL) and the diagnostics `doctor` reads. RequestStore
calls these on its one connection."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.appointments.errors import describe, store_error
from kiosk.appointments.records import timestamp
from kiosk.appointments.transaction import Transaction

log = logging.getLogger("kiosk.appointments")


def purge_older_than(conn: sqlite3.Connection, now: datetime, days: int) -> int:
    """Delete requests created more than `days` days before `now`, leaving no copy on disk."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    cutoff = timestamp(now - timedelta(days=days))
    deleted = secure_delete(conn, "SELECT id FROM requests WHERE created_at < ?", (cutoff,))
    log.info("purged %d request(s) older than %d day(s)", deleted, days)
    return deleted


def purge_delivered(conn: sqlite3.Connection, now: datetime, days: int) -> int:
    """Securely delete requests whose every delivery job finished more than `days` days
    before `now`. Requests kept local (no jobs) are left for staff to export and purge."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    cutoff = timestamp(now - timedelta(days=days))
    deleted = secure_delete(
        conn,
        "SELECT request_id FROM outbox GROUP BY request_id "
        "HAVING SUM(state != 'delivered') = 0 AND MAX(delivered_at) < ?",
        (cutoff,),
    )
    if deleted:
        log.info("purged %d delivered request(s) older than %d day(s)", deleted, days)
    return deleted


def secure_delete(conn: sqlite3.Connection, select_ids: str, params: tuple[str, ...]) -> int:
    """Delete the requests `select_ids` names, with their jobs, leaving no copy on disk.

    secure_delete zeroes the freed space, VACUUM shrinks the file and a TRUNCATE checkpoint
    empties the WAL, which still holds the old page images otherwise.
    """
    try:
        with Transaction(conn):
            ids = [(row[0],) for row in conn.execute(select_ids, params)]
            conn.executemany("DELETE FROM outbox WHERE request_id = ?", ids)
            conn.executemany("DELETE FROM requests WHERE id = ?", ids)
            deleted = len(ids)
        if not deleted:
            return 0
        conn.execute("VACUUM")
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        log.error("could not purge requests: %s", describe(exc))
        raise store_error("purge requests", exc) from exc
    if busy:
        log.warning(
            "purge: another connection is reading the database, so the WAL could not be "
            "emptied yet; it will be at the next checkpoint"
        )
    return int(deleted)


def diagnostics(conn: sqlite3.Connection, path: Path) -> dict[str, object]:
    """Settings and counts: proof the durability settings took."""
    try:
        pragma = {
            name: conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "synchronous", "secure_delete", "user_version")
        }
        total = conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
    except sqlite3.Error as exc:
        raise store_error("read database settings", exc) from exc
    return {**pragma, "path": str(path), "requests": total}
