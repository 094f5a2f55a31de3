"""The bar at the top of every screen: Back, Home, the screen's title, and language."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from kiosk.design.tokens import DEFAULT_COLOURS
from kiosk.paths import ASSETS_DIR

from .labels import text_label

ICON_PX = 40
# Dark enough on the white face of a switched-on button, in both contrast variants.
ON_ICON_COLOUR = DEFAULT_COLOURS["primary_dark"].encode()


def bar_icon(name: str) -> QIcon:
    """The white bar icon, plus a dark one for the checked state (Contrast and Listen turn
    white when on, and a white icon would vanish on them)."""
    path = ASSETS_DIR / "ui" / name
    icon = QIcon(str(path))
    svg = path.read_bytes()
    if b"#ffffff" not in svg:
        return icon
    renderer = QSvgRenderer(QByteArray(svg.replace(b"#ffffff", ON_ICON_COLOUR)))
    for side in (ICON_PX, 2 * ICON_PX):  # crisp on screens with a device pixel ratio of 2
        image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image), QIcon.Mode.Normal, QIcon.State.On)
    return icon


def nav_button(text: str, icon: str, name: str) -> QPushButton:
    button = QPushButton(bar_icon(icon), text)
    button.setObjectName(name)
    button.setIconSize(QSize(ICON_PX, ICON_PX))
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
