"""A request records the language the patient used when sending, and the reason in the
words they saw as well as in the staff language (issue 19), through the real form and the
real request service."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.appointments.context import ReasonText
from kiosk.appointments.service import RequestService, Saved
from kiosk.appointments.store import RequestStore
from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from tests.appointments.factories import form
from tests.ui.test_request_form import FIRST, LAST, PHONE, click, form_of, next_step
from tests.ui.test_request_form import type_on_screen as type_in


@pytest.fixture
def service(data_dir: Path) -> Iterator[RequestService]:
    service = RequestService(data_dir, kiosk_id="lobby-2", site="North clinic")
    yield service
    service.close()


def window_for(qtbot: QtBot, content: Content, service: RequestService) -> MainWindow:
    window = MainWindow(content, submit=service.submit, confirmation_ms=60_000)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    return window


def send_from_review(qtbot: QtBot, window: MainWindow) -> None:
    form = form_of(window)
    next_step(qtbot, form)  # the reason step, answered, to the consent step
    click(qtbot, form, "field-consent")
    next_step(qtbot, form)
    click(qtbot, form, "sendButton")


def test_a_request_sent_in_spanish_records_spanish_and_both_labels(
    qtbot: QtBot, themed_app: object, mini_content: Content, data_dir: Path, service: RequestService
) -> None:
    window = window_for(qtbot, mini_content, service)
    click(qtbot, window, "tile-request")
    form = form_of(window)
    type_in(qtbot, form, "first_name", FIRST)
    type_in(qtbot, form, "last_name", LAST)
    next_step(qtbot, form)
    type_in(qtbot, form, "phone", PHONE)
    next_step(qtbot, form)
    click(qtbot, form, "choice-best_time-evening")
    next_step(qtbot, form)
    click(qtbot, form, "choice-reason-learn-more")
    click(qtbot, window, "languageButton")  # the patient switches before sending
    assert window.lang == "es"
    send_from_review(qtbot, window)
    with RequestStore(data_dir) as store:
        [record] = store.list()
    ctx = record.context
    assert ctx.language == "es"
    assert (ctx.reason_shown, ctx.reason_staff) == ("Saber más", "Learn more")
    assert (ctx.kiosk_id, ctx.site) == ("lobby-2", "North clinic")
    assert record.request.reason == "learn-more"


def test_a_topic_as_the_reason_is_recorded_in_words(
    qtbot: QtBot, themed_app: object, mini_content: Content, data_dir: Path, service: RequestService
) -> None:
    window = window_for(qtbot, mini_content, service)
    window.set_language("es")
    window.open_topic("alpha-one")
    click(qtbot, window, "requestButton")
    form = form_of(window)
    type_in(qtbot, form, "first_name", FIRST)
    type_in(qtbot, form, "last_name", LAST)
    next_step(qtbot, form)
    type_in(qtbot, form, "phone", PHONE)
    next_step(qtbot, form)
    click(qtbot, form, "choice-best_time-morning")
    next_step(qtbot, form)  # the topic is already the reason
    send_from_review(qtbot, window)
    with RequestStore(data_dir) as store:
        [record] = store.list()
    assert record.request.reason == "alpha-one"
    assert record.context.language == "es"
    assert record.context.reason_staff == "About: Alpha one"
    assert record.context.reason_shown is not None
    assert record.context.reason_shown.startswith("Sobre: ")


def test_the_composed_kiosk_stores_its_identity_and_hands_delivery_its_time_zone(
    make_kiosk: Callable[..., Kiosk], mini_dir: Path
) -> None:
    """kiosk/app.py passes kiosk_id and site to the request service and time_zone to the
    delivery (issue 19): what the settings say is what every request carries."""
    kiosk = make_kiosk(kiosk_id="lobby-2", site="North clinic", time_zone="America/Chicago")
    reasons = {"learn-more": ReasonText("Saber más", "Learn more")}
    assert isinstance(kiosk.service.submit(form(reason="learn-more"), reasons, "es"), Saved)
    kiosk.service.close()
    with RequestStore(mini_dir / "data") as store:
        [record] = store.list()
    assert (record.context.kiosk_id, record.context.site) == ("lobby-2", "North clinic")
    assert kiosk.delivery.time_zone == "America/Chicago"
