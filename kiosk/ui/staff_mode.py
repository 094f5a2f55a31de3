"""Staff mode: the hidden taps open the PIN pad; the right PIN opens the staff menu, and
from it the requests page. All are pages of the window (the kiosk's, or the out-of-service
screen's), so an idle reset (or Close) destroys them and the next patient finds the start
screen; nothing here keeps a request once its page is gone. Every page speaks the
window's session language. Every PIN attempt is logged by StaffPin, never the PIN."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from kiosk.appointments.errors import StoreError
from kiosk.design.i18n import tr, trn
from kiosk.staff.desk import StaffDesk
from kiosk.staff.pin import FREE_TRIES, StaffPin
from kiosk.staff.status_words import wait_text as wait_text
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import PinPadScreen
from kiosk.ui.screens.staff_requests import RequestDetailScreen, RequestListScreen
from kiosk.ui.widgets.secret_taps import SecretTaps

log = logging.getLogger("kiosk.staff")

NO_PIN = tr("staff_no_pin", "en")


class StaffHost(Protocol):
    """The window staff mode lives in: MainWindow, or the OutOfServiceScreen."""

    @property
    def lang(self) -> str: ...

    @property
    def staff_taps(self) -> SignalInstance: ...

    @property
    def extra_page(self) -> Screen | None: ...

    def show_extra_page(self, page: Screen) -> None: ...

    def close_extra_page(self) -> None: ...

    def reset_session(self) -> None: ...


class StaffMode(QObject):
    entered = Signal()  # the right PIN: the menu is showing

    def __init__(self, window: StaffHost, pin: StaffPin, desk: StaffDesk):
        super().__init__(window if isinstance(window, QObject) else None)
        self.window, self.pin, self.desk = window, pin, desk
        self.taps = SecretTaps(window.staff_taps, parent=self)
        self.taps.triggered.connect(self.open_pin_pad)
        self.pad: PinPadScreen | None = None
        self.menu: StaffMenuScreen | None = None

    @property
    def lang(self) -> str:
        return self.window.lang

    def open_pin_pad(self) -> None:
        lang = self.lang
        pad = PinPadScreen(lang)
        pad.submitted.connect(self.check)
        pad.cancelled.connect(self.window.close_extra_page)
        self.pad, self.menu = pad, None
        self.window.show_extra_page(pad)
        log.info("staff: PIN pad opened")
        if not self.pin.is_set():
            pad.show_message(tr("staff_no_pin", lang))
            pad.set_enabled_input(False)
        elif (wait := self.pin.locked_for()) > 0:
            pad.show_message(tr("staff_locked", lang, wait=wait_text(wait, lang)))
            pad.set_enabled_input(False)

    def check(self, pin: str) -> None:
        pad, lang = self.pad, self.lang
        result = self.pin.check(pin)
        if result.ok:
            self.open_menu()
        elif pad is not None and result.locked_for > 0:
            wait = wait_text(result.locked_for, lang)
            pad.show_message(tr("staff_wrong_wait", lang, wait=wait))
            pad.set_enabled_input(False)
        elif pad is not None:
            left = result.tries_left
            pad.show_message(
                trn("staff_tries_left", lang, left)
                if left < FREE_TRIES
                else tr("staff_wrong", lang)
            )

    def open_menu(self) -> None:
        lang = self.lang
        menu = StaffMenuScreen(self.desk.status(lang), lang)
        menu.reload_requested.connect(self.reload)
        menu.export_requested.connect(self.export)
        menu.requests_requested.connect(self.open_requests)
        menu.doctor_requested.connect(self.doctor)
        menu.restart_requested.connect(self.desk.restart)
        menu.exit_requested.connect(self.desk.exit_to_desktop)
        # Close starts a fresh patient session, which also applies reloaded content.
        menu.closed.connect(self.window.reset_session)
        self.pad, self.menu = None, menu
        self.window.show_extra_page(menu)
        self.entered.emit()

    def open_requests(self) -> None:
        """The stored requests, read afresh each time: the page holds them, staff mode
        does not, so they go when the page goes."""
        lang = self.lang
        try:
            total, views = self.desk.requests(lang)
        except StoreError as exc:
            if self.menu is not None:
                self.menu.show_result(tr("staff_requests_unreadable", lang, kind=exc.kind))
            return
        page = RequestListScreen(views, total, lang)
        page.back.connect(self.open_menu)
        page.opened.connect(self.open_request)
        self.menu = None
        self.window.show_extra_page(page)
        log.info("staff: requests page opened (%d shown)", len(views))

    def open_request(self, reference: str) -> None:
        lang = self.lang
        try:
            view = self.desk.request(reference, lang)
        except StoreError as exc:
            view = None
            log.error("staff: could not read a request (%s)", exc.kind)
        if view is None:  # gone meanwhile (purged): the list again, as it is now
            self.open_requests()
            return
        detail = RequestDetailScreen(view, lang)
        detail.back.connect(self.open_requests)
        self.window.show_extra_page(detail)  # the list page is destroyed

    def reload(self) -> None:
        if self.menu is None:
            return
        lang = self.lang
        ok, lines = self.desk.reload_content(lang)
        self.menu.show_status(self.desk.status(lang))
        self.menu.show_result(
            tr("staff_reloaded", lang) if ok else tr("staff_reload_failed", lang, first=lines[0])
        )

    def export(self, folder: Path) -> None:
        if self.menu is not None:
            lang = self.lang
            self.menu.show_result(self.desk.export_requests(folder, lang))
            self.menu.show_status(self.desk.status(lang))

    def doctor(self) -> None:
        if self.menu is not None:
            code, lines = self.desk.doctor()
            self.menu.show_doctor(lines)
            self.menu.show_result(
                tr("staff_doctor_ok" if code == 0 else "staff_doctor_fail", self.lang)
            )
