"""Form inputs that keep the previous patient's words from leaking: no context menu,
no completer, no predictions, no drag and drop, no Ctrl/Alt/Win shortcuts (so no paste
or undo from a keyboard), and a pick-one button group."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLineEdit, QWidget

from .wrapping import WrapButton

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
    """Large buttons of which exactly one (or none yet) is chosen."""

    changed = Signal(str)

    def __init__(self, name: str, choices: list[tuple[str, str]], columns: int):
        super().__init__()
        self.setObjectName(f"choices-{name}")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.buttons: dict[str, WrapButton] = {}
        for i, (value, label) in enumerate(choices):
            button = WrapButton(label)
            button.setObjectName(f"choice-{name}-{value}")
            button.setProperty("variant", "choice")
            button.setCheckable(True)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, v=value: self.changed.emit(v))
            self.group.addButton(button)
            self.buttons[value] = button
            grid.addWidget(button, i // columns, i % columns)

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, value: str) -> None:
        if value in self.buttons:
            self.buttons[value].setChecked(True)
