"""The bar at the top of every screen: Back, Home, the screen's title, and language."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from kiosk.paths import ASSETS_DIR

from .labels import text_label


def nav_button(text: str, icon: str, name: str) -> QPushButton:
    button = QPushButton(QIcon(str(ASSETS_DIR / "ui" / icon)), text)
    button.setObjectName(name)
    button.setIconSize(QSize(40, 40))
    button.setProperty("variant", "nav")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class NavBar(QFrame):
    back_requested = Signal()
    home_requested = Signal()
    language_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(20)
        self.back = nav_button("", "back.svg", "backButton")
        self.home = nav_button("", "home.svg", "homeButton")
        self.language = nav_button("", "language.svg", "languageButton")
        self.title = text_label("", "navTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.back)
        row.addWidget(self.home)
        row.addWidget(self.title, 1)
        row.addWidget(self.language)
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.language.clicked.connect(self.language_requested)

    def show_state(
        self, title: str, back: str, home: str, language: str, language_hint: str, can_back: bool
    ) -> None:
        self.title.setText(title)
        self.back.setText(back)
        self.back.setAccessibleName(back)
        self.back.setEnabled(can_back)
        self.home.setText(home)
        self.home.setAccessibleName(home)
        self.language.setText(language)
        self.language.setAccessibleName(f"{language_hint}: {language}")
