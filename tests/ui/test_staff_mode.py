"""Staff mode: five quick taps on the top bar's title open a PIN pad; the right PIN opens
the staff menu (content, requests and export, doctor, restart, exit); an idle reset or
Close leaves nothing of it behind; no attempt's PIN reaches the log."""

from __future__ import annotations

import logging
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.appointments.request import to_request
from kiosk.appointments.store import RequestStore
from kiosk.content import Content
from kiosk.content.source import ContentState, Loaded
from kiosk.staff.desk import EXIT_RESTART, EXIT_TO_DESKTOP, StaffDesk
from kiosk.staff.pin import FREE_TRIES, StaffPin
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import PinPadScreen
from kiosk.ui.staff_mode import NO_PIN, StaffMode
from kiosk.ui.widgets.secret_taps import SecretTaps
from tests.ui.test_layout import problems_on_screen

PIN = "482916"
MakeWindow = Callable[..., MainWindow]


class Clock:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


class Staff:
    """A window with staff mode wired as the app wires it, and what its actions did."""

    def __init__(self, window: MainWindow, data_dir: Path, content: Content, media: Path):
        self.window, self.data_dir = window, data_dir
        self.quit_codes: list[int] = []
        self.reloads = 0
        self.clock = Clock()
        state = ContentState(Loaded(content), Path("content.yaml"), datetime(2026, 11, 21, 9))

        staff = self

        class Live:  # the live content as the desk sees it (kiosk/content/live.py)
            def __init__(self) -> None:
                self.state = state

            def reload(self) -> ContentState:
                staff.reloads += 1
                return state

        def doctor(out: Callable[[str], None]) -> int:
            out("OK    settings  defaults")
            out("FAIL  database  damaged")
            return 1

        self.desk = StaffDesk(data_dir, Live(), doctor, self.quit_codes.append, [media])
        self.pin = StaffPin(data_dir, self.clock)
        self.mode = StaffMode(window, self.pin, self.desk)

    def tap_title(self, times: int = 5) -> None:
        for _ in range(times):
            QTest.mouseClick(self.window.nav.title, Qt.MouseButton.LeftButton)

    @property
    def pad(self) -> PinPadScreen:
        page = self.window.extra_page
        assert isinstance(page, PinPadScreen), page
        return page

    @property
    def menu(self) -> StaffMenuScreen:
        page = self.window.extra_page
        assert isinstance(page, StaffMenuScreen), page
        return page

    def enter(self, pin: str) -> None:
        pad = self.pad
        for digit in pin:
            QTest.mouseClick(pad.findChild(QPushButton, f"pin-{digit}"), Qt.MouseButton.LeftButton)
        QTest.mouseClick(pad.ok, Qt.MouseButton.LeftButton)

    def click(self, name: str) -> None:
        button = self.window.findChild(QPushButton, name)
        assert isinstance(button, QPushButton), name
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def staff(make_window: MakeWindow, mini_content: Content, tmp_path: Path) -> Staff:
    window = make_window(mini_content)
    window.wake()
    media = tmp_path / "media"
    (media / "KIOSK-USB").mkdir(parents=True)
    return Staff(window, tmp_path / "data", mini_content, media)


def test_five_quick_taps_open_the_pin_pad_and_slow_taps_do_not(
    qtbot: QtBot, themed_app: object
) -> None:
    target = QWidget()
    qtbot.addWidget(target)
    clock = Clock()
    taps = SecretTaps(target, clock=clock)
    fired: list[bool] = []
    taps.triggered.connect(lambda: fired.append(True))
    for _ in range(5):
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        clock.now += 1.1  # five taps over 4.4 s: too slow
    assert not fired
    for _ in range(5):
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        clock.now += 0.5
    assert fired == [True]


def test_no_pin_set_means_no_way_in(staff: Staff) -> None:
    staff.window.open_section("alpha")
    staff.tap_title()
    assert staff.pad.message.text() == NO_PIN
    assert not staff.pad.ok.isEnabled()
    staff.click("pinCancel")
    assert staff.window.extra_page is None
    assert staff.window.current_screen.title == "Alpha section"  # back where it was


def test_wrong_pins_lock_out_and_the_lockout_outlives_the_screen(
    staff: Staff, caplog: pytest.LogCaptureFixture
) -> None:
    staff.pin.set(PIN)
    caplog.set_level(logging.INFO, logger="kiosk")
    staff.tap_title()
    for attempt in range(1, FREE_TRIES + 1):
        staff.enter("1111")
        assert staff.pad.digit_count == 0  # the typed digits are gone after each try
        if attempt < FREE_TRIES:
            assert f"{FREE_TRIES - attempt} more tr" in staff.pad.message.text()
    assert "Try again in 30 seconds" in staff.pad.message.text()
    assert not staff.pad.ok.isEnabled()
    # A fresh pad (or a restarted kiosk: the state is on disk) is still locked.
    staff.click("pinCancel")
    staff.tap_title()
    assert "Too many wrong PINs" in staff.pad.message.text()
    assert not staff.pad.ok.isEnabled()
    # After the wait the right PIN works.
    staff.clock.now += 31
    staff.click("pinCancel")
    staff.tap_title()
    staff.enter(PIN)
    assert isinstance(staff.window.extra_page, StaffMenuScreen)
    assert "1111" not in caplog.text and PIN not in caplog.text
    assert caplog.text.count("staff PIN attempt") >= FREE_TRIES


