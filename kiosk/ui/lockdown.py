"""Keep patients (and their children) inside the kiosk: no close, no Alt+F4, Escape or
Ctrl+Q, no context menus anywhere. What the operating system must add (a kiosk shell,
no VT switching, a keyboard filter) is in docs/deploy.md."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.app_filter import add_app_filter, remove_app_filter

Key = Qt.Key
Mod = Qt.KeyboardModifier
BLOCKED_KEYS = {
    (Key.Key_Escape, Mod.NoModifier),
    (Key.Key_F4, Mod.AltModifier),
    (Key.Key_Q, Mod.ControlModifier),
    (Key.Key_W, Mod.ControlModifier),
    (Key.Key_F11, Mod.NoModifier),
}
WATCHED = frozenset(
    {QEvent.Type.ContextMenu, QEvent.Type.Close, QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride}
)


class Lockdown(QObject):
    """An application-wide event filter; `allow_exit()` lets staff leave on purpose."""

    def __init__(self, app: QApplication, window: QWidget, hide_cursor: bool = True):
        super().__init__(app)
        self.app, self.window = app, window
        self._exit_allowed = False
        self._cursor_hidden = hide_cursor
        add_app_filter(self, WATCHED)
        if hide_cursor:
            app.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def allow_exit(self) -> None:
        self._exit_allowed = True

    def release(self) -> None:
        remove_app_filter(self)
        if self._cursor_hidden:
            self.app.restoreOverrideCursor()
            self._cursor_hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True  # right-click and long-press: never a menu
        if kind == QEvent.Type.Close and watched is self.window and not self._exit_allowed:
            event.ignore()
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            mods = event.modifiers() & ~Mod.KeypadModifier
            if (Key(event.key()), mods) in BLOCKED_KEYS:
                return True
        return False
