"""The speech daemon (speech-dispatcher, installed by `make run`) and start-up.

Qt's speechd engine connects to speech-dispatcher when the kiosk starts, starting the daemon
first when it is not running (1.4-1.7 s here, before the first paint), and the daemon
quits by itself a few seconds after its last client. So start-up is measured twice: with
the daemon already running (started here and told to stay, as a system service would be)
and from cold, with no daemon (a kiosk that starts at boot)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import clean_env, stop_tree


def speechd_available() -> bool:
    code = (
        "from PySide6.QtTextToSpeech import QTextToSpeech as T\n"
        "print('speechd' in T.availableEngines())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return done.stdout.strip() == "True"


def daemon_running() -> bool:
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == "speech-dispatch":  # names are cut at 15 chars
                return True
        except OSError:
            continue
    return False


@contextmanager
def daemon_kept_up() -> Iterator[bool]:
    """Run speech-dispatcher ourselves (when Qt can use it) on its usual socket, told never
    to quit, for as long as the block runs; then stop it. One that another program keeps
    running is used as it is. Yields whether a daemon is running."""
    if not speechd_available() or not shutil.which("speech-dispatcher"):
        yield False
        return
    if not wait_until_daemon_gone(limit_s=10):
        yield True  # someone else's, kept up by its own clients
        return
    daemon = subprocess.Popen(
        ["speech-dispatcher", "--run-single", "--timeout", "0",
         "--communication-method", "unix_socket", "--socket-path", "default"],
        env=clean_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not daemon_running() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # its output modules start after the process does
        yield daemon_running()
    finally:
        stop_tree(daemon)


def wait_until_daemon_gone(limit_s: float = 30) -> bool:
    """Before a cold start: wait for the daemon to quit by itself (no client left); False
    if it is still running after `limit_s` seconds (another program keeps it up)."""
    deadline = time.monotonic() + limit_s
    while daemon_running():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
