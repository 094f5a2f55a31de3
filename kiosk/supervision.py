"""Living under a supervisor: systemd's notify protocol (READY, WATCHDOG, STOPPING) in a
few lines of standard library, and one kiosk per data folder. No Qt here; the watchdog
timer that calls `ping()` lives on the GUI thread so a frozen UI stops the pings."""

from __future__ import annotations

import logging
import os
import socket
import sys
import traceback
from pathlib import Path
from typing import IO

from kiosk.paths import LOCK_NAME

log = logging.getLogger("kiosk")


class SdNotify:
    """Send sd_notify datagrams to $NOTIFY_SOCKET; silently does nothing without one."""

    def __init__(self, environ: dict[str, str] | None = None):
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        if address.startswith("@"):  # an abstract socket name
            address = "\0" + address[1:]
        self.address = address
        usec = env.get("WATCHDOG_USEC", "")
        # Ping at half the watchdog period, as systemd recommends.
        self.watchdog_interval_s = int(usec) / 2_000_000 if usec.isdigit() else 0.0

    @property
    def enabled(self) -> bool:
        return bool(self.address) and hasattr(socket, "AF_UNIX")

    def send(self, message: str) -> bool:
        if not self.enabled:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                # Never wait: this runs on the GUI thread, and a supervisor that stops
                # reading its socket (a full queue) must not freeze the screen with it.
                sock.setblocking(False)
                sock.connect(self.address)
                sock.send(message.encode())
            return True
        except OSError:  # including BlockingIOError: this ping is dropped, not waited for
            return False

    def ready(self) -> bool:
        return self.send("READY=1")

    def ping(self) -> bool:
        return self.send("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.send("STOPPING=1")


class InstanceLock:
    """An exclusive lock on DATA/kiosk.lock, released by the OS if the process dies."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / LOCK_NAME
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the process's life
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing drops the lock
            self._file = None


def restart_process() -> None:
    """Staff asked for a restart and nobody supervises us: replace this process."""
    log.info("restarting")
    logging.shutdown()
    os.execv(sys.executable, [sys.executable, *sys.argv])


def crash_and_restart(kind: type[BaseException], error: BaseException, tb: object) -> None:
    """An unexpected error: log it (type and place, no patient data) and exit non-zero so
    the supervisor starts a fresh kiosk instead of leaving a half-working screen."""
    # The message is left out on purpose: it could quote something a patient typed.
    frames = traceback.extract_tb(tb)  # type: ignore[arg-type]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    log.critical("unexpected %s at %s; exiting so the supervisor restarts", kind.__name__, where)
    logging.shutdown()
    os._exit(70)
