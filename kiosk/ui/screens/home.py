"""Home: every section, the call-back and 'About this information' on one screen.

The arrangement is computed from the room the screen has, not fixed: the most columns of
readable tiles that fit, with their one-line summaries and the introduction when there is
room, without them when not. At large text nothing fits one screen any more; the page then
scrolls with the summaries back (and "Call me" stays in the top bar). Urgent sections come
first, top left, where a worried patient looks first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QWidget

from kiosk.content import Content
from kiosk.design.i18n import tr
from kiosk.design.tokens import BASE_POINTS
from kiosk.paths import ASSETS_DIR
from kiosk.ui.later import single_shot
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.tile import SectionTile, shared_icon
from kiosk.ui.widgets.wrapping import WrapButton

from .base import Screen

TILE_MIN_WIDTH = 340  # at 100% text; it grows with the text size
MAX_COLUMNS = 4
GRID_SPACING = 16
HEADER_GAP = 24
MAX_WIDTH = 1800
SAFETY_PX = 8  # rounding between the estimate and the laid-out page
# What to keep when room runs short, best first: (summaries, introduction, compact titles).
PREFERENCES = (
    (True, True, False),
    (True, False, False),
    (False, True, False),
    (False, False, False),
    (False, False, True),
)


class HomeScreen(Screen):
    section_chosen = Signal(str)
    about_requested = Signal()
    request_requested = Signal()

    def __init__(self, content: Content, lang: str):
        super().__init__(content.home.title.get(lang), lang, max_width=MAX_WIDTH)
        self._fit_later = single_shot(self, self._fit)  # kiosk/ui/later.py: why
        self.centre.setContentsMargins(24, 20, 24, 20)
        self.column.setSpacing(16)
        self.heading = text_label(content.home.title.get(lang), "h1")
        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.setSpacing(HEADER_GAP)
        self.header.addWidget(self.heading, 1)
        self.column.addLayout(self.header)
        self.intro = text_label(content.home.intro.get(lang), "lead")
        self.column.addWidget(self.intro)
        self.tiles: list[SectionTile] = []
        urgent_first = sorted(content.sections, key=lambda s: s.style != "urgent")
        for section in urgent_first:
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
        self._arrange(MAX_COLUMNS)
        self.column.addWidget(self.grid_host)
        # Built after the tiles so speech reads it last; shown beside the heading.
        self.about_button = WrapButton(tr("about", lang))
        self.about_button.setIcon(shared_icon(ASSETS_DIR / "ui" / "info.svg"))
        self.about_button.setObjectName("aboutButton")
        self.about_button.setIconSize(QSize(40, 40))
        self.about_button.setProperty("variant", "link")
        self.about_button.setAccessibleName(tr("about", lang))
        self.about_button.clicked.connect(self.about_requested)
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        self.header.addWidget(self.about_button, 0, top_left)
        self._fitted: tuple[int, int, float] | None = None
        self.finish()

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            # The last tile (the call-back) takes whatever its row leaves free.
            span = columns - index % columns if index == len(self.tiles) - 1 else 1
            self.grid.addWidget(tile, index // columns, index % columns, 1, span)
        for col in range(MAX_COLUMNS):
            self.grid.setColumnStretch(col, 1 if col < columns else 0)
            self.grid.setColumnMinimumWidth(col, 0)

    def _grid_height(self, columns: int, width: int, summaries: bool, compact: bool) -> int:
        tile_width = (width - (columns - 1) * GRID_SPACING) // columns
        rows = [self.tiles[i : i + columns] for i in range(0, len(self.tiles), columns)]
        heights = [max(t.height_for(tile_width, summaries, compact) for t in row) for row in rows]
        return sum(heights) + GRID_SPACING * (len(rows) - 1)

    def _fit(self) -> None:
        """Pick the arrangement for the room this screen has (see the module's words)."""
        width, height = self.width(), self.height()
        self.heading.ensurePolished()
        key = (width, height, self.heading.font().pointSizeF())
        if width <= 0 or height <= 0 or key == self._fitted:
            return
        self._fitted = key
        margins = self.centre.contentsMargins()
        # A page that fits has no scroll bar; one that scrolls loses its width to it.
        scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
        room = height - margins.top() - margins.bottom() - SAFETY_PX
        width -= margins.left() + margins.right()
        choice = self._first_fit(min(MAX_WIDTH, width), room, key[2])
        if choice is None:  # nothing fits: the most readable page, scrolling
            page = min(MAX_WIDTH, width - scrollbar)
            choice = (True, True, False, self._readable_columns(page, key[2])[0])
        summaries, with_intro, compact, columns = choice
        for tile in self.tiles:
            tile.show_summary(summaries)
            tile.set_compact(compact)
        self.intro.setVisible(with_intro)
        self._arrange(columns)

    def _readable_columns(self, page: int, heading_pt: float) -> list[int]:
        """Column counts whose tiles are wide enough to read, most first."""
        scale = max(1.0, heading_pt / BASE_POINTS["h1_pt"])
        readable = max(round(TILE_MIN_WIDTH * scale), max(t.narrowest() for t in self.tiles))
        counts = range(MAX_COLUMNS, 0, -1)
        return [c for c in counts if (page - (c - 1) * GRID_SPACING) // c >= readable] or [1]

    def _first_fit(
        self, page: int, room: int, heading_pt: float
    ) -> tuple[bool, bool, bool, int] | None:
        gap = self.column.spacing()
        for widget in (self.intro, self.about_button):
            widget.ensurePolished()
        self.about_button.setMinimumWidth(0)
        self.about_button.setMaximumWidth(16_777_215)
        wanted = self.about_button.sizeHint().width()
        about = min(wanted, page // 2)
        beside = self.heading.heightForWidth(page - about - HEADER_GAP)
        if beside <= 2.2 * self.heading.fontMetrics().lineSpacing():
            self.header.setDirection(QBoxLayout.Direction.LeftToRight)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            head = max(beside, self.about_button.heightForWidth(about))
        else:  # large text: the heading gets the whole width, About goes under it
            self.header.setDirection(QBoxLayout.Direction.TopToBottom)
            align = Qt.AlignmentFlag.AlignLeft  # as tall as its wrapped words need
            about = min(wanted, page)
            head = self.heading.heightForWidth(page) + HEADER_GAP
            head += self.about_button.heightForWidth(about)
        # Exactly this wide, so the heading gets exactly what this estimate gives it.
        self.about_button.setFixedWidth(about)
        self.header.setAlignment(self.about_button, align)
        intro = gap + self.intro.heightForWidth(page)
        columns = self._readable_columns(page, heading_pt)
        for summaries, with_intro, compact in PREFERENCES:
            above = head + gap + (intro if with_intro else 0)
            for count in columns:
                if above + self._grid_height(count, page, summaries, compact) <= room:
                    return summaries, with_intro, compact, count
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # the text size changed in place
            # Once the tiles and labels have their new fonts too (they hear after this).
            self._fitted = None
            self._fit_later.start()

    def fit_now(self) -> None:
        """The fit a style change left for a later turn, now (a hidden screen laid out
        ahead of its tap, kiosk/ui/prebuild.py: its tiles have their new fonts by then)."""
        if self._fit_later.isActive():
            self._fit_later.stop()
            self._fit()
