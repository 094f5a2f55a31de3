"""A text size or contrast switch measures a scrolled page once, in its new style
(kiosk/ui/widgets/kinetic_scroll.py): QScrollArea would measure it on its own style change
too, before the page's words have taken the new style, laying out all its text in the old
fonts for nothing (P3'). The scroll range still follows the new size."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.kinetic_scroll import KineticScrollArea, ScrolledPage

SMALL = "QLabel { font-size: 12pt; }"
LARGE = "QLabel { font-size: 40pt; }"


class MeasuredLabel(QLabel):
    """Notes the font size it is measured in."""

    def __init__(self, text: str, seen: list[int]):
        super().__init__(text)
        self.setWordWrap(True)
        self.seen = seen

    def sizeHint(self) -> QSize:
        self.seen.append(self.font().pointSize())
        return super().sizeHint()

    def heightForWidth(self, width: int) -> int:
        self.seen.append(self.font().pointSize())
        return super().heightForWidth(width)


def test_a_restyle_measures_the_page_in_its_new_fonts_only(qtbot: QtBot) -> None:
    seen: list[int] = []
    holder = QWidget()
    holder.setStyleSheet(SMALL)
    page = ScrolledPage()
    column = QVBoxLayout(page)
    for n in range(12):
        column.addWidget(MeasuredLabel(f"Line {n} of words that wrap on a narrow page", seen))
    area = KineticScrollArea(page, holder)
    area.resize(400, 500)
    qtbot.addWidget(holder)
    holder.resize(400, 500)
    holder.show()
    qtbot.waitExposed(holder)
    QCoreApplication.sendPostedEvents()
    assert area.verticalScrollBar().maximum() == 0  # it all fits at the small size
    seen.clear()
    holder.setStyleSheet(LARGE)
    assert 12 not in seen  # not measured in the old fonts
    QCoreApplication.sendPostedEvents()
    assert seen and set(seen) == {40}
    assert area.verticalScrollBar().maximum() > 0  # now taller than the view: it scrolls
