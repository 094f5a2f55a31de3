"""An appointment (call-back) request and the validation of the form it comes from.

Validation returns error *codes*, not sentences: the UI owns the wording in each language.
Nothing here puts what a patient typed into an exception message or a log (R6).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Final, cast

from kiosk.appointments.form_spec import (
    BEST_TIMES,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    PHONE_INPUT_MAX,
    BestTime,
)

# Error codes (the UI translates them). One code per field, the first that applies.
REQUIRED: Final = "required"
NAME_TOO_LONG: Final = "name_too_long"
NAME_INVALID: Final = "name_invalid"
PHONE_INVALID: Final = "phone_invalid"
EMAIL_INVALID: Final = "email_invalid"
BEST_TIME_INVALID: Final = "best_time_invalid"
REASON_INVALID: Final = "reason_invalid"
NOTE_TOO_LONG: Final = "note_too_long"
NOTE_INVALID: Final = "note_invalid"
CONSENT_REQUIRED: Final = "consent_required"
ERROR_CODES: Final = frozenset(
    {
        REQUIRED,
        NAME_TOO_LONG,
        NAME_INVALID,
        PHONE_INVALID,
        EMAIL_INVALID,
        BEST_TIME_INVALID,
        REASON_INVALID,
        NOTE_TOO_LONG,
        NOTE_INVALID,
        CONSENT_REQUIRED,
    }
)

# Apostrophes (straight and typographic), hyphen, full stop: O'Neil, Jean-Luc, St. John.
_NAME_PUNCTUATION: Final = frozenset("'\u2019-.")
# Pragmatic, not RFC 5322: one @, no spaces, a dotted domain. Staff call first anyway.
_EMAIL_RE: Final = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
_REASON_ID_RE: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


@dataclass(frozen=True)
class AppointmentRequest:
    """A validated request; build it with `to_request` so every field is normalised.

    Patient fields are left out of repr() so a stray log line or assertion message
    cannot leak them.
    """

    first_name: str = field(repr=False)
    last_name: str = field(repr=False)
    phone: str = field(repr=False)  # E.164, e.g. +12025550123
    best_time: BestTime
    reason: str
    consent: bool
    email: str | None = field(default=None, repr=False)
    note: str | None = field(default=None, repr=False)


class InvalidRequest(ValueError):
    """The form did not validate; `errors` maps field -> code (no patient data)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        detail = ", ".join(f"{name}={code}" for name, code in sorted(self.errors.items()))
        super().__init__(f"invalid appointment request: {detail}")


def _phonenumbers() -> ModuleType:
    # Imported at the first check, not when the kiosk starts (~20 ms, docs/benchmarks.md).
    import phonenumbers

    return phonenumbers


def normalize_phone(text: str, region: str = "US") -> str | None:
    """E.164 form of a phone number typed in `region`'s conventions, or None if not valid."""
    phonenumbers = _phonenumbers()
    _check_region(region)
    text = text.strip()
    if not text or len(text) > PHONE_INPUT_MAX:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def validate(
    form: Mapping[str, str | bool],
    region: str = "US",
    reasons: Collection[str] | None = None,
) -> dict[str, str]:
    """Every problem in the form at once, as {field: error code}; empty when valid.

    `reasons` is the pick list from content; without it any well-formed id is accepted.
    Missing keys and values of the wrong type count as empty, so a UI bug never crashes here.
    """
    errors, _ = _check(form, region, reasons)
    return errors


def to_request(
    form: Mapping[str, str | bool],
    region: str = "US",
    reasons: Collection[str] | None = None,
) -> AppointmentRequest:
    """The normalised request, or InvalidRequest carrying the same codes as `validate`."""
    errors, request = _check(form, region, reasons)
    if request is None:
        raise InvalidRequest(errors)
    return request


def _check(
    form: Mapping[str, str | bool], region: str, reasons: Collection[str] | None
) -> tuple[dict[str, str], AppointmentRequest | None]:
    _check_region(region)
    errors: dict[str, str] = {}

    def text(key: str) -> str:
        value = form.get(key, "")
        return value.strip() if isinstance(value, str) else ""

    first, err = _name(text("first_name"))
    if err:
        errors["first_name"] = err
    last, err = _name(text("last_name"))
    if err:
        errors["last_name"] = err

    phone = None
    if not text("phone"):
        errors["phone"] = REQUIRED
    else:
        phone = normalize_phone(text("phone"), region)
        if phone is None:
            errors["phone"] = PHONE_INVALID

    email = _collapse(text("email")) or None
    if email is not None and not _email_ok(email):
        errors["email"] = EMAIL_INVALID

    best_time = text("best_time")
    if not best_time:
        errors["best_time"] = REQUIRED
    elif best_time not in BEST_TIMES:
        errors["best_time"] = BEST_TIME_INVALID

    reason = text("reason")
    if not reason:
        errors["reason"] = REQUIRED
    elif not _REASON_ID_RE.fullmatch(reason) or (reasons is not None and reason not in reasons):
        errors["reason"] = REASON_INVALID

    note = _collapse(text("note")) or None
    if note is not None:
        if len(note) > NOTE_MAX:
            errors["note"] = NOTE_TOO_LONG
        elif not _printable(note):
            errors["note"] = NOTE_INVALID

    if form.get("consent") is not True:
        errors["consent"] = CONSENT_REQUIRED

    if errors:
        return errors, None
    assert phone is not None  # for mypy: no phone error means it normalised
    request = AppointmentRequest(
        first_name=first,
        last_name=last,
        phone=phone,
        email=email,
        best_time=cast(BestTime, best_time),  # checked against BEST_TIMES above
        reason=reason,
        note=note,
        consent=True,
    )
    return errors, request


def _name(raw: str) -> tuple[str, str | None]:
    """(normalised name, error code or None). NFC first so 'é' counts as one letter."""
    name = _collapse(raw)
    if not name:
        return name, REQUIRED
    if len(name) > NAME_MAX:
        return name, NAME_TOO_LONG
    letters = 0
    for ch in name:
        category = unicodedata.category(ch)
        if category.startswith("L"):
            letters += 1
        elif not (category.startswith("M") or ch == " " or ch in _NAME_PUNCTUATION):
            return name, NAME_INVALID
    return name, (None if letters else NAME_INVALID)


def _email_ok(email: str) -> bool:
    return len(email) <= EMAIL_MAX and _printable(email) and bool(_EMAIL_RE.fullmatch(email))


def _collapse(text: str) -> str:
    """NFC, trimmed, every run of whitespace (incl. newlines and tabs) made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _printable(text: str) -> bool:
    """No control characters or lone surrogates (the latter cannot even be stored)."""
    return not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def _check_region(region: str) -> None:
    # A wrong region is a settings bug, not a patient error: fail loudly.
    if region not in _phonenumbers().SUPPORTED_REGIONS:
        raise ValueError(f"unknown phone region {region!r}")
