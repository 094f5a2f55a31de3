"""One channel's share of the delivery work: its own database connection, schedule and
back-off, so a channel that hangs or is down never holds up another (each lane runs on its
own thread; see worker.py).

At least once, de-duplicated by the receiver: each attempt is booked in the database before
sending, so a crash or a pulled plug mid-send means the job is sent again later, and the
clinic's side recognises the copy (FHIR conditional create on the request identifier, the
e-mail's Message-ID). A channel that fails for a channel-wide reason (the network, TLS, the
server) is left alone until its retry time, so a dead server is not hit once per waiting
request. A permanent refusal (HTTP 4xx other than 408/429, SMTP 5xx) marks the job refused:
kept for staff, never retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from kiosk.appointments.errors import StoreError
from kiosk.appointments.outbox import Job, Summary
from kiosk.appointments.store import RequestStore
from kiosk.delivery.errors import DeliveryError, classify

if TYPE_CHECKING:
    from kiosk.delivery.worker import DeliveryWorker

log = logging.getLogger("kiosk.delivery")


class Channel(Protocol):
    @property
    def name(self) -> str: ...

    def send(self, job: Job) -> None: ...

    def probe(self) -> None: ...

    def abort(self) -> None:
        """From another thread: end the send in flight at once (the worker is stopping)."""


@dataclass
class Pass:
    """What one pass did, and when the next job is due (None: nothing waiting)."""

    delivered: int = 0
    failed: int = 0
    refused: int = 0
    next_due: datetime | None = None
    summary: Summary | None = None
    store_error: str | None = None

    def due(self, at: datetime | None) -> None:
        if at is not None and (self.next_due is None or at < self.next_due):
            self.next_due = at


class Lane:
    """The jobs of one channel. Use from one thread at a time (its database connection)."""

    def __init__(
        self,
        channel: Channel,
        worker: DeliveryWorker,
        open_store: Callable[[], RequestStore],
    ) -> None:
        self.name = channel.name
        self.channel = channel
        self._worker = worker
        self._open_store = open_store
        self._store: RequestStore | None = None
        self._store_failures = 0
        self._store_retry_at: datetime | None = None
        self._blocked_until: datetime | None = None
        self._fresh = True  # the first pass after a start retries everything at once

    def run_once(self, result: Pass) -> None:
        """Deliver this channel's due jobs, let the worker keep house, book the next pass."""
        clock = self._worker.clock
        if self._store_retry_at is not None and clock() < self._store_retry_at:
            result.due(self._store_retry_at)
            return
        try:
            store = self._opened()
            if self._fresh:
                store.outbox.retry_all_now([self.name])
                self._fresh = False
            self._deliver_due(store, result)
            self._worker.keep_house(store, result)
            result.due(self._next_due(store))
        except StoreError as exc:
            self.close()
            self._store_failures += 1
            delay = self._worker.backoff_delay(self._store_failures)
            self._store_retry_at = clock() + timedelta(seconds=delay)
            result.store_error = exc.kind
            result.due(self._store_retry_at)
            log.error(
                "delivery %s: request database unavailable (%s); retry in %.0f s",
                self.name,
                exc.kind,
                delay,
            )
            return
        self._store_failures, self._store_retry_at = 0, None

    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            finally:
                self._store = None

    def _opened(self) -> RequestStore:
        if self._store is None:
            self._store = self._open_store()
        return self._store

    def _blocked(self) -> bool:
        until = self._blocked_until
        return until is not None and self._worker.clock() < until

    def _deliver_due(self, store: RequestStore, result: Pass) -> None:
        while not self._blocked() and not self._worker.stopping:
            jobs = store.outbox.due([self.name], self._worker.batch)
            if not jobs:
                return
            for job in jobs:
                self._attempt(store, job, result)
                if self._blocked() or self._worker.stopping:
                    return

    def _attempt(self, store: RequestStore, job: Job, result: Pass) -> None:
        attempt = job.attempts + 1
        delay = self._worker.backoff_delay(attempt)
        retry_at = self._worker.clock() + timedelta(seconds=delay)
        store.outbox.begin_attempt(job, retry_at)
        try:
            self.channel.send(job)
        except Exception as exc:
            error = classify(exc)
            if error.permanent:
                store.outbox.refused(job, error.detail or error.kind)
                result.refused += 1
                self._worker.on_failure(self.name, "refused")
                log.error(
                    "request %s REFUSED by %s: %s; not retried (attempt %d): phone the "
                    "patient from the export, see docs/delivery.md",
                    job.reference,
                    job.channel,
                    error,
                    attempt,
                )
                return
            store.outbox.failed(job, error.kind)
            result.failed += 1
            self._worker.on_failure(self.name, "failed")
            if error.channel_wide:
                self._blocked_until = retry_at
            self._log_failure(job, attempt, error, delay)
            return
        store.outbox.delivered(job)
        self._blocked_until = None
        result.delivered += 1
        log.info("request %s delivered by %s (attempt %d)", job.reference, job.channel, attempt)

    @staticmethod
    def _log_failure(job: Job, attempt: int, error: DeliveryError, delay: float) -> None:
        # Kind and code only (DeliveryError holds no server text), and the reference code.
        level = logging.ERROR if error.kind in ("bug", "config") else logging.WARNING
        if error.kind == "interrupted":
            level = logging.INFO  # the kiosk is stopping; the job is sent again after restart
        log.log(
            level,
            "request %s not delivered by %s: %s; attempt %d, next try in %.0f s",
            job.reference,
            job.channel,
            error,
            attempt,
            delay,
        )

    def _next_due(self, store: RequestStore) -> datetime | None:
        at = store.outbox.next_due([self.name]).get(self.name)
        if at is not None and self._blocked_until is not None:
            at = max(at, self._blocked_until)
        return at
