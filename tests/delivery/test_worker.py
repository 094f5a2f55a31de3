"""The delivery worker, driven one pass at a time with a fake clock and fake channels:
exactly once per channel, capped back-off with jitter forever, a dead channel tried once per
pass, restarts that retry at once, overdue flags, purge of delivered requests."""

from __future__ import annotations

import logging
import random
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore, StoreError
from kiosk.appointments.service import RequestService, Saved
from kiosk.appointments.store import DB_NAME
from kiosk.delivery.backoff import Backoff
from kiosk.delivery.errors import DeliveryError
from kiosk.delivery.worker import DeliveryWorker
from tests.appointments.factories import MARKER, FakeClock, form, request
from tests.delivery.fakes import FakeChannel

ROOT = Path(__file__).resolve().parents[2]


def make_worker(
    data_dir: Path, clock: FakeClock, *channels: FakeChannel, **options: object
) -> DeliveryWorker:
    def open_store() -> RequestStore:
        return RequestStore(data_dir, clock=clock, recover=False)

    return DeliveryWorker(
        open_store,
        {channel.name: channel for channel in channels},
        clock=clock,
        rng=random.Random(7),
        **options,  # type: ignore[arg-type]
    )


def outbox_rows(data_dir: Path) -> list[tuple[str, str, int, str | None]]:
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn:
        return conn.execute(
            "SELECT channel, state, attempts, last_error FROM outbox ORDER BY rowid"
        ).fetchall()


def test_each_request_is_delivered_once_per_channel(
    store: RequestStore, data_dir: Path, clock: FakeClock
) -> None:
    receipts = [store.save(request()) for _ in range(3)]
    email, fhir = FakeChannel("email"), FakeChannel("fhir")
    worker = make_worker(data_dir, clock, email, fhir)
    result = worker.run_once()
    keys = [r.id for r in receipts]
    assert (email.sent, fhir.sent) == (keys, keys)
    assert (result.delivered, result.failed, result.next_due) == (6, 0, None)
    worker.run_once()
    clock.advance(days=1)
    worker.run_once()
    assert (email.sent, fhir.sent) == (keys, keys)  # never again
    assert set(store.outbox.states().values()) == {"email sent, fhir sent"}


def test_back_off_grows_to_its_cap_with_jitter_and_never_gives_up(
    store: RequestStore, data_dir: Path, clock: FakeClock
) -> None:
    receipt = store.save(request())
    email, fhir = FakeChannel("email", down=True), FakeChannel("fhir")
    backoff = Backoff(base=10, cap=900)
    worker = make_worker(data_dir, clock, email, fhir, backoff=backoff)
    waits = []
    for _ in range(40):  # hours of outage, far past the cap
        result = worker.run_once()
        assert result.next_due is not None
        waits.append((result.next_due - clock.now).total_seconds())
        clock.now = result.next_due
    for attempt, wait in enumerate(waits, start=1):
        ceiling = backoff.ceiling(attempt)
        assert ceiling / 2 <= wait <= ceiling, (attempt, wait)
    assert waits[0] < 10 and 450 <= waits[-1] <= 900
    assert len({round(w, 3) for w in waits[10:]}) > 20  # jitter: kiosks do not retry in step
    assert outbox_rows(data_dir)[0] == ("email", "pending", 40, "network")
    email.down = False
    worker.run_once()
    assert email.sent == [receipt.id] and fhir.sent == [receipt.id]
    assert outbox_rows(data_dir)[0] == ("email", "delivered", 41, None)


def test_a_dead_channel_is_tried_once_per_pass_and_the_other_still_delivers(
    store: RequestStore, data_dir: Path, clock: FakeClock
) -> None:
    for _ in range(5):
        store.save(request())
    email, fhir = FakeChannel("email", down=True), FakeChannel("fhir")
    worker = make_worker(data_dir, clock, email, fhir)
    worker.run_once()
    assert email.attempts == 1  # not five connection attempts to a dead server
    assert len(fhir.sent) == 5
    attempts = [row[2] for row in outbox_rows(data_dir) if row[0] == "email"]
    assert sorted(attempts) == [0, 0, 0, 0, 1]


def test_a_refused_request_does_not_hold_up_the_others(
    store: RequestStore, data_dir: Path, clock: FakeClock
) -> None:
    store.channels = ("fhir",)
    receipts = [store.save(request()) for _ in range(3)]
    fhir = FakeChannel("fhir", errors=[DeliveryError("rejected", "HTTP 422")])
    worker = make_worker(data_dir, clock, fhir)
    worker.run_once()
    assert fhir.sent == [r.id for r in receipts[1:]]
    assert store.outbox.states()[receipts[0].id] == "fhir REFUSED HTTP 422"


def test_a_restart_retries_at_once_and_a_job_cut_off_mid_send_is_sent_once_more(
    store: RequestStore, data_dir: Path, clock: FakeClock
) -> None:
    store.channels = ("fhir",)
    waiting, cut_off = store.save(request()), store.save(request())
    down = FakeChannel("fhir", down=True)
    make_worker(data_dir, clock, down).run_once()  # booked a retry some seconds ahead
    [job] = [j for j in store.outbox.due(["fhir"], everything=True) if j.key == cut_off.id]
    store.outbox.begin_attempt(job, clock.now.replace(year=2030))  # then kill -9 mid-send
    assert store.outbox.states()[cut_off.id] == "fhir retry 1 interrupted"

    up = FakeChannel("fhir")
    make_worker(data_dir, clock, up).run_once()  # the restarted kiosk, same instant
    assert sorted(up.sent) == sorted([waiting.id, cut_off.id])  # one more copy, same key
    assert store.outbox.summary().waiting == 0


