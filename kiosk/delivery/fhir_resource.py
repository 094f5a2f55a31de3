"""HL7 FHIR R4 resources for one call-back request: an Appointment with status 'proposed'
and the patient's contact details in a contained Patient, or a transaction Bundle with a
separate Patient for integration engines that want one.

The language the patient used is the Patient's preferred `communication` (BCP 47 code); the
kiosk and its site are a contained Location, a participant of the Appointment (R4 allows a
Location as an actor). Requests stored before these were recorded carry neither.

Both carry the request's random id as an identifier, so a server can refuse a second copy
with FHIR's conditional create (If-None-Exist / ifNoneExist) as well as by Idempotency-Key.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

from kiosk.appointments.readable import (
    language_english,
    language_words,
    origin_words,
    reason_words,
)
from kiosk.appointments.records import StoredRequest

REQUEST_SYSTEM: Final = "urn:fbss-kiosk:request-id"
REFERENCE_SYSTEM: Final = "urn:fbss-kiosk:reference"
REASON_SYSTEM: Final = "urn:fbss-kiosk:reason"
KIOSK_SYSTEM: Final = "urn:fbss-kiosk:kiosk-id"
LANGUAGE_SYSTEM: Final = "urn:ietf:bcp:47"  # FHIR's code system for languages

Json = dict[str, Any]


def if_none_exist(record: StoredRequest) -> str:
    """The conditional-create query that finds an earlier copy of this request."""
    return f"identifier={REQUEST_SYSTEM}|{record.id}"


def patient(record: StoredRequest, resource_id: str | None = None) -> Json:
    req = record.request
    telecom: list[Json] = [{"system": "phone", "value": req.phone}]
    if req.email:  # a way to reach the patient they chose to give
        telecom.append({"system": "email", "value": req.email})
    resource: Json = {"resourceType": "Patient"}
    if resource_id:
        resource["id"] = resource_id
    resource["name"] = [{"family": req.last_name, "given": [req.first_name]}]
    resource["telecom"] = telecom
    code = record.context.language
    if code:  # the language to call back in
        coding = {"system": LANGUAGE_SYSTEM, "code": code, "display": language_english(code)}
        resource["communication"] = [
            {"language": {"coding": [coding], "text": language_words(code)}, "preferred": True}
        ]
    return resource


def location(record: StoredRequest) -> Json | None:
    """The kiosk the request came from, as a contained Location; None if not recorded."""
    ctx = record.context
    if not (ctx.kiosk_id or ctx.site):
        return None
    resource: Json = {"resourceType": "Location", "id": "kiosk"}
    if ctx.kiosk_id:
        resource["identifier"] = [{"system": KIOSK_SYSTEM, "value": ctx.kiosk_id}]
    resource["status"] = "active"
    resource["name"] = ctx.site or f"kiosk {ctx.kiosk_id}"
    resource["description"] = f"Waiting-room kiosk: {origin_words(ctx)}"
    resource["mode"] = "instance"
    return resource


def appointment(record: StoredRequest, patient_reference: str | None = None) -> Json:
    """With no `patient_reference`, the Patient is contained (its details travel inside)."""
    req = record.request
    actor = patient_reference or "#patient"
    where = location(record)
    resource: Json = {"resourceType": "Appointment"}
    contained = [] if patient_reference else [patient(record, "patient")]
    contained += [where] if where else []
    if contained:
        resource["contained"] = contained
    resource["identifier"] = [
        {"system": REQUEST_SYSTEM, "value": record.id},
        {"system": REFERENCE_SYSTEM, "value": record.reference},
    ]
    resource["status"] = "proposed"
    words = reason_words(req.reason, record.context)
    resource["reasonCode"] = [
        {"coding": [{"system": REASON_SYSTEM, "code": req.reason, "display": words}], "text": words}
    ]
    resource["description"] = (
        f"Call-back request from the waiting-room kiosk (reference {record.reference}); "
        f"language: {language_words(record.context.language)}; "
        f"best time to call: {req.best_time}; from: {origin_words(record.context)}"
    )
    resource["created"] = record.created_at.isoformat(timespec="seconds")
    if req.note:
        resource["comment"] = req.note
    resource["participant"] = [
        {"actor": {"reference": actor}, "required": "required", "status": "needs-action"}
    ]
    if where:  # where the request was made (information only: nobody books the kiosk)
        place = {"reference": "#kiosk", "display": where["name"]}
        resource["participant"].append(
            {"actor": place, "required": "information-only", "status": "accepted"}
        )
    return resource


def transaction(record: StoredRequest) -> Json:
    """A transaction Bundle: Patient and Appointment, each created only if not there yet."""
    patient_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, REQUEST_SYSTEM + ':' + record.id)}"
    person = patient(record)
    person["identifier"] = [{"system": REQUEST_SYSTEM, "value": record.id}]
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": patient_url,
                "resource": person,
                "request": {
                    "method": "POST",
                    "url": "Patient",
                    "ifNoneExist": if_none_exist(record),
                },
            },
            {
                "fullUrl": f"urn:uuid:{record.id}",
                "resource": appointment(record, patient_reference=patient_url),
                "request": {
                    "method": "POST",
                    "url": "Appointment",
                    "ifNoneExist": if_none_exist(record),
                },
            },
        ],
    }
