"""The patient pages of the window: the top bar, the stack of screens and the
accessibility bar, wired to the window's intents. Built on first use (see MainWindow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.patient.session import VOLUME_STEP

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.widgets.access_bar import AccessBar
    from kiosk.ui.widgets.nav_bar import NavBar


def build_bars(window: MainWindow) -> tuple[NavBar, AccessBar, QStackedWidget, QWidget]:
    from kiosk.ui.widgets.access_bar import AccessBar
    from kiosk.ui.widgets.nav_bar import NavBar

    nav, access, stack = NavBar(), AccessBar(), QStackedWidget()
    kiosk_page = QWidget()
    page = QVBoxLayout(kiosk_page)
    page.setContentsMargins(0, 0, 0, 0)
    page.setSpacing(0)
    page.addWidget(nav)
    page.addWidget(stack, 1)
    page.addWidget(access)
    nav.back_requested.connect(window.go_back)
    nav.home_requested.connect(window.go_home)
    nav.language_requested.connect(window.next_language)
    nav.call_requested.connect(window.open_request)  # the same form as Home's tile
    access.text_size_requested.connect(window.next_text_size)
    access.contrast_requested.connect(window.toggle_contrast)
    speech = window.speech
    access.speech_requested.connect(speech.toggle)
    access.repeat_requested.connect(speech.read_screen)
    access.pause_requested.connect(speech.toggle_pause)
    access.stop_requested.connect(speech.stop)
    access.quieter_requested.connect(lambda: speech.change_volume(-VOLUME_STEP))
    access.louder_requested.connect(lambda: speech.change_volume(VOLUME_STEP))
    return nav, access, stack, kiosk_page
