"""The staff PIN: a salted scrypt hash, a constant-time check, and a lockout with growing
back-off that is kept on disk so switching the kiosk off and on does not reset it.
The PIN itself is never stored or logged."""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import hmac
import json
import logging
import math
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("kiosk.staff")

PIN_FILE = "staff-pin"
ATTEMPTS_FILE = "staff-pin-attempts.json"
FREE_TRIES = 5
FIRST_LOCKOUT_S = 30.0
MAX_LOCKOUT_S = 3600.0
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB and tens of ms: slow to guess, quick to check


class PinError(ValueError):
    pass


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 12):
        raise PinError("the PIN must be 4 to 12 digits")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    check_pin_format(pin)
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **SCRYPT)
    params = f"{SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}"
    salt_b64, digest_b64 = base64.b64encode(salt).decode(), base64.b64encode(digest).decode()
    return f"scrypt${params}${salt_b64}${digest_b64}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        got = hashlib.scrypt(pin.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def write_private(path: Path, text: str) -> None:
    """Write a 0600 file in one step (a temporary file renamed over the old one); on a
    failure (disk full, read-only) the temporary file is removed and OSError raised."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def backoff(failures: int) -> float:
    """The wait after `failures` wrong PINs in a row: none for the free tries, then 30 s
    doubling up to MAX_LOCKOUT_S. The exponent is capped: 2.0 ** 1024 overflows."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_LOCKOUT_S, FIRST_LOCKOUT_S * 2.0 ** min(failures - FREE_TRIES, 32))


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked_for: float = 0.0  # seconds until another try is allowed
    tries_left: int = 0


@dataclass(frozen=True)
class _Lockout:
    failures: int = 0
    locked_until: float = 0.0  # wall-clock time, as stored


def _parse(text: str) -> _Lockout | None:
    """The stored state, or None if it is not what this module writes."""
    try:
        data = json.loads(text)
        failures, until = data["failures"], data["locked_until"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    if type(failures) is not int or failures < 0 or isinstance(until, bool):
        return None
    if not isinstance(until, int | float) or not math.isfinite(until):
        return None
    return _Lockout(failures, float(until))


class StaffPin:
    """The lockout is kept in memory and copied to disk for restarts. If the disk cannot
    be written (full, read-only) the memory copy still counts, so a wrong PIN is still
    refused and the right one still opens the menu (staff must be able to export)."""

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time):
        self.pin_path = data_dir / PIN_FILE
        self.attempts_path = data_dir / ATTEMPTS_FILE
        self.clock = clock
        self._state = _Lockout()
        self._seen: str | None = None  # the file's text when last read or written

    def is_set(self) -> bool:
        return self.pin_path.is_file()

    def set(self, pin: str) -> None:
        write_private(self.pin_path, hash_pin(pin) + "\n")
        self._save(_Lockout())
        log.info("staff PIN changed")

    def _read(self) -> str:
        try:
            with self.attempts_path.open("rb") as file:
                return file.read(4096).decode("utf-8")
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError) as exc:
            return f"unreadable: {type(exc).__name__}"  # never valid JSON: handled below

    def _current(self) -> _Lockout:
        """The lockout now. The file is followed when someone else changed it (set-pin,
        another start), else memory counts: it holds what a failed write could not keep."""
        text, now = self._read(), self.clock()
        if text != self._seen:
            self._seen = text
            parsed = _parse(text) if text else _Lockout()
            if parsed is None:
                log.warning("staff PIN lockout file unreadable or damaged: locked for the maximum")
                parsed = _Lockout(FREE_TRIES, now + MAX_LOCKOUT_S)
            self._state = parsed
        state = self._state
        # Never a wait longer than the back-off from now: a lockout set while the clock
        # was a year fast would otherwise last that year once the clock is put right.
        if state.locked_until - now > MAX_LOCKOUT_S:
            log.warning("staff PIN lockout ended too far ahead (clock changed?): shortened")
            state = _Lockout(state.failures, now + MAX_LOCKOUT_S)
            self._save(state)
        return state

    def _save(self, state: _Lockout) -> None:
        self._state = state
        text = json.dumps({"failures": state.failures, "locked_until": state.locked_until})
        try:
            write_private(self.attempts_path, text)
        except OSError as exc:
            log.error(
                "could not keep the staff PIN lockout on disk (%s); kept in memory",
                errno.errorcode.get(exc.errno or 0, type(exc).__name__),
            )
            return
        self._seen = text

    def locked_for(self) -> float:
        """Seconds before another try is allowed (0 when a try is allowed now)."""
        return max(0.0, self._current().locked_until - self.clock())

    def _stored_hash(self) -> str:
        try:
            return self.pin_path.read_text(encoding="utf-8") if self.is_set() else ""
        except (OSError, UnicodeDecodeError) as exc:
            log.error("staff PIN file unreadable (%s): no PIN is accepted", type(exc).__name__)
            return ""

    def check(self, pin: str) -> PinCheck:
        state = self._current()
        now = self.clock()
        if now < state.locked_until:
            wait = state.locked_until - now
            log.warning("staff PIN attempt refused: locked for %.0f s more", wait)
            return PinCheck(False, wait)
        stored = self._stored_hash()
        if stored and verify_pin(pin, stored):
            self._save(_Lockout())
            log.info("staff PIN accepted")
            return PinCheck(True)
        failures = state.failures + 1
        wait = backoff(failures)
        self._save(_Lockout(failures, now + wait))
        left = max(0, FREE_TRIES - failures)
        log.warning("staff PIN attempt: wrong (%d in a row; locked for %.0f s)", failures, wait)
        return PinCheck(False, wait, left)
