"""Start screen: one large tile per section, and the way to 'About this information'."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.content import Content
from kiosk.design.i18n import tr
from kiosk.design.tokens import BASE_POINTS
from kiosk.paths import ASSETS_DIR
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.tile import SectionTile
from kiosk.ui.widgets.wrapping import WrapButton

from .base import Screen

TILE_MIN_WIDTH = 360  # at 100% text; it grows with the text size
GRID_SPACING = 24


class HomeScreen(Screen):
    section_chosen = Signal(str)
    about_requested = Signal()
    request_requested = Signal()

    def __init__(self, content: Content, lang: str):
        super().__init__(content.home.title.get(lang), lang, max_width=1800)
        self.column.addWidget(text_label(content.home.title.get(lang), "h1"))
        self.column.addWidget(text_label(content.home.intro.get(lang), "lead"))
        self.tiles: list[SectionTile] = []
        for section in content.sections:
            tile = SectionTile(
                section.icon,
                section.title.get(lang),
                section.summary.get(lang),
                tone="urgent" if section.style == "urgent" else "",
            )
            tile.setObjectName(f"tile-{section.id}")
            tile.clicked.connect(lambda _=False, sid=section.id: self.section_chosen.emit(sid))
            self.tiles.append(tile)
        request_tile = SectionTile(
            ASSETS_DIR / "ui" / "phone.svg",
            tr("request_tile", lang),
            tr("request_tile_summary", lang),
            tone="action",
        )
        request_tile.setObjectName("tile-request")
        request_tile.clicked.connect(self.request_requested)
        self.tiles.append(request_tile)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(GRID_SPACING)
        self.columns = 0
        self._arrange(4)
        self.column.addWidget(self.grid_host)
        self.about_button = WrapButton(tr("about", lang))
        self.about_button.setIcon(QIcon(str(ASSETS_DIR / "ui" / "info.svg")))
        self.about_button.setObjectName("aboutButton")
        self.about_button.setIconSize(QSize(40, 40))
        self.about_button.setProperty("variant", "link")
        self.about_button.setAccessibleName(tr("about", lang))
        self.about_button.clicked.connect(self.about_requested)
        self.column.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.finish()

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        for col in range(4):
            self.grid.setColumnStretch(col, 1 if col < columns else 0)
            self.grid.setColumnMinimumWidth(col, 0)

    def _fit(self, width: int) -> None:
        """As many columns as tiles of a readable width fit: fewer at larger text."""
        room = width - 80 - self.scroll_area.verticalScrollBar().sizeHint().width()
        text_scale = self.tiles[0].title_label.font().pointSizeF() / BASE_POINTS["tile_title_pt"]
        widest_word = max(tile.minimumSizeHint().width() for tile in self.tiles)
        tile_width = max(round(TILE_MIN_WIDTH * max(1.0, text_scale)), widest_word)
        self._arrange(max(1, min(4, (room + GRID_SPACING) // (tile_width + GRID_SPACING))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # the text size changed in place
            self._fit(self.width())
