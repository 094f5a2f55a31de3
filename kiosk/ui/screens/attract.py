"""The calm start screen between patients: the titles and key messages in every content
language, and one large button per language ("Touch here to start" in its own words).

The tap chooses the language. A first touch still only wakes the kiosk (I4): a language
button acts on release inside it, like every button, and a touch anywhere else wakes the
kiosk in its default language. Press and release both land on this page, never on what
lies underneath; the kiosk keeps the display on (kiosk/keep_awake.py), so the page the
finger lands on is the page the patient sees."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content import Content
from kiosk.design.i18n import CHROME, tr
from kiosk.ui.widgets.labels import text_label

START_BUTTON_MAX_WIDTH = 1000
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AttractScreen(QWidget):
    woken = Signal(str)  # the language chosen, or "" for the kiosk's default

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
        self._pressed_here = False
        # Whatever the words need, this page never makes the window bigger than the screen
        # (it shares the window with the patient pages); the stretches give way first.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        column = QVBoxLayout(self)
        column.setContentsMargins(72, 40, 72, 40)
        column.setSpacing(20)
        column.addStretch(2)
        for lang in content.languages:
            title = text_label(content.home.title.get(lang), "attractTitle")
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(title)
        column.addStretch(1)
        self.message_labels = []
        for _ in content.languages:
            label = text_label("", "attractMessage")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.message_labels.append(label)
            column.addWidget(label)
        column.addStretch(1)
        for child in self.findChildren(QWidget):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # One full-width button per language, stacked: each phrase keeps to one line on
        # a 1280x800 screen, and a finger cannot land between two languages.
        # Plain buttons: the start screen is always at 100% text, where each phrase fits one
        # line, and the wrapping button's module (with QStyle's large enums) would load
        # before the first paint (docs/benchmarks.md).
        self.start_buttons: dict[str, QPushButton] = {}
        for lang in content.languages:
            button = QPushButton(tr("touch_here", lang))
            button.setObjectName(f"start-{lang}")
            button.setProperty("variant", "start")
            button.setAccessibleName(f"{tr('language_name', lang)}: {tr('touch_here', lang)}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # no focus ring under a finger
            button.setMaximumWidth(START_BUTTON_MAX_WIDTH)
            button.clicked.connect(lambda _=False, chosen=lang: self.woken.emit(chosen))
            self.start_buttons[lang] = button
            row = QHBoxLayout()
            row.addWidget(button)
            column.addLayout(row)
        column.addStretch(2)
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

    # A touch or click anywhere but on a language button: wake in the default language.
    # A press on a language button that slides off it before the release chooses nothing
    # (the button passes that release on to this page, which did not see the press).
    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self._pressed_here = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._pressed_here:
            self._pressed_here = False
            self.woken.emit("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Any key wakes; Enter on a language button reached with Tab chooses it."""
        event.accept()
        focused = self.focusWidget()
        for lang, button in self.start_buttons.items():
            if focused is button and event.key() in ENTER:
                self.woken.emit(lang)
                return
        self.woken.emit("")
