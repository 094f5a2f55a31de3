"""The whole kiosk without touching it (A4): Tab and the arrow keys move between buttons
and fields, Enter presses the focused button (or goes to the next field), Backspace
outside a text field goes back. Installed on the window, so staff pages get it too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget

from kiosk.ui.app_filter import add_app_filter

Key = Qt.Key
FORWARD = {Key.Key_Down, Key.Key_Right}
BACKWARD = {Key.Key_Up, Key.Key_Left}
ENTER = {Key.Key_Return, Key.Key_Enter}


class KeyboardNavigation(QObject):
    def __init__(self, window: QWidget, go_back: Callable[[], None], active: Callable[[], bool]):
        super().__init__(window)
        self.window, self.go_back, self.active = window, go_back, active
        add_app_filter(self, frozenset({QEvent.Type.KeyPress}))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if focus is None or watched is not focus or focus.window() is not self.window:
            return False  # act once per key press, on the focused widget of our window
        if not self.active():
            return False  # the start screen: any key just wakes the kiosk
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = Key(event.key())
        typing = isinstance(focus, QLineEdit | QPlainTextEdit)
        if key in ENTER:
            if isinstance(focus, QAbstractButton):
                focus.click()
            else:
                self._move(focus, forward=True)
            return True
        if key in (FORWARD | BACKWARD) and not (typing and key in (Key.Key_Left, Key.Key_Right)):
            if isinstance(focus, QPlainTextEdit) and key in (Key.Key_Up, Key.Key_Down):
                return False  # lines inside the note
            self._move(focus, forward=key in FORWARD)
            return True
        if key == Key.Key_Backspace and not typing:
            self.go_back()
            return True
        return False

    @staticmethod
    def _move(focus: QWidget, forward: bool) -> None:
        # A real Tab press, so scroll areas bring the next widget into view as usual.
        tab = Key.Key_Tab if forward else Key.Key_Backtab
        mods = Qt.KeyboardModifier.NoModifier if forward else Qt.KeyboardModifier.ShiftModifier
        QApplication.sendEvent(focus, QKeyEvent(QEvent.Type.KeyPress, tab, mods))
