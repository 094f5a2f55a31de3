"""Delivery statuses where staff look: `requests list` (no names, no phones)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from tests.appointments.factories import MARKER, FakeClock, request
from tests.appointments.test_requests_cli import run


def test_list_shows_each_delivery_and_flags_the_overdue(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock(datetime.now(UTC) - timedelta(hours=3))
    with RequestStore(data_dir, clock=clock) as local:
        kept = local.save(request())
    with RequestStore(data_dir, clock=clock, channels=("email", "fhir")) as store:
        late = store.save(request(email="ana@example.org"))
        [job] = [j for j in store.outbox.due(["email"]) if j.key == late.id]
        store.outbox.delivered(job)
        [job] = store.outbox.due(["fhir"])
        store.outbox.begin_attempt(job, clock.now + timedelta(minutes=5))
        store.outbox.failed(job, "certificate")
    assert run("list", "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["REFERENCE", "CREATED", "(LOCAL)", "STATUS"]
    assert "DELIVERY" in lines[0]
    row = {line.split()[0]: line for line in lines[1:3]}
    assert "local only" in row[kept.reference]
    assert "email sent, fhir retry 1 certificate" in row[late.reference]
    assert lines[-1] == (
        "delivery: OVERDUE: 1 request(s) waiting to be delivered, 1 for more than an hour "
        "(last problem: fhir certificate)"
    )
    for secret in (MARKER, "Ana", "2025550123", "example.org"):
        assert secret not in out
