"""How many requests wait for delivery and since when, read on a connection of its own
(read-only, opened and closed per call) so any thread may ask: the fleet's metrics writer
does, every round. Counts and a time only, no patient data. No Qt."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk.appointments.errors import store_error
from kiosk.appointments.outbox import Outbox
from kiosk.appointments.records import utc_now
from kiosk.appointments.store import DB_NAME


def read_backlog(data_dir: Path) -> tuple[int, datetime | None]:
    """(requests still being retried, when the oldest was made); (0, None) with no database
    yet. Raises StoreError when the database cannot be read."""
    path = Path(data_dir) / DB_NAME
    if not path.is_file():
        return 0, None
    try:
        conn = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=1.0, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise store_error("open the request database", exc) from exc
    try:
        return Outbox(conn, utc_now).backlog()
    finally:
        conn.close()
