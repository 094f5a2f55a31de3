"""The outbox: one delivery job per request and channel, kept in the request database.

Jobs are written in the same transaction as their request (RequestStore.save), so a request
the patient was thanked for always has its jobs. The delivery worker reads due jobs, records
each attempt *before* sending (a crash mid-send then still counts and backs off) and marks
the job delivered after the clinic's server said yes, or refused when it said no for good
(kept for staff, never retried). Nothing here holds patient text: errors are stored as kinds
('network', 'tls', ...) or status codes ('HTTP 400'). No Qt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from kiosk.appointments.errors import store_error
from kiosk.appointments.form_spec import CHANNELS
from kiosk.appointments.records import COLUMNS, StoredRequest, row_to_record, timestamp
from kiosk.appointments.transaction import Transaction

OVERDUE_AFTER: Final = timedelta(hours=1)
INTERRUPTED: Final = "interrupted"  # set before sending; replaced by the outcome

_QUALIFIED = ", ".join(f"r.{name.strip()}" for name in COLUMNS.split(","))


@dataclass(frozen=True)
class Job:
    """One request to deliver over one channel. The idempotency key is the request's random
    id: the same on every retry, and nothing a patient typed."""

    record: StoredRequest = field(repr=False)
    channel: str
    attempts: int  # attempts made before this one

    @property
    def key(self) -> str:
        return self.record.id

    @property
    def reference(self) -> str:
        return self.record.reference


@dataclass(frozen=True)
class Summary:
    """Counts for staff, `doctor` and the log. No patient data."""

    waiting: int  # requests with at least one undelivered job (being retried or refused)
    overdue: int  # requests still being retried, created more than OVERDUE_AFTER ago
    problems: dict[str, str]  # channel -> error kind of its newest failed attempt
    refused: int = 0  # requests a server refused for good: not retried, a call to make
    refusals: dict[str, str] = field(default_factory=dict)  # channel -> its newest refusal
    retrying: int = 0  # requests with a job still being retried

    def line(self) -> str:
        if not self.waiting:
            return "every call-back request has been delivered"
        parts = []
        if self.retrying:
            text = f"{self.retrying} request(s) waiting to be delivered"
            if self.overdue:
                text += f", {self.overdue} for more than an hour"
            if self.problems:
                text += " (last problem: "
                text += ", ".join(f"{ch} {k}" for ch, k in sorted(self.problems.items())) + ")"
            parts.append(text)
        if self.refused:
            why = ", ".join(f"{ch} {code}" for ch, code in sorted(self.refusals.items()))
            parts.append(
                f"{self.refused} request(s) REFUSED by the clinic's server ({why}), not retried: "
                "phone the patient from the export; see docs/delivery.md"
            )
        return "; ".join(parts)


class Outbox:
    """Delivery jobs on a RequestStore's connection; use from the thread that opened it."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], datetime]) -> None:
        self._conn, self._clock = conn, clock

    def enqueue(self, request_id: str, channels: Iterable[str]) -> None:
        """Add a job per channel, due now. Call inside the request's own transaction."""
        now = timestamp(self._clock())
        self._conn.executemany(
            "INSERT INTO outbox (request_id, channel, next_attempt_at) VALUES (?, ?, ?)",
            [(request_id, channel, now) for channel in channels],
        )

    def due(self, channels: Iterable[str], limit: int = 20, everything: bool = False) -> list[Job]:
        """Pending jobs on `channels` whose time has come (all of them when `everything`),
        oldest request first."""
        wanted = list(channels)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        sql = (
            f"SELECT o.channel, o.attempts, {_QUALIFIED} FROM outbox o "
            "JOIN requests r ON r.id = o.request_id "
            f"WHERE o.state = 'pending' AND o.channel IN ({marks})"
        )
        params: list[object] = [*wanted]
        if not everything:
            sql += " AND o.next_attempt_at <= ?"
            params.append(timestamp(self._clock()))
        sql += " ORDER BY r.created_at, r.rowid, o.channel LIMIT ?"
        params.append(limit)
        rows = self._read("read due deliveries", sql, params)
        return [Job(row_to_record(tuple(row[2:])), str(row[0]), int(row[1])) for row in rows]

    def next_due(self, channels: Iterable[str]) -> dict[str, datetime]:
        """For each channel with pending jobs, when its earliest job is due."""
        wanted = list(channels)
        if not wanted:
            return {}
        marks = ", ".join("?" for _ in wanted)
        rows = self._read(
            "read the delivery schedule",
            "SELECT channel, MIN(next_attempt_at) FROM outbox "
            f"WHERE state = 'pending' AND channel IN ({marks}) GROUP BY channel",
            wanted,
        )
        return {str(ch): datetime.fromisoformat(str(at)) for ch, at in rows}

    def retry_all_now(self, channels: Iterable[str] = CHANNELS) -> int:
        """Make every waiting job on `channels` due now: after a restart (or a repaired
        network cable) nobody should wait out a back-off that was booked before. Refused
        jobs stay refused."""
        now = timestamp(self._clock())
        wanted = list(channels)
        marks = ", ".join("?" for _ in wanted)
        try:
            with Transaction(self._conn):
                return int(
                    self._conn.execute(
                        "UPDATE outbox SET next_attempt_at = ? "
                        f"WHERE state = 'pending' AND next_attempt_at > ? AND channel IN ({marks})",
                        (now, now, *wanted),
                    ).rowcount
                )
        except sqlite3.Error as exc:
            raise store_error("reschedule deliveries", exc) from exc

    def begin_attempt(self, job: Job, retry_at: datetime) -> None:
        """Count the attempt and book the retry before sending: if the kiosk dies mid-send,
        the job is still pending and is sent again (same key) after a restart."""
        self._write(
            "record a delivery attempt",
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
            "WHERE request_id = ? AND channel = ? AND state = 'pending'",
            (timestamp(retry_at), INTERRUPTED, job.key, job.channel),
        )

    def delivered(self, job: Job) -> None:
        self._write(
            "record a delivery",
            "UPDATE outbox SET state = 'delivered', delivered_at = ?, last_error = NULL "
            "WHERE request_id = ? AND channel = ?",
            (timestamp(self._clock()), job.key, job.channel),
        )

    def failed(self, job: Job, kind: str) -> None:
        self._write(
            "record a failed delivery",
            "UPDATE outbox SET last_error = ? WHERE request_id = ? AND channel = ?",
            (kind, job.key, job.channel),
        )

    def refused(self, job: Job, why: str) -> None:
        """The server said no for good (`why`: a status code such as 'HTTP 400'). The job is
        kept, out of the schedule, for staff and `doctor`."""
        self._write(
            "record a refused delivery",
            "UPDATE outbox SET state = 'refused', last_error = ? "
            "WHERE request_id = ? AND channel = ? AND state = 'pending'",
            (why, job.key, job.channel),
        )

    def states(self) -> dict[str, str]:
        """request id -> a short delivery status for `requests list` (no patient data).
        Requests without jobs (channel 'none') are absent: they are 'local only'."""
        rows = self._read(
            "read delivery states",
            "SELECT request_id, channel, state, attempts, last_error FROM outbox "
            "ORDER BY request_id, channel",
            (),
        )
        parts: dict[str, list[str]] = {}
        for request_id, channel, state, attempts, error in rows:
            if state == "delivered":
                word = "sent"
            elif state == "refused":
                word = f"REFUSED {error or ''}".rstrip()
            elif not attempts:
                word = "waiting"
            else:
                word = f"retry {attempts} {error or ''}".rstrip()
            parts.setdefault(str(request_id), []).append(f"{channel} {word}")
        return {rid: ", ".join(items) for rid, items in parts.items()}

    def waiting_by_channel(self) -> dict[str, int]:
        rows = self._read(
            "count waiting deliveries",
            "SELECT channel, COUNT(*) FROM outbox WHERE state = 'pending' GROUP BY channel",
            (),
        )
        return {str(channel): int(count) for channel, count in rows}

    def backlog(self) -> tuple[int, datetime | None]:
        """Requests with a job still being retried, and when the oldest of them was made
        (None: none waiting). For the fleet's metrics: counts and a time, no patient data."""
        count, oldest = self._read(
            "count waiting deliveries",
            "SELECT COUNT(DISTINCT o.request_id), MIN(r.created_at) FROM outbox o "
            "JOIN requests r ON r.id = o.request_id WHERE o.state = 'pending'",
            (),
        )[0]
        return int(count), datetime.fromisoformat(str(oldest)) if oldest is not None else None

    def summary(self, overdue_after: timedelta = OVERDUE_AFTER) -> Summary:
        cutoff = timestamp(self._clock() - overdue_after)
        waiting, retrying, overdue, refused = self._read(
            "count waiting deliveries",
            "SELECT COUNT(DISTINCT o.request_id), "
            "COUNT(DISTINCT CASE WHEN o.state = 'pending' THEN o.request_id END), "
            "COUNT(DISTINCT CASE WHEN o.state = 'pending' AND r.created_at < ? "
            "THEN o.request_id END), "
            "COUNT(DISTINCT CASE WHEN o.state = 'refused' THEN o.request_id END) "
            "FROM outbox o JOIN requests r ON r.id = o.request_id WHERE o.state != 'delivered'",
            (cutoff,),
        )[0]
        rows = self._read(
            "read delivery problems",
            "SELECT channel, state, last_error FROM outbox WHERE state != 'delivered' "
            "AND last_error IS NOT NULL ORDER BY state, next_attempt_at, rowid",
            (),
        )
        problems: dict[str, str] = {}
        refusals: dict[str, str] = {}
        for channel, state, kind in rows:  # the latest booked wins
            (refusals if state == "refused" else problems)[str(channel)] = str(kind)
        return Summary(int(waiting), int(overdue), problems, int(refused), refusals, int(retrying))

    def _read(self, action: str, sql: str, params: Iterable[object]) -> list[tuple[Any, ...]]:
        try:
            return list(self._conn.execute(sql, tuple(params)).fetchall())
        except sqlite3.Error as exc:
            raise store_error(action, exc) from exc

    def _write(self, action: str, sql: str, params: tuple[object, ...]) -> None:
        try:
            with Transaction(self._conn):
                self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise store_error(action, exc) from exc
