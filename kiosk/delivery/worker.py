"""DeliveryWorker: a plain thread (never Qt, never the GUI thread) that empties the outbox.

At least once, forever: each attempt is booked in the database before sending, so a crash
or a pulled plug mid-send means the job is sent again later with the same idempotency key,
and the clinic's side keeps one copy. A channel that fails for a channel-wide reason (the
network, TLS, the server) is left alone until its retry time, so a dead server is not hit
once per waiting request.

`run_once()` is one pass, for tests and the thread alike; time comes from `clock`.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Protocol

from kiosk.appointments.errors import StoreError
from kiosk.appointments.outbox import Job, Summary
from kiosk.appointments.records import utc_now
from kiosk.appointments.store import RequestStore
from kiosk.delivery.backoff import Backoff
from kiosk.delivery.errors import DeliveryError, classify

log = logging.getLogger("kiosk.delivery")

PURGE_EVERY: Final = timedelta(hours=1)
LONGEST_SLEEP: Final = 300.0  # wake now and then anyway: overdue checks, purges, clock jumps
SHORTEST_SLEEP: Final = 0.5  # never spin, whatever the schedule says


class Channel(Protocol):
    @property
    def name(self) -> str: ...

    def send(self, job: Job) -> None: ...

    def probe(self) -> None: ...


@dataclass
class Pass:
    """What one pass did, and when the next job is due (None: nothing waiting)."""

    delivered: int = 0
    failed: int = 0
    next_due: datetime | None = None
    summary: Summary | None = None
    store_error: str | None = None


class DeliveryWorker:
    def __init__(
        self,
        open_store: Callable[[], RequestStore],
        channels: Mapping[str, Channel],
        *,
        purge_after_days: int = 7,
        clock: Callable[[], datetime] = utc_now,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
        batch: int = 20,
    ) -> None:
        self._open_store = open_store
        self.channels = dict(channels)
        self._purge_days = purge_after_days
        self._clock = clock
        self._backoff = backoff or Backoff()
        self._rng = rng or random.Random()
        self._batch = batch
        self._store: RequestStore | None = None
        self._store_failures = 0
        self._store_retry_at: datetime | None = None
        self._blocked: dict[str, datetime] = {}  # channel -> leave alone until
        self._fresh = True  # the first pass after a start retries everything at once
        self._last_purge: datetime | None = None
        self._last_overdue = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- one pass --------------------------------------------------------------------------

    def run_once(self) -> Pass:
        """Deliver every job that is due now, purge old delivered requests, report."""
        result = Pass()
        now = self._clock()
        if self._store_retry_at is not None and now < self._store_retry_at:
            result.next_due = self._store_retry_at
            return result
        try:
            store = self._opened()
            if self._fresh:
                store.outbox.retry_all_now()
                self._fresh = False
            self._deliver_due(store, result)
            self._purge(store)
            result.summary = store.outbox.summary()
            result.next_due = self._next_due(store)
        except StoreError as exc:
            self._close_store()
            self._store_failures += 1
            delay = self._backoff.delay(self._store_failures, self._rng)
            self._store_retry_at = self._clock() + timedelta(seconds=delay)
            result.store_error, result.next_due = exc.kind, self._store_retry_at
            log.error(
                "delivery: request database unavailable (%s); retry in %.0f s", exc.kind, delay
            )
            return result
        self._store_failures, self._store_retry_at = 0, None
        self._flag_overdue(result.summary)
        return result

    def _opened(self) -> RequestStore:
        if self._store is None:
            self._store = self._open_store()
        return self._store

    def _deliver_due(self, store: RequestStore, result: Pass) -> None:
        while True:
            now = self._clock()
            active = [name for name in self.channels if self._blocked.get(name, now) <= now]
            jobs = store.outbox.due(active, self._batch)
            if not jobs:
                return
            for job in jobs:
                if job.channel in active:
                    self._attempt(store, job, result)
                    if job.channel in self._blocked:
                        active.remove(job.channel)

    def _attempt(self, store: RequestStore, job: Job, result: Pass) -> None:
        attempt = job.attempts + 1
        delay = self._backoff.delay(attempt, self._rng)
        retry_at = self._clock() + timedelta(seconds=delay)
        store.outbox.begin_attempt(job, retry_at)
        try:
            self.channels[job.channel].send(job)
        except Exception as exc:
            error = classify(exc)
            store.outbox.failed(job, error.kind)
            result.failed += 1
            if error.channel_wide:
                self._blocked[job.channel] = retry_at
            self._log_failure(job, attempt, error, delay)
            return
        store.outbox.delivered(job)
        self._blocked.pop(job.channel, None)
        result.delivered += 1
        log.info("request %s delivered by %s (attempt %d)", job.reference, job.channel, attempt)

    @staticmethod
    def _log_failure(job: Job, attempt: int, error: DeliveryError, delay: float) -> None:
        # Kind and code only (DeliveryError holds no server text), and the reference code.
        level = logging.ERROR if error.kind in ("bug", "config", "rejected") else logging.WARNING
        log.log(
            level,
            "request %s not delivered by %s: %s; attempt %d, next try in %.0f s",
            job.reference,
            job.channel,
            error,
            attempt,
            delay,
        )

    def _purge(self, store: RequestStore) -> None:
        now = self._clock()
        if self._last_purge is not None and now - self._last_purge < PURGE_EVERY:
            return
        self._last_purge = now
        store.purge_delivered(self._purge_days)

    def _next_due(self, store: RequestStore) -> datetime | None:
        due = store.outbox.next_due(self.channels)
        times = [max(at, self._blocked.get(ch, at)) for ch, at in due.items()]
        return min(times) if times else None

    def _flag_overdue(self, summary: Summary | None) -> None:
        """Say it in the log once each time the number of overdue requests grows."""
        overdue = summary.overdue if summary else 0
        if summary is not None and overdue > self._last_overdue:
            log.error("DELIVERY OVERDUE: %s; see docs/delivery.md", summary.line())
        self._last_overdue = overdue

    def _close_store(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            finally:
                self._store = None

    # --- the thread ------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None or not self.channels:
            return
        log.info("delivery worker started (%s)", ", ".join(self.channels))
        self._thread = threading.Thread(target=self._loop, name="delivery", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A request was just saved: deliver it now instead of at the next scheduled pass."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to finish and wait a little. A send still in flight is abandoned
        (the thread is a daemon): it is booked, so it is sent again after the restart."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("delivery worker still busy at exit; its job is sent again later")
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                self._wake.clear()  # before the pass: a wake during it means go again
                try:
                    result = self.run_once()
                except Exception as exc:  # keep delivering whatever a bug did to one pass
                    log.error("delivery: unexpected %s; trying again shortly", type(exc).__name__)
                    result = Pass(next_due=self._clock() + timedelta(seconds=LONGEST_SLEEP / 10))
                self._wake.wait(self._sleep_for(result))
        finally:
            self._close_store()  # the connection belongs to this thread

    def _sleep_for(self, result: Pass) -> float:
        if result.next_due is None:
            return LONGEST_SLEEP
        seconds = (result.next_due - self._clock()).total_seconds()
        return min(LONGEST_SLEEP, max(SHORTEST_SLEEP, seconds))
