"""The PIN lockout fails safe (issue 16, items 6 and 7): a disk that cannot be written
still lets staff in with the right PIN and still locks out guesses; a clock put right,
a huge failure count or a damaged file never give a wait beyond the maximum, nor reset
the count."""

from __future__ import annotations

import errno
import json
import logging
from pathlib import Path

import pytest

import kiosk.staff.pin
from kiosk.staff.pin import FIRST_LOCKOUT_S, FREE_TRIES, MAX_LOCKOUT_S, StaffPin, backoff

YEAR = 365 * 24 * 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def disk_fails(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(path: Path, text: str) -> None:
        raise OSError(code, "cannot write")

    monkeypatch.setattr(kiosk.staff.pin, "write_private", refuse)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_disk_that_cannot_be_written_still_opens_the_menu(
    tmp_path: Path,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    code: int,
) -> None:
    StaffPin(tmp_path, clock).set("4821")
    disk_fails(monkeypatch, code)
    pin = StaffPin(tmp_path, clock)
    caplog.set_level(logging.ERROR, "kiosk.staff")
    assert not pin.check("0000").ok  # used to raise OSError: exit 70
    assert pin.check("4821").ok
    assert "kept in memory" in caplog.text


def test_with_a_read_only_disk_the_lockout_still_holds_in_memory(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    StaffPin(tmp_path, clock).set("4821")
    disk_fails(monkeypatch, errno.EROFS)
    pin = StaffPin(tmp_path, clock)
    for _ in range(FREE_TRIES):
        pin.check("0000")
    assert pin.locked_for() == FIRST_LOCKOUT_S
    assert not pin.check("4821").ok, "locked, even for the right PIN"
    clock.now += FIRST_LOCKOUT_S
    assert pin.check("4821").ok


def test_a_lockout_set_while_the_clock_was_a_year_fast_lasts_at_most_the_maximum(
    tmp_path: Path, clock: Clock
) -> None:
    pin = StaffPin(tmp_path, clock)
    pin.set("4821")
    clock.now += YEAR  # the clock is a year fast
    for _ in range(FREE_TRIES):
        pin.check("0000")
    clock.now -= YEAR  # ... and is put right
    restarted = StaffPin(tmp_path, clock)
    assert restarted.locked_for() <= MAX_LOCKOUT_S
    clock.now += MAX_LOCKOUT_S
    assert restarted.check("4821").ok
    assert StaffPin(tmp_path, clock).locked_for() == 0


def test_thousands_of_failures_do_not_overflow(tmp_path: Path, clock: Clock) -> None:
    assert backoff(1_029) == MAX_LOCKOUT_S and backoff(10**9) == MAX_LOCKOUT_S
    pin = StaffPin(tmp_path, clock)
    pin.set("4821")
    state = {"failures": 1_028, "locked_until": 0.0}
    pin.attempts_path.write_text(json.dumps(state), encoding="utf-8")
    result = StaffPin(tmp_path, clock).check("0000")  # the 1,029th: used to OverflowError
    assert not result.ok and result.locked_for == MAX_LOCKOUT_S


@pytest.mark.parametrize(
    "garbage",
    [
        "not json",
        '{"failures": -3, "locked_until": 0}',
        '{"failures": 7, "locked_until": NaN}',
        '{"failures": "7"}',
        "[" * 100_000,
        "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"),
    ],
)
def test_a_damaged_attempts_file_locks_for_the_maximum_instead_of_resetting(
    tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture, garbage: str
) -> None:
    pin = StaffPin(tmp_path, clock)
    pin.set("4821")
    pin.attempts_path.write_text(garbage, encoding="latin-1")
    caplog.set_level(logging.WARNING, "kiosk.staff")
    restarted = StaffPin(tmp_path, clock)
    assert restarted.locked_for() == MAX_LOCKOUT_S
    assert not restarted.check("4821").ok
    assert "damaged" in caplog.text
    clock.now += MAX_LOCKOUT_S
    assert restarted.check("4821").ok
