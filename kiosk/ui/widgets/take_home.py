"""The take-home card: a topic's QR code and the sentence that says what it is for, pinned
beside the page (landscape) or under it (portrait) so it stays in view while the patient
scrolls, and is there wherever they are in the page when they are called in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.qr_code import TARGET_SIDE_PX, QrCode

Direction = QBoxLayout.Direction
Policy = QSizePolicy.Policy
MARGIN = 40  # as the page's own side margins (screens/base.py)
PADDING = 16
WORDS_PX = 260  # the side panel's words wrap at no less: fewer lines on a short screen


class TakeHomeCard(QFrame):
    """The code above its sentence in a side panel, beside it in a strip."""

    def __init__(self, url: str, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("takeHome")
        self.setProperty("variant", "notice")
        sentence = tr("take_home", lang)
        self.code = QrCode(url, sentence)
        self.sentence = text_label(sentence, "takeHome")
        self.box = QBoxLayout(Direction.TopToBottom, self)
        self.box.setContentsMargins(PADDING, PADDING, PADDING, PADDING)
        self.box.setSpacing(PADDING)
        self.box.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        self.box.addWidget(self.sentence, 1)
        self.side = True
        self.room = 0  # the height the side panel may take; 0: any
        self.set_side(True)

    def set_side(self, side: bool, room: int = 0) -> bool:
        """Side panel (code over words, in `room` pixels of height) or strip (words beside)."""
        self.side, self.room = side, room
        self.box.setDirection(Direction.TopToBottom if side else Direction.LeftToRight)
        if side:
            self.sentence.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        else:
            self.sentence.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return self.fit()

    def fit(self) -> bool:
        """The code as large as aimed at, or smaller (never under 3 cm) when the side panel
        would be taller than its room: a short screen at 200% text. The words wrap at the
        code's width, or at their longest word's when that is wider, so none is ever cut.
        False: the side panel does not fit in its room even so."""
        self.code.set_side(TARGET_SIDE_PX)
        while True:
            wide = max(WORDS_PX, self.code.width(), self.sentence.minimumSizeHint().width())
            self.sentence.setMaximumWidth(wide if self.side else 16777215)
            if not self.side or not self.room or self.needed(wide) <= self.room:
                return True
            smaller = self.code.smaller_side()
            if smaller is None:
                return False
            self.code.set_side(smaller)

    def needed(self, wide: int) -> int:
        frame = 2 * self.frameWidth()
        words = self.sentence.heightForWidth(wide)
        return frame + 3 * PADDING + self.code.height() + words


class PinnedTakeHome(QObject):
    """Moves `screen`'s scroll area and its 'more below' strip into a row with the card,
    and turns the row (and the card) as the screen turns between landscape and portrait."""

    def __init__(self, screen: QWidget, outer: QVBoxLayout, card: TakeHomeCard):
        super().__init__(screen)
        self.card = card
        reading = QVBoxLayout()
        reading.setContentsMargins(0, 0, 0, 0)
        reading.setSpacing(0)
        while outer.count():  # the scroll area and the strip, in their order
            item = outer.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                reading.addWidget(widget, 1 if reading.count() == 0 else 0)
        # The card's margins are its holder's, so the scroll area keeps the screen's edges.
        self.holder = QWidget()
        self.holder.setObjectName("takeHomeHolder")
        self.holder_box = QVBoxLayout(self.holder)
        self.holder_box.setSpacing(0)
        self.holder_box.addWidget(card)
        self.holder_box.addStretch(1)
        self.row = QBoxLayout(Direction.LeftToRight)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(0)
        self.row.addLayout(reading, 1)
        self.row.addWidget(self.holder, 0)
        outer.addLayout(self.row, 1)
        self.screen = screen
        self.shape: tuple[bool, int, float] | None = None
        self.turn()
        screen.installEventFilter(self)
        card.sentence.installEventFilter(self)  # its font follows the text size

    def turn(self) -> None:
        """Beside the page on a landscape screen when the card fits there, else under it."""
        width, height = self.screen.width(), self.screen.height()
        room = height - 32 - 16
        shape = (width > height, room, self.card.sentence.font().pointSizeF())
        if shape == self.shape:
            return
        self.shape = shape
        side = width > height and self.card.set_side(True, room)
        if not side:
            self.card.set_side(False)
        # Beside the page its height is the screen's, never more (the card fits itself in);
        # under the page it takes what it needs.
        self.holder.setSizePolicy(Policy.Preferred, Policy.Ignored if side else Policy.Preferred)
        if side:  # beside the page, level with its heading
            self.row.setDirection(Direction.LeftToRight)
            self.holder_box.setContentsMargins(0, 32, MARGIN, 16)
        else:  # under the page and its 'more below' strip
            self.row.setDirection(Direction.TopToBottom)
            self.holder_box.setContentsMargins(MARGIN, 8, MARGIN, 16)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.turn()
        return False
