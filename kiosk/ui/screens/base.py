"""What every screen shares: a heading area inside a kinetic scroll area."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.i18n import tr
from kiosk.ui.widgets.kinetic_scroll import KineticScrollArea, MoreBelowStrip

COLUMN_MAX_WIDTH = 1280


class Screen(QWidget):
    """A page in the main stack. `title` is what the window and speech call it."""

    def __init__(self, title: str, lang: str, max_width: int = COLUMN_MAX_WIDTH):
        super().__init__()
        self.title = title
        self.lang = lang
        inner = QWidget()
        centre = QHBoxLayout(inner)
        centre.setContentsMargins(40, 32, 40, 32)
        self.column_widget = QWidget()
        self.column_widget.setMaximumWidth(max_width)
        self.column = QVBoxLayout(self.column_widget)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(24)
        # The column grows to its maximum width first; the side spacers share what is left.
        centre.addStretch(1)
        centre.addWidget(self.column_widget, 1000)
        centre.addStretch(1)
        self.scroll_area = KineticScrollArea(inner)
        self.more_strip = MoreBelowStrip(self.scroll_area, tr("more_below", lang))
        self.more_hint = self.more_strip.pill
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(0)
        self.outer.addWidget(self.scroll_area, 1)
        self.outer.addWidget(self.more_strip)

    def finish(self) -> None:
        self.column.addStretch(1)
