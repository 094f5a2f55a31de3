"""A scroll area that flicks by touch and by mouse drag, and a strip under it that says
when there is more below (a strip, not an overlay, so it never hides any text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

Metric = QScrollerProperties.ScrollMetric


class KineticScrollArea(QScrollArea):
    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # One gesture type per target: mouse-button flicking also receives touches, which
        # Qt turns into mouse events, so both fingers and mouse drags scroll.
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        props = scroller.scrollerProperties()
        # Send presses at once so a tap gives feedback within a frame; a drag that follows
        # cancels the press instead of clicking.
        props.setScrollMetric(Metric.MousePressEventDelay, 0.0)
        props.setScrollMetric(Metric.OvershootDragResistanceFactor, 0.3)
        props.setScrollMetric(
            Metric.HorizontalOvershootPolicy, QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
        )
        scroller.setScrollerProperties(props)

    def has_more_below(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() < bar.maximum()


class HintPill(QLabel):
    """The 'more below' words: one line when there is room, more lines (never cut off)
    when large text meets a narrow screen."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setObjectName("moreHint")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        # A wrapping label would ask for a "nicely shaped" block of several lines.
        chrome = self.width() - self.contentsRect().width()
        width = self.fontMetrics().horizontalAdvance(self.text()) + chrome + 4
        return QSize(width, self.heightForWidth(width))


class MoreBelowStrip(QWidget):
    """A strip whose pill appears while the area can scroll further down. Its height
    follows the pill's text (and text size), whether the pill shows or not."""

    def __init__(self, area: KineticScrollArea, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.area = area
        self.setObjectName("moreStrip")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 6, 0, 10)
        self.pill = HintPill(f"▼  {text}")
        row.addStretch(1)
        row.addWidget(self.pill)
        row.addStretch(1)
        # Keep the strip's height when the pill hides, so the page never jumps.
        policy = self.pill.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.pill.setSizePolicy(policy)
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self.update_hint)
        bar.rangeChanged.connect(self.update_hint)
        area.viewport().installEventFilter(self)
        self.update_hint()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update_hint()
        return False

    def update_hint(self) -> None:
        self.pill.setVisible(self.area.has_more_below())
