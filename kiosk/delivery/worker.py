"""DeliveryWorker: empties the outbox with one plain thread per channel (never Qt, never the
GUI thread), so e-mail is delivered while a FHIR server hangs and the other way round.

Each channel's lane (lane.py) has its own database connection and schedule; housekeeping
(purging delivered requests, flagging overdue ones) is shared under a lock. A thread logs
whatever goes wrong and carries on: nothing reaches stderr as a traceback. stop() cancels the
sends in flight (each attempt has a total deadline anyway) and joins the threads with a bound.

`run_once()` runs every lane once in turn, for tests; time comes from `clock`.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Final

from kiosk.appointments.outbox import Summary
from kiosk.appointments.records import utc_now
from kiosk.appointments.store import RequestStore
from kiosk.delivery.backoff import Backoff
from kiosk.delivery.lane import Channel, Lane, Pass

__all__ = ["Channel", "DeliveryWorker", "Pass"]

log = logging.getLogger("kiosk.delivery")

PURGE_EVERY: Final = timedelta(hours=1)
LONGEST_SLEEP: Final = 300.0  # wake now and then anyway: overdue checks, purges, clock jumps
SHORTEST_SLEEP: Final = 0.5  # never spin, whatever the schedule says


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
        self.channels = dict(channels)
        self.clock = clock
        self.batch = batch
        self._purge_days = purge_after_days
        self._backoff = backoff or Backoff()
        self._rng = rng or random.Random()
        self._lanes = [Lane(channel, self, open_store) for channel in self.channels.values()]
        self._house = threading.Lock()  # purge and overdue flag, shared by the lanes
        self._last_purge: datetime | None = None
        self._last_overdue = 0
        self._stop = threading.Event()
        self._wakes = {lane.name: threading.Event() for lane in self._lanes}
        self._threads: list[threading.Thread] = []
        # (channel, 'failed' or 'refused') after each such attempt, on the lane's thread;
        # the fleet's metrics count them (kiosk/fleet/metrics.py).
        self.on_failure: Callable[[str, str], None] = lambda channel, outcome: None

    # --- shared by the lanes -----------------------------------------------------------------

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def backoff_delay(self, attempt: int) -> float:
        with self._house:  # random.Random is not meant to be shared between threads
            return self._backoff.delay(attempt, self._rng)

    def keep_house(self, store: RequestStore, result: Pass) -> None:
        """After a lane's pass: purge old delivered requests (hourly), report, flag."""
        with self._house:
            now = self.clock()
            if self._last_purge is None or now - self._last_purge >= PURGE_EVERY:
                self._last_purge = now
                store.purge_delivered(self._purge_days)
            result.summary = store.outbox.summary()
            self._flag_overdue(result.summary)

    def _flag_overdue(self, summary: Summary) -> None:
        """Say it in the log once each time the number of overdue requests grows."""
        if summary.overdue > self._last_overdue:
            log.error("DELIVERY OVERDUE: %s; see docs/delivery.md", summary.line())
        self._last_overdue = summary.overdue

    # --- one pass, for tests ------------------------------------------------------------------

    def run_once(self) -> Pass:
        """Every lane once, in turn, on the calling thread."""
        result = Pass()
        for lane in self._lanes:
            lane.run_once(result)
        return result

    def close(self) -> None:
        """Close the lanes' database connections (after run_once on this thread)."""
        for lane in self._lanes:
            lane.close()

    # --- the threads --------------------------------------------------------------------------

    def start(self) -> None:
        if self._threads or not self._lanes:
            return
        self._stop.clear()
        log.info("delivery worker started (%s)", ", ".join(self.channels))
        for lane in self._lanes:
            thread = threading.Thread(
                target=self._loop, args=(lane,), name=f"delivery-{lane.name}", daemon=True
            )
            self._threads.append(thread)
            thread.start()

    def wake(self) -> None:
        """A request was just saved: deliver it now instead of at the next scheduled pass."""
        for event in self._wakes.values():
            event.set()

    def stop(self, timeout: float = 5.0) -> None:
        """End the sends in flight, ask the threads to finish and wait at most `timeout`
        seconds in all. A job cut off mid-send is booked, so it is sent again later."""
        self._stop.set()
        for lane in self._lanes:
            try:
                lane.channel.abort()
            except Exception as exc:  # stopping must not fail on one channel's bug
                log.error("delivery %s: abort failed (%s)", lane.name, type(exc).__name__)
        self.wake()
        end = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, end - time.monotonic()))
            if thread.is_alive():
                log.warning("%s still busy at exit; its job is sent again later", thread.name)
        self._threads = [thread for thread in self._threads if thread.is_alive()]  # `running`

    @property
    def running(self) -> bool:
        return any(thread.is_alive() for thread in self._threads)

    def _loop(self, lane: Lane) -> None:
        # Everything inside: an exception escaping a thread is a traceback on stderr, which
        # nobody reads on a kiosk, and the end of that channel's deliveries.
        wake = self._wakes[lane.name]
        try:
            while not self._stop.is_set():
                wake.clear()  # before the pass: a wake during it means go again
                result = Pass()
                try:
                    lane.run_once(result)
                except Exception as exc:  # keep delivering whatever a bug did to one pass
                    log.error(
                        "delivery %s: unexpected %s; trying again shortly",
                        lane.name,
                        type(exc).__name__,
                    )
                    result = Pass(next_due=self.clock() + timedelta(seconds=LONGEST_SLEEP / 10))
                wake.wait(self._sleep_for(result))
        except Exception as exc:
            log.error("delivery %s: thread stopped by %s", lane.name, type(exc).__name__)
        finally:
            try:
                lane.close()  # the connection belongs to this thread
            except Exception as exc:
                log.error("delivery %s: closing the database: %s", lane.name, type(exc).__name__)

    def _sleep_for(self, result: Pass) -> float:
        if result.next_due is None:
            return LONGEST_SLEEP
        seconds = (result.next_due - self.clock()).total_seconds()
        return min(LONGEST_SLEEP, max(SHORTEST_SLEEP, seconds))
