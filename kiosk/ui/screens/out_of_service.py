"""Shown when there is no usable content at all: never a blank or broken screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.design.i18n import CHROME
from kiosk.ui.widgets.labels import text_label


class OutOfServiceScreen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("kioskRoot")
        self.setWindowTitle("Out of service")
        column = QVBoxLayout(self)
        column.setContentsMargins(80, 80, 80, 80)
        column.setSpacing(48)
        column.addStretch(1)
        # Both languages at once: nobody can switch language on a broken kiosk.
        for text in CHROME["out_of_service"].values():
            label = text_label(text, "h1")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)
        column.addStretch(1)
