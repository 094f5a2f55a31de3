"""Form inputs that keep the previous patient's words from leaking: no context menu,
no completer, no predictions, no drag and drop, no Ctrl/Alt/Win shortcuts (so no paste
or undo from a keyboard), and a pick-one group of radio buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from .wrapping import WrapRadioButton

# Clipboard and history keys, however the platform spells them (Shift+Insert pastes too).
BLOCKED_SEQUENCES = (
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
)
BLOCKED_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class SafeLineEdit(QLineEdit):
    focused = Signal()

    def __init__(self, name: str, max_length: int):
        super().__init__()
        self.setObjectName(f"field-{name}")
        self.setMaxLength(max_length)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # No completer is ever set: a QLineEdit has none unless given one (R2).
        self.setDragEnabled(False)
        self.setAcceptDrops(False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
            | Qt.InputMethodHint.ImhSensitiveData
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & BLOCKED_MODIFIERS or any(map(event.matches, BLOCKED_SEQUENCES)):
            event.accept()  # swallow paste, undo, Alt+..., Win+...
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.focused.emit()


class ChoiceButtons(QWidget):
    """Large radio buttons (a circle that shows a tick when chosen, the radio button's
    accessible role, the label as its name) of which exactly one, or none yet, is chosen."""

    changed = Signal(str)

    def __init__(self, name: str, choices: list[tuple[str, str]], columns: int):
        super().__init__()
        self.setObjectName(f"choices-{name}")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.buttons: dict[str, WrapRadioButton] = {}
        for i, (value, label) in enumerate(choices):
            button = WrapRadioButton(label)
            button.setObjectName(f"choice-{name}-{value}")
            button.setProperty("variant", "choice")
            button.setAccessibleName(label)
            # Auto-exclusive (so it is a radio button to assistive tech too), but Qt then
            # takes Tab focus from every choice except the chosen one, and the keyboard and
            # arrow keys (A4) could not reach another: given back after each change.
            button.toggled.connect(self._keep_tab_focus)
            button.focused.connect(self._keep_tab_focus)
            button.clicked.connect(lambda _=False, v=value: self._choose(v))
            self.buttons[value] = button
            grid.addWidget(button, i // columns, i % columns)

    def labels(self) -> list[str]:
        return [b.text() for b in self.buttons.values()]

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, value: str) -> None:
        if value in self.buttons:
            self.buttons[value].setChecked(True)
            self._keep_tab_focus()

    def _keep_tab_focus(self, _on: bool = False) -> None:
        for button in self.buttons.values():
            button.setFocusPolicy(button.focusPolicy() | Qt.FocusPolicy.TabFocus)

    def _choose(self, value: str) -> None:
        self.set_value(value)  # a tap on the chosen one keeps it chosen
        self.changed.emit(value)
