"""The metrics' writer thread: every `interval` seconds, and once more at stop, it reads the
stores (`refresh`), writes the textfile for node_exporter's (or windows_exporter's) textfile
collector and pushes to the Pushgateway. Never on the GUI thread, so a slow disk or a dead
Pushgateway never holds up a tap; and a frozen GUI thread does not stop it, which is what
lets a stale heartbeat be seen. Failures are logged (kind and place, no patient data: the
metrics hold none) once when they start and once when they end, and tried again next round.
No Qt."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from prometheus_client import push_to_gateway, write_to_textfile

from kiosk.fleet.metrics import KioskMetrics

log = logging.getLogger("kiosk.metrics")

JOB = "fbss_kiosk"
PUSH_TIMEOUT_S = 10.0
LAST_PUSH_TIMEOUT_S = 2.0  # at exit: the kiosk's stop must not wait out a dead server


class MetricsWriter:
    def __init__(
        self,
        metrics: KioskMetrics,
        textfile: Path | None,
        pushgateway: str,
        interval: float,
        refresh: Callable[[], None] = lambda: None,
        clock: Callable[[], float] = time.time,
        on_written: Callable[[], None] = lambda: None,
    ) -> None:
        """`refresh` (on this thread) reads what the GUI does not set: the content state and
        the outbox. `on_written` runs after each round (tests wait on it)."""
        self.metrics, self.textfile, self.pushgateway = metrics, textfile, pushgateway
        self.interval, self._refresh, self._clock = interval, refresh, clock
        self._on_written = on_written
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._problems: dict[str, str] = {}  # "textfile"/"push" -> the failure being logged
        self.rounds = 0
        self.last_write_ms = 0.0  # what the last textfile write took (docs/fleet.md)
        self.last_push_ms = 0.0
        metrics.interval.set(interval)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="metrics", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = LAST_PUSH_TIMEOUT_S + 1.0) -> None:
        """Write (and push) once more, then end the thread; wait `timeout` at most."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("metrics: the last write is still busy at exit")

    def _loop(self) -> None:
        while True:
            last = self._stop.is_set()  # set by stop(): this round is the one at exit
            try:
                self.write_once(last)
            except Exception as exc:  # a bug must not end the metrics (or reach stderr only)
                log.error("metrics: unexpected %s; trying again next round", type(exc).__name__)
            if last:
                return
            self._stop.wait(self.interval)

    def write_once(self, last: bool = False) -> None:
        """One round: refresh, write, push (on the calling thread)."""
        self._refresh()
        self.metrics.written.set(self._clock())
        if self.textfile is not None:
            self._attempt("textfile", self._write_textfile)
        if self.pushgateway:
            self._attempt("push", lambda: self._push(LAST_PUSH_TIMEOUT_S if last else None))
        self.rounds += 1
        self._on_written()

    def _write_textfile(self) -> None:
        assert self.textfile is not None
        started = time.perf_counter()
        # A temporary file beside it, then rename(2): the collector never reads half a file.
        write_to_textfile(os.fspath(self.textfile), self.metrics.output)
        self.last_write_ms = (time.perf_counter() - started) * 1000

    def _push(self, timeout: float | None) -> None:
        started = time.perf_counter()
        push_to_gateway(
            self.pushgateway,
            job=JOB,
            registry=self.metrics.output,
            grouping_key={"kiosk_id": self.metrics.identity.kiosk_id},
            timeout=timeout or min(PUSH_TIMEOUT_S, self.interval),
        )
        self.last_push_ms = (time.perf_counter() - started) * 1000

    def _attempt(self, what: str, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as exc:
            # The type and errno only: an HTTP error's text is the server's, not ours.
            problem = type(exc).__name__
            errno = getattr(exc, "errno", None) or getattr(getattr(exc, "reason", None), "errno", 0)
            if errno:
                problem += f" (errno {errno})"
            code = getattr(exc, "code", None)
            if isinstance(code, int):
                problem += f" (HTTP {code})"
            if self._problems.get(what) != problem:
                where = self.textfile if what == "textfile" else host_of(self.pushgateway)
                log.warning("metrics: %s to %s failed: %s; trying again", what, where, problem)
            self._problems[what] = problem
            return
        if self._problems.pop(what, None) is not None:
            log.info("metrics: %s works again", what)


def host_of(url: str) -> str:
    """The server's name and port for the log, without any user or password in the URL."""
    parts = urlsplit(url)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not a number: leave it out
        port = ""
    return f"{parts.scheme}://{parts.hostname}{port}"
