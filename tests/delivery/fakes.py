"""A scriptable channel for driving the worker without a network, and a wrapper that lets
a test wait for a real channel's attempts."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from kiosk.appointments.outbox import Job
from kiosk.delivery.errors import DeliveryError
from kiosk.delivery.worker import Channel


@dataclass
class FakeChannel:
    name: str
    down: bool = False  # every send fails with a network error
    errors: list[DeliveryError] = field(default_factory=list)  # the next sends fail so
    sent: list[str] = field(default_factory=list)  # idempotency keys, in order
    attempts: int = 0
    threads: set[str] = field(default_factory=set)
    cond: threading.Condition = field(default_factory=threading.Condition)

    def send(self, job: Job) -> None:
        with self.cond:
            self.attempts += 1
            self.threads.add(threading.current_thread().name)
            self.cond.notify_all()
        if self.down:
            raise DeliveryError("network", "ECONNREFUSED")
        if self.errors:
            raise self.errors.pop(0)
        with self.cond:
            self.sent.append(job.key)
            self.cond.notify_all()

    def abort(self) -> None:
        pass

    def probe(self) -> None:
        if self.down:
            raise DeliveryError("network", "ECONNREFUSED")

    def wait_sent(self, count: int, timeout: float = 60.0) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: len(self.sent) >= count, timeout)


@dataclass
class Watched:
    """Wraps a real channel to let the test wait for attempts and their outcomes."""

    inner: Channel
    ok: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    @property
    def name(self) -> str:
        return self.inner.name

    def send(self, job: Job) -> None:
        try:
            self.inner.send(job)
        except Exception as exc:
            with self.cond:
                self.failed.append(getattr(exc, "kind", "?"))
                self.cond.notify_all()
            raise
        with self.cond:
            self.ok.append(job.key)
            self.cond.notify_all()

    def probe(self) -> None:
        self.inner.probe()

    def abort(self) -> None:
        self.inner.abort()

    def wait(self, *, failed: int = 0, ok: int = 0) -> bool:
        with self.cond:
            return self.cond.wait_for(
                lambda: len(self.failed) >= failed and len(self.ok) >= ok, 60.0
            )
