"""The requests page's words, without Qt: newest first, local time in the kiosk's time zone,
best time and reason in words, and `language`, `site` and `kiosk_id` shown only when a
record carries them (databases from before issue 19 do not)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.appointments.records import StoredRequest
from kiosk.appointments.request import AppointmentRequest
from kiosk.content import Content, load_content
from kiosk.design.i18n import trn
from kiosk.design.plurals import language_in_words, plural_category
from kiosk.staff.request_view import newest_first, view
from tests.conftest import MINI


@dataclass(frozen=True)
class Context:
    """What the other half of issue 19 stores with a request (its RequestContext)."""

    language: str | None = "es"
    reason_shown: str | None = "Saber más"
    reason_staff: str | None = "Learn more (as stored)"
    kiosk_id: str | None = "lobby-2"
    site: str | None = "North clinic, 2nd floor"


@dataclass(frozen=True)
class NewerRecord(StoredRequest):
    context: Context = Context()  # type: ignore[assignment]


def request(first: str, reason: str = "learn-more") -> AppointmentRequest:
    return AppointmentRequest(first, "García", "+12025550123", "evening", reason, True)


def mini() -> Content:
    return load_content(MINI / "content.yaml").content


def test_a_newer_record_shows_its_language_site_and_kiosk_in_words() -> None:
    record = NewerRecord(
        "1", "K7M3QX", datetime(2026, 12, 1, 19, 48, tzinfo=UTC), "new", request("María")
    )
    fields = dict(view(record, mini(), "en", "America/Chicago").fields)
    assert fields["Call back in"] == "Spanish / Español"
    assert fields["Site"] == "North clinic, 2nd floor" and fields["Kiosk"] == "lobby-2"
    assert fields["Sent"] == "Dec 1, 2026, 1:48\u202fPM CST"
    assert fields["Best time to call"] == "Evening" and fields["Reason"] == "Learn more"
    # Out of service (no content): the words stored with the request.
    assert dict(view(record, None, "en").fields)["Reason"] == "Learn more (as stored)"
    spanish = dict(view(record, mini(), "es", "America/Chicago").fields)
    assert spanish["Llamar en"] == "Español" and spanish["Enviada"] == "1 dic 2026, 13:48 CST"
    assert spanish["Motivo"] == "Saber más" and spanish["Estado"] == "nueva"


def test_an_older_record_has_no_language_site_or_kiosk_lines() -> None:
    record = StoredRequest(
        "1", "K7M3QX", datetime(2026, 12, 1, 19, 48, tzinfo=UTC), "new", request("Ana")
    )
    labels = [label for label, _ in view(record, None, "en").fields]
    assert "Call back in" not in labels and "Site" not in labels and "Kiosk" not in labels
    # No content at all (out of service): the reason's id rather than nothing.
    assert dict(view(record, None, "en").fields)["Reason"] == "learn-more"


def test_a_reason_about_a_topic_names_the_topic() -> None:
    record = StoredRequest(
        "1", "K7M3QX", datetime(2026, 12, 1, tzinfo=UTC), "new", request("Ana", "alpha-one")
    )
    reason = dict(view(record, mini(), "es").fields)["Motivo"]
    assert reason.startswith("Sobre: ")


def test_newest_first() -> None:
    old = StoredRequest("1", "AAAAAA", datetime(2026, 1, 1, tzinfo=UTC), "new", request("Old"))
    new = StoredRequest("2", "BBBBBB", datetime(2026, 1, 2, tzinfo=UTC), "new", request("New"))
    assert [v.reference for v in newest_first([old, new], None, "en")] == ["BBBBBB", "AAAAAA"]


def test_plural_forms_follow_each_language() -> None:
    assert [plural_category(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]
    assert plural_category(1_000_000, "es") == "many"  # CLDR; the text falls back to "other"
    assert trn("staff_new_waiting", "es", 1_000_000).startswith("1000000 solicitudes")
    assert trn("staff_seconds", "es", 1) == "1 segundo"
    assert trn("staff_seconds", "fr", 2) == "2 seconds", "a language without the phrase: English"
    assert language_in_words("en", "es") == "Inglés / English"


def test_the_usb_export_gives_times_in_the_kiosks_time_zone(data_dir: Path, tmp_path: Path) -> None:
    import csv

    from kiosk.appointments import RequestStore
    from kiosk.staff.desk import StaffDesk
    from tests.appointments.factories import FakeClock, request

    with RequestStore(data_dir, clock=FakeClock()) as store:
        store.save(request())
    no_content = None  # the export needs none
    desk = StaffDesk(
        data_dir, no_content, lambda say: 0, lambda c: None, time_zone="America/Chicago"
    )  # type: ignore[arg-type]
    message = desk.export_requests(tmp_path / "usb")
    [written] = (tmp_path / "usb").glob("*.csv")
    rows = list(csv.DictReader(written.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 1 and "1 " in message
    assert rows[0]["local_time"].endswith(("(UTC-06:00)", "(UTC-05:00)")), rows[0]["local_time"]
