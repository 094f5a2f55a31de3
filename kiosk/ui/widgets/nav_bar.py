"""The bar at the top of every screen: Back, Home, the clinic's name, Call me and language.
"Call me" keeps the call-back one tap away on every screen, however far a page scrolls at
large text. The name gives way (its text empties) when the buttons need its room; the label
keeps its place, and a tap on it emits title_tapped (the staff gesture counts those)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

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
    call_requested = Signal()
    title_tapped = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navBar")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(16, 8, 16, 8)
        self.row.setSpacing(16)
        self.back = nav_button("", "back.svg", "backButton")
        self.home = nav_button("", "home.svg", "homeButton")
        self.call = nav_button("", "call.svg", "callButton")
        self.call.setProperty("variant", "call")
        self.language = nav_button("", "language.svg", "languageButton")
        self.title = text_label("", "navTitle")
        self._title_text = ""
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Never the reason the bar is too wide: it takes what the buttons leave.
        policy = self.title.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.title.setSizePolicy(policy)
        self.buttons = (self.back, self.home, self.call, self.language)
        self.row.addWidget(self.back)
        self.row.addWidget(self.home)
        self.row.addWidget(self.title, 1)
        self.row.addWidget(self.call)
        self.row.addWidget(self.language)
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.call.clicked.connect(self.call_requested)
        self.language.clicked.connect(self.language_requested)
        self.title.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A touch on a label arrives as a synthesized mouse release, so this covers both.
        if watched is self.title and event.type() == QEvent.Type.MouseButtonRelease:
            self.title_tapped.emit()
        return super().eventFilter(watched, event)

    def _place_title(self) -> None:
        """Show the name only where its longest word fits beside the buttons. The label
        itself always keeps its place: it is where staff tap to open staff mode."""
        row = self.row
        shown = [b for b in self.buttons if not b.isHidden()]
        margins = row.contentsMargins()
        used = sum(b.sizeHint().width() for b in shown) + row.spacing() * len(shown)
        room = self.width() - margins.left() - margins.right() - used
        self.title.ensurePolished()
        metrics = self.title.fontMetrics()
        words = self._title_text.split() or [""]
        wrap = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        high = metrics.boundingRect(QRect(0, 0, max(1, room), 1 << 20), wrap, self._title_text)
        # No word broken, and two lines at most: a taller bar would push the page down.
        fits = room >= max(map(metrics.horizontalAdvance, words)) + 8
        readable = fits and high.height() <= 2 * metrics.lineSpacing()
        self.title.setText(self._title_text if readable else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_title()

    def show_state(
        self,
        title: str,
        back: str,
        home: str,
        language: str,
        language_hint: str,
        can_back: bool,
        call: str = "",
        can_call: bool = True,
    ) -> None:
        self.call.setText(call)
        self.call.setAccessibleName(call)
        self.call.setVisible(bool(call))
        self.call.setEnabled(can_call)
        self._title_text = title
        self.back.setText(back)
        self.back.setAccessibleName(back)
        self.back.setEnabled(can_back)
        self.home.setText(home)
        self.home.setAccessibleName(home)
        self.language.setText(language)
        self.language.setAccessibleName(f"{language_hint}: {language}")
        self._place_title()
