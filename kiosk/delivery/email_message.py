"""The e-mail to the front desk: only what they need to call the patient back.

In it: reference, name, phone, best time to call, reason (the pick-list id), when it was
asked. Left out on purpose (see docs/delivery.md): the free-text note, which may hold health
details and would sit in mailboxes and mail-server logs long after the call; the patient's
e-mail address, which is not needed to phone them. The subject carries the reference only,
because subjects show in notifications and server logs.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime

import phonenumbers

from kiosk.appointments.records import StoredRequest


def message_id(record: StoredRequest, sender: str) -> str:
    """The same on every retry, so a mail system (or a person) can spot a second copy."""
    domain = sender.rpartition("@")[2] or "fbss-kiosk.invalid"
    return f"<callback-{record.id}@{domain}>"


def readable_phone(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def build_message(record: StoredRequest, sender: str, recipients: tuple[str, ...]) -> EmailMessage:
    req = record.request
    asked = record.created_at.astimezone()
    lines = [
        "A patient at the waiting-room kiosk asked the clinic to call them back.",
        "",
        f"Reference:    {record.reference}",
        f"Name:         {req.first_name} {req.last_name}",
        f"Phone:        {readable_phone(req.phone)}",
        f"Best time:    {req.best_time}",
        f"Reason:       {req.reason}",
        f"Asked at:     {asked.strftime('%Y-%m-%d %H:%M')} (kiosk time, UTC{asked:%z})",
    ]
    if req.note:
        lines += [
            "",
            "The patient also left a short note. It is not sent by e-mail; read it on the",
            f"kiosk with `requests export` (reference {record.reference}).",
        ]
    lines += ["", "Sent by the FBSS kiosk; a repeat has the same reference. Do not reply."]
    message = EmailMessage()
    message["Subject"] = f"Call-back request {record.reference}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(record.created_at)
    message["Message-ID"] = message_id(record, sender)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to the kiosk
    message.set_content("\n".join(lines) + "\n", charset="utf-8")
    return message
