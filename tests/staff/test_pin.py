"""Staff PIN: salted scrypt, constant-time check, lockout with growing back-off that
survives a restart, private files, and never the PIN in a log."""

from __future__ import annotations

import logging
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.staff.pin import FIRST_LOCKOUT_S, FREE_TRIES, PinError, StaffPin, hash_pin, verify_pin
from tests.conftest import run_main


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_hash_is_salted_and_verifies() -> None:
    one, two = hash_pin("4821"), hash_pin("4821")
    assert one != two and one.startswith("scrypt$")
    assert "4821" not in one
    assert verify_pin("4821", one) and verify_pin("4821", two)
    assert not verify_pin("4822", one)
    assert not verify_pin("4821", "garbage") and not verify_pin("4821", "md5$x$y$z$a$b")


@pytest.mark.parametrize("bad", ["", "123", "12a4", "1234567890123", "١٢٣٤"])
def test_pin_format(bad: str) -> None:
    with pytest.raises(PinError):
        hash_pin(bad)


def test_five_wrong_then_growing_lockout_that_survives_restart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    pin = StaffPin(tmp_path, clock)
    pin.set("4821")
    with caplog.at_level(logging.INFO):
        for i in range(FREE_TRIES - 1):
            result = pin.check("0000")
            assert (
                not result.ok and result.locked_for == 0 and result.tries_left == FREE_TRIES - 1 - i
            )
        fifth = pin.check("0000")
        assert fifth.locked_for == FIRST_LOCKOUT_S
        # A restart (a new object on the same folder) is still locked, even for the right PIN.
        restarted = StaffPin(tmp_path, clock)
        assert not restarted.check("4821").ok
        clock.now += FIRST_LOCKOUT_S
        sixth = restarted.check("1111")
        assert sixth.locked_for == 2 * FIRST_LOCKOUT_S, "each failure doubles the wait"
        clock.now += 2 * FIRST_LOCKOUT_S
        assert restarted.check("4821").ok
        assert restarted.check("0000").locked_for == 0, "success resets the count"
    assert "4821" not in caplog.text and "0000" not in caplog.text and "1111" not in caplog.text
    assert "wrong" in caplog.text and "accepted" in caplog.text


def test_files_are_private(tmp_path: Path) -> None:
    pin = StaffPin(tmp_path / "data")
    pin.set("4821")
    pin.check("9999")
    for path in (pin.pin_path, pin.attempts_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "4821" not in path.read_text(encoding="utf-8")


def test_no_pin_set_never_lets_anyone_in(tmp_path: Path) -> None:
    assert not StaffPin(tmp_path).check("1234").ok


def test_set_pin_command(tmp_path: Path) -> None:
    def set_pin(text: str) -> subprocess.CompletedProcess[str]:
        return run_main("set-pin", "--pin-stdin", "--data-dir", str(tmp_path), input=text)

    bad = set_pin("12\n")
    assert bad.returncode == 1 and "4 to 12 digits" in bad.stderr and "12" not in bad.stdout
    good = set_pin("4821\n")
    assert good.returncode == 0, good.stderr
    assert "4821" not in good.stdout + good.stderr
    assert StaffPin(tmp_path).check("4821").ok
