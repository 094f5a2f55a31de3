"""The form spec is the one place the form's fields, limits, choices and channel names live:
the validator, the database, the export, delivery and the form screen agree with it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from kiosk.appointments import form_spec
from kiosk.appointments.export import COLUMNS
from kiosk.appointments.request import PHONE_INVALID, validate
from kiosk.appointments.schema import migrate
from kiosk.delivery.config import _channels_ok
from tests.appointments.factories import form as valid_form


def _check_values(sql: str, column: str) -> set[str]:
    found = re.search(rf"CHECK \({column} IN \(([^)]*)\)\)", sql)
    assert found, column
    return {v.strip().strip("'") for v in found.group(1).split(",")}


def test_the_database_checks_the_specs_choices_and_channels(tmp_path: Path) -> None:
    """The released migrations cannot change, so the spec must match what they enforce."""
    db = sqlite3.connect(tmp_path / "t.db")
    migrate(db)
    tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    db.close()
    assert _check_values(tables["requests"], "best_time") == set(form_spec.BEST_TIMES)
    assert _check_values(tables["outbox"], "channel") == set(form_spec.CHANNELS)
    assert f"length(note) <= {form_spec.NOTE_MAX}" in tables["requests"]


def test_the_export_has_every_field_of_the_spec_in_order() -> None:
    # Readable columns sit between them (issue 19); the form's own fields keep its order.
    assert tuple(c for c in COLUMNS if c in form_spec.FIELDS) == form_spec.FIELDS
    assert set(form_spec.FIELDS) >= form_spec.FREE_TEXT


def test_delivery_accepts_exactly_the_specs_channels() -> None:
    assert all(_channels_ok([name]) for name in form_spec.CHANNELS)
    assert _channels_ok([form_spec.NO_CHANNEL]) and not _channels_ok(["fax"])


@pytest.mark.parametrize("field", sorted(form_spec.TEXT_FIELDS))
def test_each_text_limit_is_the_one_the_validator_enforces(field: str) -> None:
    limit = form_spec.TEXT_FIELDS[field].max_length
    if field == "phone":
        # A valid number spread out with spaces to the limit passes; one more space fails.
        spread = "+1" + " " * (limit - 12) + "2025550123"
        assert len(spread) == limit
        assert "phone" not in validate(valid_form(phone=spread))
        assert validate(valid_form(phone=spread.replace(" ", "  ", 1))).get("phone") == (
            PHONE_INVALID
        )
        return
    text = "a" * limit if field != "email" else "a" * 64 + "@" + "b" * (limit - 69) + ".org"
    assert len(text) == limit
    assert field not in validate(valid_form(**{field: text}))
    assert field in validate(valid_form(**{field: text + "a"}))