def test_menu_counts_exports_and_runs_doctor(staff: Staff) -> None:
    staff.pin.set(PIN)
    with RequestStore(staff.data_dir, channels=("email",)) as store:
        for first in ("Ana", "Ben"):
            store.save(
                to_request(
                    {
                        "first_name": first,
                        "last_name": "Quill",
                        "phone": "202-555-0123",
                        "best_time": "morning",
                        "reason": "pain",
                        "consent": True,
                    },
                    "US",
                    ["pain"],
                )
            )
    staff.tap_title()
    staff.enter(PIN)
    menu = staff.menu
    assert menu.requests_status.text().startswith("2 new call-back requests waiting")
    assert "Delivery: 2 requests waiting to be delivered" in menu.requests_status.text()
    assert "Content OK: 2 sections" in menu.content_status.text()
    staff.click("staffExport-0")  # the USB stick comes first
    exported = list((staff.desk.media_roots[0] / "KIOSK-USB").glob("callback-requests-*.csv"))  # type: ignore[index]
    assert len(exported) == 1
    text = exported[0].read_text(encoding="utf-8-sig")
    assert "Ana" in text and "Ben" in text
    assert stat.S_IMODE(exported[0].stat().st_mode) == 0o600
    assert "Exported 2 requests" in menu.result.text()
    staff.click("staffDoctor")
    assert "FAIL  database  damaged" in menu.doctor_output.text()
    assert "found a problem" in menu.result.text()
    staff.click("staffReload")
    assert staff.reloads == 1 and "Content reloaded" in menu.result.text()


def test_a_failed_export_says_so_and_writes_nothing(staff: Staff, tmp_path: Path) -> None:
    # A USB stick pulled out and a file left where the folder was (root ignores modes).
    gone = tmp_path / "media" / "PULLED"
    gone.write_text("not a folder")
    message = staff.desk.export_requests(gone)
    assert message.startswith("Export failed: could not write to")
    assert gone.read_text() == "not a folder"


def test_restart_and_exit_need_a_second_tap(staff: Staff) -> None:
    staff.pin.set(PIN)
    staff.tap_title()
    staff.enter(PIN)
    staff.click("staffRestart")
    assert staff.quit_codes == []
    assert "tap again" in staff.menu.restart.text()
    staff.click("staffRestart")
    staff.click("staffExit")
    staff.click("staffExit")
    assert staff.quit_codes == [EXIT_RESTART, EXIT_TO_DESKTOP]


def test_close_and_idle_reset_leave_nothing_of_staff_mode(staff: Staff) -> None:
    staff.pin.set(PIN)
    staff.tap_title()
    staff.enter(PIN)
    staff.click("staffClose")
    assert staff.window.extra_page is None and staff.window.on_start_screen
    staff.window.wake()
    staff.tap_title()
    for digit in "48":
        staff.pad.press(digit)
    staff.window.reset_session()  # what the idle timer does
    assert staff.window.extra_page is None and staff.window.on_start_screen
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leftovers = [
        w for w in QApplication.allWidgets() if isinstance(w, PinPadScreen | StaffMenuScreen)
    ]
    assert not leftovers  # the typed digits went with the pad


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_staff_screens_fit(
    make_window: MakeWindow, mini_content: Content, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = make_window(mini_content, size)
    window.wake()
    staff = Staff(window, tmp_path / "data", mini_content, tmp_path)
    staff.pin.set(PIN)
    staff.tap_title()
    QApplication.processEvents()
    problems = problems_on_screen(window)
    staff.enter(PIN)
    QApplication.processEvents()
    problems += problems_on_screen(window)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_staff_taps_have_a_place_on_a_portrait_screen(
    make_window: MakeWindow, shipped_content: Content, tmp_path: Path, lang: str
) -> None:
    """Where the clinic's name does not fit beside the buttons it is not shown, but the
    place it stands in stays, a touch target wide and high, so staff can still get in.
    (At 100% text, the look every session starts with; at 200% in Spanish portrait the
    bar's four buttons take the whole width.)"""
    window = make_window(shipped_content, size=(1080, 1920), lang=lang)
    window.wake()
    QApplication.processEvents()
    title = window.nav.title
    assert title.isVisible()
    assert title.width() >= 44 and title.height() >= 44, title.size()
    staff = Staff(window, tmp_path / "data", shipped_content, tmp_path / "media")
    staff.tap_title()
    assert isinstance(window.extra_page, PinPadScreen)
