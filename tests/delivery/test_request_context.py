"""What reaches the clinic of a request made in Spanish (issue 19): the e-mail (through a
real SMTP server) names the language, the site and kiosk, the local time and the reason in
words; the FHIR body validates (fhir.resources, R4B models held to R4 elements) and carries
the language as the Patient's communication and the kiosk as a Location participant."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fhir.resources.R4B.appointment import Appointment
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.patient import Patient

from kiosk.appointments import RequestStore
from kiosk.appointments.context import RequestContext
from kiosk.appointments.outbox import Job
from kiosk.delivery.email_channel import EmailChannel
from kiosk.delivery.email_message import build_message
from kiosk.delivery.fhir_channel import FhirChannel
from kiosk.delivery.fhir_resource import KIOSK_SYSTEM, LANGUAGE_SYSTEM, appointment, transaction
from tests.appointments.factories import request
from tests.delivery.conftest import email_settings, fhir_settings
from tests.delivery.servers import Certs, Clinic, FhirServer, MailSink, SmtpServer
from tests.delivery.test_fhir import R4_PATIENT, assert_r4_appointment

SPANISH = RequestContext(
    language="es",
    reason_shown="Mi dolor no se ha ido",
    reason_staff="My pain has not gone away",
    kiosk_id="lobby-2",
    site="North clinic, 2nd floor",
)
# Elements of Location in FHIR R4 (4.0.1).
R4_LOCATION = {
    "resourceType", "id", "meta", "implicitRules", "language", "text", "contained",
    "extension", "modifierExtension", "identifier", "status", "operationalStatus", "name",
    "alias", "description", "mode", "type", "telecom", "address", "physicalType", "position",
    "managingOrganization", "partOf", "hoursOfOperation", "availabilityExceptions", "endpoint",
}  # fmt: skip


def spanish_job(store: RequestStore, channel: str, **fields: str | bool) -> Job:
    store.save(request(reason="reason-pain-continues", **fields), SPANISH)
    return [job for job in store.outbox.due([channel]) if job.channel == channel][-1]


def test_a_spanish_request_by_email_says_spanish_where_when_and_why(
    store: RequestStore, smtp_server: SmtpServer, sink: MailSink, certs: Certs, password_file: Path
) -> None:
    job = spanish_job(store, "email", note="desde mayo")
    settings = email_settings(smtp_server, certs, password_file)
    EmailChannel(settings, time_zone="America/Chicago").send(job)
    [mail] = sink.mails
    body = mail.message.get_content()
    assert "Language:     Spanish / Español" in body
    assert "North clinic, 2nd floor (kiosk lobby-2)" in body
    assert "Asked at:     2026-03-01 03:00 (UTC-06:00)" in body  # 09:00 UTC in Chicago
    assert "Reason:       My pain has not gone away" in body
    assert "reason-pain-continues" not in body
    assert "on the kiosk: staff menu > Requests" in body  # where the note is read
    assert "requests export" not in body and "desde mayo" not in mail.message.as_string()


def test_an_old_request_by_email_says_what_was_not_recorded(store: RequestStore) -> None:
    store.save(request())
    [job] = [j for j in store.outbox.due(["email"]) if j.channel == "email"]
    body = build_message(job.record, "k@clinic.example", ("d@clinic.example",)).get_content()
    assert "Language:     not recorded" in body and "Reason:       treatment" in body


def contained(resource: dict[str, Any], kind: str) -> dict[str, Any]:
    [found] = [r for r in resource["contained"] if r["resourceType"] == kind]
    return found


def test_fhir_carries_the_language_and_the_kiosk_location(store: RequestStore) -> None:
    resource = appointment(spanish_job(store, "fhir").record)
    assert_r4_appointment(resource)
    patient = contained(resource, "Patient")
    assert set(patient) <= R4_PATIENT
    Patient.model_validate(patient)
    assert patient["communication"] == [
        {
            "language": {
                "coding": [{"system": LANGUAGE_SYSTEM, "code": "es", "display": "Spanish"}],
                "text": "Spanish / Español",
            },
            "preferred": True,
        }
    ]
    place = contained(resource, "Location")
    Location.model_validate(place)
    assert set(place) <= R4_LOCATION
    assert place["identifier"] == [{"system": KIOSK_SYSTEM, "value": "lobby-2"}]
    assert place["name"] == "North clinic, 2nd floor"
    actors = [p["actor"]["reference"] for p in resource["participant"]]
    assert actors == ["#patient", "#kiosk"]  # every contained resource is referenced
    assert resource["reasonCode"][0]["text"] == "My pain has not gone away"
    assert "Spanish" in resource["description"] and "lobby-2" in resource["description"]


def test_the_bundle_carries_them_too(store: RequestStore) -> None:
    bundle = transaction(spanish_job(store, "fhir").record)
    Bundle.model_validate(bundle)
    person, booking = (entry["resource"] for entry in bundle["entry"])
    assert person["communication"][0]["language"]["coding"][0]["code"] == "es"
    assert_r4_appointment(booking)
    assert [r["resourceType"] for r in booking["contained"]] == ["Location"]


def test_the_clinic_receives_a_valid_spanish_appointment(
    store: RequestStore, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    job = spanish_job(store, "fhir")
    FhirChannel(fhir_settings(fhir_server, certs)).send(job)
    [post] = clinic.posts
    Appointment.model_validate(post.body)
    assert contained(post.body, "Patient")["communication"][0]["preferred"] is True
    assert contained(post.body, "Location")["name"] == "North clinic, 2nd floor"
