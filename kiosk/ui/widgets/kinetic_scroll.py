"""A scroll area that flicks by touch and by mouse drag, and a strip under it that says
when there is more below (a strip, not an overlay, so it never hides any text)."""

from __future__ import annotations

import atexit

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from kiosk.ui.later import single_shot

Metric = QScrollerProperties.ScrollMetric
FLICK_HOLDER = "kioskFlickGesture"
MORE_TOLERANCE_PX = 4  # a sliver of a border below the view is not "more"


def grab_flick(target: QWidget) -> None:
    """Flick scrolling on `target` by mouse drag (and so by touch), through one gesture
    recognizer shared by every screen. QScroller.grabGesture registers a new recognizer
    with a new gesture type number for each widget, and PySide6 6.12 keeps new enum objects
    for every number it has seen: about 25 KB and several milliseconds for every screen
    built (docs/benchmarks.md). The recognizer makes one gesture per widget, driving that
    widget's own scroller, so a single one serves them all."""
    app = QCoreApplication.instance()
    assert app is not None
    holder = app.findChild(QObject, FLICK_HOLDER, Qt.FindChildOption.FindDirectChildrenOnly)
    if holder is None:
        holder = QObject(app)
        holder.setObjectName(FLICK_HOLDER)
        flick = QScroller.grabGesture(holder, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        holder.setProperty("gestureType", flick.value)
        # Its scroller must let go of the recognizer while Qt's gesture manager still
        # exists, not when the application deletes its children after it (heap damage).
        atexit.register(_release, holder)
    QScroller.scroller(target)  # the target's own scroller, before its first gesture
    target.grabGesture(Qt.GestureType(holder.property("gestureType")))


def _release(holder: QObject) -> None:
    if shiboken6.isValid(holder):
        shiboken6.delete(holder)


class ScrolledPage(QWidget):
    """The widget a page scrolls. Its minimum height is left to height-for-width: a
    layout's own minimum is measured at its narrowest (every label wrapped to its longest
    word), far taller than at the real width, and QScrollArea would make the page that
    tall, leaving blank space to scroll into at the end."""

    def minimumSizeHint(self) -> QSize:
        # Nor is its width the layout's minimum: the page is always as wide as the screen
        # (no sideways scrolling), and measuring the layout at its narrowest took ~2 ms of
        # every tap (docs/benchmarks.md).
        return QSize(0, 0)


class KineticScrollArea(QScrollArea):
    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        # A viewport made here, not Qt's own: the first widget Qt makes and hands to Python
        # makes PySide6 set up the type of every widget class (70-odd enums, about 15-25
        # ms), before the first screen of a preview and in the first tap of the kiosk.
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")  # Qt's name for its own
        viewport.setBackgroundRole(QPalette.ColorRole.Base)  # as Qt sets its own
        self.setViewport(viewport)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Focus from Tab only, as the router gives buttons: a touch that took focus would
        # repaint the whole page (twice: focus in, and out again at the next screen) before
        # the touched button could show it was pressed (P3': most of a tap's time).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # The content widget paints the page's background. A viewport that fills its own
        # makes Qt's style sheet style paint it for the theme's QScrollArea rule, caching a
        # render rule per viewport that is never dropped (a viewport is styled through its
        # scroll area, so the cache never hears it was deleted): about 250 bytes for every
        # screen ever shown, most of the memory growth over patient sessions.
        self.viewport().setAutoFillBackground(False)
        # Mouse-button flicking also receives touches, which Qt turns into mouse events, so
        # both fingers and mouse drags scroll.
        grab_flick(self.viewport())
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

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            # QScrollArea measures its page on a style change: every label's text laid out
            # again, but before the page's own widgets have taken the new style (Qt styles
            # a parent before its children), so in the old fonts, for nothing; then again
            # in the layout pass that follows. Measured once, in that pass: most of a text
            # size or contrast switch (P3', docs/benchmarks.md).
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
            return QAbstractScrollArea.event(self, event)
        return super().event(event)

    def page_height(self) -> int:
        """How tall the page is at the view's width: its height for that width (its real
        height when it has no such measure). Measured, not read off the laid-out widgets,
        so it is right even in the middle of a layout pass."""
        page = self.widget()
        if page is None:
            return 0
        wanted = page.heightForWidth(self.viewport().width())
        return wanted if wanted >= 0 else page.height()

    def content_bottom_px(self) -> int:
        """Where the page's last words or buttons end: the margin under them is blank."""
        page = self.widget()
        layout = page.layout() if page is not None else None
        margin = layout.contentsMargins().bottom() if layout is not None else 0
        return self.page_height() - margin

    def overflows(self, room: int) -> bool:
        """Would the page need scrolling in a view `room` pixels high? Measured at the width
        it has when it scrolls (beside the scroll bar), whether the bar shows now or not,
        so the answer does not flip as the bar comes and goes."""
        page = self.widget()
        if page is None:
            return False
        width = self.width() - self.verticalScrollBar().sizeHint().width()
        wanted = page.heightForWidth(width)
        return (wanted if wanted >= 0 else page.height()) > room

    def has_more_below(self) -> bool:
        """Content the patient cannot see yet lies below the view."""
        bar = self.verticalScrollBar()
        shown_to = bar.value() + self.viewport().height() + MORE_TOLERANCE_PX
        return self.content_bottom_px() > shown_to


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
    """A strip whose pill appears while content lies below the view. A page that fits has
    no strip at all; on a page that scrolls the strip keeps its height when the pill hides
    at the end, so the page never jumps and the pill never sits over text."""

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
        self._settling = False
        self._suppressed = False
        self._settle_later = single_shot(self, self.settle)  # kiosk/ui/later.py: why
        self.hide()  # until the page is known to scroll
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
        scrolls = self._page_scrolls()
        if scrolls == self.isHidden() and not self._settling:
            # Shown or hidden once the current layout pass is over: a change made in the
            # middle of one (this runs on the view's resizes) would not be laid out.
            self._settling = True
            self._settle_later.start()
        self.pill.setVisible(scrolls and self.area.has_more_below())

    def suppress(self, suppressed: bool) -> None:
        """No strip at all while something else needs the room (the on-screen keyboard:
        the field being typed in is scrolled into view, every pixel counts)."""
        self._suppressed = suppressed
        self.settle()

    def _page_scrolls(self) -> bool:
        # Judged against the room the view would have without the strip, so showing or
        # hiding the strip never changes the answer. Not the holder's whole height: a
        # screen may keep more under the strip (the form's Next and Back), and a page cut
        # off by those had no hint (issue 18).
        if self._suppressed:
            return False
        room = self.area.viewport().height() + (self.height() if self.isVisible() else 0)
        return self.area.overflows(room)

    def settle(self) -> None:
        """Show or hide the strip for the page as it is now."""
        self._settling = False
        self.setVisible(self._page_scrolls())
        self.pill.setVisible(not self.isHidden() and self.area.has_more_below())
