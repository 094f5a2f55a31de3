"""RequestStore: appointment requests in a private SQLite file that survives crashes (R3, R5, R6).

`save` returns only after COMMIT with WAL + synchronous=FULL, so a receipt shown to a patient
means the row is on disk. Every failure surfaces as StoreError, whose text holds no patient data.
"""

from __future__ import annotations

import builtins
import logging
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Final

from kiosk.appointments import maintenance
from kiosk.appointments.context import RequestContext
from kiosk.appointments.errors import StoreError, describe, sqlite_code, store_error
from kiosk.appointments.files import (
    create_private_file,
    ensure_private_dir,
    make_private,
    set_aside,
)
from kiosk.appointments.form_spec import CHANNELS
from kiosk.appointments.outbox import Outbox
from kiosk.appointments.records import (
    COLUMNS,
    SavedReceipt,
    StoredRequest,
    new_reference,
    row_to_record,
    timestamp,
    utc_now,
)
from kiosk.appointments.request import AppointmentRequest
from kiosk.appointments.schema import migrate
from kiosk.appointments.transaction import Transaction

DB_NAME: Final = "requests.sqlite3"
SIDE_SUFFIXES: Final = ("-wal", "-shm", "-journal")
_REFERENCE_TRIES: Final = 20
# How long a patient's save waits for another writer (the delivery worker's transactions
# take milliseconds) before "please ask at the front desk": the save runs on the GUI
# thread, which the watchdog and the patient are both waiting on.
SAVE_WAIT_S: Final = 1.0

log = logging.getLogger("kiosk.appointments")


