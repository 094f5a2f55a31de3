"""The staff PIN: a salted scrypt hash, a constant-time check, and a lockout with growing
back-off that is kept on disk so switching the kiosk off and on does not reset it.
The PIN itself is never stored or logged."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
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
    """Write a 0600 file in one step (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked_for: float = 0.0  # seconds until another try is allowed
    tries_left: int = 0


class StaffPin:
    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time):
        self.pin_path = data_dir / PIN_FILE
        self.attempts_path = data_dir / ATTEMPTS_FILE
        self.clock = clock

    def is_set(self) -> bool:
        return self.pin_path.is_file()

    def set(self, pin: str) -> None:
        write_private(self.pin_path, hash_pin(pin) + "\n")
        self._save(0, 0.0)
        log.info("staff PIN changed")

    def _load(self) -> tuple[int, float]:
        try:
            data = json.loads(self.attempts_path.read_text(encoding="utf-8"))
            return int(data["failures"]), float(data["locked_until"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def _save(self, failures: int, locked_until: float) -> None:
        state = {"failures": failures, "locked_until": locked_until}
        write_private(self.attempts_path, json.dumps(state))

    def locked_for(self) -> float:
        """Seconds before another try is allowed (0 when a try is allowed now)."""
        return max(0.0, self._load()[1] - self.clock())

    def check(self, pin: str) -> PinCheck:
        failures, locked_until = self._load()
        now = self.clock()
        if now < locked_until:
            log.warning("staff PIN attempt refused: locked for %.0f s more", locked_until - now)
            return PinCheck(False, locked_until - now)
        stored = self.pin_path.read_text(encoding="utf-8") if self.is_set() else ""
        if stored and verify_pin(pin, stored):
            self._save(0, 0.0)
            log.info("staff PIN accepted")
            return PinCheck(True)
        failures += 1
        wait = 0.0
        if failures >= FREE_TRIES:
            wait = min(MAX_LOCKOUT_S, FIRST_LOCKOUT_S * 2 ** (failures - FREE_TRIES))
        self._save(failures, now + wait)
        left = max(0, FREE_TRIES - failures)
        log.warning("staff PIN attempt: wrong (%d in a row; locked for %.0f s)", failures, wait)
        return PinCheck(False, wait, left)
