"""Property tests: validation never crashes, and every valid phone normalises to E.164."""

from __future__ import annotations

import phonenumbers
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.appointments import ERROR_CODES, normalize_phone, to_request, validate
from kiosk.appointments.form_spec import FIELDS
from tests.appointments.factories import form

# database=None: no .hypothesis/ folder in the repo; deadline=None: phonenumbers loads its
# metadata lazily, so a first call can be slow on a busy two-core machine.
PROPERTY = settings(database=None, deadline=None, max_examples=150)

# Every code point, including lone surrogates and controls, which a widget could hand over.
any_text = st.text(st.characters(exclude_categories=()), max_size=300)
any_value = st.one_of(any_text, st.booleans())


@PROPERTY
@given(st.dictionaries(st.sampled_from([*FIELDS, "extra"]), any_value))
def test_validate_never_crashes_on_any_form(raw: dict[str, str | bool]) -> None:
    errors = validate(raw)
    assert set(errors) <= set(FIELDS)
    assert set(errors.values()) <= ERROR_CODES


@PROPERTY
@given(st.sampled_from([f for f in FIELDS if f != "consent"]), any_text)
def test_one_random_field_either_fails_with_a_code_or_yields_a_clean_request(
    name: str, text: str
) -> None:
    raw = form(**{name: text})
    errors = validate(raw)
    if errors:
        assert list(errors) == [name]
        assert errors[name] in ERROR_CODES
        return
    req = to_request(raw)
    value = getattr(req, name)
    if isinstance(value, str):  # what gets stored is trimmed and encodable
        assert value == value.strip()
        value.encode("utf-8")


@st.composite
def us_numbers(draw: st.DrawFn) -> str:
    digits = f"{draw(st.integers(200, 999))}{draw(st.integers(200, 999))}"
    digits += f"{draw(st.integers(0, 9999)):04d}"
    assume(phonenumbers.is_valid_number(phonenumbers.parse(digits, "US")))
    return digits


@PROPERTY
@given(
    us_numbers(),
    st.sampled_from(
        [
            "{a}{e}{l}",
            "({a}) {e}-{l}",
            "{a}.{e}.{l}",
            "1 {a} {e} {l}",
            "+1-{a}-{e}-{l}",
            " {a} {e}{l} ",
        ]
    ),
)
def test_valid_us_numbers_normalise_to_e164_however_typed(digits: str, layout: str) -> None:
    typed = layout.format(a=digits[:3], e=digits[3:6], l=digits[6:])
    assert normalize_phone(typed, "US") == "+1" + digits


@PROPERTY
@given(
    st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS)),
    st.sampled_from([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]),
)
def test_every_regions_example_numbers_normalise_to_e164(region: str, kind: int) -> None:
    example = phonenumbers.example_number_for_type(region, kind)
    assume(example is not None and phonenumbers.is_valid_number(example))
    assert example is not None  # for mypy
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(
        example, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    assert normalize_phone(national, region) == e164  # typed the local way, at home
    assert normalize_phone(international, "US") == e164  # a visitor from abroad
