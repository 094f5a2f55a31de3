"""Big buttons that open a section (tile) or a topic (row): icon, title, one-line summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPixmap, QPixmapCache
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.design.tokens import BASE_POINTS

from .labels import text_label

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap


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


_ICONS: dict[tuple[Path, int], QIcon] = {}


def shared_icon(path: Path) -> QIcon:
    """One QIcon per picture for the whole run. Qt keeps each icon's drawn pixmaps in its
    pixmap cache under that icon's own key, so a new QIcon at every home screen filled the
    cache by 6.5 kB per patient, up to its 10 MB limit (P4, docs/benchmarks.md)."""
    try:
        stamp = path.stat().st_mtime_ns  # a picture staff replace is drawn anew
    except OSError:
        stamp = 0
    key = (path, stamp)
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = QIcon(str(path))
    return icon


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


def words_height(font: QFont, text: str, width: int) -> int:
    """How tall `text` wraps at `width` in `font`: what a word-wrapping plain-text label
    asks for, without one."""
    box = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 1 << 20), WRAP, text)
    return box.height()


class SectionTile(CardButton):
    """A home tile: the icon beside the title and summary, so a tile is about as tall as
    its words. Home hides the summary when the screen has no room for it (it stays the
    tile's accessible description), and on a tight screen sets the title a little smaller
    (`compact`: the small text size, still >= 22 pt)."""

    MARGINS = (16, 12, 16, 12)
    ICON_PX = 48
    GAP = 12
    SUMMARY_GAP = 4

    def __init__(self, icon: Path, title: str, summary: str, tone: str = ""):
        row = QHBoxLayout()
        row.setContentsMargins(*self.MARGINS)
        row.setSpacing(self.GAP)
        super().__init__(title, summary, "tile", row)
        if tone:
            self.setProperty("tone", tone)
        row.addWidget(icon_label(icon, self.ICON_PX), 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(self.SUMMARY_GAP)
        text.addWidget(self.title_label)
        text.addWidget(self.summary_label)
        text.addStretch(1)
        row.addLayout(text, 1)
        self.compact = False

    def show_summary(self, shown: bool) -> None:
        self.summary_label.setVisible(shown)

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self.title_label.setProperty("role", "tileTitleCompact" if compact else "tileTitle")
            style = self.title_label.style()
            style.unpolish(self.title_label)
            style.polish(self.title_label)

    def _title_font(self, compact: bool) -> QFont:
        self.title_label.ensurePolished()
        font = QFont(self.title_label.font())
        if compact != self.compact:
            ratio = BASE_POINTS["small_pt"] / BASE_POINTS["tile_title_pt"]
            font.setPointSizeF(font.pointSizeF() * (ratio if compact else 1 / ratio))
        return font

    def height_for(self, width: int, with_summary: bool, compact: bool = False) -> int:
        """The tile's height at `width`, with or without its summary, in the normal or
        compact title size, without laying it out (home tries several arrangements)."""
        left, top, right, bottom = self.MARGINS
        room = width - left - right - self.ICON_PX - self.GAP
        words = words_height(self._title_font(compact), self.title_label.text(), room)
        if with_summary:
            self.summary_label.ensurePolished()
            summary = words_height(self.summary_label.font(), self.summary_label.text(), room)
            words += self.SUMMARY_GAP + summary
        return top + bottom + max(self.ICON_PX, words)

    def narrowest(self) -> int:
        """The narrowest width at which no word of the title or summary is broken."""
        left, _, right, _ = self.MARGINS
        widest = 0
        for label in (self.title_label, self.summary_label):
            label.ensurePolished()
            metrics = label.fontMetrics()
            widest = max([widest, *(metrics.horizontalAdvance(w) for w in label.text().split())])
        return left + right + self.ICON_PX + self.GAP + widest


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
