"""Fixtures for the delivery tests: certificates, loopback servers, settings that use them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from kiosk.delivery.config import DeliverySettings
from tests.appointments.factories import FakeClock
from tests.delivery.servers import (
    HOST,
    SMTP_PASSWORD,
    SMTP_USER,
    Certs,
    Clinic,
    FhirServer,
    MailSink,
    SmtpServer,
    make_certs,
)


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    return make_certs(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[RequestStore]:
    with RequestStore(data_dir, clock=clock, channels=("email", "fhir")) as opened:
        yield opened


@pytest.fixture
def sink() -> MailSink:
    return MailSink()


@pytest.fixture
def smtp_server(sink: MailSink, certs: Certs) -> Iterator[SmtpServer]:
    server = SmtpServer(sink, certs, "starttls")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def clinic() -> Iterator[Clinic]:
    clinic = Clinic()
    yield clinic
    clinic.release.set()  # let 'hang' handlers finish


@pytest.fixture
def fhir_server(clinic: Clinic, certs: Certs) -> Iterator[FhirServer]:
    server = FhirServer(clinic, certs)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "smtp-password"
    path.write_text(SMTP_PASSWORD + "\n", encoding="utf-8")
    os.chmod(path, 0o600)
    return path


def email_settings(
    server: SmtpServer, certs: Certs, password_file: Path, **changes: object
) -> DeliverySettings:
    settings = DeliverySettings(
        channels=("email",),
        smtp_host=HOST,
        smtp_port=server.port,
        smtp_tls=server.mode if server.mode != "plain" else "starttls",
        smtp_username=SMTP_USER,
        smtp_password_file=password_file,
        smtp_from="kiosk@clinic.example",
        smtp_to=("frontdesk@clinic.example",),
        smtp_ca_file=certs.ca_file,
        smtp_timeout=10,
    )
    return replace(settings, **changes)  # type: ignore[arg-type]


def fhir_settings(server: FhirServer, certs: Certs, **changes: object) -> DeliverySettings:
    settings = DeliverySettings(
        channels=("fhir",), fhir_url=server.url, fhir_ca_file=certs.ca_file, fhir_timeout=10
    )
    return replace(settings, **changes)  # type: ignore[arg-type]
