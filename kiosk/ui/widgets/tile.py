"""Big buttons that open a section (tile) or a topic (row): icon, title, one-line summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap, QPixmapCache
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .labels import text_label


def icon_pixmap(path: Path, size: int) -> QPixmap:
    """The icon drawn at `size`, drawn once and kept in Qt's bounded pixmap cache: every
    tile and topic row shows one, and drawing the SVG again cost about 0.3 ms each."""
    try:
        stamp = path.stat().st_mtime_ns  # a picture staff replace is drawn anew
    except OSError:
        stamp = 0
    key = f"kiosk-icon:{path}:{stamp}:{size}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    pixmap = QIcon(str(path)).pixmap(QSize(size, size))
    QPixmapCache.insert(key, pixmap)
    return pixmap


def icon_label(path: Path, size: int, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setPixmap(icon_pixmap(path, size))
    label.setFixedSize(size, size)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class CardButton(QPushButton):
    """A push button laid out with labels inside; its height follows its wrapped text."""

    def __init__(self, title: str, summary: str, variant: str, layout: QBoxLayout):
        super().__init__()
        self.setProperty("variant", variant)
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setLayout(layout)
        # QPushButton is vertically Fixed by default, which ignores wrapped text.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.title_label = text_label(title, "tileTitle")
        self.summary_label = text_label(summary, "tileSummary")
        for label in (self.title_label, self.summary_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout else -1


class SectionTile(CardButton):
    def __init__(self, icon: Path, title: str, summary: str, tone: str = ""):
        column = QVBoxLayout()
        column.setContentsMargins(28, 24, 28, 24)
        column.setSpacing(12)
        super().__init__(title, summary, "tile", column)
        if tone:
            self.setProperty("tone", tone)
        column.addWidget(icon_label(icon, 88), 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.title_label)
        column.addWidget(self.summary_label)
        column.addStretch(1)


class TopicRow(CardButton):
    def __init__(self, title: str, summary: str, chevron: Path, urgent: bool = False):
        row = QHBoxLayout()
        row.setContentsMargins(32, 20, 24, 20)
        row.setSpacing(20)
        super().__init__(title, summary, "row", row)
        if urgent:
            self.setProperty("tone", "urgent")
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(self.title_label)
        if summary:
            text.addWidget(self.summary_label)
        else:
            self.summary_label.hide()
        row.addLayout(text, 1)
        row.addWidget(icon_label(chevron, 48), 0, Qt.AlignmentFlag.AlignVCenter)
