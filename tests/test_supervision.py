"""The systemd notify protocol against a real datagram socket, the GUI-thread watchdog that
stops when the event loop freezes, one kiosk per data folder, and crash logging."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.supervision import InstanceLock, SdNotify
from tests.conftest import run_main

ROOT = Path(__file__).resolve().parent.parent


class Listener:
    """A real AF_UNIX datagram socket, like systemd's, recording what arrives and when."""

    def __init__(self, path: Path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.05)
        self.received: list[tuple[float, bytes]] = []
        self.arrived = threading.Condition()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while self.running:
            try:
                message = self.sock.recv(256)
            except TimeoutError:
                continue
            with self.arrived:
                self.received.append((time.monotonic(), message))
                self.arrived.notify_all()

    def wait_for(self, message: bytes, timeout: float) -> bool:
        """Block until `message` has arrived (True) or `timeout` seconds pass (False)."""
        with self.arrived:
            return self.arrived.wait_for(
                lambda: any(m == message for _, m in self.received), timeout
            )

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[Listener, dict[str, str]]]:
    path = tmp_path / "notify.sock"
    got = Listener(path)
    yield got, {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "100000"}
    got.close()


def test_ready_watchdog_stopping_reach_the_socket(
    listener: tuple[Listener, dict[str, str]], qtbot: QtBot
) -> None:
    got, env = listener
    notify = SdNotify(env)
    assert notify.watchdog_interval_s == 0.05
    assert notify.ready() and notify.ping() and notify.stopping()
    qtbot.waitUntil(lambda: len(got.received) == 3)
    assert [m for _, m in got.received] == [b"READY=1", b"WATCHDOG=1", b"STOPPING=1"]


def test_a_supervisor_that_stops_reading_never_blocks_the_pings(tmp_path: Path) -> None:
    """The pings run on the GUI thread: when nobody reads the socket and its queue is full,
    a ping is dropped at once instead of freezing the screen until the supervisor reads."""
    path = tmp_path / "deaf.sock"
    deaf = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    deaf.bind(str(path))  # bound, never read
    notify = SdNotify({"NOTIFY_SOCKET": str(path)})
    answers: list[bool] = []

    def ping_until_dropped() -> None:
        for _ in range(100_000):  # the queue holds a few hundred at most
            answers.append(notify.ping())
            if not answers[-1]:
                return

    pinger = threading.Thread(target=ping_until_dropped, daemon=True)
    pinger.start()
    pinger.join(timeout=30)
    blocked = pinger.is_alive()
    deaf.close()  # lets a blocked sender go
    assert not blocked, f"a ping waited for the supervisor after {len(answers)} pings"
    assert answers[0] and answers[-1] is False, "the first pings arrive; then one is dropped"


def test_no_socket_means_no_notifications() -> None:
    assert not SdNotify({}).enabled and not SdNotify({}).ready()


def test_watchdog_pings_stop_while_the_event_loop_is_frozen(
    listener: tuple[Listener, dict[str, str]], qtbot: QtBot
) -> None:
    from kiosk.ui.watchdog import WatchdogPinger

    got, env = listener
    notify = SdNotify(env)
    sent: list[float] = []  # when each ping left, taken in the sending thread
    real_ping = notify.ping

    def ping() -> bool:
        sent.append(time.monotonic())
        return real_ping()

    notify.ping = ping  # type: ignore[method-assign]
    pinger = WatchdogPinger(notify)
    qtbot.waitUntil(lambda: len(got.received) >= 3, timeout=3000)  # real datagrams arrive
    frozen_from = time.monotonic()
    while time.monotonic() - frozen_from < 0.6:  # the GUI thread is busy: a frozen UI
        pass
    frozen_to = time.monotonic()
    count = len(got.received)
    qtbot.waitUntil(lambda: len(got.received) >= count + 2, timeout=3000)  # it recovers
    pinger.timer.stop()
    assert not [t for t in sent if frozen_from < t < frozen_to], "no ping while frozen"
    assert max(b - a for a, b in itertools.pairwise(sent)) >= 0.6


def test_one_kiosk_per_data_folder(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    result = run_main("run", "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "another kiosk is already running" in result.stderr
    first.release()
    assert second.acquire()
    second.release()


def test_unexpected_error_is_logged_without_its_message_and_exits_nonzero(tmp_path: Path) -> None:
    code = (
        "import sys, logging; from kiosk.supervision import crash_and_restart; "
        "logging.basicConfig(level='INFO'); sys.excepthook = crash_and_restart; "
        "raise ValueError('Zoe Qwyxlade 2025550123')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 70
    assert "unexpected ValueError at" in result.stderr
    assert "Qwyxlade" not in result.stderr and "2025550123" not in result.stderr
