"""Speech mode (A1) with Qt's `mock` engine: one button reads the screen, each new screen
is read from the top, repeat/pause/stop/volume work, a touch elsewhere stops it, the idle
countdown waits while it speaks, and it resets with the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.appointments.service import Invalid, Outcome
from kiosk.content import Content
from kiosk.ui.idle import IdleController, IdleState
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.speech import MAX_VOLUME, MIN_VOLUME, Speaker, pick_locale


class Words:
    """Every word the engine says, in order."""

    def __init__(self, speaker: Speaker):
        self.said: list[str] = []
        assert speaker._tts is not None
        speaker._tts.sayingWord.connect(lambda word, *_: self.said.append(word))

    @property
    def text(self) -> str:
        return " ".join(self.said)


def invalid(values: object, reasons: object, lang: str) -> Outcome:
    return Invalid({"first_name": "required"})


@pytest.fixture
def speaker(themed_app: object) -> Iterator[Speaker]:
    speaker = Speaker("mock")
    assert speaker.available, speaker.reason
    yield speaker
    speaker.stop()


@pytest.fixture
def window(qtbot: QtBot, themed_app: object, mini_content: Content, speaker: Speaker) -> MainWindow:
    window = MainWindow(mini_content, "en", submit=invalid, speaker=speaker)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.wake()
    return window


def click(window: MainWindow, name: str) -> None:
    from PySide6.QtWidgets import QWidget

    widget = window.findChild(QWidget, name)
    assert widget is not None and widget.isVisible(), name
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_spanish_voice_reads_spanish() -> None:
    locales = [QLocale(n) for n in ("en_GB", "es_ES", "en_US", "es_MX", "fi_FI")]
    assert pick_locale(locales, "es").name() == "es_MX"  # type: ignore[union-attr]
    assert pick_locale(locales, "en").name() == "en_US"  # type: ignore[union-attr]
    assert pick_locale([QLocale("es_ES")], "es").name() == "es_ES"  # type: ignore[union-attr]
    assert pick_locale(locales[:1], "es") is None


def test_listen_reads_the_screen_then_each_new_screen(
    qtbot: QtBot, window: MainWindow, speaker: Speaker
) -> None:
    words = Words(speaker)
    assert window.access.speech.isVisible()
    click(window, "speechButton")
    assert window.access.controls.isVisible()
    qtbot.waitUntil(lambda: not speaker.busy, timeout=20_000)
    assert "Learn about back pain after surgery" in words.text  # the home heading
    assert "Alpha section" in words.text  # a tile
    words.said.clear()
    click(window, "tile-alpha")
    qtbot.waitUntil(lambda: not speaker.busy, timeout=20_000)
    assert words.said[:2] == ["Alpha", "section"]  # the new screen, from the top


def test_pause_continue_repeat_stop_and_volume(
    qtbot: QtBot, window: MainWindow, speaker: Speaker
) -> None:
    words = Words(speaker)
    click(window, "speechButton")
    qtbot.waitUntil(lambda: speaker.state == QTextToSpeech.State.Speaking)
    click(window, "pauseButton")
    qtbot.waitUntil(lambda: speaker.paused)
    assert window.access.pause.text() == "Continue" and speaker.busy
    click(window, "pauseButton")
    qtbot.waitUntil(lambda: speaker.state == QTextToSpeech.State.Speaking)
    click(window, "stopButton")
    assert not speaker.busy
    words.said.clear()
    click(window, "repeatButton")
    qtbot.waitUntil(lambda: not speaker.busy, timeout=20_000)
    assert words.said[:1] == ["Learn"]  # from the top again
    for _ in range(10):
        click(window, "louderButton")
    assert window.session.volume == MAX_VOLUME and speaker._tts.volume() == pytest.approx(1.0)  # type: ignore[union-attr]
    for _ in range(10):
        click(window, "quieterButton")
    assert window.session.volume == MIN_VOLUME
    assert "25%" in window.access.quieter.accessibleName()


def test_a_touch_elsewhere_stops_the_reading(
    qtbot: QtBot, window: MainWindow, speaker: Speaker
) -> None:
    click(window, "speechButton")
    qtbot.waitUntil(lambda: speaker.state == QTextToSpeech.State.Speaking)
    heading = window.current_screen.findChildren(QLabel)[0]
    QTest.mouseClick(heading, Qt.MouseButton.LeftButton)
    assert not speaker.busy
    assert window.session.speech_on  # still on: the next screen will be read


def test_form_fields_are_read_with_label_value_and_error(
    qtbot: QtBot, window: MainWindow, speaker: Speaker
) -> None:
    window.open_request()
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    form.fields["last_name"].setText("Quill")
    form.send.click()
    lines = form.spoken_lines()
    at = lines.index("First name")
    assert lines[at + 1] == "empty"
    assert "Please" in lines[at + 2] or "first name" in lines[at + 2].lower()  # its error
    last = lines.index("Last name")
    assert lines[last + 1] == "Quill"


def test_idle_countdown_waits_while_speaking(
    qtbot: QtBot, window: MainWindow, speaker: Speaker
) -> None:
    now = [1000.0]
    idle = IdleController(60, 10, clock=lambda: now[0], busy=lambda: speaker.busy, parent=window)
    idle.wake()
    click(window, "speechButton")
    qtbot.waitUntil(lambda: speaker.state == QTextToSpeech.State.Speaking)
    click(window, "pauseButton")  # paused mid-screen still counts as listening
    qtbot.waitUntil(lambda: speaker.paused)
    now[0] += 600
    idle.poll()
    assert idle.state is IdleState.ACTIVE
    click(window, "stopButton")
    now[0] += 61
    idle.poll()
    assert idle.state is IdleState.WARNING


def test_spanish_without_a_spanish_voice_hides_listen(
    qtbot: QtBot, window: MainWindow, speaker: Speaker
) -> None:
    assert "es" not in speaker.languages()  # the mock engine has no Spanish voice
    click(window, "speechButton")
    window.set_language("es")
    assert not window.access.speech.isVisible() and not window.session.speech_on
    assert not speaker.busy


def test_reset_turns_speech_off_and_restores_the_volume(
    qtbot: QtBot, window: MainWindow, speaker: Speaker
) -> None:
    click(window, "speechButton")
    click(window, "louderButton")
    window.reset_session()
    assert not speaker.busy
    assert not window.session.speech_on and window.session.volume == 0.7
    window.wake()
    assert not window.access.controls.isVisible()


def test_no_engine_hides_the_button_and_says_why(
    qtbot: QtBot, themed_app: object, mini_content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    speaker = Speaker("no-such-engine")
    assert not speaker.available and "no speech engine" in speaker.reason
    assert "speech: off" in caplog.text
    window = MainWindow(mini_content, "en", speaker=speaker)
    qtbot.addWidget(window)
    window.show()
    window.wake()
    assert not window.access.speech.isVisible()
