"""The 'Are you still there?' warning: covers the window, counts down, and any touch on
it (or its big button) means 'I'm still here'."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.design.i18n import tr

from .kinetic_scroll import KineticScrollArea
from .labels import text_label
from .wrapping import WrapButton


class IdleOverlay(QWidget):
    still_here = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.host = parent
        self.setObjectName("idleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.lang = "en"
        self.seconds = 0
        self.card = QFrame()
        self.card.setObjectName("idleCard")
        self.card.setMaximumWidth(1100)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(56, 48, 56, 48)
        card.setSpacing(28)
        self.heading = text_label("", "h1")
        self.message = text_label("", "body")
        self.count = text_label("", "countdown")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = WrapButton()
        self.button.setObjectName("stillHereButton")
        self.button.setProperty("variant", "primary")
        self.button.clicked.connect(self.still_here)
        for widget in (self.heading, self.message, self.count, self.button):
            card.addWidget(widget)
        # Centred in a row at its natural width (not by alignment, which would give the
        # wrapped text less width than its height was measured for), in a scroll area in
        # case large text on a small screen makes the card taller than the window.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        page = QWidget()
        page.setObjectName("idlePage")
        column = QVBoxLayout(page)
        column.setContentsMargins(48, 48, 48, 48)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.scroll_area = KineticScrollArea(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        parent.installEventFilter(self)
        self.hide()

    def show_countdown(self, seconds: int, lang: str) -> None:
        self.lang = lang
        self.heading.setText(tr("idle_heading", lang))
        self.message.setText(tr("idle_message", lang))
        self.button.setText(tr("still_here", lang))
        self.button.setAccessibleName(tr("still_here", lang))
        self.set_seconds(seconds)
        self.setGeometry(self.host.rect())
        self.show()
        self.raise_()

    def set_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        self.count.setText(tr("idle_countdown", self.lang, n=seconds))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A touch anywhere on the warning counts, not only on the button.
        event.accept()
        self.still_here.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
        return False
