"""Debian's `prometheus-pushgateway`, started for a test on a free loopback port and
stopped after it (issue 20). Missing binary: skipped on a developer's machine, a failure
under CI=true (the Makefile installs it: SYSDEPS_TEST)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NAMES = ("prometheus-pushgateway", "pushgateway")
READY_WITHIN_S = 30.0  # a loaded two-core machine; it is ready in well under a second


def ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def binary() -> str:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    message = "prometheus-pushgateway is not installed (make sysdeps-test installs it)"
    if ci():
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, timeout: float = 5.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode())


def _ready(url: str, proc: subprocess.Popen[bytes]) -> bool:
    """Polls /-/ready until it answers, the process ends, or the deadline passes."""
    deadline = time.monotonic() + READY_WITHIN_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False  # e.g. the port was taken between free_port() and the start
        try:
            get(f"{url}/-/ready", timeout=2.0)
            return True
        except (urllib.error.URLError, OSError):
            # The next poll in 50 ms, or at once when the process has ended.
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.05)
    return False


@contextmanager
def running_pushgateway(log_dir: Path) -> Iterator[str]:
    """The base URL of a fresh Pushgateway (no persistence file: it starts empty)."""
    exe = binary()
    for attempt in range(3):
        port = free_port()
        log = log_dir / f"pushgateway-{attempt}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [exe, f"--web.listen-address=127.0.0.1:{port}"],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            if _ready(url, proc):
                yield url
                return
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
    raise AssertionError(f"the Pushgateway did not start; see {log_dir}")
