"""Issue 16, item 9: at least once, de-duplicated by the receiver. Against real loopback
servers: a FHIR server doing conditional create as the specification says keeps one resource
however often the kiosk repeats a POST whose answer was lost; a mail server that stores and
hangs up before "250" gets copies with one Message-ID; a permanent refusal (HTTP 4xx other
than 408/429, SMTP 5xx) is kept for staff and doctor and never retried."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from kiosk.appointments.store import DB_NAME
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.email_channel import EmailChannel
from kiosk.delivery.fhir_channel import FhirChannel
from kiosk.delivery.fhir_resource import REQUEST_SYSTEM
from kiosk.delivery.health import FAIL, check_outbox
from kiosk.delivery.worker import Channel, DeliveryWorker
from kiosk.staff.desk import StaffDesk
from tests.appointments.factories import FakeClock, request
from tests.delivery.conftest import email_settings, fhir_settings
from tests.delivery.servers import Certs, Clinic, FhirServer, MailSink, SmtpServer


def worker_for(data_dir: Path, clock: FakeClock, channel: Channel) -> DeliveryWorker:
    return DeliveryWorker(
        lambda: RequestStore(data_dir, clock=clock, recover=False),
        {channel.name: channel},
        clock=clock,
        rng=random.Random(3),
    )


def passes(worker: DeliveryWorker, clock: FakeClock, count: int) -> None:
    """`count` passes, each at the time the previous one booked (or an hour on)."""
    for _ in range(count):
        result = worker.run_once()
        clock.now = result.next_due or clock.now + timedelta(hours=1)


def job_row(data_dir: Path) -> tuple[str, int, str | None]:
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn:
        [row] = conn.execute("SELECT state, attempts, last_error FROM outbox").fetchall()
    return row


# --- FHIR conditional create --------------------------------------------------------------


def test_the_fake_clinic_makes_a_second_resource_without_a_condition() -> None:
    """The fake is honest: only the condition keeps a repeat from becoming a second copy."""
    clinic = Clinic()
    body = {"resourceType": "Appointment", "identifier": [{"system": "s", "value": "v"}]}
    assert [clinic.create("Appointment", body, None) for _ in range(2)] == [201, 201]
    assert [clinic.create("Appointment", body, "identifier=s|v") for _ in range(2)] == [412, 412]
    other = {"resourceType": "Appointment", "identifier": [{"system": "s", "value": "w"}]}
    assert [clinic.create("Appointment", other, "identifier=s|w") for _ in range(2)] == [201, 200]
    assert len(clinic.stored["Appointment"]) == 3


@pytest.mark.parametrize("resource", ["appointment", "bundle"])
def test_repeated_posts_after_lost_answers_make_one_resource(
    store: RequestStore,
    data_dir: Path,
    clock: FakeClock,
    fhir_server: FhirServer,
    clinic: Clinic,
    certs: Certs,
    resource: str,
) -> None:
    store.channels = ("fhir",)
    receipt = store.save(request())
    clinic.script = ["drop"] * 7  # stored (or found) every time, the answer lost every time
    channel = FhirChannel(fhir_settings(fhir_server, certs, fhir_resource=resource))
    passes(worker_for(data_dir, clock, channel), clock, 8)
    assert len(clinic.posts) == 8
    assert {p.headers["Idempotency-Key"] for p in clinic.posts} == {receipt.id}
    assert [len(clinic.stored[kind]) for kind in sorted(clinic.stored)] == (
        [1] if resource == "appointment" else [1, 1]  # Appointment (and its Patient)
    )
    assert list(clinic.records) == [receipt.id]
    assert job_row(data_dir) == ("delivered", 8, None)
    condition = f"identifier={REQUEST_SYSTEM}|{receipt.id}"
    for post in clinic.posts:
        if resource == "appointment":
            assert post.headers["If-None-Exist"] == condition
        else:
            assert {e["request"]["ifNoneExist"] for e in post.body["entry"]} == {condition}


# --- e-mail Message-ID --------------------------------------------------------------------


def test_mail_stored_before_a_lost_250_comes_again_with_one_message_id(
    store: RequestStore,
    data_dir: Path,
    clock: FakeClock,
    smtp_server: SmtpServer,
    sink: MailSink,
    certs: Certs,
    password_file: Path,
) -> None:
    store.channels = ("email",)
    first, second = store.save(request()), store.save(request())
    sink.hang_ups = 3  # the first three messages are stored, then the line drops
    channel = EmailChannel(email_settings(smtp_server, certs, password_file))
    passes(worker_for(data_dir, clock, channel), clock, 6)
    ids = [mail.message["Message-ID"] for mail in sink.mails]
    assert len(ids) == 5  # at least once: three repeats of the first request
    assert set(ids[:4]) == {f"<callback-{first.id}@clinic.example>"}
    assert ids[4] == f"<callback-{second.id}@clinic.example>"
    assert len({mail.message.as_bytes() for mail in sink.mails[:4]}) == 1  # identical copies
    assert store.outbox.summary().waiting == 0


# --- permanent refusals -------------------------------------------------------------------


def assert_refused_for_staff(data_dir: Path, clock: FakeClock, settings: DeliverySettings) -> None:
    with RequestStore(data_dir, clock=clock) as store:
        summary = store.outbox.summary()
    assert (summary.waiting, summary.refused, summary.overdue) == (1, 1, 0)
    assert "REFUSED by the clinic's server" in summary.line()
    status, detail = check_outbox(data_dir, settings)[1:]
    assert status == FAIL and "REFUSED" in detail
    desk = StaffDesk(data_dir, None, lambda say: 0, lambda code: None)  # type: ignore[arg-type]
    assert "REFUSED" in desk.requests_line()


@pytest.mark.parametrize("status", ["400", "404", "409", "412", "422"])
def test_a_fhir_4xx_refusal_is_kept_shown_and_never_retried(
    store: RequestStore,
    data_dir: Path,
    clock: FakeClock,
    fhir_server: FhirServer,
    clinic: Clinic,
    certs: Certs,
    status: str,
) -> None:
    store.channels = ("fhir",)
    receipt = store.save(request())
    clinic.script = [status]
    settings = fhir_settings(fhir_server, certs)
    worker = worker_for(data_dir, clock, FhirChannel(settings))
    passes(worker, clock, 1)
    clock.advance(days=2)
    passes(worker, clock, 5)
    worker.close()
    assert len(clinic.posts) == 1 and clinic.records == {}
    assert job_row(data_dir) == ("refused", 1, f"HTTP {status}")
    assert store.outbox.states()[receipt.id] == f"fhir REFUSED HTTP {status}"
    assert_refused_for_staff(data_dir, clock, settings)


@pytest.mark.parametrize(
    ("status", "kind"), [("408", "server"), ("429", "server"), ("503", "server"), ("401", "auth")]
)
def test_try_again_answers_are_retried_until_delivered(
    store: RequestStore,
    data_dir: Path,
    clock: FakeClock,
    fhir_server: FhirServer,
    clinic: Clinic,
    certs: Certs,
    status: str,
    kind: str,
) -> None:
    store.channels = ("fhir",)
    store.save(request())
    clinic.script = [status, status]
    worker = worker_for(data_dir, clock, FhirChannel(fhir_settings(fhir_server, certs)))
    passes(worker, clock, 1)
    assert job_row(data_dir) == ("pending", 1, kind)
    passes(worker, clock, 2)
    assert len(clinic.posts) == 3 and len(clinic.records) == 1
    assert job_row(data_dir) == ("delivered", 3, None)


def test_an_smtp_5xx_refusal_is_kept_and_never_retried_and_a_4xx_is(
    store: RequestStore,
    data_dir: Path,
    clock: FakeClock,
    smtp_server: SmtpServer,
    sink: MailSink,
    certs: Certs,
    password_file: Path,
) -> None:
    store.channels = ("email",)
    refused, later = store.save(request()), store.save(request())
    sink.replies = ["554 5.6.0 message refused", "451 4.3.0 try again later"]
    settings = email_settings(smtp_server, certs, password_file)
    worker = worker_for(data_dir, clock, EmailChannel(settings))
    passes(worker, clock, 4)
    clock.advance(days=2)
    passes(worker, clock, 3)
    worker.close()
    assert [m.message["Message-ID"] for m in sink.mails] == [
        f"<callback-{later.id}@clinic.example>"
    ]
    states = store.outbox.states()
    assert (states[refused.id], states[later.id]) == ("email REFUSED SMTP 554", "email sent")
    assert_refused_for_staff(data_dir, clock, settings)
