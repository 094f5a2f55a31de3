"""The staff menu's sentences in English and Spanish, counted in the right plural form."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.appointments.outbox import Summary
from kiosk.content.errors import ContentError
from kiosk.content.source import ContentState, Loaded
from kiosk.staff.status_words import (
    delivery_line,
    describe_content,
    out_of_service_reason,
    wait_text,
)


def test_lockout_waits_in_words() -> None:
    assert [wait_text(s) for s in (1, 30, 90, 3600)] == [
        "1 second",
        "30 seconds",
        "2 minutes",
        "60 minutes",
    ]
    assert wait_text(1, "es") == "1 segundo" and wait_text(120, "es") == "2 minutos"


def test_delivery_line_in_both_languages() -> None:
    one = Summary(waiting=1, overdue=1, problems={"email": "timeout"}, retrying=1)
    assert delivery_line(one) == (
        "Delivery: 1 request waiting to be delivered, 1 for more than an hour "
        "(last problem: email timeout)"
    )
    refused = Summary(waiting=2, overdue=0, problems={}, refused=2, refusals={"fhir": "400"})
    assert delivery_line(refused, "es").startswith(
        "Envío: 2 solicitudes RECHAZADAS por el servidor de la clínica (fhir 400), no se reintenta"
    )
    assert delivery_line(Summary(0, 0, {}), "es") == "Envío: todas las solicitudes se han entregado"


def test_out_of_service_content_says_why_with_places() -> None:
    errors = [
        ContentError(Path("/srv/kiosk/content.yaml"), line, 3, f"problem {line}")
        for line in (12, 20, 30, 40, 50)
    ]
    state = ContentState(Loaded(None, errors), errors[0].path, datetime(2026, 12, 1, 9, 30))
    ok, lines = describe_content(state, "es")
    assert not ok
    assert lines[0] == "El archivo de contenido tiene errores y no hay ninguna copia buena"
    assert "/srv/kiosk/content.yaml:12:3: problem 12" in lines
    assert lines[-1] == "... y 2 errores más; ejecute `python main.py validate`"
    reason = out_of_service_reason(state)
    assert reason == "Reason for staff: content.yaml:12:3: problem 12"
    long = ContentError(Path("content.yaml"), 1, 1, "x" * 500)
    short = out_of_service_reason(ContentState(Loaded(None, [long]), long.path, state.at), "es")
    assert short.startswith("Motivo, para el personal: content.yaml:1:1: xxx")
    assert short.endswith("…") and len(short) < 180
    assert out_of_service_reason(ContentState(Loaded(None), Path("c.yaml"), state.at)) == (
        "Reason for staff: no usable content; see the kiosk log"
    )
