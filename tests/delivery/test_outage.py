"""The issue's "done when": pull the network (both servers stopped) while patients keep
sending requests, restore it, and every queued request reaches the clinic exactly once, by
e-mail and by FHIR. Real servers on loopback, the real worker thread, the real clock; the
test waits on the servers' and channels' conditions, never on a sleep."""

from __future__ import annotations

import random
from pathlib import Path

from kiosk.appointments import RequestStore
from kiosk.appointments.service import RequestService, Saved
from kiosk.delivery.backoff import Backoff
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.setup import build_channels
from kiosk.delivery.worker import DeliveryWorker
from tests.appointments.factories import form
from tests.delivery.conftest import email_settings, fhir_settings
from tests.delivery.fakes import Watched
from tests.delivery.servers import Certs, Clinic, FhirServer, MailSink, SmtpServer

QUEUED = 12
FAILURES_SEEN = 3  # per channel, while the servers are down: the retries are real


def test_requests_queued_during_an_outage_arrive_exactly_once(
    data_dir: Path,
    smtp_server: SmtpServer,
    sink: MailSink,
    fhir_server: FhirServer,
    clinic: Clinic,
    certs: Certs,
    password_file: Path,
) -> None:
    mail = email_settings(smtp_server, certs, password_file)
    settings = DeliverySettings(
        **{
            **vars(mail),
            **{k: v for k, v in vars(fhir_settings(fhir_server, certs)).items() if "fhir" in k},
            "channels": ("email", "fhir"),
        }
    )
    channels = {name: Watched(ch) for name, ch in build_channels(settings).items()}
    # Fast back-off so the real thread retries several times within a test's patience.
    worker = DeliveryWorker(
        lambda: RequestStore(data_dir, recover=False),
        channels,
        backoff=Backoff(base=0.02, cap=0.2),
        rng=random.Random(3),
    )
    service = RequestService(data_dir, channels=("email", "fhir"), notify=worker.wake)

    smtp_server.stop()
    fhir_server.stop()  # the network is pulled
    worker.start()
    try:
        saved = [service.submit(form(), {"treatment"}) for _ in range(QUEUED)]
        assert all(isinstance(outcome, Saved) for outcome in saved)
        assert channels["email"].wait(failed=FAILURES_SEEN)
        assert channels["fhir"].wait(failed=FAILURES_SEEN)
        assert sink.mails == [] and clinic.records == {}

        smtp_server.start()
        fhir_server.start()  # ... and restored
        assert channels["email"].wait(ok=QUEUED)
        assert channels["fhir"].wait(ok=QUEUED)
    finally:
        worker.stop()
        service.close()

    references = sorted(outcome.reference for outcome in saved if isinstance(outcome, Saved))
    # The clinic: exactly one e-mail and one FHIR record per request.
    subjects = sorted(m.message["Subject"].rsplit(" ", 1)[1] for m in sink.mails)
    assert subjects == references
    assert len({m.message["Message-ID"] for m in sink.mails}) == QUEUED
    assert len(clinic.records) == QUEUED == len(clinic.posts)
    stored_refs = sorted(
        next(i["value"] for i in body["identifier"] if i["system"].endswith("reference"))
        for body in clinic.records.values()
    )
    assert stored_refs == references
    # The kiosk: nothing waiting, each job delivered once, retries on record.
    with RequestStore(data_dir, recover=False) as store:
        assert store.outbox.summary().waiting == 0
        assert set(store.outbox.states().values()) == {"email sent, fhir sent"}
    assert {kind for ch in channels.values() for kind in ch.failed} == {"network"}
    print(
        f"\noutage: {QUEUED} queued while both servers were down; "
        f"{len(channels['email'].failed)} e-mail and {len(channels['fhir'].failed)} FHIR "
        f"failed attempts; then {len(sink.mails)} e-mails and {len(clinic.records)} FHIR "
        "records, each exactly once"
    )
