"""A scroll area that flicks by touch and by mouse drag, and a strip under it that says
when there is more below (a strip, not an overlay, so it never hides any text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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


class MoreBelowStrip(QWidget):
    """A fixed-height strip whose pill appears while the area can scroll further down."""

    def __init__(self, area: KineticScrollArea, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.area = area
        self.setObjectName("moreStrip")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 6, 0, 10)
        self.pill = QLabel(f"▼  {text}")
        self.pill.setObjectName("moreHint")
        self.pill.setTextFormat(Qt.TextFormat.PlainText)
        row.addStretch(1)
        row.addWidget(self.pill)
        row.addStretch(1)
        self.setFixedHeight(self.pill.sizeHint().height() + 16)
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
