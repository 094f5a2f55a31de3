"""The urgent page tells patients to call the kiosk's `emergency_number` setting, in every
language, wherever content reaches the screen: the first window, a saved edit (at once on
the start screen, or offered for the next reset), and the preview (issue 19)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content import Content
from kiosk.patient.navigation import Route, RouteKind
from kiosk.ui.display import build_window
from kiosk.ui.main_window import MainWindow

URGENT = "urgent-warning-signs"
CALL = {
    "en": "call emergency services at 112.",
    "es": "llame a los servicios de emergencia al 112.",
}


def shown_text(window: MainWindow) -> str:
    labels = window.current_screen.findChildren(QLabel)
    return " ".join(" ".join(label.text() for label in labels).split())


@pytest.fixture
def urgent_window(
    qtbot: QtBot, themed_app: object, shipped_content: Content
) -> Iterator[MainWindow]:
    window = build_window(shipped_content, "en", emergency_number="112")
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_urgent_page_shows_the_configured_number(urgent_window: MainWindow, lang: str) -> None:
    urgent_window.set_language(lang)
    urgent_window.show_route(Route(RouteKind.TOPIC, URGENT))
    text = shown_text(urgent_window)
    assert CALL[lang] in text
    assert "{" not in text and "911" not in text


def test_the_default_number_is_911(
    qtbot: QtBot, themed_app: object, shipped_content: Content
) -> None:
    window = build_window(shipped_content, "es")
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.show_route(Route(RouteKind.TOPIC, URGENT))
    assert "llame a los servicios de emergencia al 911." in shown_text(window)
    window.deleteLater()


def with_placeholder(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    old = "- text: {en: Short., es: Corto.}"
    assert old in content
    path.write_text(content.replace(old, f"- text: {text}"), encoding="utf-8")


def alpha_two_text(kiosk: Kiosk) -> tuple[str, str]:
    assert isinstance(kiosk.window, MainWindow)
    found = kiosk.window.content.topic("alpha-two")
    assert found is not None
    block = found[1].body[0]
    text = getattr(block, "text")  # noqa: B009 - a TextBlock: mypy need not know
    return text.get("en"), text.get("es")


PLACEHOLDER = "{en: 'Call {emergency_number}.', es: 'Llame al {emergency_number}.'}"


def test_the_kiosk_fills_in_its_setting_at_start_and_on_a_saved_edit(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path
) -> None:
    path = mini_dir / "content.yaml"
    with_placeholder(path, PLACEHOLDER)
    kiosk = make_kiosk(emergency_number="112")  # type: ignore[operator]
    assert alpha_two_text(kiosk) == ("Call 112.", "Llame al 112.")
    # A saved edit on the start screen replaces the content at once ...
    with qtbot.waitSignal(kiosk.watcher.changed, timeout=5000):
        text = path.read_text(encoding="utf-8").replace("'Call {", "'Now call {")
        path.write_text(text, encoding="utf-8")
    assert alpha_two_text(kiosk) == ("Now call 112.", "Llame al 112.")
    # ... and one during a session is offered for the next reset: filled in as well.
    kiosk.window.wake()
    kiosk.window.open_section("alpha")
    with qtbot.waitSignal(kiosk.watcher.changed, timeout=5000):
        path.write_text(text.replace("'Now call {", "'Please call {"), encoding="utf-8")
    kiosk.window.reset_session()
    assert alpha_two_text(kiosk) == ("Please call 112.", "Llame al 112.")
