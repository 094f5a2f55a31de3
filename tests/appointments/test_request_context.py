"""What a request records besides the form (issue 19), and how staff read it: the
language, the reason in words, kiosk and site; local times with their offset."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.appointments import RequestStore
from kiosk.appointments.context import ReasonText, RequestContext
from kiosk.appointments.readable import language_words, local_time, origin_words, reason_words
from kiosk.appointments.service import RequestService, Saved
from tests.appointments.factories import MARKER, form

REASONS = {"treatment": ReasonText("Quiero hablar de tratamientos", "Treatment options")}


def test_the_service_records_language_reason_words_kiosk_and_site(data_dir: Path) -> None:
    service = RequestService(data_dir, kiosk_id="lobby-2", site="North clinic, 2nd floor")
    try:
        assert isinstance(service.submit(form(), REASONS, "es"), Saved)
    finally:
        service.close()
    with RequestStore(data_dir) as store:
        [record] = store.list()
    assert record.context == RequestContext(
        language="es",
        reason_shown="Quiero hablar de tratamientos",
        reason_staff="Treatment options",
        kiosk_id="lobby-2",
        site="North clinic, 2nd floor",
    )


def test_a_bad_language_code_is_left_out_but_the_request_is_saved(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    service = RequestService(data_dir)
    with caplog.at_level(logging.DEBUG):
        assert isinstance(service.submit(form(), REASONS, "Español!"), Saved)
    service.close()
    with RequestStore(data_dir) as store:
        [record] = store.list()
    assert record.context.language is None and record.context.kiosk_id is None
    assert MARKER not in caplog.text and "Español" not in caplog.text  # nothing typed logged


def test_reason_ids_alone_still_save_with_no_words(data_dir: Path) -> None:
    service = RequestService(data_dir)
    assert isinstance(service.submit(form(), {"treatment"}), Saved)
    service.close()
    with RequestStore(data_dir) as store:
        [record] = store.list()
    assert record.context == RequestContext()
    assert reason_words("treatment", record.context) == "treatment"


def test_local_time_is_minutes_with_the_offset_of_that_day() -> None:
    chicago = ZoneInfo("America/Chicago")
    winter = datetime(2026, 12, 1, 19, 48, 18, 330117, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 19, 48, 59, tzinfo=UTC)
    assert local_time(winter, chicago) == "2026-12-01 13:48 (UTC-06:00)"
    assert local_time(summer, chicago) == "2026-07-01 14:48 (UTC-05:00)"
    assert local_time(winter, ZoneInfo("Asia/Kolkata")) == "2026-12-02 01:18 (UTC+05:30)"
    assert local_time(winter, UTC) == "2026-12-01 19:48 (UTC+00:00)"
    system = local_time(winter)  # the system's zone
    assert system.startswith(winter.astimezone().strftime("%Y-%m-%d %H:%M (UTC"))


def test_language_in_words() -> None:
    assert language_words("es") == "Spanish / Español"
    assert language_words("en") == "English"
    assert language_words("pt-BR") == "Portuguese / Português"
    assert language_words("xx") == "xx"
    assert language_words(None) == "not recorded"


def test_origin_in_words() -> None:
    both = RequestContext(kiosk_id="lobby-2", site="North clinic")
    assert origin_words(both) == "North clinic (kiosk lobby-2)"
    assert origin_words(RequestContext(kiosk_id="lobby-2")) == "kiosk lobby-2"
    assert origin_words(RequestContext()) == "not recorded"
