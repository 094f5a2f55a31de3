"""FHIR channel: the resources are valid FHIR (checked with the fhir.resources models), and
an HTTPS clinic on loopback that fails, hangs and drops its answer after storing still ends up
with exactly one copy of each request."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.appointment import Appointment
from fhir.resources.R4B.bundle import Bundle

from kiosk.appointments import RequestStore
from kiosk.appointments.outbox import Job
from kiosk.delivery.errors import DeliveryError
from kiosk.delivery.fhir_channel import FhirChannel
from kiosk.delivery.fhir_resource import REQUEST_SYSTEM, appointment, transaction
from tests.appointments.factories import MARKER, request
from tests.delivery.conftest import fhir_settings
from tests.delivery.servers import Certs, Clinic, FhirServer

# Elements of Appointment, its participant and Patient in FHIR R4 (4.0.1). fhir.resources
# models R4B (4.3.0), a superset for these resources; this keeps us inside R4 proper.
R4_APPOINTMENT = {
    "resourceType", "id", "meta", "implicitRules", "language", "text", "contained",
    "extension", "modifierExtension", "identifier", "status", "cancelationReason",
    "serviceCategory", "serviceType", "specialty", "appointmentType", "reasonCode",
    "reasonReference", "priority", "description", "supportingInformation", "start", "end",
    "minutesDuration", "slot", "created", "comment", "patientInstruction", "basedOn",
    "participant", "requestedPeriod",
}  # fmt: skip
R4_PARTICIPANT = {"id", "extension", "modifierExtension", "type", "actor", "required", "status"}
R4_PATIENT = {
    "resourceType", "id", "meta", "implicitRules", "language", "text", "contained",
    "extension", "modifierExtension", "identifier", "active", "name", "telecom", "gender",
    "birthDate", "address", "maritalStatus", "photo", "contact", "communication",
    "generalPractitioner", "managingOrganization", "link",
}  # fmt: skip


def one_job(store: RequestStore, **fields: str | bool) -> Job:
    store.save(request(**fields))
    return [job for job in store.outbox.due(["fhir"]) if job.channel == "fhir"][-1]


def assert_r4_appointment(resource: dict[str, Any]) -> None:
    Appointment.model_validate(resource)  # types, cardinality of lists, no unknown elements
    assert set(resource) <= R4_APPOINTMENT
    assert resource["status"] == "proposed"
    assert resource["participant"], "R4 needs at least one participant"
    for participant in resource["participant"]:
        assert set(participant) <= R4_PARTICIPANT
        assert participant["status"] in ("accepted", "declined", "tentative", "needs-action")


def test_the_appointment_is_valid_fhir_with_the_contact_details(store: RequestStore) -> None:
    job = one_job(store, email="ana@example.org", note="mornings are best")
    resource = appointment(job.record)
    assert_r4_appointment(resource)
    [patient] = resource["contained"]
    assert set(patient) <= R4_PATIENT
    assert patient["name"] == [{"family": MARKER, "given": ["Ana"]}]
    assert patient["telecom"] == [
        {"system": "phone", "value": "+12025550123"},
        {"system": "email", "value": "ana@example.org"},
    ]
    assert resource["participant"][0]["actor"] == {"reference": "#" + patient["id"]}
    assert {"system": REQUEST_SYSTEM, "value": job.key} in resource["identifier"]
    assert job.reference in resource["description"] and "morning" in resource["description"]
    assert resource["comment"] == "mornings are best"
    assert resource["created"] == "2026-03-01T09:00:00+00:00"


def test_the_transaction_bundle_is_valid_fhir(store: RequestStore) -> None:
    job = one_job(store)
    bundle = transaction(job.record)
    Bundle.model_validate(bundle)
    assert bundle["type"] == "transaction"
    patient_entry, appointment_entry = bundle["entry"]
    assert patient_entry["resource"]["resourceType"] == "Patient"
    assert set(patient_entry["resource"]) <= R4_PATIENT
    assert_r4_appointment(appointment_entry["resource"])
    actor = appointment_entry["resource"]["participant"][0]["actor"]["reference"]
    assert actor == patient_entry["fullUrl"]
    for entry in bundle["entry"]:
        assert entry["request"]["method"] == "POST"
        assert entry["request"]["ifNoneExist"] == f"identifier={REQUEST_SYSTEM}|{job.key}"


def test_post_carries_the_idempotency_key_and_a_conditional_create(
    store: RequestStore, fhir_server: FhirServer, clinic: Clinic, certs: Certs, tmp_path: Path
) -> None:
    token = tmp_path / "token"
    token.write_text("tok-123\n", encoding="utf-8")
    job = one_job(store)
    FhirChannel(fhir_settings(fhir_server, certs, fhir_token_file=token)).send(job)
    [post] = clinic.posts
    assert post.path == "/fhir/Appointment"
    assert post.headers["Idempotency-Key"] == job.key
    assert post.headers["If-None-Exist"] == f"identifier={REQUEST_SYSTEM}|{job.key}"
    assert post.headers["Content-Type"] == "application/fhir+json; charset=utf-8"
    assert post.headers["Authorization"] == "Bearer tok-123"
    assert_r4_appointment(post.body)
    assert list(clinic.records) == [job.key]


def test_the_bundle_goes_to_the_base_url(
    store: RequestStore, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    job = one_job(store)
    FhirChannel(fhir_settings(fhir_server, certs, fhir_resource="bundle")).send(job)
    [post] = clinic.posts
    Bundle.model_validate(post.body)
    assert "If-None-Exist" not in post.headers  # it travels inside each entry
    assert list(clinic.records) == [job.key]


@pytest.mark.parametrize(
    ("outcome", "kind"),
    [("fail", "server"), ("hang", "timeout"), ("drop", "disconnected"), ("redirect", "config")],
)
def test_every_failure_then_a_retry_leaves_one_copy(
    store: RequestStore,
    fhir_server: FhirServer,
    clinic: Clinic,
    certs: Certs,
    outcome: str,
    kind: str,
) -> None:
    job = one_job(store)
    # A short timeout is the behaviour under test here: the 'hang' server never answers.
    channel = FhirChannel(fhir_settings(fhir_server, certs, fhir_timeout=1.0))
    clinic.script.append(outcome)
    with pytest.raises(DeliveryError) as caught:
        channel.send(job)
    assert caught.value.kind == kind
    stored_by_failure = outcome in ("hang", "drop")
    assert len(clinic.records) == (1 if stored_by_failure else 0)
    channel.send(job)  # the retry, with the same key
    assert list(clinic.records) == [job.key]
    assert [p.headers["Idempotency-Key"] for p in clinic.posts] == [job.key, job.key]


def test_a_certificate_from_another_ca_gets_nothing(
    store: RequestStore, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    settings = fhir_settings(fhir_server, certs, fhir_ca_file=certs.stranger_ca_file)
    with pytest.raises(DeliveryError) as caught:
        FhirChannel(settings).send(one_job(store))
    assert caught.value.kind == "certificate"
    assert clinic.posts == []


def test_the_body_is_json_with_the_patient_typed_text_only_inside(
    store: RequestStore, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    job = one_job(store, first_name="José")
    FhirChannel(fhir_settings(fhir_server, certs)).send(job)
    [post] = clinic.posts
    assert json.loads(json.dumps(post.body))["contained"][0]["name"][0]["given"] == ["José"]
    assert MARKER not in str(post.headers)  # headers may be logged by proxies
