"""What the store hands out: receipts, stored records, reference codes, timestamps."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, cast

from kiosk.appointments.context import RequestContext
from kiosk.appointments.form_spec import BestTime
from kiosk.appointments.request import AppointmentRequest

# No 0/O, 1/I/L: easy to read aloud over the phone. 31**6 is about 887 million codes.
REFERENCE_ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH: Final = 6

COLUMNS: Final = (
    "id, reference, created_at, status, first_name, last_name, phone, email, "
    "best_time, reason, note, consent, language, reason_shown, reason_staff, kiosk_id, site"
)


@dataclass(frozen=True)
class SavedReceipt:
    """What the confirmation screen may show: no name, no phone."""

    id: str
    reference: str


@dataclass(frozen=True)
class StoredRequest:
    id: str
    reference: str
    created_at: datetime  # aware, UTC
    status: str
    request: AppointmentRequest
    context: RequestContext = field(default_factory=RequestContext)


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    """Fixed-width UTC ISO text, so comparing strings compares times. Naive means local."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def row_to_record(row: tuple[object, ...]) -> StoredRequest:
    """A `SELECT {COLUMNS}` row as a StoredRequest."""
    (rid, reference, created, status, first, last, phone, email, best, reason, note, consent) = row[
        :12
    ]
    language, shown, staff, kiosk_id, site = (None if v is None else str(v) for v in row[12:17])
    return StoredRequest(
        id=str(rid),
        reference=str(reference),
        created_at=datetime.fromisoformat(str(created)),
        status=str(status),
        request=AppointmentRequest(
            first_name=str(first),
            last_name=str(last),
            phone=str(phone),
            email=None if email is None else str(email),
            best_time=cast(BestTime, best),
            reason=str(reason),
            note=None if note is None else str(note),
            consent=bool(consent),
        ),
        context=RequestContext(language, shown, staff, kiosk_id, site),
    )
