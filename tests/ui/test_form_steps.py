"""The call-back form as steps (issue 18): one question a screen, Back and Next, a review with
Change buttons, the keyboard's Next and Done, keys that grow with the text, real radio
buttons, errors that clear once fixed, and the typed field always above the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.appointments.form_spec import STEPS
from kiosk.appointments.service import RequestService
from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.confirmation import ConfirmationScreen
from kiosk.ui.screenshots import set_look
from tests.ui.test_request_form import (
    FIRST,
    LAST,
    PHONE,
    click,
    fill_valid,
    form_of,
    next_step,
    type_on_screen,
)


@pytest.fixture
def kiosk(qtbot: QtBot, themed_app: object, mini_content: Content, data_dir: Path) -> MainWindow:
    service = RequestService(data_dir)
    window = MainWindow(mini_content, submit=service.submit, confirmation_ms=60_000)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield window
    service.close()


def shown_fields(window: MainWindow) -> set[str]:
    form = form_of(window)
    names = [*form.fields, "best_time", "reason", "consent"]
    widgets = {**form.fields, "best_time": form.best_time, "reason": form.reason}
    widgets["consent"] = form.consent
    return {n for n in names if widgets[n].isVisible()}


def test_one_question_a_step_with_back_and_next(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    assert form.progress.text() == "Step 1 of 5"
    assert shown_fields(kiosk) == {"first_name", "last_name"}
    assert not form.back_step.isVisible() and form.next_step.isVisible()
    type_on_screen(qtbot, form, "first_name", FIRST)
    type_on_screen(qtbot, form, "last_name", LAST)
    next_step(qtbot, form)
    assert form.progress.text() == "Step 2 of 5"
    assert shown_fields(kiosk) == {"phone", "email"}
    for big in (form.back_step, form.next_step):
        assert big.height() >= 72 and big.width() >= 200
    click(qtbot, form, "stepBackButton")
    assert form.progress.text() == "Step 1 of 5"
    assert form.fields["first_name"].text() == FIRST, "Back keeps what was typed"


def test_review_shows_every_answer_and_change_goes_back_to_it(
    qtbot: QtBot, kiosk: MainWindow
) -> None:
    form = fill_valid(qtbot, kiosk)
    answers = {step: label.text() for step, label in form.review.answers.items()}
    assert answers["name"] == f"{FIRST} {LAST}"
    assert answers["phone"] == PHONE and answers["best_time"] == "Evening"
    assert set(answers) == {name for name, _ in STEPS}
    click(qtbot, form, "change-phone")
    assert form.fields["phone"].isVisible() and not form.review.isVisible()
    type_on_screen(qtbot, form, "phone", "4")
    next_step(qtbot, form)  # after a Change, Next returns to the review
    assert form.review.isVisible()
    assert form.review.answers["phone"].text() == PHONE + "4"
    assert form.review.change["phone"].accessibleName() == "Change: Phone number"
    assert form.review.change["name"].accessibleName() == "Change: Name"


def test_the_keyboard_has_next_then_done(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    click(qtbot, form, "field-first_name")
    assert form.keyboard.keys["next"].text() == "Next"
    click(qtbot, form.keyboard, "key-next")
    assert QApplication.focusWidget() is form.fields["last_name"]
    assert form.keyboard.keys["next"].text() == "Done"
    click(qtbot, form.keyboard, "key-next")
    assert not form.keyboard.isVisible(), "Done puts the keyboard away"


def test_the_keyboard_hides_itself_on_steps_without_text(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    type_on_screen(qtbot, form, "first_name", FIRST)
    type_on_screen(qtbot, form, "last_name", LAST)
    next_step(qtbot, form)
    assert form.keyboard.isVisible(), "still typing: the phone field has the keys"
    assert QApplication.focusWidget() is form.fields["phone"]
    type_on_screen(qtbot, form, "phone", PHONE)
    next_step(qtbot, form)
    assert form.best_time.isVisible() and not form.keyboard.isVisible()


def key_sizes(form: object, names: list[str]) -> list[tuple[int, int]]:
    keys = form.keyboard.keys  # type: ignore[attr-defined]
    return [(keys[n].width(), keys[n].height()) for n in names]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800), (1080, 1920)])
def test_keys_grow_with_the_text_and_the_phone_pad_is_as_big(
    qtbot: QtBot, kiosk: MainWindow, size: tuple[int, int]
) -> None:
    kiosk.resize(*size)
    heights = []
    for scale in (1.0, 2.0):
        set_look(kiosk, scale, False)
        kiosk.open_request()
        form = form_of(kiosk)
        click(qtbot, form, "field-email")  # letters and digits
        qtbot.waitUntil(lambda f=form: f.keyboard.text_pad.isVisible())
        letters = key_sizes(form, list("qwertyuiop"))
        assert min(h for _, h in letters) >= 64 and min(w for w, _ in letters) >= 64
        heights.append(letters[0][1])
        click(qtbot, form, "field-phone")
        qtbot.waitUntil(lambda f=form: f.keyboard.phone_pad.isVisible())
        pad = [*"1234567890", "+", "backspace"]
        phone = key_sizes(form, [f"phone-{k}" for k in pad])
        assert len(phone) == 12, "a 12-key phone pad"
        assert min(w for w, _ in phone) >= letters[0][0] - 1
        assert min(h for _, h in phone) >= letters[0][1]
        kiosk.go_home()
    if size != (1280, 800):  # a short screen keeps room for the field above the keys
        assert heights[1] > heights[0], "200% text, bigger keys"


def test_choices_are_radio_buttons_with_a_visible_tick(qtbot: QtBot, kiosk: MainWindow) -> None:
    kiosk.open_request()
    form = form_of(kiosk)
    form.go_to(2)
    buttons = list(form.best_time.buttons.values())
    assert all(isinstance(b, QRadioButton) for b in buttons)
    face = QAccessible.queryAccessibleInterface(buttons[0])
    assert face is not None and face.role() == QAccessible.Role.RadioButton
    assert face.text(QAccessible.Text.Name) == "Morning"
    before = buttons[0].grab().toImage()
    click(qtbot, form, "choice-best_time-morning")
    after = buttons[0].grab().toImage()
    # The round box (left of the words) changes: the tick shows.
    box = [(x, y) for x in range(20, 100, 4) for y in range(10, buttons[0].height() - 10, 4)]
    assert sum(before.pixelColor(*p) != after.pixelColor(*p) for p in box) > len(box) // 10
    click(qtbot, form, "choice-best_time-evening")
    assert [b.isChecked() for b in buttons] == [False, False, True], "one at a time"


def test_an_error_clears_the_moment_it_is_fixed(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    next_step(qtbot, form)
    assert form.errors["first_name"].isVisible() and form.errors["last_name"].isVisible()
    type_on_screen(qtbot, form, "first_name", "Z")
    assert not form.errors["first_name"].isVisible(), "fixed: gone at once"
    assert form.errors["last_name"].isVisible() and form.summary.isVisible()
    type_on_screen(qtbot, form, "last_name", "Q")
    assert not form.errors["last_name"].isVisible() and not form.summary.isVisible()


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_field_being_typed_sits_above_the_keyboard(
    qtbot: QtBot, kiosk: MainWindow, shipped_content: Content, lang: str, scale: float
) -> None:
    """At 1280x800, the shortest screen, for every text field of every step."""
    window = MainWindow(shipped_content, lang)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    set_look(window, scale, False)
    window.open_request()
    form = form_of(window)
    for step, (_, fields) in enumerate(STEPS):
        form.go_to(step)
        for name in fields:
            if name not in form.fields:
                continue
            field = form.fields[name]
            click(qtbot, form, f"field-{name}")

            def above(field: QWidget = field) -> bool:
                top = field.mapTo(window, QPoint(0, 0)).y()
                keys = form.keyboard.mapTo(window, QPoint(0, 0)).y()
                view = form.scroll_area.viewport().mapTo(window, QPoint(0, 0)).y()
                return view <= top and top + field.height() <= keys

            qtbot.waitUntil(above)
            assert window.height() == 800, f"the window grew past the screen at {name}"
        form.keyboard_hide()
        assert window.height() == 800


def test_the_whole_way_through_ends_in_a_thank_you(qtbot: QtBot, kiosk: MainWindow) -> None:
    form = fill_valid(qtbot, kiosk)
    click(qtbot, form, "sendButton")
    assert isinstance(kiosk.current_screen, ConfirmationScreen)