class RequestStore:
    """The request database in `data_dir`; open at start-up, use from one thread, close at exit.

    `busy_timeout` is how long other work waits for a lock; `save` waits `save_wait` at most.
    `max_page_count` caps the file size to simulate a full disk in tests (SQLite will not cap
    below the current size, so saves fail once free space in existing pages is used up).
    With `recover=False` a database that fails its integrity check raises StoreError instead of
    being set aside: staff commands must never move the file under a running kiosk.
    `channels` ('email', 'fhir'): each saved request gets a delivery job per channel, in the
    same transaction; none means the request stays local (staff export only).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = utc_now,
        make_reference: Callable[[], str] = new_reference,
        max_page_count: int | None = None,
        busy_timeout: float = 5.0,
        save_wait: float = SAVE_WAIT_S,
        recover: bool = True,
        channels: tuple[str, ...] = (),
    ) -> None:
        unknown = set(channels) - set(CHANNELS)
        if unknown:
            raise ValueError(f"unknown delivery channel(s): {', '.join(sorted(unknown))}")
        self.path = Path(data_dir) / DB_NAME
        self.channels = channels
        self.recovered_from: Path | None = None
        self._clock = clock
        self._make_reference = make_reference
        self._busy_timeout = busy_timeout
        self._save_wait = min(save_wait, busy_timeout)
        self._sides_private = False
        try:
            self._conn = self._open(recover)
            if max_page_count is not None:
                self._conn.execute(f"PRAGMA max_page_count = {int(max_page_count)}")
        except (sqlite3.Error, OSError) as exc:
            log.error("request database unavailable at %s: %s", self.path, describe(exc))
            raise store_error("open the request database", exc) from exc
        except StoreError as exc:
            log.error("request database unavailable at %s: %s", self.path, exc)
            raise
        self.outbox = Outbox(self._conn, clock)

    # --- opening -------------------------------------------------------------------------

    def _open(self, recover: bool) -> sqlite3.Connection:
        ensure_private_dir(self.path.parent)
        create_private_file(self.path)
        problem = self._integrity_problem()
        if problem is not None:
            if not recover:
                message = f"request database failed its integrity check ({problem})"
                raise StoreError(message, "corrupt")
            self._set_aside(problem)
            create_private_file(self.path)
        conn = self._connect()
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"request database cannot use WAL (journal mode {mode})", "io")
            conn.execute("PRAGMA synchronous = FULL")  # fsync the WAL at every COMMIT
            conn.execute("PRAGMA secure_delete = ON")  # deleted rows are zeroed, not just unlinked
            conn.execute("PRAGMA temp_store = MEMORY")  # VACUUM's copy never lands in /tmp
            migrate(conn)
            make_private(self._side_files())
        except BaseException:
            conn.close()
            raise
        return conn

    def _integrity_problem(self) -> str | None:
        """None if the file is a healthy database (or empty), else a short PHI-free description.

        Read-only connection: closing a read-write one would checkpoint the WAL into a damaged
        file, or delete the WAL, before it could be kept aside as evidence.
        """
        uri = f"{self.path.absolute().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=self._busy_timeout, isolation_level=None)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            if sqlite_code(exc) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                return describe(exc)
            raise  # busy, permissions, I/O: not a reason to move the file
        finally:
            conn.close()
        if rows == [("ok",)]:
            return None
        # integrity_check names tables, pages and columns, never row values.
        first = "; ".join(str(row[0]) for row in rows[:3])
        return f"{len(rows)} problem(s): {first}"

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no hidden BEGINs; every transaction here is explicit.
        return sqlite3.connect(self.path, timeout=self._busy_timeout, isolation_level=None)

    def _set_aside(self, problem: str) -> None:
        label = "corrupt-" + self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.recovered_from = set_aside(self.path, SIDE_SUFFIXES, label)
        log.critical(
            "REQUEST DATABASE FAILED ITS INTEGRITY CHECK (%s): kept it as %s and started a new, "
            "empty one. Requests in the old file are not lost; ask IT to look at it.",
            problem,
            self.recovered_from,
        )

    def _side_files(self) -> list[Path]:
        return [Path(f"{self.path}{suffix}") for suffix in SIDE_SUFFIXES]

    # --- writing -------------------------------------------------------------------------

    def save(
        self, request: AppointmentRequest, context: RequestContext | None = None
    ) -> SavedReceipt:
        """Store one request with its context (language, reason words, kiosk and site);
        returns only after COMMIT. Raises StoreError on any failure."""
        record_id = str(uuid.uuid4())
        try:
            self._wait_for_locks(self._save_wait)
            try:
                with Transaction(self._conn):
                    reference = self._insert(record_id, request, context or RequestContext())
                    self.outbox.enqueue(record_id, self.channels)  # one transaction: R3, issue 10
            finally:
                self._wait_for_locks(self._busy_timeout)
        except (sqlite3.Error, OSError) as exc:
            log.error("could not save an appointment request: %s", describe(exc))
            raise store_error("save the request", exc) from exc
        except StoreError as exc:
            log.error("could not save an appointment request: %s", exc)
            raise
        except UnicodeError:
            # Only reachable if a request skipped validation. `from None`: the exception
            # object holds the very text it could not encode.
            log.error("could not save an appointment request: text not encodable")
            raise StoreError("could not save the request (text not encodable)", "invalid") from None
        if not self._sides_private:  # the -wal may only now exist; SQLite gave it our mode
            self._sides_private = True
            try:
                make_private(self._side_files())
            except OSError as exc:
                log.warning("could not tighten database side-file modes: %s", describe(exc))
        return SavedReceipt(record_id, reference)

    def _wait_for_locks(self, seconds: float) -> None:
        self._conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def _insert(self, record_id: str, request: AppointmentRequest, ctx: RequestContext) -> str:
        for _ in range(_REFERENCE_TRIES):
            reference = self._make_reference()
            try:
                self._conn.execute(
                    f"INSERT INTO requests ({COLUMNS}) "
                    "VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        record_id,
                        reference,
                        timestamp(self._clock()),
                        request.first_name,
                        request.last_name,
                        request.phone,
                        request.email,
                        request.best_time,
                        request.reason,
                        request.note,
                        int(request.consent),
                        ctx.language,
                        ctx.reason_shown,
                        ctx.reason_staff,
                        ctx.kiosk_id,
                        ctx.site,
                    ),
                )
            except sqlite3.IntegrityError as exc:
                if "requests.reference" in str(exc):
                    continue  # the code is taken; draw another
                raise
            return reference
        raise StoreError("could not find a free reference code", "io")

    # --- maintenance (kiosk.appointments.maintenance does the work) ----------------------

    def purge_older_than(self, days: int) -> int:
        """Securely delete requests created more than `days` days ago."""
        return maintenance.purge_older_than(self._conn, self._clock(), days)

    def purge_delivered(self, days: int) -> int:
        """Securely delete requests whose every delivery job finished more than `days` days
        ago. Requests kept local (no jobs) are left for staff to export and purge."""
        return maintenance.purge_delivered(self._conn, self._clock(), days)

    # --- reading -------------------------------------------------------------------------

    def list(self, since: datetime | None = None) -> builtins.list[StoredRequest]:
        """Requests created at or after `since` (all when None), oldest first."""
        sql = f"SELECT {COLUMNS} FROM requests"
        params: tuple[str, ...] = ()
        if since is not None:
            sql += " WHERE created_at >= ?"
            params = (timestamp(since),)
        try:
            rows = self._conn.execute(sql + " ORDER BY created_at, rowid", params).fetchall()
        except sqlite3.Error as exc:
            raise store_error("read requests", exc) from exc
        return [row_to_record(row) for row in rows]

    def count_pending(self) -> int:
        """Requests nobody has dealt with yet (status 'new')."""
        try:
            row = self._conn.execute("SELECT COUNT(*) FROM requests WHERE status = 'new'")
            return int(row.fetchone()[0])
        except sqlite3.Error as exc:
            raise store_error("count requests", exc) from exc

    def diagnostics(self) -> dict[str, object]:
        """Settings and counts for `doctor` and tests: proof the durability settings took."""
        return maintenance.diagnostics(self._conn, self.path)

    # --- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> RequestStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
