"""A total deadline per attempt: a real loopback server that trickles its answer one byte
every half second is cut off at the configured timeout (the socket timeout alone restarts
at every byte), the attempt is recorded as timed out and retried later. Elapsed time is
checked only loosely (under 5x the timeout): the point is that the attempt ends."""

from __future__ import annotations

import random
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from kiosk.appointments.store import DB_NAME
from kiosk.delivery.email_channel import EmailChannel
from kiosk.delivery.errors import DeliveryError
from kiosk.delivery.fhir_channel import FhirChannel
from kiosk.delivery.worker import DeliveryWorker
from tests.appointments.factories import FakeClock, request
from tests.delivery.conftest import email_settings, fhir_settings
from tests.delivery.servers import Certs, FhirServer, SmtpServer, TrickleServer

TIMEOUT = 2.0
# About 30 s of answer at one byte per 0.5 s: a complete, valid reply, just slow.
SLOW_HTTP = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
SLOW_BANNER = b"220 mail.clinic.example ESMTP the slowest greeting\r\n"


@pytest.fixture
def trickle_http(certs: Certs) -> TrickleServer:
    server = TrickleServer(SLOW_HTTP, certs)
    server.start()
    yield server  # type: ignore[misc]
    server.stop()


def test_a_trickling_fhir_server_is_cut_off_and_the_job_retried_later(
    store: RequestStore, data_dir: Path, clock: FakeClock, trickle_http: TrickleServer, certs: Certs
) -> None:
    store.channels = ("fhir",)
    store.save(request())
    settings = fhir_settings(trickle_http, certs, fhir_timeout=TIMEOUT)  # type: ignore[arg-type]
    channel = FhirChannel(settings)
    worker = DeliveryWorker(
        lambda: RequestStore(data_dir, clock=clock, recover=False),
        {"fhir": channel},
        clock=clock,
        rng=random.Random(1),
    )
    started = time.monotonic()
    result = worker.run_once()
    elapsed = time.monotonic() - started
    worker.close()
    assert (result.delivered, result.failed) == (0, 1)
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn:
        row = conn.execute("SELECT state, attempts, last_error FROM outbox").fetchone()
    assert row == ("pending", 1, "timeout")
    assert trickle_http.sent < len(SLOW_HTTP)  # the answer was not waited out
    assert elapsed < 5 * TIMEOUT, elapsed
    assert result.next_due is not None and result.next_due > clock.now  # retried later
    assert store.outbox.due(["fhir"]) == []
    clock.now = result.next_due
    assert len(store.outbox.due(["fhir"])) == 1


def test_a_trickling_smtp_greeting_is_cut_off(
    store: RequestStore, certs: Certs, password_file: Path
) -> None:
    server = TrickleServer(SLOW_BANNER, None, read_request=False)
    server.start()
    try:
        fake = SmtpServer.__new__(SmtpServer)  # only its address and mode are used
        fake.port, fake.mode = server.port, "starttls"
        settings = email_settings(fake, certs, password_file, smtp_timeout=TIMEOUT)
        store.save(request())
        [job] = store.outbox.due(["email"])
        started = time.monotonic()
        with pytest.raises(DeliveryError) as caught:
            EmailChannel(settings).send(job)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert caught.value.kind == "timeout", caught.value
    assert server.sent < len(SLOW_BANNER)
    assert elapsed < 5 * TIMEOUT, elapsed


def test_a_normal_server_is_unaffected(
    store: RequestStore, fhir_server: FhirServer, certs: Certs
) -> None:
    store.save(request())
    [job] = store.outbox.due(["fhir"])
    FhirChannel(fhir_settings(fhir_server, certs, fhir_timeout=TIMEOUT)).send(job)
