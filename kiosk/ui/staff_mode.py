"""Staff mode: the hidden taps open the PIN pad; the right PIN opens the staff menu.
Both are pages of the main window, so an idle reset (or Close) destroys them and the
next patient finds the start screen. Every PIN attempt is logged by StaffPin, never
the PIN itself."""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.staff.desk import StaffDesk
from kiosk.staff.pin import FREE_TRIES, StaffPin
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import PinPadScreen
from kiosk.ui.widgets.secret_taps import SecretTaps

log = logging.getLogger("kiosk.staff")

NO_PIN = "No staff PIN is set on this kiosk. IT: run `python main.py set-pin`."


def wait_text(seconds: float) -> str:
    if seconds >= 90:
        return f"{math.ceil(seconds / 60)} minutes"
    return f"{math.ceil(seconds)} seconds"


class StaffMode(QObject):
    entered = Signal()  # the right PIN: the menu is showing

    def __init__(self, window: MainWindow, pin: StaffPin, desk: StaffDesk):
        super().__init__(window)
        self.window, self.pin, self.desk = window, pin, desk
        self.taps = SecretTaps(window.nav.title_tapped, parent=self)
        self.taps.triggered.connect(self.open_pin_pad)
        self.pad: PinPadScreen | None = None
        self.menu: StaffMenuScreen | None = None

    def open_pin_pad(self) -> None:
        pad = PinPadScreen()
        pad.submitted.connect(self.check)
        pad.cancelled.connect(self.window.close_extra_page)
        self.pad, self.menu = pad, None
        self.window.show_extra_page(pad)
        log.info("staff: PIN pad opened")
        if not self.pin.is_set():
            pad.show_message(NO_PIN)
            pad.set_enabled_input(False)
        elif (wait := self.pin.locked_for()) > 0:
            pad.show_message(f"Too many wrong PINs. Try again in {wait_text(wait)}.")
            pad.set_enabled_input(False)

    def check(self, pin: str) -> None:
        pad = self.pad
        result = self.pin.check(pin)
        if result.ok:
            self.open_menu()
        elif pad is not None and result.locked_for > 0:
            pad.show_message(f"Wrong PIN. Try again in {wait_text(result.locked_for)}.")
            pad.set_enabled_input(False)
        elif pad is not None:
            left = result.tries_left
            pad.show_message(
                f"Wrong PIN. {left} more {'try' if left == 1 else 'tries'} before a lockout."
                if left < FREE_TRIES
                else "Wrong PIN."
            )

    def open_menu(self) -> None:
        menu = StaffMenuScreen(self.desk.status())
        menu.reload_requested.connect(self.reload)
        menu.export_requested.connect(self.export)
        menu.doctor_requested.connect(self.doctor)
        menu.restart_requested.connect(self.desk.restart)
        menu.exit_requested.connect(self.desk.exit_to_desktop)
        # Close starts a fresh patient session, which also applies reloaded content.
        menu.closed.connect(self.window.reset_session)
        self.pad, self.menu = None, menu
        self.window.show_extra_page(menu)
        self.entered.emit()

    def reload(self) -> None:
        if self.menu is None:
            return
        ok, lines = self.desk.reload_content()
        self.menu.show_status(self.desk.status())
        self.menu.show_result(
            "Content reloaded: it shows when you close this menu."
            if ok
            else "The content file has errors; the kiosk keeps what it shows. " + lines[0]
        )

    def export(self, folder: Path) -> None:
        if self.menu is not None:
            self.menu.show_result(self.desk.export_requests(folder))
            self.menu.show_status(self.desk.status())

    def doctor(self) -> None:
        if self.menu is not None:
            code, lines = self.desk.doctor()
            self.menu.show_doctor(lines)
            verdict = "all checks passed" if code == 0 else "found a problem (FAIL below)"
            self.menu.show_result(f"Doctor: {verdict}")
