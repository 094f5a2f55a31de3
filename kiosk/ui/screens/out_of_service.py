"""Shown when there is no usable content at all: never a blank or broken screen. Staff get
in as everywhere else (five quick taps on the title at the top, then the PIN); the staff
pages open inside this window and a small line names the first content error for them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QFrame, QStackedWidget, QVBoxLayout, QWidget

from kiosk.design.i18n import CHROME
from kiosk.ui.app_filter import add_app_filter
from kiosk.ui.idle import ACTIVITY_EVENTS, ActivityFilter, IdleController
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.labels import text_label

TITLE_MIN_HEIGHT = 88  # the staff taps' target: well above a finger's 44 px


class OutOfServiceScreen(QWidget):
    title_tapped = Signal()  # staff mode counts these (kiosk/ui/staff_mode.py)
    staff_opened = Signal()  # a staff page is up: the idle watch runs
    staff_closed = Signal()  # back to the notice: nothing of staff mode is left

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.setObjectName("kioskRoot")
        self.setWindowTitle("Out of service")
        self._lang = lang  # the staff pages' language: the kiosk's configured one
        self.reason_source: Callable[[], str] | None = None
        self.extra_page: Screen | None = None
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        root.addWidget(self.pages)
        self.notice = QWidget()
        self.pages.addWidget(self.notice)
        column = QVBoxLayout(self.notice)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(48)
        # The same bar and title as on a working kiosk, where staff know to tap.
        bar = QFrame()
        bar.setObjectName("navBar")
        bar_row = QVBoxLayout(bar)
        bar_row.setContentsMargins(16, 8, 16, 8)
        self.title = text_label(" / ".join(CHROME["out_of_service_title"].values()), "navTitle")
        self.title.setObjectName("outOfServiceTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setMinimumHeight(TITLE_MIN_HEIGHT)
        self.title.installEventFilter(self)
        bar_row.addWidget(self.title)
        column.addWidget(bar)
        body = QVBoxLayout()
        body.setContentsMargins(80, 0, 80, 40)
        body.setSpacing(48)
        column.addLayout(body, 1)
        body.addStretch(1)
        # Both languages at once: nobody can switch language on a broken kiosk.
        for text in CHROME["out_of_service"].values():
            label = text_label(text, "h1")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            body.addWidget(label)
        body.addStretch(1)
        # Small and plain, for staff: a patient reads the two lines above.
        self.reason = text_label("", "small")
        self.reason.setObjectName("outOfServiceReason")
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.hide()
        body.addWidget(self.reason)

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def staff_taps(self) -> SignalInstance:
        return self.title_tapped

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A touch on a label arrives as a synthesized mouse release, so this covers both.
        if watched is self.title and event.type() == QEvent.Type.MouseButtonRelease:
            self.title_tapped.emit()
        return super().eventFilter(watched, event)

    def show_reason(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.setVisible(bool(text))

    def refresh_reason(self) -> None:
        if self.reason_source is not None:
            self.show_reason(self.reason_source())

    # What staff mode needs of its window (kiosk/ui/staff_mode.py's StaffHost).
    def show_extra_page(self, page: Screen) -> None:
        self._drop()
        self.extra_page = page
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.setWindowTitle(f"Out of service - {page.title}")
        page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.staff_opened.emit()

    def close_extra_page(self) -> None:
        self._drop()
        self.pages.setCurrentWidget(self.notice)
        self.setWindowTitle("Out of service")
        self.refresh_reason()  # staff may have reloaded a still broken file
        self.staff_closed.emit()

    def reset_session(self) -> None:
        """Close, or staff walked away: the notice again, the staff pages destroyed."""
        self.close_extra_page()

    def _drop(self) -> None:
        if self.extra_page is not None:
            self.pages.removeWidget(self.extra_page)
            self.extra_page.deleteLater()
            self.extra_page = None


def watch_staff_idle(
    app: QApplication, window: OutOfServiceScreen, timeout_s: float, warning_s: float
) -> tuple[IdleController, ActivityFilter]:
    """Staff pages left open on a broken kiosk close by themselves, as on a working one
    (there is no patient here to warn: they just close after timeout + warning)."""
    idle = IdleController(timeout_s, warning_s, parent=window)
    activity = ActivityFilter(idle)
    add_app_filter(activity, ACTIVITY_EVENTS)
    activity.activity.connect(idle.on_activity)
    idle.expired.connect(window.reset_session)
    window.staff_opened.connect(idle.wake)
    window.staff_closed.connect(idle.sleep)
    return idle, activity
