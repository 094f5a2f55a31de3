"""A full page outside the patient flow (staff mode's PIN pad and menu): shown over the
patient's screen, gone at Close or the next reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.base import Screen


class ExtraPages:
    def __init__(self, window: MainWindow):
        self.window = window
        self.page: Screen | None = None

    def show(self, page: Screen) -> None:
        w = self.window
        self.drop()
        self.page = page
        w.look.follow(page)  # the patient's text size and contrast, as the window has
        w.pages.addWidget(page)
        w.pages.setCurrentWidget(page)
        w.setWindowTitle(f"{w.content.clinic_name.get(w.lang)} - {page.title}")
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def close(self) -> None:
        """Back to the patient screen that was showing before the extra page."""
        w = self.window
        self.drop()
        w.pages.setCurrentWidget(w.kiosk_page)
        w.setWindowTitle(f"{w.content.clinic_name.get(w.lang)} - {w.current_screen.title}")

    def drop(self) -> None:
        if self.page is not None:
            self.window.pages.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
