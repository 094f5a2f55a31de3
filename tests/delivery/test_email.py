"""E-mail channel against a real SMTP server on loopback (aiosmtpd), with TLS certificates
made at test time: STARTTLS and implicit TLS, a password, certificate checks, and a message
that holds only what the front desk needs to call back."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from kiosk.appointments.outbox import Job
from kiosk.delivery.email_channel import EmailChannel
from kiosk.delivery.email_message import build_message
from kiosk.delivery.errors import DeliveryError
from tests.appointments.factories import MARKER, request
from tests.delivery.conftest import email_settings
from tests.delivery.servers import SMTP_PASSWORD, Certs, MailSink, SmtpServer


def one_job(store: RequestStore, **fields: str | bool) -> Job:
    store.save(request(**fields))
    [job] = [job for job in store.outbox.due(["email"]) if job.channel == "email"][-1:]
    return job


def test_the_message_holds_only_what_the_front_desk_needs(store: RequestStore) -> None:
    job = one_job(store, email="ana@example.org", note="my second surgery went badly")
    message = build_message(job.record, "kiosk@clinic.example", ("desk@clinic.example",))
    body = message.get_content()
    for needed in ("Ana", MARKER, "+1 202-555-0123", "morning", "treatment", job.reference):
        assert needed in body
    assert "second surgery" not in message.as_string()  # the note stays on the kiosk
    assert "ana@example.org" not in message.as_string()  # not needed to phone back
    assert "note" in body  # ... but staff know there is one
    assert message["Subject"] == f"Call-back request {job.reference}"  # no name in subjects
    assert message["Message-ID"] == f"<callback-{job.key}@clinic.example>"  # same on retries


def test_starttls_with_login_delivers_one_message(
    store: RequestStore, smtp_server: SmtpServer, sink: MailSink, certs: Certs, password_file: Path
) -> None:
    job = one_job(store)
    EmailChannel(email_settings(smtp_server, certs, password_file)).send(job)
    [mail] = sink.mails
    assert mail.tls and mail.authenticated
    assert mail.recipients == ["frontdesk@clinic.example"]
    assert job.reference in mail.message.get_content()


def test_implicit_tls_delivers_too(
    store: RequestStore, sink: MailSink, certs: Certs, password_file: Path
) -> None:
    server = SmtpServer(sink, certs, "implicit")
    server.start()
    try:
        EmailChannel(email_settings(server, certs, password_file)).send(one_job(store))
    finally:
        server.stop()
    [mail] = sink.mails
    assert mail.tls and mail.authenticated


def test_a_server_without_starttls_gets_nothing(
    store: RequestStore, sink: MailSink, certs: Certs, password_file: Path
) -> None:
    server = SmtpServer(sink, certs, "plain")
    server.start()
    try:
        with pytest.raises(DeliveryError) as caught:
            EmailChannel(email_settings(server, certs, password_file)).send(one_job(store))
    finally:
        server.stop()
    assert caught.value.kind == "tls"
    assert sink.mails == []  # never sent in clear text, never logged in


def test_a_certificate_from_another_ca_is_refused(
    store: RequestStore, smtp_server: SmtpServer, sink: MailSink, certs: Certs, password_file: Path
) -> None:
    stranger = certs.stranger_ca_file
    settings = email_settings(smtp_server, certs, password_file, smtp_ca_file=stranger)
    with pytest.raises(DeliveryError) as caught:
        EmailChannel(settings).send(one_job(store))
    assert caught.value.kind == "certificate"
    assert sink.mails == []


def test_the_system_trust_store_does_not_trust_a_private_ca(
    store: RequestStore, smtp_server: SmtpServer, certs: Certs, password_file: Path
) -> None:
    settings = email_settings(smtp_server, certs, password_file, smtp_ca_file=None)
    with pytest.raises(DeliveryError) as caught:
        EmailChannel(settings).send(one_job(store))
    assert caught.value.kind == "certificate"


def test_a_wrong_password_is_an_auth_error_that_never_shows_the_password(
    store: RequestStore,
    smtp_server: SmtpServer,
    sink: MailSink,
    certs: Certs,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-password\n", encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DeliveryError) as caught:
        EmailChannel(email_settings(smtp_server, certs, wrong)).send(one_job(store))
    assert caught.value.kind == "auth"
    assert "not-the-password" not in str(caught.value) + caplog.text
    assert sink.mails == []


def test_a_missing_password_file_is_a_config_error(
    store: RequestStore, smtp_server: SmtpServer, certs: Certs, tmp_path: Path
) -> None:
    settings = email_settings(smtp_server, certs, tmp_path / "nowhere")
    with pytest.raises(DeliveryError) as caught:
        EmailChannel(settings).send(one_job(store))
    assert (caught.value.kind, caught.value.detail) == (
        "config",
        "secret file unreadable (FileNotFoundError)",
    )


@pytest.mark.parametrize(("reply", "kind"), [("451 try later", "server"), ("554 no", "rejected")])
def test_refusals_are_sorted_into_try_again_and_rejected(
    store: RequestStore,
    smtp_server: SmtpServer,
    sink: MailSink,
    certs: Certs,
    password_file: Path,
    reply: str,
    kind: str,
) -> None:
    sink.replies.append(reply)
    with pytest.raises(DeliveryError) as caught:
        EmailChannel(email_settings(smtp_server, certs, password_file)).send(one_job(store))
    assert (caught.value.kind, caught.value.detail) == (kind, f"SMTP {reply[:3]}")


def test_a_stopped_server_is_a_network_error(
    store: RequestStore, smtp_server: SmtpServer, certs: Certs, password_file: Path
) -> None:
    smtp_server.stop()
    with pytest.raises(DeliveryError) as caught:
        EmailChannel(email_settings(smtp_server, certs, password_file)).send(one_job(store))
    assert (caught.value.kind, caught.value.detail) == ("network", "ECONNREFUSED")


def test_probe_logs_in_without_sending(
    smtp_server: SmtpServer, sink: MailSink, certs: Certs, password_file: Path
) -> None:
    EmailChannel(email_settings(smtp_server, certs, password_file)).probe()
    assert sink.mails == []
    assert SMTP_PASSWORD  # the fixture's password was the one that worked
