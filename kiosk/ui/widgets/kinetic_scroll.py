"""A scroll area that flicks by touch and by mouse drag, and says when there is more below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QScroller, QScrollerProperties, QWidget


class KineticScrollArea(QScrollArea):
    def __init__(self, content: QWidget, hint_text: str, parent: QWidget | None = None):
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
        props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.3)
        props.setScrollMetric(
            QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
            QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
        )
        scroller.setScrollerProperties(props)

        self.more_hint = QLabel(hint_text, self)
        self.more_hint.setObjectName("moreHint")
        self.more_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.more_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.more_hint.hide()
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._update_hint)
        bar.rangeChanged.connect(self._update_hint)
        content.installEventFilter(self)

    def has_more_below(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() < bar.maximum()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._update_hint()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_hint()

    def _update_hint(self) -> None:
        show = self.has_more_below()
        if show:
            self.more_hint.adjustSize()
            vp = self.viewport().geometry()
            x = vp.x() + (vp.width() - self.more_hint.width()) // 2
            y = vp.bottom() - self.more_hint.height() - 16
            self.more_hint.move(x, y)
            self.more_hint.raise_()
        self.more_hint.setVisible(show)
