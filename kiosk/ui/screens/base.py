"""What every screen shares: a heading area inside a kinetic scroll area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.design.i18n import tr
from kiosk.ui.widgets.kinetic_scroll import KineticScrollArea, MoreBelowStrip, ScrolledPage

COLUMN_MAX_WIDTH = 1280


class Screen(QWidget):
    """A page in the main stack. `title` is what the window and speech call it."""

    def __init__(self, title: str, lang: str, max_width: int = COLUMN_MAX_WIDTH):
        super().__init__()
        self.title = title
        self.lang = lang
        # Its own background, in its own look (theme.qss, kiosk/ui/look_switch.py).
        self.setProperty("screen", "true")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        inner = ScrolledPage()
        self.centre = centre = QHBoxLayout(inner)
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

    def spoken_lines(self) -> list[str]:
        """What speech mode reads, in reading order (the order widgets were built in):
        headings and text, button labels, and for fields their label, value and error."""
        lines: list[str] = []
        for widget in self.column_widget.findChildren(QWidget):
            if not widget.isVisibleTo(self) or self._skip_speech(widget):
                continue
            if isinstance(widget, QLabel):
                lines.append(widget.text())
            elif isinstance(widget, QLineEdit):
                lines.append(self.field_words(widget))
            elif isinstance(widget, (QCheckBox, QRadioButton)):
                # Said in words: a tick mark is silent or "check mark" in most voices.
                chosen = f", {tr('spoken_chosen', self.lang)}" if widget.isChecked() else ""
                lines.append(widget.text() + chosen)
            elif isinstance(widget, QAbstractButton) and widget.text():
                lines.append(widget.text())
        return [line for line in lines if line.strip()]

    def field_words(self, field: QLineEdit) -> str:
        return field.text() or tr("field_empty", self.lang)

    @staticmethod
    def _skip_speech(widget: QWidget) -> bool:
        # Text inside a button is read as part of it; key caps are not words.
        parent = widget.parentWidget()
        return isinstance(parent, QAbstractButton) and not isinstance(widget, QLabel)
