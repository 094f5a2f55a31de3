"""The attempt deadline on its own: an injected clock (no waiting) for the arithmetic, and a
real loopback socket for cancel(), which the worker's stop() uses to end a send in flight."""

from __future__ import annotations

import socket
import threading

import pytest

from kiosk.delivery.deadline import Deadline
from tests.delivery.servers import HOST, WAIT, TrickleServer


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_deadline_counts_the_whole_attempt_not_each_read() -> None:
    ticks = Ticks()
    deadline = Deadline(2.0, clock=ticks)
    assert deadline.remaining() == 2.0
    ticks.now += 1.5
    assert deadline.remaining() == pytest.approx(0.5)
    assert not deadline.expired
    ticks.now += 0.5
    assert deadline.expired
    with pytest.raises(TimeoutError):
        deadline.remaining()
    error = deadline.failure(ConnectionResetError())
    assert (error.kind, error.detail) == ("timeout", "attempt over 2 s")


def test_cancel_ends_a_blocked_read_from_another_thread() -> None:
    deadline = Deadline(60.0)
    server = TrickleServer(b"", None, read_request=False, pace=WAIT)  # silent till stopped
    server.start()
    outcome: list[object] = []
    try:
        with deadline.connect((HOST, server.port)) as sock:
            reader = threading.Thread(target=lambda: outcome.append(read(sock)))
            reader.start()
            deadline.cancel()  # before or during the read: either way it ends now
            reader.join(WAIT)
            assert not reader.is_alive()
    finally:
        server.stop()
    assert outcome in ([b""], [TimeoutError])
    assert deadline.failure(OSError()).kind == "interrupted"


def read(sock: socket.socket) -> object:
    try:
        return sock.recv(10)
    except TimeoutError:
        return TimeoutError
