"""FHIR channel: HTTPS POST of one request to the clinic's FHIR endpoint or integration engine.

Every retry of a request sends the same Idempotency-Key (its random id) and, for a single
Appointment, FHIR's own If-None-Exist on that id, so a server that stored the first copy but
whose answer was lost does not store a second one. Redirects are not followed: patient data
goes only to the configured URL.
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

from kiosk.appointments.outbox import Job
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.errors import DeliveryError, by_status, classify
from kiosk.delivery.fhir_resource import Json, appointment, if_none_exist, transaction
from kiosk.delivery.tls import client_context, read_secret

_MAX_ANSWER = 1 << 20  # read (and drop) at most this much of a reply


class FhirChannel:
    name = "fhir"

    def __init__(self, settings: DeliverySettings) -> None:
        self._settings = settings
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
        connection = self._connection()
        try:
            connection.connect()
        except Exception as exc:
            raise classify(exc) from None
        finally:
            connection.close()

    def _connection(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection(
            self._host,
            self._port,
            timeout=self._settings.fhir_timeout,
            context=client_context(self._settings.fhir_ca_file),
        )

    def _exchange(self, method: str, body: bytes, headers: dict[str, str]) -> int:
        connection = self._connection()
        try:
            connection.request(method, self._path, body=body, headers=headers)
            response = connection.getresponse()
            response.read(_MAX_ANSWER)  # the body may echo patient data: read, never keep
            return response.status
        except DeliveryError:
            raise
        except Exception as exc:
            raise classify(exc) from None
        finally:
            connection.close()
