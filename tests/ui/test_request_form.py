"""The call-back form end to end: on-screen keyboard, physical keyboard, inline errors,
'thank you' only after COMMIT, the front-desk message on failure, and no trace left."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.appointments.service import RequestService
from kiosk.appointments.store import DB_NAME, RequestStore
from kiosk.content import Content
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.confirmation import ConfirmationScreen
from kiosk.ui.screens.request_form import RequestFormScreen

FIRST, LAST, PHONE = "Zoe", "Qwyxlade", "2025550123"


@pytest.fixture
def kiosk(qtbot: QtBot, themed_app: object, mini_content: Content, data_dir: Path) -> MainWindow:
    service = RequestService(data_dir)
    window = MainWindow(mini_content, submit=service.submit, confirmation_ms=50)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    yield window
    service.close()


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    widget = parent.findChild(QWidget, name)
    assert widget is not None, name
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def form_of(window: MainWindow) -> RequestFormScreen:
    screen = window.current_screen
    assert isinstance(screen, RequestFormScreen)
    return screen


def type_on_screen(qtbot: QtBot, form: RequestFormScreen, field: str, text: str) -> None:
    """Tap the field, then the on-screen keys, as a patient would."""
    click(qtbot, form, f"field-{field}")
    assert form.keyboard.isVisible() and form.keyboard.target is form.fields[field]
    phone = field == "phone"
    for char in text:
        if phone:
            click(qtbot, form.keyboard, f"key-phone-{char}")
            continue
        if char.isupper() != form.keyboard.shift and char.isalpha():
            click(qtbot, form.keyboard, "key-shift")
        click(qtbot, form.keyboard, f"key-{char.lower()}")


def next_step(qtbot: QtBot, form: RequestFormScreen) -> None:
    click(qtbot, form, "nextButton")


def fill_valid(qtbot: QtBot, window: MainWindow, note: str = "") -> RequestFormScreen:
    """Step by step, as a patient would, up to the review page (Send still to tap)."""
    click(qtbot, window, "tile-request")
    form = form_of(window)
    type_on_screen(qtbot, form, "first_name", FIRST)
    type_on_screen(qtbot, form, "last_name", LAST)
    next_step(qtbot, form)
    type_on_screen(qtbot, form, "phone", PHONE)
    next_step(qtbot, form)
    click(qtbot, form, "choice-best_time-evening")
    next_step(qtbot, form)
    click(qtbot, form, "choice-reason-learn-more")
    if note:
        type_on_screen(qtbot, form, "note", note)
    next_step(qtbot, form)
    click(qtbot, form, "field-consent")
    next_step(qtbot, form)
    assert form.review.isVisible() and form.send.isVisible()
    return form


def saved_rows(data_dir: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(data_dir / DB_NAME) as db:
        return db.execute("SELECT reference, first_name, phone FROM requests").fetchall()


def test_on_screen_keyboard_to_thank_you_to_start(
    qtbot: QtBot, kiosk: MainWindow, data_dir: Path
) -> None:
    form = fill_valid(qtbot, kiosk)
    assert form.fields["first_name"].text() == FIRST, "shift gives one capital letter"
    assert form.fields["phone"].text() == PHONE
    assert not form.keyboard.text_pad.isVisible(), "the phone field shows the number pad"
    click(qtbot, form, "sendButton")

    screen = kiosk.current_screen
    assert isinstance(screen, ConfirmationScreen)
    rows = saved_rows(data_dir)
    assert rows == [(screen.reference, FIRST, "+12025550123")], "thank-you only after COMMIT"
    shown = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert screen.reference in shown and len(screen.reference) <= 8
    assert FIRST not in shown and LAST not in shown and PHONE not in shown
    qtbot.waitUntil(lambda: kiosk.on_start_screen, timeout=3000)  # clears itself


def test_physical_keyboard_types_but_shortcuts_do_nothing(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    field = form_of(kiosk).fields["first_name"]
    QGuiApplication.clipboard().setText("pasted-from-before")
    click(qtbot, form_of(kiosk), "field-first_name")
    qtbot.keyClicks(field, "Ana")
    QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert field.text() == "Ana"
    assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert field.completer() is None and not field.dragEnabled()
    hints = field.inputMethodHints()
    assert hints & Qt.InputMethodHint.ImhNoPredictiveText
    assert not any(
        b.text().lower() in ("ctrl", "alt", "win") for b in form_of(kiosk).keyboard.keys.values()
    )


def test_errors_are_inline_and_in_the_patients_language(
    qtbot: QtBot, kiosk: MainWindow, data_dir: Path
) -> None:
    click(qtbot, kiosk, "languageButton")
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)

    def shown() -> dict[str, str]:
        return {name: label.text() for name, label in form.errors.items() if label.isVisible()}

    next_step(qtbot, form)  # nothing typed: the step says what is missing, in Spanish
    assert shown() == {
        "first_name": "Por favor, complete esto.",
        "last_name": "Por favor, complete esto.",
    }
    assert form.summary.text() == "Por favor, revise lo que está marcado en rojo."
    type_on_screen(qtbot, form, "first_name", FIRST)
    type_on_screen(qtbot, form, "last_name", LAST)
    next_step(qtbot, form)
    type_on_screen(qtbot, form, "phone", "12")
    for _ in range(3):  # a time, a reason, then the consent step
        form.best_time.set_value("morning")
        form.reason.set_value("learn-more")
        next_step(qtbot, form)
    next_step(qtbot, form)  # consent not ticked
    assert shown()["consent"].startswith("Por favor, marque esta casilla")
    form.consent.click()
    next_step(qtbot, form)
    click(qtbot, form, "sendButton")
    assert isinstance(kiosk.current_screen, RequestFormScreen), "no thank-you for a bad form"
    # The save judges the number (in the kiosk's region) and sends the patient back to it.
    assert form.fields["phone"].isVisible()
    assert shown()["phone"].startswith("Esto no parece un número de teléfono")
    assert not (data_dir / DB_NAME).exists() or saved_rows(data_dir) == []


def test_a_topic_preselects_itself_as_the_reason(qtbot: QtBot, kiosk: MainWindow) -> None:
    kiosk.open_topic("alpha-one")
    click(qtbot, kiosk, "requestButton")
    form = form_of(kiosk)
    assert form.reason.value() == "alpha-one"
    assert form.reason.buttons["alpha-one"].text() == "About: Alpha one"


def test_language_switch_keeps_what_was_typed(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    type_on_screen(qtbot, form, "first_name", FIRST)
    type_on_screen(qtbot, form, "last_name", LAST)
    next_step(qtbot, form)
    type_on_screen(qtbot, form, "phone", PHONE)
    next_step(qtbot, form)
    click(qtbot, form, "choice-best_time-morning")
    click(qtbot, kiosk, "languageButton")
    form = form_of(kiosk)
    assert form.fields["first_name"].text() == FIRST
    assert form.best_time.value() == "morning"
    assert form.send.text() == "Enviar mi solicitud"
    assert form.progress.text() == "Paso 3 de 5", "the same step, now in Spanish"
    assert form.best_time.isVisible()


def test_failed_save_sends_the_patient_to_the_front_desk(
    qtbot: QtBot, themed_app: object, mini_content: Content, tmp_path: Path, caplog: object
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    service = RequestService(blocked)
    window = MainWindow(mini_content, submit=service.submit)
    qtbot.addWidget(window)
    window.show()
    with caplog.at_level(logging.DEBUG):  # type: ignore[attr-defined]
        form = fill_valid(qtbot, window)
        click(qtbot, form, "sendButton")
    assert window.current_screen is form, "no thank-you when nothing was saved"
    assert form.failure.isVisible()
    assert "Please ask at the front desk" in " ".join(
        label.text() for label in form.failure.findChildren(QLabel)
    )
    assert form.fields["first_name"].text() == FIRST, "nothing typed is lost"
    logged = caplog.text  # type: ignore[attr-defined]
    assert "NOT saved" in logged
    assert FIRST not in logged and LAST not in logged and "2025550123" not in logged


def test_full_disk_every_thank_you_is_a_stored_row(
    qtbot: QtBot, themed_app: object, mini_content: Content, data_dir: Path
) -> None:
    RequestStore(data_dir).close()  # create the database, then cap it at its current size
    with sqlite3.connect(data_dir / DB_NAME) as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    service = RequestService(
        data_dir,
        open_store=lambda d, channels: RequestStore(d, channels=channels, max_page_count=pages + 1),
    )
    window = MainWindow(mini_content, submit=service.submit, confirmation_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    thanks = 0
    for _ in range(200):
        window.go_home()
        form = fill_valid(qtbot, window)
        click(qtbot, form, "sendButton")
        if isinstance(window.current_screen, ConfirmationScreen):
            thanks += 1
            continue
        assert form.failure.isVisible()
        break
    else:
        pytest.fail("the capped database never filled up")
    service.close()
    assert thanks == len(saved_rows(data_dir)) and thanks > 0
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_after_reset_nothing_typed_can_be_found(qtbot: QtBot, kiosk: MainWindow) -> None:
    form = fill_valid(qtbot, kiosk, note="Secretnote")
    QGuiApplication.clipboard().setText(LAST)
    kiosk.reset_session()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # Undo and paste in whatever has focus, Back: none of it brings anything back.
    kiosk.wake()
    click(qtbot, kiosk, "tile-request")
    fresh = form_of(kiosk)
    assert fresh is not form
    click(qtbot, fresh, "field-first_name")
    field = fresh.fields["first_name"]
    assert not field.isUndoAvailable()
    field.undo()
    field.paste()
    assert field.text() == ""
    assert QGuiApplication.clipboard().text() == ""
    click(qtbot, kiosk, "backButton")
    click(qtbot, kiosk, "backButton")

    secrets = (FIRST, LAST, PHONE, "Secretnote")
    for widget in QApplication.allWidgets():
        texts = [widget.accessibleName(), widget.toolTip(), widget.windowTitle()]
        if isinstance(widget, (QLabel, QPushButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        for text in texts:
            assert not any(secret in text for secret in secrets), (type(widget), text)


def test_keyboard_only_reaches_form_fields(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    fields: Callable[[], list[QWidget]] = lambda: list(form.fields.values())  # noqa: E731
    assert all(f.focusPolicy() & Qt.FocusPolicy.TabFocus for f in fields())


def test_tapping_keys_keeps_the_physical_keyboard_on_the_field(
    qtbot: QtBot, kiosk: MainWindow
) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    type_on_screen(qtbot, form, "first_name", "A")
    assert QApplication.focusWidget() is form.fields["first_name"]
    QTest.keyClicks(QApplication.focusWidget(), "na")
    assert form.fields["first_name"].text() == "Ana"


def test_the_next_field_shows_above_the_keyboard(qtbot: QtBot, kiosk: MainWindow) -> None:
    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    click(qtbot, form, "field-first_name")
    viewport = form.scroll_area.viewport()

    def visible(name: str) -> bool:
        field = form.fields[name]
        top = field.mapTo(viewport, QPoint(0, 0)).y()
        return top >= 0 and top + field.height() <= viewport.height()

    qtbot.waitUntil(lambda: visible("first_name") and visible("last_name"))


def test_the_form_takes_its_limits_from_the_form_spec(qtbot: QtBot, kiosk: MainWindow) -> None:
    """One spec: the phone field takes as much as the validator accepts (40), not 25."""
    from kiosk.appointments.form_spec import TEXT_FIELDS

    click(qtbot, kiosk, "tile-request")
    form = form_of(kiosk)
    assert {n: f.maxLength() for n, f in form.fields.items()} == {
        n: spec.max_length for n, spec in TEXT_FIELDS.items()
    }
    assert form.fields["phone"].maxLength() == 40


def test_the_form_sends_itself_and_the_window_only_hears_the_reference(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    """The form calls the submit it was given with the reasons it offered; on success it
    emits the reference and the window shows the thank-you."""
    from kiosk.appointments.service import Saved

    calls: list[tuple[dict[str, str | bool], list[str], str]] = []

    def submit(values: object, reasons: object, lang: str) -> Saved:
        calls.append((dict(values), list(reasons), lang))  # type: ignore[call-overload]
        return Saved("ABC123")

    window = MainWindow(mini_content, submit=submit)
    qtbot.addWidget(window)
    window.show()
    window.open_request()
    form = form_of(window)
    form.go_to(len(form.pages) - 1)  # the review page, where Send is
    with qtbot.waitSignal(form.saved) as saved:
        click(qtbot, form, "sendButton")
    assert saved.args == ["ABC123"]
    assert calls and calls[0][1] == form.reason_ids
    assert calls[0][2] == "en"  # the session's language goes with it (issue 19)
    screen = window.current_screen
    assert isinstance(screen, ConfirmationScreen) and screen.reference == "ABC123"
    assert not hasattr(window, "submit_request")
