"""Two patient journeys on the real full-screen kiosk, with real input only (xdotool):
the idle reset after a walk-away (issue 4) and the call-back form typed with the physical
keyboard and the on-screen keys (issue 5).

Where to click comes from the offscreen twin (see conftest.py), which is put through every
step the real kiosk is put through, so it is always in the same state: same screen, same
focus, same on-screen keyboard, same scroll position.
"""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.request_form import RequestFormScreen
from tests.conftest import ROOT
from tests.e2e.conftest import (
    SCREEN_H,
    SCREEN_W,
    Kiosk,
    KioskStarter,
    PixelReader,
    centre,
    find,
    poll,
    reachable,
    settle,
)

pytestmark = pytest.mark.e2e

START = "Test clinic - start"
HOME = "Test clinic - Learn about back pain after surgery"
SECTION = "Test clinic - Alpha section"
TOPIC = "Test clinic - Alpha one"
FORM = "Test clinic - Ask the clinic to call you"
THANKS = "Test clinic - Thank you"
FIRST, LAST, PHONE = "Zoe", "Qwyxlade", "2025550123"


@dataclass
class Both:
    """Each step done on the real kiosk with real input, then the same way on the twin."""

    kiosk: Kiosk
    twin: MainWindow

    def tap(self, name: str, mirror: bool = True) -> None:
        """A real click on the middle of the widget named `name` (checked to land on it),
        or, when its middle is below the fold, on the middle of the part a patient sees."""
        widget = find(self.twin, name)
        x, y = touch_point(self.twin, widget)
        self.kiosk.click(x, y)
        if mirror:
            local = widget.mapFrom(self.twin, QPoint(x, y))
            QTest.mouseClick(
                widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local
            )
            settle()

    def type(self, text: str) -> None:
        """Type on the physical keyboard into whatever has the keyboard focus."""
        self.kiosk.type(text)
        QTest.keyClicks(focused(), text)
        settle()

    def tab(self) -> None:
        self.kiosk.key("Tab")
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        settle()

    def reach(self, name: str, limit: int = 20) -> None:
        """Bring a widget from under the on-screen keyboard, or from below the fold, into
        reach the way a keyboard user does: Tab moves the focus on, and the form scrolls
        whatever has the focus into view."""
        widget = find(self.twin, name)
        for _ in range(limit):
            if reachable(self.twin, widget):
                return
            self.tab()
        raise AssertionError(f"{limit} Tabs did not bring {name} into reach")

    def scroll_to_end(self, area: QScrollArea) -> None:
        """Turn the real mouse wheel over the form until it can go no further."""
        bar, viewport = area.verticalScrollBar(), area.viewport()
        # Every notch scrolls at least one line (three by default); the spare notches press
        # against the end, so the real and twin forms both end up exactly at the bottom.
        notches = math.ceil((bar.maximum() - bar.value()) / bar.singleStep()) + 2
        # In the empty margin left of the form's column: the wheel goes to the scroll area.
        spot = QPoint(60, viewport.height() // 2)
        x, y = viewport.mapTo(self.twin, spot).toTuple()
        assert self.twin.childAt(x, y) is area.widget(), "the wheel spot is not in the margin"
        self.kiosk.wheel_down(x, y, notches)
        for _ in range(notches):
            notch = QWheelEvent(
                QPointF(spot), QPointF(viewport.mapToGlobal(spot)), QPoint(), QPoint(0, -120),
                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase, False,
            )  # fmt: skip
            QApplication.sendEvent(viewport, notch)
        settle()
        assert bar.value() == bar.maximum() > 0


def touch_point(window: MainWindow, widget: QWidget) -> tuple[int, int]:
    if reachable(window, widget):
        return centre(window, widget)
    rows = [
        y
        for y in range(0, widget.height(), 2)
        if window.childAt(widget.mapTo(window, QPoint(widget.width() // 2, y))) is widget
    ]
    assert len(rows) >= 10, f"less than 20 px of {widget.objectName()} can be touched"
    point = widget.mapTo(window, QPoint(widget.width() // 2, rows[len(rows) // 2]))
    return point.x(), point.y()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus in the twin"
    return widget


def wake(kiosk: Kiosk) -> None:
    """The kiosk starts on the calm start screen; a touch anywhere only wakes it."""
    kiosk.wait_full_screen()
    kiosk.wait_for_name(START)
    kiosk.click(SCREEN_W // 2, SCREEN_H // 2)
    kiosk.wait_for_name(HOME)


def requests_cli(data_dir: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "main.py", "requests", *args, "--data-dir", str(data_dir)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"requests {' '.join(args)} failed: {done.stderr}"
    return done.stdout


def test_walking_away_from_a_topic_returns_to_the_start_screen(
    start_kiosk: KioskStarter, twin: MainWindow, pixels: PixelReader
) -> None:
    timeout_s, warning_s = 5.0, 3.0
    kiosk = start_kiosk("--idle-timeout", f"{timeout_s:g}", "--idle-warning", f"{warning_s:g}")
    both = Both(kiosk, twin)
    wake(kiosk)
    both.tap("tile-alpha")
    kiosk.wait_for_name(SECTION)
    assert twin.windowTitle() == SECTION

    last_touch = time.monotonic()  # the kiosk sees the last click after this
    both.tap("row-alpha-one")
    kiosk.wait_for_name(TOPIC)
    assert twin.windowTitle() == TOPIC
    kiosk.screenshot("1-topic")
    # Long screens get extra reading time; the twin counts the same words on the same screen.
    reading_s = twin.reading_time_bonus()
    assert 0 < reading_s < 30, "the mini content's topic is short"
    quiet_s = timeout_s + reading_s + warning_s

    # The warning's scrim darkens the whole window: watch a spot of plain page background.
    spot = (20, SCREEN_H // 2)
    page = twin.current_screen.scroll_area.widget()
    assert twin.childAt(*spot) is page, "the spot is not plain page background"
    assert pixels.lightness(*spot) > 200, "the page background is not light"
    warned_after: float | None = None

    def start_screen() -> bool:
        nonlocal warned_after
        # The pixel first: the title says "start" before the start screen is painted, so a
        # dark pixel seen before a title other than "start" is the warning, not that screen.
        dark = pixels.lightness(*spot) < 128
        kiosk.alive()
        if kiosk.name() == START:
            return True
        if dark and warned_after is None:
            warned_after = time.monotonic() - last_touch
        return False

    # Hands off: no input at all from here on.
    poll("the start screen", start_screen, timeout=quiet_s + 10)
    waited = time.monotonic() - last_touch
    kiosk.screenshot("2-start-again")
    assert waited >= quiet_s, (
        f"the screen cleared after {waited:.1f} s, before the {timeout_s:g} s timeout + "
        f"{reading_s:g} s reading time + {warning_s:g} s warning"
    )
    assert warned_after is not None, "the screen cleared with no 'still there?' warning"
    assert warned_after >= timeout_s + reading_s, f"warned after only {warned_after:.1f} s"
    kiosk.alive()


def test_call_back_form_with_physical_and_on_screen_keyboards(
    kiosk: Kiosk, twin: MainWindow
) -> None:
    both = Both(kiosk, twin)
    wake(kiosk)
    both.tap("tile-request")
    kiosk.wait_for_name(FORM)
    assert twin.windowTitle() == FORM
    form = twin.current_screen
    assert isinstance(form, RequestFormScreen)

    # First name: tap the field, type on the physical keyboard.
    both.tap("field-first_name")
    assert form.keyboard.isVisible() and form.keyboard.text_pad.isVisible()
    both.type(FIRST)
    assert form.fields["first_name"].text() == FIRST

    # Last name: the keyboard's Next key goes there; the on-screen keys type it, and the
    # first letter of an empty name is a capital. Done puts the keyboard away.
    both.tap("key-next")
    assert form.fields["last_name"].hasFocus()
    for char in LAST.lower():
        both.tap(f"key-{char}")
    assert form.fields["last_name"].text() == LAST
    both.tap("key-next")
    assert not form.keyboard.isVisible()
    both.tap("nextButton")

    # Phone, a step of its own: the number pad replaces the letters.
    both.tap("field-phone")
    assert form.keyboard.phone_pad.isVisible() and not form.keyboard.text_pad.isVisible()
    for digit in PHONE:
        both.tap(f"key-phone-{digit}")
    assert form.fields["phone"].text() == PHONE
    both.tap("key-phone-next")  # on to the e-mail field, left empty
    both.tap("key-next")  # Done
    both.tap("nextButton")

    # Best time and reason: steps without text, so no keyboard.
    assert not form.keyboard.isVisible()
    both.tap("choice-best_time-evening")
    both.tap("nextButton")
    both.tap("choice-reason-learn-more")
    both.tap("nextButton")

    # Consent, then the review, where Send is.
    both.reach("field-consent")
    both.tap("field-consent")
    both.reach("nextButton")
    both.tap("nextButton")
    assert form.review.isVisible()
    both.reach("sendButton")
    assert form.values() == {
        "first_name": FIRST, "last_name": LAST, "phone": PHONE, "email": "", "note": "",
        "best_time": "evening", "reason": "learn-more", "consent": True,
    }  # fmt: skip
    kiosk.screenshot("1-form-filled")
    both.tap("sendButton", mirror=False)  # the twin has nowhere to save to
    kiosk.wait_for_name(THANKS)
    kiosk.screenshot("2-thank-you")

    # Staff get the full record from `export`; `list` shows no name or phone number.
    exported = list(
        csv.DictReader(io.StringIO(requests_cli(kiosk.data_dir, "export", "--format", "csv")))
    )
    assert len(exported) == 1, exported
    row = exported[0]
    assert (row["first_name"], row["last_name"], row["phone"]) == (FIRST, LAST, "+1" + PHONE)
    assert (row["best_time"], row["reason"]) == ("evening", "learn-more")
    # ... with the language used, the reason in words and the kiosk it came from (issue 19).
    assert (row["language"], row["reason_text"]) == ("English", "Learn more")
    assert row["kiosk"] and row["local_time"].endswith(")")
    listed = requests_cli(kiosk.data_dir, "list")
    assert row["reference"] in listed
    for secret in (FIRST, LAST, PHONE):
        assert secret not in listed, f"`requests list` shows {secret!r}"
    kiosk.alive()


@pytest.mark.screen(1280, 800)
def test_a_spanish_call_back_on_a_small_screen_keeps_its_code_in_view(
    kiosk: Kiosk, twin: MainWindow
) -> None:
    """Issue 18, end to end at 1280x800 with real clicks only: the patient chooses Spanish
    on the start screen, opens the call-back from the top bar and answers one question per
    step on the on-screen keys; the request is stored with the Spanish session, and the
    reference code is still on the screen half a minute after Send."""
    both = Both(kiosk, twin)
    twin.reset_session()  # the twin, too, on the start screen between patients
    settle()
    kiosk.wait_full_screen()
    kiosk.wait_for_name(START)
    both.tap("start-es")  # the first touch wakes the kiosk and chooses the language
    assert twin.lang == "es"
    kiosk.wait_for_name(twin.windowTitle())
    assert twin.windowTitle().startswith("Clínica de prueba - ")
    both.tap("callButton")
    form = twin.current_screen
    assert isinstance(form, RequestFormScreen)
    kiosk.wait_for_name(twin.windowTitle())

    def step(n: int) -> None:
        assert form.progress.text() == f"Paso {n} de 5", form.progress.text()

    # Step 1, the name: the on-screen letters, each key in view above the keyboard.
    step(1)
    both.tap("field-first_name")
    for char in "ana":
        both.tap(f"key-{char}")
    both.tap("key-next")
    assert form.fields["last_name"].hasFocus()
    for char in "ruiz":
        both.tap(f"key-{char}")
    assert (form.fields["first_name"].text(), form.fields["last_name"].text()) == ("Ana", "Ruiz")
    both.tap("key-next")  # Done: the keyboard goes away, Next is in view
    assert not form.keyboard.isVisible()
    both.tap("nextButton")

    # Step 2, the phone, on the 12-key number pad.
    step(2)
    both.tap("field-phone")
    assert form.keyboard.phone_pad.isVisible() and not form.keyboard.text_pad.isVisible()
    for digit in PHONE:
        both.tap(f"key-phone-{digit}")
    both.tap("key-phone-next")
    both.tap("key-next")
    both.tap("nextButton")

    # Steps 3 and 4: choices, no keyboard.
    step(3)
    assert not form.keyboard.isVisible()
    both.tap("choice-best_time-morning")
    both.tap("nextButton")
    step(4)
    both.tap("choice-reason-learn-more")
    both.tap("nextButton")

    # Step 5, consent; then the review and Send.
    step(5)
    both.reach("field-consent")
    both.tap("field-consent")
    both.reach("nextButton")
    both.tap("nextButton")
    assert form.review.isVisible()
    both.reach("sendButton")
    kiosk.screenshot("es-1280-review")
    both.tap("sendButton", mirror=False)  # the twin has nowhere to save to
    thanks = "Clínica de prueba - Gracias"
    kiosk.wait_for_name(thanks)

    exported = list(
        csv.DictReader(io.StringIO(requests_cli(kiosk.data_dir, "export", "--format", "csv")))
    )
    assert len(exported) == 1, exported
    row = exported[0]
    assert (row["first_name"], row["last_name"], row["phone"]) == ("Ana", "Ruiz", "+1" + PHONE)
    assert (row["language"], row["language_code"]) == ("Spanish / Español", "es")
    assert (row["best_time"], row["reason"], row["reason_as_shown"]) == (
        "morning", "learn-more", "Saber más",
    )  # fmt: skip

    # The code stays for the patient to copy (60 s by default): half a minute after Send
    # the thank-you screen, with its code, is still there.
    sent = time.monotonic()
    while time.monotonic() - sent < 30:
        assert kiosk.name() == thanks, "the thank-you screen left before its time"
        kiosk.alive()
        time.sleep(1)  # observing that nothing changes, not waiting for something to happen
    kiosk.screenshot("es-1280-thank-you-30s")
