"""A total time limit for one delivery attempt, enforced on every socket operation.

A socket timeout alone limits each read: a server that trickles one byte every half second
never trips it and holds the attempt as long as it likes (measured: 42.6 s with a 2 s
timeout). Here every connect, send, receive and TLS handshake gets only the time that is
left of the attempt, and cancel() (the worker stopping) shuts the connection down so a
blocked read returns at once instead of keeping the kiosk from exiting.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from kiosk.delivery.errors import DeliveryError, classify


class Deadline:
    """`seconds` from now on `clock`; one per attempt (or probe), used by one thread, except
    cancel(), which any thread may call."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds
        self._lock = threading.Lock()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self.cancelled = False

    @property
    def expired(self) -> bool:
        return self._clock() >= self._end

    def remaining(self) -> float:
        """Seconds left, or TimeoutError when there are none."""
        left = self._end - self._clock()
        if self.cancelled or left <= 0:
            raise TimeoutError("delivery attempt deadline passed")
        return left

    def failure(self, exc: BaseException) -> DeliveryError:
        """Why the attempt failed. Libraries re-wrap a timed-out read (smtplib reports it as
        a disconnect), so the deadline's own view comes first."""
        if self.cancelled:
            return DeliveryError("interrupted", "kiosk stopping")
        if self.expired:
            return DeliveryError("timeout", f"attempt over {self.seconds:g} s")
        return classify(exc)

    def arm(self, sock: socket.socket) -> None:
        """Before each operation on `sock`: give it only the time left (and remember it so
        cancel() can shut it)."""
        with self._lock:
            self._sockets.add(sock)
        if sock.fileno() >= 0:  # a closed socket fails on its own, with its own error
            sock.settimeout(self.remaining())

    def connect(self, address: tuple[str, int]) -> socket.socket:
        """A TCP connection within the deadline, as a socket that keeps to it."""
        raw = socket.create_connection(address, timeout=self.remaining())
        sock = DeadlineSocket(raw.family, raw.type, raw.proto, fileno=raw.detach())
        sock.deadline = self
        self.arm(sock)
        return sock

    def cancel(self) -> None:
        """End the attempt now, from any thread: later operations fail at once and a
        blocked one returns because its connection is shut down under it."""
        with self._lock:
            self.cancelled = True
            sockets = list(self._sockets)
        for sock in sockets:
            # The plain socket's shutdown, not SSLSocket's, which would also drop its TLS
            # state while the owning thread may still be reading it.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class DeadlineSocket(socket.socket):
    """A plain TCP socket (before STARTTLS, and under TLS) that keeps to its Deadline."""

    deadline: Deadline

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        self.deadline.arm(self)
        return super().recv(bufsize, flags)

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        self.deadline.arm(self)
        return super().recv_into(buffer, nbytes, flags)

    def send(self, data: Any, flags: int = 0) -> int:
        self.deadline.arm(self)
        return super().send(data, flags)

    def sendall(self, data: Any, flags: int = 0) -> None:
        self.deadline.arm(self)
        super().sendall(data, flags)


class DeadlineContext(ssl.SSLContext):
    """An SSLContext whose sockets keep to `deadline` (set before wrapping)."""

    deadline: Deadline | None = None


class DeadlineSSLSocket(ssl.SSLSocket):
    """TLS over a DeadlineSocket. CPython's TLS read, write and handshake each treat the
    socket timeout as a limit for the whole call, so arming before each is enough."""

    def _arm(self) -> None:
        context = self.context
        if isinstance(context, DeadlineContext) and context.deadline is not None:
            context.deadline.arm(self)

    def do_handshake(self, block: bool = False) -> None:
        self._arm()
        super().do_handshake(block)

    def read(self, len: int = 1024, buffer: Any = None) -> Any:
        self._arm()
        return super().read(len, buffer)

    def write(self, data: Any) -> int:
        self._arm()
        return super().write(data)

    def send(self, data: Any, flags: int = 0) -> int:
        self._arm()
        return super().send(data, flags)

    def sendall(self, data: Any, flags: int = 0) -> None:
        self._arm()
        super().sendall(data, flags)


DeadlineContext.sslsocket_class = DeadlineSSLSocket
