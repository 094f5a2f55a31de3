"""FHIR channel: HTTPS POST of one request to the clinic's FHIR endpoint or integration engine.

Delivery is at least once, de-duplicated by FHIR conditional create: every retry of a request
sends If-None-Exist on the request's identifier (in a Bundle, each entry's ifNoneExist), so a
server that stored the first copy but whose answer was lost answers 200 with that copy instead
of creating a second. The same Idempotency-Key (the request's random id) goes along for
engines that use it. Redirects are not followed: patient data goes only to the configured URL.
Each attempt, from connect to the last byte of the answer, must end within `fhir_timeout`.
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

from kiosk.appointments.form_spec import FHIR
from kiosk.appointments.outbox import Job
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.deadline import Deadline, DeadlineContext
from kiosk.delivery.errors import DeliveryError, by_status
from kiosk.delivery.fhir_resource import Json, appointment, if_none_exist, transaction
from kiosk.delivery.tls import client_context, read_secret

_MAX_ANSWER = 1 << 20  # read (and drop) at most this much of a reply


class _Connection(http.client.HTTPSConnection):
    """HTTPS whose socket keeps to the attempt's deadline (from connect on)."""

    def __init__(self, host: str, port: int, context: DeadlineContext, deadline: Deadline):
        super().__init__(host, port, timeout=deadline.seconds, context=context)
        self._tls, self._deadline = context, deadline

    def connect(self) -> None:
        raw = self._deadline.connect((self.host, self.port))
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


class FhirChannel:
    name = FHIR

    def __init__(self, settings: DeliverySettings) -> None:
        self._settings = settings
        self._current: Deadline | None = None  # the attempt in flight, for abort()
        parts = urlsplit(settings.fhir_url)
        self._host = parts.hostname or ""
        self._port = parts.port or 443
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def resource(self, job: Job) -> Json:
        if self._settings.fhir_resource == "bundle":
            return transaction(job.record)
        return appointment(job.record)

    def headers(self, job: Job) -> dict[str, str]:
        headers = {
            "Content-Type": "application/fhir+json; charset=utf-8",
            "Accept": "application/fhir+json",
            "Idempotency-Key": job.key,
        }
        if self._settings.fhir_resource != "bundle":  # a Bundle carries it per entry
            headers["If-None-Exist"] = if_none_exist(job.record)
        token = read_secret(self._settings.fhir_token_file)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def send(self, job: Job) -> None:
        """POST the resource; returns on 2xx, else raises DeliveryError."""
        body = json.dumps(self.resource(job), ensure_ascii=False).encode("utf-8")
        headers = self.headers(job)
        status = self._exchange("POST", body, headers)
        if not 200 <= status < 300:
            raise by_status(status, "HTTP")

    def probe(self) -> None:
        """A TLS handshake with certificate checks, sending nothing (for `doctor`)."""
        deadline = Deadline(self._settings.fhir_timeout)
        connection = self._connection(deadline)
        try:
            connection.connect()
        except Exception as exc:
            raise deadline.failure(exc) from None
        finally:
            connection.close()

    def abort(self) -> None:
        """From another thread: end the attempt in flight now (the worker is stopping)."""
        current = self._current
        if current is not None:
            current.cancel()

    def _connection(self, deadline: Deadline) -> _Connection:
        context = client_context(self._settings.fhir_ca_file, deadline)
        return _Connection(self._host, self._port, context, deadline)

    def _exchange(self, method: str, body: bytes, headers: dict[str, str]) -> int:
        deadline = self._current = Deadline(self._settings.fhir_timeout)
        try:
            connection = self._connection(deadline)
            try:
                connection.request(method, self._path, body=body, headers=headers)
                response = connection.getresponse()
                response.read(_MAX_ANSWER)  # the body may echo patient data: read, never keep
                return response.status
            finally:
                connection.close()
        except DeliveryError:
            raise
        except Exception as exc:
            raise deadline.failure(exc) from None
        finally:
            self._current = None
