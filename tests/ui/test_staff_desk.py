"""The clinic's side of staff mode (issue 19): the PIN pad, the menu and every staff message
in the session's language with the right plural forms; the kiosk's name and site in the
menu; a requests page that reads the stored requests and leaves nothing behind when staff
mode ends."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget

from kiosk.appointments.request import to_request
from kiosk.appointments.store import RequestStore
from kiosk.content import Content
from kiosk.staff.pin import FREE_TRIES
from kiosk.staff.request_view import RequestView
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import PinPadScreen
from kiosk.ui.screens.staff_requests import RequestDetailScreen, RequestListScreen
from tests.ui.test_layout import problems_on_screen
from tests.ui.test_staff_mode import PIN, Staff

MakeWindow = Callable[..., MainWindow]


def store_requests(data_dir: Path, *people: tuple[str, str]) -> None:
    with RequestStore(data_dir) as store:
        for first, last in people:
            values = {
                "first_name": first,
                "last_name": last,
                "phone": "202-555-0123",
                "best_time": "afternoon",
                "reason": "learn-more",
                "note": "Prefiero en español",
                "consent": True,
            }
            store.save(to_request(values, "US", ["learn-more"]))


def staff_in(make_window: MakeWindow, content: Content, tmp_path: Path, lang: str) -> Staff:
    window = make_window(content, lang=lang)
    window.wake()
    (tmp_path / "media" / "KIOSK-USB").mkdir(parents=True)
    staff = Staff(window, tmp_path / "data", content, tmp_path / "media")
    staff.desk.kiosk_id, staff.desk.site = "lobby-2", "North clinic, 2nd floor"
    staff.pin.set(PIN)
    return staff


def texts(root: QWidget) -> str:
    labels = [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root)]
    buttons = [b.text() for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root)]
    return "\n".join(labels + buttons)


def test_pin_pad_and_menu_in_spanish_with_plural_forms(
    make_window: MakeWindow, mini_content: Content, tmp_path: Path
) -> None:
    staff = staff_in(make_window, mini_content, tmp_path, "es")
    store_requests(staff.data_dir, ("María", "García"))
    staff.tap_title()
    pad = staff.pad
    shown = texts(pad)
    assert "Solo para el personal: escriba el PIN" in shown
    assert "Cancelar" in shown and "Aceptar" in shown and "Borrar" in shown
    assert pad.findChild(QPushButton, "pin-7").accessibleName() == "Dígito 7"
    for attempt in range(1, FREE_TRIES):
        staff.enter("1111")
        left = FREE_TRIES - attempt
        if left == 1:
            assert pad.message.text() == "PIN incorrecto. Queda 1 intento antes del bloqueo."
        else:
            expected = f"PIN incorrecto. Quedan {left} intentos antes del bloqueo."
            assert pad.message.text() == expected
    staff.enter("1111")
    assert pad.message.text() == "PIN incorrecto. Vuelva a intentarlo en 30 segundos."
    staff.clock.now += 31
    staff.click("pinCancel")
    staff.tap_title()
    staff.enter(PIN)
    menu = staff.menu
    assert menu.title == "Menú del personal"
    one = "1 solicitud de llamada nueva en espera; 1 guardada en este quiosco"
    assert menu.requests_status.text().startswith(one)
    assert "Contenido correcto: 2 secciones, 3 temas" in menu.content_status.text()
    assert "Exportar todo a la memoria USB KIOSK-USB" in texts(menu)
    staff.click("staffRestart")
    assert menu.restart.text() == "Reiniciar el quiosco: toque otra vez"
    # A second request: the plural form, and the export's message in Spanish too.
    store_requests(staff.data_dir, ("Ben", "Quill"))
    staff.click("staffExport-0")
    assert menu.result.text().startswith("Se exportaron 2 solicitudes a ")
    two = "2 solicitudes de llamada nuevas en espera; 2 guardadas en este quiosco"
    assert menu.requests_status.text().startswith(two)
    staff.click("staffDoctor")
    assert menu.result.text() == "Doctor: hay un problema (FAIL, abajo)"


def test_english_counts_say_request_and_requests(
    make_window: MakeWindow, mini_content: Content, tmp_path: Path
) -> None:
    staff = staff_in(make_window, mini_content, tmp_path, "en")
    store_requests(staff.data_dir, ("Ana", "Quill"))
    staff.tap_title()
    for _ in range(FREE_TRIES - 2):
        staff.enter("1111")
    assert staff.pad.message.text() == "Wrong PIN. 2 more tries before a lockout."
    staff.enter("1111")
    assert staff.pad.message.text() == "Wrong PIN. 1 more try before a lockout."
    staff.enter(PIN)
    assert staff.menu.requests_status.text().startswith(
        "1 new call-back request waiting; 1 stored on this kiosk"
    )


def test_menu_shows_the_kiosk_id_and_site(
    make_window: MakeWindow, mini_content: Content, tmp_path: Path
) -> None:
    staff = staff_in(make_window, mini_content, tmp_path, "en")
    staff.tap_title()
    staff.enter(PIN)
    identity = staff.menu.identity.text()
    assert "This kiosk: lobby-2" in identity and "Site: North clinic, 2nd floor" in identity


def open_requests(staff: Staff) -> RequestListScreen:
    staff.tap_title()
    staff.enter(PIN)
    staff.click("staffRequests")
    page = staff.window.extra_page
    assert isinstance(page, RequestListScreen), page
    return page


def no_request_left(name: str) -> list[str]:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    found = [
        type(w).__name__
        for w in QApplication.allWidgets()
        if isinstance(w, RequestListScreen | RequestDetailScreen)
        or (isinstance(w, QLabel | QAbstractButton) and name in w.text())
    ]
    gc.collect()
    found += [repr(o) for o in gc.get_objects() if isinstance(o, RequestView)]
    return found


@pytest.mark.parametrize("how", ["close", "idle reset"])
def test_requests_page_shows_a_stored_request_and_is_gone_when_staff_mode_ends(
    make_window: MakeWindow, mini_content: Content, tmp_path: Path, how: str
) -> None:
    staff = staff_in(make_window, mini_content, tmp_path, "es")
    store_requests(staff.data_dir, ("Ben", "Quill"), ("María", "García"))
    page = open_requests(staff)
    items = [b for b in page.findChildren(QPushButton) if b.objectName().startswith("staffRe")]
    words = [b.text() for b in items if b.objectName() != "staffRequestsBack"]
    del page, items  # the test's own references: only the kiosk's may be left to check
    assert len(words) == 2 and "María García" in words[0], "newest first"
    assert "+1 202-555-0123" in words[0] and "Tarde" in words[0] and "Saber más" in words[0]
    assert "nueva" in words[0] and "Prefiero en español" in words[0]
    staff.click("staffRequest-0")
    detail = staff.window.extra_page
    assert isinstance(detail, RequestDetailScreen)
    shown = texts(detail)
    for expected in ("María García", "Teléfono", "+1 202-555-0123", "Mejor hora para llamar"):
        assert expected in shown
    assert detail.spoken_lines() == [detail.title], "speech never reads a patient's name"
    del detail
    QApplication.processEvents()
    assert not problems_on_screen(staff.window)
    if how == "close":
        staff.click("staffRequestBack")
        staff.click("staffRequestsBack")
        staff.click("staffClose")
    else:
        staff.window.reset_session()  # what the idle timer does
    assert staff.window.on_start_screen and staff.window.extra_page is None
    assert not no_request_left("García")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_requests_pages_fit_at_200_percent(
    make_window: MakeWindow, mini_content: Content, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = make_window(mini_content, size, lang="es")
    window.wake()
    for _ in range(2):
        window.next_text_size()  # 150%, then 200%
    staff = Staff(window, tmp_path / "data", mini_content, tmp_path / "media")
    staff.pin.set(PIN)
    store_requests(staff.data_dir, ("María", "García"))
    open_requests(staff)
    QApplication.processEvents()
    problems = problems_on_screen(window)
    QTest.mouseClick(window.findChild(QPushButton, "staffRequest-0"), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    problems += problems_on_screen(window)
    assert not problems, "\n".join(problems)
    assert isinstance(window.extra_page, RequestDetailScreen)
    assert window.extra_page.scroll_area.verticalScrollBar().maximum() > 0, "it scrolls"


def test_menu_pages_after_the_pin_are_the_session_language_after_a_switch(
    make_window: MakeWindow, mini_content: Content, tmp_path: Path
) -> None:
    staff = staff_in(make_window, mini_content, tmp_path, "en")
    staff.window.set_language("es")  # the patient (or staff) chose Spanish
    staff.tap_title()
    assert isinstance(staff.window.extra_page, PinPadScreen)
    assert staff.pad.title == "PIN del personal"
    staff.enter(PIN)
    assert isinstance(staff.window.extra_page, StaffMenuScreen)
    assert "Cerrar el menú del personal" in texts(staff.menu)
