"""The calm start screen between patients. A touch here only wakes the kiosk (I4): the
press and release both land on this page, never on what lies underneath."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.content import Content
from kiosk.design.i18n import CHROME
from kiosk.ui.widgets.labels import text_label


class AttractScreen(QWidget):
    woken = Signal()

    def __init__(self, content: Content, rotate_ms: int = 8000):
        super().__init__()
        self.setObjectName("attractScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAccessibleName(CHROME["touch_to_start"]["en"])
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Key messages rotate in every language the content has, one pair at a time.
        self.messages = [
            [f"{s.title.get(lang)} — {s.summary.get(lang)}" for lang in content.languages]
            for s in content.sections
        ]
        self.index = 0
        # Whatever the words need, this page never makes the window bigger than the screen
        # (it shares the window with the patient pages); the stretches give way first.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        column = QVBoxLayout(self)
        column.setContentsMargins(96, 48, 96, 48)
        column.setSpacing(28)
        column.addStretch(2)
        for lang in content.languages:
            title = text_label(content.home.title.get(lang), "attractTitle")
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(title)
        column.addStretch(1)
        self.message_labels = []
        for _ in content.languages:
            label = text_label("", "lead")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.message_labels.append(label)
            column.addWidget(label)
        column.addStretch(1)
        self.prompt = text_label(
            "  /  ".join(CHROME["touch_to_start"][lang] for lang in content.languages),
            "attractPrompt",
        )
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.prompt)
        column.addStretch(2)
        for child in self.findChildren(QWidget):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.timer = QTimer(self)
        self.timer.setInterval(rotate_ms)
        self.timer.timeout.connect(self.rotate)
        self._show_message()

    def rotate(self) -> None:
        if self.messages:
            self.index = (self.index + 1) % len(self.messages)
            self._show_message()

    def _show_message(self) -> None:
        if self.messages:
            for label, text in zip(self.message_labels, self.messages[self.index], strict=True):
                label.setText(text)

    def showEvent(self, event: object) -> None:
        self.timer.start()

    def hideEvent(self, event: object) -> None:
        self.timer.stop()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.woken.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()
        self.woken.emit()
