"""Forms, requests and a settable clock for the appointment tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.appointments import AppointmentRequest, to_request

# A name no real text contains, so a test can look for it in files, logs and messages.
MARKER = "Zyxwvutsrq"


def form(**overrides: str | bool) -> dict[str, str | bool]:
    """A valid form as the UI would hand it over (strings, consent a bool)."""
    values: dict[str, str | bool] = {
        "first_name": "Ana",
        "last_name": MARKER,
        "phone": "(202) 555-0123",
        "email": "",
        "best_time": "morning",
        "reason": "treatment",
        "note": "",
        "consent": True,
    }
    values.update(overrides)
    return values


def request(**overrides: str | bool) -> AppointmentRequest:
    return to_request(form(**overrides))


class FakeClock:
    """A clock the test moves by hand (injected time, never sleep)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
