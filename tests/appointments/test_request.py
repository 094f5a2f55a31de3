"""Form validation: error codes per field, normalisation, and no patient data in messages."""

from __future__ import annotations

import pytest

from kiosk.appointments import ERROR_CODES, InvalidRequest, normalize_phone, to_request, validate
from tests.appointments.factories import MARKER, form


def test_a_valid_form_has_no_errors_and_is_normalised() -> None:
    raw = form(
        first_name="  José   María ",
        last_name="O'Neil-Smith",
        phone=" (202) 555-0123 ",
        email="  ana@example.org ",
        note=" call after\n 5 pm ",
    )
    assert validate(raw) == {}
    req = to_request(raw)
    assert (req.first_name, req.last_name) == ("José María", "O'Neil-Smith")
    assert req.phone == "+12025550123"
    assert req.email == "ana@example.org"
    assert req.note == "call after 5 pm"
    assert (req.best_time, req.reason, req.consent) == ("morning", "treatment", True)


def test_blank_optional_fields_become_none() -> None:
    req = to_request(form(email="   ", note="\n"))
    assert req.email is None
    assert req.note is None


def test_an_empty_form_reports_every_missing_field_at_once() -> None:
    assert validate({}) == {
        "first_name": "required",
        "last_name": "required",
        "phone": "required",
        "best_time": "required",
        "reason": "required",
        "consent": "consent_required",
    }


@pytest.mark.parametrize(
    "name",
    ["Zoë", "Nguyễn", "José María", "O\u2019Brien", "St. John", "Anne-Marie", "Ñuñez", "a" * 60],
)
def test_names_with_accents_and_punctuation_are_accepted(name: str) -> None:
    assert "first_name" not in validate(form(first_name=name))


def test_a_decomposed_accent_counts_as_one_letter() -> None:
    decomposed = "Jose\u0301"  # e + combining acute, as some keyboards send it
    assert to_request(form(first_name=decomposed)).first_name == "José"
    assert validate(form(first_name=decomposed * 12)) == {}  # 60 letters after NFC


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("   ", "required"),
        ("a" * 61, "name_too_long"),
        ("R2D2", "name_invalid"),
        ("---", "name_invalid"),
        ("<script>", "name_invalid"),
        ("Ana\x00", "name_invalid"),
        ("Ana\ud800", "name_invalid"),  # a lone surrogate could not even be stored
    ],
)
def test_bad_names_get_a_code(name: str, code: str) -> None:
    assert validate(form(last_name=name))["last_name"] == code


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("(202) 555-0123", "US", "+12025550123"),
        ("202.555.0123", "US", "+12025550123"),
        ("1 202 555 0123", "US", "+12025550123"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("612 34 56 78", "ES", "+34612345678"),
    ],
)
def test_phones_normalise_to_e164(typed: str, region: str, e164: str) -> None:
    assert normalize_phone(typed, region) == e164
    assert "phone" not in validate(form(phone=typed), region=region)


@pytest.mark.parametrize(
    "typed", ["555", "abc", "202 555 012", "+99 123", "1" * 41, "2025550123x" * 4]
)
def test_invalid_phones_are_rejected(typed: str) -> None:
    assert normalize_phone(typed) is None
    assert validate(form(phone=typed))["phone"] == "phone_invalid"


def test_an_unknown_region_is_a_settings_bug_not_a_patient_error() -> None:
    with pytest.raises(ValueError, match="region"):
        validate(form(), region="XX")


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("a@b.co", True),
        ("ana.maria+kiosk@clinic.example.org", True),
        ("no-at-sign", False),
        ("a@b", False),
        ("a b@c.de", False),
        ("a@@b.de", False),
        ("a@b..de", False),
        ("x" * 250 + "@b.de", False),
        ("a\x07@b.de", False),
    ],
)
def test_email_is_optional_but_checked_when_given(email: str, ok: bool) -> None:
    assert ("email" not in validate(form(email=email))) is ok
    if not ok:
        assert validate(form(email=email))["email"] == "email_invalid"


def test_best_time_must_be_one_of_three() -> None:
    assert validate(form(best_time="night"))["best_time"] == "best_time_invalid"
    for best in ("morning", "afternoon", "evening"):
        assert validate(form(best_time=best)) == {}


def test_reason_must_come_from_the_pick_list_when_given() -> None:
    reasons = ["treatment", "pain_worse"]
    assert validate(form(reason="pain_worse"), reasons=reasons) == {}
    assert validate(form(reason="other"), reasons=reasons)["reason"] == "reason_invalid"
    assert validate(form(reason="Not an id!"))["reason"] == "reason_invalid"


def test_note_is_limited_to_200_characters() -> None:
    assert validate(form(note="x" * 200)) == {}
    assert validate(form(note=" " + "x" * 200 + " ")) == {}  # trimmed first
    assert validate(form(note="x" * 201))["note"] == "note_too_long"
    assert validate(form(note="ok\x00"))["note"] == "note_invalid"


@pytest.mark.parametrize("consent", [False, "true", "yes", ""])
def test_consent_must_be_ticked(consent: str | bool) -> None:
    assert validate(form(consent=consent)) == {"consent": "consent_required"}


def test_values_of_the_wrong_type_count_as_empty() -> None:
    assert validate(form(first_name=True, phone=False))["first_name"] == "required"


def test_errors_never_carry_what_the_patient_typed() -> None:
    bad = form(phone=MARKER, note=MARKER * 30, email=MARKER)
    with pytest.raises(InvalidRequest) as caught:
        to_request(bad)
    assert set(caught.value.errors) == {"phone", "note", "email"}
    assert MARKER not in str(caught.value)
    assert MARKER not in repr(to_request(form()))  # the default surname is the marker


def test_every_code_is_a_known_code() -> None:
    bad_forms = [
        {},
        form(first_name="1", last_name="a" * 99, phone="1", email="@", best_time="x"),
        form(reason="?", note="x" * 999, consent=False),
        form(note="\x00"),
    ]
    for bad in bad_forms:
        assert set(validate(bad).values()) <= ERROR_CODES
