"""One thread per channel: e-mail is delivered while the FHIR server accepts the connection
and never answers; stop() ends a send in flight and joins every thread within its bound;
whatever fails inside a thread is logged, never a traceback on stderr."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from kiosk.appointments.store import DB_NAME
from kiosk.delivery.email_channel import EmailChannel
from kiosk.delivery.fhir_channel import FhirChannel
from kiosk.delivery.worker import DeliveryWorker
from tests.appointments.factories import request
from tests.delivery.conftest import email_settings, fhir_settings
from tests.delivery.fakes import FakeChannel, Watched
from tests.delivery.servers import Certs, MailSink, SilentServer, SmtpServer

NEVER = 300.0  # fhir_timeout: far longer than any wait in these tests


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    server.start()
    yield server
    server.stop()


def delivery_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("delivery")}


def test_email_is_delivered_while_fhir_hangs_and_stop_ends_the_hung_send(
    data_dir: Path,
    smtp_server: SmtpServer,
    sink: MailSink,
    silent: SilentServer,
    certs: Certs,
    password_file: Path,
) -> None:
    settings = email_settings(smtp_server, certs, password_file)
    fhir = FhirChannel(fhir_settings(silent, certs, fhir_timeout=NEVER))  # type: ignore[arg-type]
    email = Watched(EmailChannel(settings))
    worker = DeliveryWorker(
        lambda: RequestStore(data_dir, recover=False), {"email": email, "fhir": fhir}
    )
    before = delivery_threads()
    with RequestStore(data_dir, channels=("email", "fhir")) as store:
        store.save(request())
        worker.start()
        try:
            assert silent.wait_for_connection()  # FHIR is stuck on the first request
            store.save(request())
            worker.wake()
            assert email.wait(ok=2)  # ... and both e-mails go all the same
        finally:
            started = delivery_threads() - before
            worker.stop(timeout=30)
        assert started and not any(t.is_alive() for t in started)  # the hung one too
        assert not worker.running
        assert len(sink.mails) == 2
        states = sorted(store.outbox.states().values())
        assert states == ["email sent, fhir retry 1 interrupted", "email sent, fhir waiting"]


def test_each_channel_has_its_own_thread(data_dir: Path) -> None:
    email, fhir = FakeChannel("email"), FakeChannel("fhir")
    worker = DeliveryWorker(
        lambda: RequestStore(data_dir, recover=False), {"email": email, "fhir": fhir}
    )
    with RequestStore(data_dir, channels=("email", "fhir")) as store:
        store.save(request())
    worker.start()
    try:
        assert email.wait_sent(1) and fhir.wait_sent(1)
    finally:
        worker.stop()
    assert (email.threads, fhir.threads) == ({"delivery-email"}, {"delivery-fhir"})


class CloseFails(RequestStore):
    def close(self) -> None:
        super().close()
        raise sqlite3.OperationalError("disk I/O error")


def test_a_failure_inside_a_thread_is_logged_not_printed(
    data_dir: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    escaped: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.thread.name))
    opens = 0

    def open_store() -> RequestStore:
        nonlocal opens
        opens += 1
        if opens == 1:
            raise RuntimeError("a bug in the first pass")
        return CloseFails(data_dir, recover=False)

    fhir = FakeChannel("fhir")
    worker = DeliveryWorker(open_store, {"fhir": fhir})
    with RequestStore(data_dir, channels=("fhir",)) as store:
        store.save(request())
    caplog.set_level(logging.ERROR, logger="kiosk")
    worker.start()
    try:
        worker.wake()  # after the failed first pass, without waiting out its pause
        assert fhir.wait_sent(1)
    finally:
        worker.stop(timeout=30)
    assert not worker.running
    assert escaped == []
    text = caplog.text
    assert "delivery fhir: unexpected RuntimeError" in text
    assert "delivery fhir: closing the database: OperationalError" in text
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn:
        assert conn.execute("SELECT state FROM outbox").fetchone() == ("delivered",)
