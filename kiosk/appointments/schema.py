"""Versioned schema: migration N brings `PRAGMA user_version` from N-1 to N.

Append new steps; never edit a released one (kiosks in the field have already run it).
"""

from __future__ import annotations

import sqlite3
from typing import Final

from kiosk.appointments.errors import StoreError
from kiosk.appointments.transaction import Transaction

MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    # 1: one row per request. Not a STRICT table: older SQLite builds on clinic PCs lack it.
    (
        """
        CREATE TABLE requests (
            id          TEXT PRIMARY KEY,          -- uuid4
            reference   TEXT NOT NULL UNIQUE,      -- short code shown to the patient
            created_at  TEXT NOT NULL,             -- UTC, ISO 8601, fixed width: sorts as text
            status      TEXT NOT NULL DEFAULT 'new',
            first_name  TEXT NOT NULL,
            last_name   TEXT NOT NULL,
            phone       TEXT NOT NULL,             -- E.164
            email       TEXT,
            best_time   TEXT NOT NULL CHECK (best_time IN ('morning', 'afternoon', 'evening')),
            reason      TEXT NOT NULL,
            note        TEXT CHECK (note IS NULL OR length(note) <= 200),
            consent     INTEGER NOT NULL CHECK (consent = 1)
        )
        """,
    ),
    # 2: listing since a date, purging by age and counting new requests stay fast.
    (
        "CREATE INDEX requests_created_at ON requests (created_at)",
        "CREATE INDEX requests_status ON requests (status)",
    ),
    # 3: the outbox. One delivery job per request and channel, written in the same
    # transaction as the request. Errors are kinds ('network', 'tls', ...), never texts.
    (
        """
        CREATE TABLE outbox (
            request_id      TEXT NOT NULL REFERENCES requests (id),
            channel         TEXT NOT NULL CHECK (channel IN ('email', 'fhir')),
            state           TEXT NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'delivered')),
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,         -- UTC ISO, like requests.created_at
            last_error      TEXT,                  -- an error kind, no patient data
            delivered_at    TEXT,
            PRIMARY KEY (request_id, channel)
        )
        """,
        "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
    ),
    # 4: a job the clinic's server refused for good ('refused') is kept for staff, never
    # retried. SQLite cannot change a CHECK in place: the table is rebuilt, rows kept.
    (
        """
        CREATE TABLE outbox_4 (
            request_id      TEXT NOT NULL REFERENCES requests (id),
            channel         TEXT NOT NULL CHECK (channel IN ('email', 'fhir')),
            state           TEXT NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'delivered', 'refused')),
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error      TEXT,                  -- an error kind or status code only
            delivered_at    TEXT,
            PRIMARY KEY (request_id, channel)
        )
        """,
        "INSERT INTO outbox_4 SELECT request_id, channel, state, attempts, next_attempt_at, "
        "last_error, delivered_at FROM outbox",
        "DROP TABLE outbox",
        "ALTER TABLE outbox_4 RENAME TO outbox",
        "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
    ),
    # 5 (issue 19): what staff need to call back in the right language and to know where a
    # request came from. Added in place; NULL in older rows means "not recorded".
    (
        "ALTER TABLE requests ADD COLUMN language TEXT",  # BCP 47, e.g. 'es'
        "ALTER TABLE requests ADD COLUMN reason_shown TEXT",  # the label the patient saw
        "ALTER TABLE requests ADD COLUMN reason_staff TEXT",  # the label in English
        "ALTER TABLE requests ADD COLUMN kiosk_id TEXT",
        "ALTER TABLE requests ADD COLUMN site TEXT",
    ),
)

SCHEMA_VERSION: Final = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the missing migrations, each in its own transaction; return the final version.

    The version is read inside BEGIN IMMEDIATE so two processes starting at once (kiosk and
    a staff command) cannot both apply the same step.
    """
    while True:
        with Transaction(conn):
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"request database has schema version {version}; this kiosk knows up to "
                    f"{SCHEMA_VERSION} (was it written by a newer version?)",
                    "schema",
                )
            if version == SCHEMA_VERSION:
                return version
            for sql in MIGRATIONS[version]:
                conn.execute(sql)
            conn.execute(f"PRAGMA user_version = {version + 1}")
