"""The on-screen keyboard (R2): letters, digits, space, backspace, shift, @ . - and a
12-key pad for the phone, each with a Next (or Done) key that says where typing goes next.
Keys never take focus, so typing goes to the field in use. There are no Ctrl/Alt/Win keys,
no predictions and no clipboard. The keys grow with the text size (the theme's osk_key_px),
and the phone pad's keys are as wide as the letter keys, so no key is harder to hit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.design.i18n import tr
from kiosk.design.tokens import BASE_POINTS, PIXELS

TEXT_ROWS = ["1234567890", "qwertyuiop", "asdfghjklñ", "zxcvbnm'-.", "áéíóúü@"]
PHONE_ROWS = ["123", "456", "789"]
BACKSPACE, SHIFT, SPACE, NEXT = "backspace", "shift", " ", "next"
SPACING = 10
MARGIN = 16
# The most of the window the keyboard may take, so the field being typed in still shows
# above it on a short screen at large text (1280x800 at 200%); keys stay >= key_px anyway.
WINDOW_SHARE = 0.55


class OnScreenKeyboard(QWidget):
    typed = Signal()  # after any key, so the form can re-check the field
    shown = Signal(bool)  # the window gives the keyboard the bottom bar's room
    next_requested = Signal()  # the Next / Done key: the form moves on

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.lang = lang
        self.target: QLineEdit | None = None
        self.shift = False
        self.keys: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 12, MARGIN, 12)
        self.text_pad = self._pad(TEXT_ROWS, [SHIFT, SPACE, BACKSPACE, NEXT], "")
        # The 12-key phone layout: 1-9, then + 0 and delete; Next on a row of its own.
        self.phone_pad = self._pad(PHONE_ROWS, ["+", "0", BACKSPACE], "phone-", NEXT)
        layout.addWidget(self.text_pad)
        layout.addWidget(self.phone_pad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.set_mode("text")
        self.set_next_label(tr("key_next", lang))

    def _pad(self, rows: list[str], last: list[str], prefix: str, action: str = "") -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(SPACING)
        width = max(len(r) for r in rows)
        for r, row in enumerate(rows):
            for c, char in enumerate(row):
                grid.addWidget(self._key(prefix + char, char), r, c * 2, 1, 2)
        # The last row: wide keys share the full width.
        span = 2 * width // len(last)
        for i, name in enumerate(last):
            label = {SHIFT: "⇧", SPACE: tr("space", self.lang), BACKSPACE: "⌫"}.get(name, name)
            grid.addWidget(self._key(prefix + name, label), len(rows), i * span, 1, span)
        if action:
            grid.addWidget(self._key(prefix + action, ""), len(rows) + 1, 0, 1, 2 * width)
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
        if bare == NEXT:
            key.setProperty("action", "true")
            key.clicked.connect(self.next_requested)
        else:
            key.clicked.connect(lambda _=False, n=bare: self.press(n))
        self.keys[name] = key
        return key

    def set_next_label(self, label: str) -> None:
        """'Next' when another field follows on the step, 'Done' on the last one."""
        for name in (NEXT, "phone-" + NEXT):
            self.keys[name].setText(label)
            self.keys[name].setAccessibleName(label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Phone keys as wide as the letter keys (a 10-key row shares the width).
        room = self.width() - 2 * MARGIN
        letter = (room - 9 * SPACING) // 10
        self.phone_pad.setFixedWidth(3 * letter + 2 * SPACING)

    def set_mode(self, mode: str) -> None:
        """'text' for email and notes, 'name' for names (no digit row), 'phone' for the
        number pad."""
        self.mode = mode
        if self.isVisible():
            self.fit_keys()  # before the new pad shows, so it never counts at a taller size
        # The pad going away first: for a moment both would count in the window's height.
        pads = [(self.text_pad, mode != "phone"), (self.phone_pad, mode == "phone")]
        for pad, show in sorted(pads, key=lambda p: p[1]):
            pad.setVisible(show)
        for digit in TEXT_ROWS[0]:
            self.keys[digit].setVisible(mode != "name")

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
            self.fit_keys()
            self.shown.emit(True)
        super().setVisible(visible)

    def key_height(self) -> int:
        """Keys grow with the text size like their letters do (key_pt, capped), and never
        below key_px; on a short window only as far as WINDOW_SHARE allows."""
        sample = self.keys["q"]
        sample.ensurePolished()
        grow = sample.font().pointSizeF() / BASE_POINTS["key_pt"]
        ideal = max(PIXELS["key_px"], round(PIXELS["key_px"] * grow))
        # Rows of keys: letters with their last row, less the digits for names; the
        # phone's four rows and its Next.
        rows = {"phone": len(PHONE_ROWS) + 2, "name": len(TEXT_ROWS)}.get(
            self.mode, len(TEXT_ROWS) + 1
        )
        room = int(self.window().height() * WINDOW_SHARE) - 24 - (rows - 1) * SPACING
        return max(PIXELS["key_px"], min(ideal, room // max(rows, 1)))

    def fit_keys(self) -> None:
        height = self.key_height()
        for key in self.keys.values():
            key.ensurePolished()  # so the stylesheet's minimum does not come after this
            key.setMinimumHeight(height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Only when the keyboard itself goes: when its whole form is being replaced, the
        # window shows the bar for the next screen once the form is out of the stack.
        if self.isHidden():
            # The screen's minimum height must forget the keyboard before the bottom bar
            # comes back, or for a moment it counts both and a short window grows for good.
            parent = self.parentWidget()
            while parent is not None:
                layout = parent.layout()
                if layout is not None:
                    layout.invalidate()
                parent = parent.parentWidget()
            self.shown.emit(False)
