"""The stored requests as staff read them on the kiosk, after the PIN: newest first, local
times, status, best time and reason in words, in the session's language. No Qt.

This module hands patient data to the staff screens only; nothing here logs it. The
fields `language`, `site` and `kiosk_id` are shown when a record has them (older
databases do not)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.appointments.records import StoredRequest
from kiosk.content.model import Content
from kiosk.design.i18n import CHROME, tr
from kiosk.design.plurals import language_in_words
from kiosk.staff.status_words import local_time

# The staff page builds a button per request: enough for a day or two of a busy waiting
# room; the export to USB has them all.
MOST_SHOWN = 200


@dataclass(frozen=True)
class RequestView:
    """One request in words. `fields` is (label, value) in reading order, for the detail."""

    reference: str
    when: str
    status: str
    name: str
    phone: str
    summary: str  # best time, reason and note in one line for the list
    fields: tuple[tuple[str, str], ...]


def reason_in_words(reason: str, content: Content | None, lang: str) -> str:
    """The reason in `lang` from the content: its label, or "About: <topic>"; '' when
    the content (no longer) has it."""
    if content is not None:
        for choice in content.appointments.reasons:
            if choice.id == reason:
                return choice.label.get(lang)
        found = content.topic(reason)
        if found is not None:
            return tr("about_topic", lang, title=found[1].title.get(lang))
    return ""


def readable_phone(e164: str) -> str:
    """'+1 202-555-0123' for '+12025550123': what staff dial from (stored as E.164)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def status_in_words(status: str, lang: str) -> str:
    key = f"staff_status_{status}"
    return tr(key, lang) if key in CHROME else status


def best_time_in_words(best_time: str, lang: str) -> str:
    return tr(best_time, lang) if best_time in CHROME else best_time


def view(
    record: StoredRequest, content: Content | None, lang: str, time_zone: str = ""
) -> RequestView:
    request = record.request
    none = tr("not_given", lang)
    name = f"{request.first_name} {request.last_name}".strip()
    phone = readable_phone(request.phone)
    when = local_time(record.created_at, lang, time_zone)
    status = status_in_words(record.status, lang)
    best = best_time_in_words(request.best_time, lang)
    # In the staff's language from today's content; else the words stored with the request
    # (the content may have changed since); else its id.
    reason = (
        reason_in_words(request.reason, content, lang)
        or _recorded(record, "reason_staff")
        or _recorded(record, "reason_shown")
        or request.reason
    )
    note = request.note or none
    fields = [
        (tr("staff_f_reference", lang), record.reference),
        (tr("staff_f_time", lang), when),
        (tr("staff_f_status", lang), status),
        (tr("staff_f_name", lang), name),
        (tr("staff_f_phone", lang), phone),
        (tr("staff_f_email", lang), request.email or none),
        (tr("staff_f_best_time", lang), best),
        (tr("staff_f_reason", lang), reason),
        (tr("staff_f_note", lang), note),
        (tr("staff_f_consent", lang), tr("staff_yes" if request.consent else "staff_no", lang)),
    ]
    if language := _recorded(record, "language"):
        fields.append((tr("staff_f_language", lang), language_in_words(language, lang)))
    if site := _recorded(record, "site"):
        fields.append((tr("staff_f_site", lang), site))
    if kiosk := _recorded(record, "kiosk_id"):
        fields.append((tr("staff_f_kiosk", lang), kiosk))
    summary = " · ".join(v for v in (best, reason, request.note or "") if v)
    return RequestView(record.reference, when, status, name, phone, summary, tuple(fields))


def _recorded(record: StoredRequest, name: str) -> str:
    """A field newer databases have: on the record, its `context` or its request, else ''."""
    for holder in (record, getattr(record, "context", None), record.request):
        value = getattr(holder, name, None)
        if isinstance(value, str) and value:
            return value
    return ""


def newest_first(
    records: Sequence[StoredRequest], content: Content | None, lang: str, time_zone: str = ""
) -> list[RequestView]:
    """The newest MOST_SHOWN requests, newest first (the store lists oldest first)."""
    latest = list(reversed(records))[:MOST_SHOWN]
    return [view(record, content, lang, time_zone) for record in latest]
