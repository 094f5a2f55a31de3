"""The e-mail to the front desk: only what they need to call the patient back.

In it: reference, name, phone, best time to call, the language to call back in, the reason in
words, where (site and kiosk) and when it was asked, in the clinic's local time. Left out on
purpose (see docs/delivery.md): the free-text note, which may hold health details and would
sit in mailboxes and mail-server logs long after the call; the patient's e-mail address,
which is not needed to phone them. The subject carries the reference only, because subjects
show in notifications and server logs.
"""

from __future__ import annotations

from datetime import tzinfo
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Final

import phonenumbers

from kiosk.appointments.readable import language_words, local_time, origin_words, reason_words
from kiosk.appointments.records import StoredRequest

# Where staff read the whole request (the note too): on the kiosk, after the staff PIN.
WHERE_TO_READ: Final = "on the kiosk: staff menu > Requests"


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


def build_message(
    record: StoredRequest,
    sender: str,
    recipients: tuple[str, ...],
    where: tzinfo | None = None,
) -> EmailMessage:
    """`where`: the clinic's time zone (the time_zone setting; None: the system's)."""
    req, ctx = record.request, record.context
    lines = [
        "A patient at the waiting-room kiosk asked the clinic to call them back.",
        "",
        f"Reference:    {record.reference}",
        f"Name:         {req.first_name} {req.last_name}",
        f"Phone:        {readable_phone(req.phone)}",
        f"Language:     {language_words(ctx.language)}",
        f"Best time:    {req.best_time}",
        f"Reason:       {reason_words(req.reason, ctx)}",
        f"Asked at:     {local_time(record.created_at, where)}",
        f"From:         {origin_words(ctx)}",
    ]
    if req.note:
        lines += [
            "",
            "The patient also left a short note. It is not sent by e-mail; read it",
            f"{WHERE_TO_READ} (reference {record.reference}).",
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
