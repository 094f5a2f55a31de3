"""The on-screen keyboard (R2): letters, digits, space, backspace, shift, @ . - and a
number pad for the phone. Keys never take focus, so typing goes to the field in use.
There are no Ctrl/Alt/Win keys, no predictions and no clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.design.i18n import tr

TEXT_ROWS = ["1234567890", "qwertyuiop", "asdfghjklñ", "zxcvbnm'-.", "áéíóúü@"]
PHONE_ROWS = ["123", "456", "789"]
BACKSPACE, SHIFT, SPACE = "backspace", "shift", " "


class OnScreenKeyboard(QWidget):
    typed = Signal()  # after any key, so the form can re-check the field
    shown = Signal(bool)  # the window gives the keyboard the bottom bar's room

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.lang = lang
        self.target: QLineEdit | None = None
        self.shift = False
        self.keys: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.text_pad = self._pad(TEXT_ROWS, [SHIFT, SPACE, BACKSPACE], "")
        self.phone_pad = self._pad(PHONE_ROWS, ["0", BACKSPACE], "phone-")
        layout.addWidget(self.text_pad)
        layout.addWidget(self.phone_pad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.set_mode("text")

    def _pad(self, rows: list[str], last: list[str], prefix: str) -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        width = max(len(r) for r in rows)
        for r, row in enumerate(rows):
            for c, char in enumerate(row):
                grid.addWidget(self._key(prefix + char, char), r, c * 2, 1, 2)
        # The last row: wide keys share the full width.
        span = 2 * width // len(last)
        for i, name in enumerate(last):
            label = {SHIFT: "⇧", SPACE: tr("space", self.lang), BACKSPACE: "⌫"}.get(name, name)
            grid.addWidget(self._key(prefix + name, label), len(rows), i * span, 1, span)
        return pad

    def _key(self, name: str, label: str) -> QPushButton:
        key = QPushButton(label)
        key.setObjectName(f"key-{name}")
        key.setProperty("variant", "key")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoRepeat(name.endswith(BACKSPACE))
        spoken = {BACKSPACE: tr("backspace", self.lang), SHIFT: tr("shift", self.lang)}
        key.setAccessibleName(spoken.get(name.removeprefix("phone-"), label.strip() or name))
        bare = name.removeprefix("phone-")
        key.clicked.connect(lambda _=False, n=bare: self.press(n))
        self.keys[name] = key
        return key

    def set_mode(self, mode: str) -> None:
        """'text' for names, email and notes; 'phone' for the number pad."""
        self.text_pad.setVisible(mode != "phone")
        self.phone_pad.setVisible(mode == "phone")

    def set_target(self, field: QLineEdit | None, mode: str = "text", shift: bool = False) -> None:
        self.target = field
        self.set_mode(mode)
        self._set_shift(shift)

    def press(self, name: str) -> None:
        field = self.target
        if field is None or not field.isEnabled():
            return
        if name == SHIFT:
            self._set_shift(not self.shift)
            return
        if name == BACKSPACE:
            field.backspace()
        else:
            field.insert(name.upper() if self.shift else name)
            self._set_shift(False)  # one capital letter, like a phone keyboard
        self.typed.emit()

    def _set_shift(self, on: bool) -> None:
        self.shift = on
        for name, key in self.keys.items():
            if len(name) == 1 and name.isalpha():
                key.setText(name.upper() if on else name)
        shift_key = self.keys.get(SHIFT)
        if shift_key is not None:
            shift_key.setProperty("active", "true" if on else "false")
            shift_key.style().unpolish(shift_key)
            shift_key.style().polish(shift_key)

    def setVisible(self, visible: bool) -> None:
        # Say so before showing: the bottom bar must have made room by the time showing
        # activates the window's layout, or for a moment the window's minimum height holds
        # both, and on a short screen (1280x800) the window grows past the screen for good.
        if visible and self.isHidden():
            self.shown.emit(True)
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Only when the keyboard itself goes: when its whole form is being replaced, the
        # window shows the bar for the next screen once the form is out of the stack.
        if self.isHidden():
            self.shown.emit(False)
