"""A push button, a check box and a radio button whose text wraps onto more lines when it
does not fit (200% text, long Spanish phrases, a portrait screen) instead of being cut off. `text()`
stays the whole text, so speech, accessible names and tests see what they always saw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

ICON_GAP = 4  # what Qt's styles put between a button's icon and its text
MNEMONIC = Qt.TextFlag.TextShowMnemonic


def wrap_words(text: str, metrics: QFontMetrics, room: int) -> list[str]:
    """Greedy line breaking at spaces; a word wider than `room` gets a line of its own."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > room:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


if TYPE_CHECKING:
    _Button = QAbstractButton  # what the mixin relies on, for the type checker
else:
    _Button = object


class _WrapsText(_Button):
    """What a wrapping button and check box share; each says how much room its text has
    (`text_room`), how big it is around some text (`_size_for`) and which control it is."""

    CONTROL: QStyle.ControlElement

    def _init_wrapping(self) -> None:
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text_room(self, width: int) -> int:
        raise NotImplementedError

    def _size_for(self, text: str) -> QSize:
        raise NotImplementedError

    def _option(self, width: int) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)  # type: ignore[attr-defined]
        option.rect = QRect(0, 0, width, max(self.height(), 1))
        return option

    def lines(self, width: int) -> list[str]:
        return wrap_words(self.text(), self.fontMetrics(), self.text_room(width))

    def minimumSizeHint(self) -> QSize:
        longest = max(self.text().split(), key=self.fontMetrics().horizontalAdvance, default="")
        return QSize(self._size_for(longest).width(), super().minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # Layouts ask again and again for the same widths while a screen is shown (about
        # 50 times per tap): measured once per width, text, font and icon.
        key = (
            width,
            self.text(),
            self.font().key(),
            self.iconSize().toTuple(),
            self.icon().isNull(),
        )
        cache: dict[tuple[object, ...], int] = self.__dict__.setdefault("_heights", {})
        height = cache.get(key)
        if height is None:
            if len(cache) > 64:
                cache.clear()
            height = cache[key] = self._size_for("\n".join(self.lines(width))).height()
        return height

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.__dict__.pop("_heights", None)  # the style's padding or borders changed

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)  # type: ignore[attr-defined]
        option.text = "\n".join(self.lines(self.width()))
        painter.drawControl(self.CONTROL, option)


class WrapButton(_WrapsText, QPushButton):
    """One line when there is room; more lines, and a taller button, when there is not."""

    CONTROL = QStyle.ControlElement.CE_PushButton

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._init_wrapping()

    def _icon_width(self) -> int:
        return 0 if self.icon().isNull() else self.iconSize().width() + ICON_GAP

    def text_room(self, width: int) -> int:
        """Pixels left for the text in a button `width` wide (inside border, padding, icon)."""
        element = QStyle.SubElement.SE_PushButtonContents
        inside = self.style().subElementRect(element, self._option(width), self)
        return inside.width() - self._icon_width()

    def _size_for(self, text: str) -> QSize:
        text_size = self.fontMetrics().size(MNEMONIC, text)
        contents = QSize(
            text_size.width() + self._icon_width(),
            max(text_size.height(), 0 if self.icon().isNull() else self.iconSize().height()),
        )
        option = self._option(contents.width())
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, contents, self
        )


class WrapCheckBox(_WrapsText, QCheckBox):
    """A check box whose label wraps; the whole of it (box and words) takes the tap."""

    CONTROL = QStyle.ControlElement.CE_CheckBox

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._init_wrapping()

    def text_room(self, width: int) -> int:
        element = QStyle.SubElement.SE_CheckBoxContents
        return self.style().subElementRect(element, self._option(width), self).width()

    def _size_for(self, text: str) -> QSize:
        contents = self.fontMetrics().size(MNEMONIC, text)
        option = self._option(contents.width())
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_CheckBox, option, contents, self
        )

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


class WrapRadioButton(_WrapsText, QRadioButton):
    """A radio button whose label wraps; the whole row (circle and words) takes the tap."""

    CONTROL = QStyle.ControlElement.CE_RadioButton
    focused = Signal()  # after Qt has had its say on the group's focus policies

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._init_wrapping()

    def text_room(self, width: int) -> int:
        element = QStyle.SubElement.SE_RadioButtonContents
        return self.style().subElementRect(element, self._option(width), self).width()

    def _size_for(self, text: str) -> QSize:
        contents = self.fontMetrics().size(MNEMONIC, text)
        option = self._option(contents.width())
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_RadioButton, option, contents, self
        )

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()