def test_undelivered_for_an_hour_is_flagged_once(
    store: RequestStore, data_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    store.channels = ("email",)
    store.save(request())
    worker = make_worker(data_dir, clock, FakeChannel("email", down=True))
    caplog.set_level(logging.INFO, logger="kiosk")
    result = worker.run_once()
    assert result.summary is not None and result.summary.overdue == 0
    clock.advance(minutes=61)
    result = worker.run_once()
    assert result.summary is not None and result.summary.overdue == 1
    assert result.summary.line() == (
        "1 request(s) waiting to be delivered, 1 for more than an hour "
        "(last problem: email network)"
    )
    clock.advance(minutes=20)
    worker.run_once()
    flags = [r for r in caplog.records if "DELIVERY OVERDUE" in r.getMessage()]
    assert len(flags) == 1 and flags[0].levelno == logging.ERROR


def test_delivered_requests_are_purged_after_the_set_days_and_leave_no_trace(
    data_dir: Path, clock: FakeClock
) -> None:
    with RequestStore(data_dir, clock=clock) as local:
        kept_local = local.save(request(last_name="Keeper"))  # channel none: staff's to purge
    with RequestStore(data_dir, clock=clock, channels=("fhir",)) as store:
        sent = store.save(request(last_name=MARKER, note="secret-note-text"))
    worker = make_worker(data_dir, clock, FakeChannel("fhir"), purge_after_days=2)
    worker.run_once()
    clock.advance(days=1, hours=1)
    worker.run_once()
    with RequestStore(data_dir, clock=clock) as store:
        assert {r.id for r in store.list()} == {kept_local.id, sent.id}
    clock.advance(days=1, hours=1)
    worker.run_once()
    worker.close()
    with RequestStore(data_dir, clock=clock) as store:
        assert [r.id for r in store.list()] == [kept_local.id]
    for path in data_dir.iterdir():
        data = path.read_bytes()
        assert MARKER.encode() not in data and b"secret-note-text" not in data, path.name


def test_a_database_problem_backs_off_and_then_recovers(data_dir: Path, clock: FakeClock) -> None:
    with RequestStore(data_dir, clock=clock, channels=("fhir",)) as store:
        receipt = store.save(request())
    opens = 0

    def flaky_open() -> RequestStore:
        nonlocal opens
        opens += 1
        if opens == 1:
            raise StoreError("could not open the request database: database busy", "busy")
        return RequestStore(data_dir, clock=clock, recover=False)

    fhir = FakeChannel("fhir")
    worker = DeliveryWorker(flaky_open, {"fhir": fhir}, clock=clock, rng=random.Random(1))
    first = worker.run_once()
    assert first.store_error == "busy" and first.next_due is not None
    assert worker.run_once().store_error is None and opens == 1  # waits its turn
    clock.now = first.next_due
    worker.run_once()
    assert fhir.sent == [receipt.id]


def test_failures_log_references_and_kinds_but_no_patient_data(
    store: RequestStore, data_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    store.save(request(email="ana@example.org", note="private words"))
    caplog.set_level(logging.DEBUG)
    errors = [DeliveryError("rejected", "HTTP 400"), DeliveryError("bug", "TypeError")]
    worker = make_worker(data_dir, clock, FakeChannel("email", down=True), FakeChannel("fhir"))
    worker.channels["fhir"].errors.extend(errors)  # type: ignore[attr-defined]
    for _ in range(3):
        worker.run_once()
        clock.advance(hours=1)
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("kiosk"))
    assert "not delivered by email: network (ECONNREFUSED)" in text
    assert "rejected (HTTP 400)" in text and "DELIVERY OVERDUE" in text
    for secret in (MARKER, "Ana", "2025550123", "example.org", "private words"):
        assert secret not in text


def test_the_thread_delivers_on_wake_off_the_gui_thread_and_stops(data_dir: Path) -> None:
    """A real thread and the real clock: a request saved through the service (as the form
    does) is delivered without waiting for a schedule, and stop() ends the thread."""
    fhir = FakeChannel("fhir")
    worker = DeliveryWorker(lambda: RequestStore(data_dir, recover=False), {"fhir": fhir})
    service = RequestService(data_dir, channels=("fhir",), notify=worker.wake)
    worker.start()
    try:
        outcomes = [service.submit(form(), {"treatment"}) for _ in range(3)]
        assert all(isinstance(o, Saved) for o in outcomes)
        assert fhir.wait_sent(3)
    finally:
        worker.stop()
        service.close()
    assert not worker.running
    assert fhir.threads == {"delivery-fhir"}
    assert threading.current_thread().name not in fhir.threads
    assert len(fhir.sent) == len(set(fhir.sent)) == 3


def test_with_channel_none_no_thread_starts(data_dir: Path) -> None:
    worker = DeliveryWorker(lambda: RequestStore(data_dir), {})
    worker.start()
    assert not worker.running
    worker.stop()


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_delivery_never_imports_qt() -> None:
    modules = ", ".join(
        f"kiosk.delivery.{name}"
        for name in (
            "worker",
            "lane",
            "deadline",
            "setup",
            "health",
            "email_channel",
            "fhir_channel",
        )
    )
    result = run_python(f"import sys, {modules}; print('PySide6' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize("attempt", [1, 2, 5, 10, 100])
def test_backoff_stays_within_half_and_whole_of_its_ceiling(attempt: int) -> None:
    backoff, rng = Backoff(), random.Random(attempt)
    delays: list[float] = [backoff.delay(attempt, rng) for _ in range(200)]
    ceiling = backoff.ceiling(attempt)
    assert ceiling == min(900.0, 10.0 * 2 ** (attempt - 1))
    assert all(ceiling / 2 <= d <= ceiling for d in delays)
