"""Between patients: the start screen, the reset that wipes what the last patient touched,
and waking into a home screen that was built while nobody was looking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

from kiosk.patient.navigation import HOME
from kiosk.patient.session import SessionState
from kiosk.ui.screens.attract import AttractScreen

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.base import Screen


class BetweenPatients:
    def __init__(self, window: MainWindow, lang: str | None):
        self.window = window
        content = window.content
        self.first_lang = lang if lang in content.languages else content.default_language
        self.unseen_home: Screen | None = None  # built by reset, not yet shown

    def confirmation_timer(self, ms: int) -> QTimer:
        """Time is injected: the thank-you screen clears itself after `ms`, unless the
        patient goes on first (any other screen stops it: see MainWindow._show)."""
        timer = QTimer(self.window)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.window.reset_session)
        return timer

    def new_attract(self) -> AttractScreen:
        w = self.window
        attract = AttractScreen(w.content)
        attract.woken.connect(w.wake)
        w.pages.insertWidget(0, attract)
        return attract

    def renew_start_screen(self) -> None:
        w = self.window
        old, w.attract = w.attract, self.new_attract()
        w.pages.removeWidget(old)
        old.deleteLater()

    def reset(self) -> None:
        w = self.window
        w.idle.hide()
        w.confirmation_timer.stop()
        w.extra.drop()
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            QGuiApplication.clipboard().clear(mode)
        w.swap.take_pending()
        # A fresh session object resets every per-patient setting at once; fresh screens
        # carry no text, undo history or scroll position from before.
        first = self.first_lang
        self.first_lang = first if first in w.content.languages else w.content.default_language
        w.session = SessionState(self.first_lang)
        w.speech.stop()
        w.look.apply()
        self.build_unseen_home()
        w.prebuild.empty_trash()  # the last session's screens: destroyed now, not later
        self.to_start_screen()
        w.session_reset.emit()

    def prepare_home(self) -> None:
        """At start-up the kiosk calls this once the start screen is painted: build the
        home screen behind it, so the first tap only shows it (a reset does the same).
        Nothing to do once a patient has already woken the kiosk."""
        if self.window.on_start_screen and self.unseen_home is None:
            self.build_unseen_home()
            self.to_start_screen()

    def build_unseen_home(self) -> None:
        w = self.window
        w.show_home_fresh()  # destroys every screen of the last session
        self.unseen_home = w.current_screen  # wake() shows it as it is

    def to_start_screen(self) -> None:
        w = self.window
        w.look.follow(w.attract)
        w.pages.setCurrentWidget(w.attract)
        w.attract.setFocus(Qt.FocusReason.OtherFocusReason)
        w.setWindowTitle(f"{w.content.clinic_name.get(w.lang)} - start")

    def wake(self, lang: str) -> None:
        w = self.window
        chosen = lang in w.content.languages and lang != w.lang
        if chosen:
            w.session.lang = lang
        w.pages.setCurrentWidget(w.kiosk_page)
        home, self.unseen_home = self.unseen_home, None
        if home is not None and home is w.stack.currentWidget() and not chosen:
            # The reset just built this home screen for the new session and nobody has seen
            # it: show it rather than build it a second time (about 30 ms of a tap).
            title = w.current_screen.title
            w.setWindowTitle(f"{w.content.clinic_name.get(w.lang)} - {title}")
            w.setFocus(Qt.FocusReason.OtherFocusReason)
            w.read_screen()
            w.screen_changed.emit(HOME.kind.value)
        else:
            w.show_home_fresh()
        w.session_started.emit()
