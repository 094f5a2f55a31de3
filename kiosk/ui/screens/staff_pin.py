"""The staff PIN pad. Digits show as dots only; the PIN lives in this widget until OK,
and the widget is destroyed when staff mode ends or the kiosk resets. It speaks the
session's language: the staff member may be the one who chose Spanish."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label

from .base import Screen

MAX_DIGITS = 12


class PinPadScreen(Screen):
    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, lang: str = "en") -> None:
        super().__init__(tr("staff_pin_title", lang), lang, max_width=700)
        self._digits = ""
        heading = text_label(tr("staff_pin_heading", lang), "h1")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = text_label(" ", "reference")
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = text_label("", "error")
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.column.addWidget(heading)
        self.column.addWidget(self.dots)
        self.column.addWidget(self.message)
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setSpacing(16)
        for index, digit in enumerate("123456789"):
            spoken = tr("staff_digit", lang, digit=digit)
            grid.addWidget(self._key(digit, digit, spoken), index // 3, index % 3)
        self.delete = self._key("delete", tr("staff_delete", lang), tr("staff_delete_hint", lang))
        self.ok = self._key("ok", tr("staff_ok", lang), tr("staff_ok_hint", lang))
        grid.addWidget(self.delete, 3, 0)
        grid.addWidget(self._key("0", "0", tr("staff_digit", lang, digit="0")), 3, 1)
        grid.addWidget(self.ok, 3, 2)
        self.column.addWidget(pad)
        cancel = QPushButton(tr("staff_cancel", lang))
        cancel.setObjectName("pinCancel")
        cancel.setProperty("variant", "link")
        cancel.setAccessibleName(tr("staff_cancel_hint", lang))
        cancel.clicked.connect(self.cancelled)
        self.column.addWidget(cancel)
        self.finish()

    def _key(self, name: str, label: str, spoken: str) -> QPushButton:
        key = QPushButton(label)
        key.setObjectName(f"pin-{name}")
        key.setProperty("variant", "key")
        key.setAccessibleName(spoken)
        if name.isdigit():
            key.clicked.connect(lambda: self.press(name))
        elif name == "delete":
            key.clicked.connect(self.backspace)
        else:
            key.clicked.connect(self.confirm)
        return key

    @property
    def digit_count(self) -> int:
        return len(self._digits)

    def press(self, digit: str) -> None:
        if len(self._digits) < MAX_DIGITS:
            self._digits += digit
            self._show_dots()

    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._show_dots()

    def confirm(self) -> None:
        if not self._digits:
            return
        pin, self._digits = self._digits, ""
        self._show_dots()
        self.submitted.emit(pin)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_enabled_input(self, enabled: bool) -> None:
        """No PIN is set, or a lockout: the pad stays visible but cannot be used."""
        for key in self.findChildren(QPushButton):
            if key.objectName() != "pinCancel":
                key.setEnabled(enabled)

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self._digits) or " ")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # IT with a keyboard
        text, key = event.text(), event.key()
        if not self.ok.isEnabled():
            event.ignore()
        elif text.isdigit() and text.isascii():
            self.press(text)
        elif key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        else:
            super().keyPressEvent(event)
