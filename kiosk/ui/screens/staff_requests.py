"""The requests page of the staff menu (after the PIN): the stored call-back requests,
newest first, one button each, and a detail page with every field. Both are extra pages
of the window, so Close, an idle reset or the end of staff mode destroys them with what
they show. Speech never reads them: a waiting room must not hear a patient's name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.design.i18n import tr, trn
from kiosk.staff.request_view import RequestView
from kiosk.ui.screens.staff_menu import action_button
from kiosk.ui.widgets.labels import text_label

from .base import Screen

# A no-break space keeps each separator on the line of the word before it, and a time
# with its zone, when a line wraps (WrapButton breaks at plain spaces only).
DOT = "\u00a0· "


def list_words(view: RequestView) -> str:
    """A request's button: reference, time and status; name and phone; what it is about."""
    when = view.when.replace(" ", "\u00a0")
    lines = [DOT.join((view.reference, when, view.status)), DOT.join((view.name, view.phone))]
    summary = view.summary.replace(" · ", DOT)
    return "\n".join([*lines, summary] if summary else lines)


class RequestListScreen(Screen):
    """Keeps no copy of the requests: their words are in its buttons only, and a tap
    names the reference, so the detail is read afresh from the store."""

    back = Signal()
    opened = Signal(str)  # the request's reference

    def __init__(self, views: Sequence[RequestView], total: int, lang: str = "en"):
        super().__init__(tr("staff_requests", lang), lang, max_width=1100)
        self.column.addWidget(text_label(tr("staff_requests", lang), "h1"))
        back = action_button(tr("staff_back_to_menu", lang), "staffRequestsBack", "primary")
        back.clicked.connect(self.back)
        self.column.addWidget(back)
        if not views:
            self.column.addWidget(text_label(tr("staff_no_requests", lang), "lead"))
        elif total > len(views):
            words = trn("staff_showing_newest", lang, total, shown=len(views))
            self.column.addWidget(text_label(words, "lead"))
        for index, view in enumerate(views):
            button = action_button(list_words(view), f"staffRequest-{index}")
            button.setAccessibleName(tr("staff_request_title", lang, reference=view.reference))
            button.setProperty("reference", view.reference)
            # A method, not a lambda holding `self`: nothing keeps this page (and what it
            # shows) alive in Python once Qt has deleted it.
            button.clicked.connect(self._tapped)
            self.column.addWidget(button)
        self.finish()

    def _tapped(self) -> None:
        button = self.sender()
        if button is not None:
            self.opened.emit(str(button.property("reference")))

    def spoken_lines(self) -> list[str]:
        return [self.title]


class RequestDetailScreen(Screen):
    back = Signal()

    def __init__(self, view: RequestView, lang: str = "en"):
        title = tr("staff_request_title", lang, reference=view.reference)
        super().__init__(title, lang, max_width=1100)
        self.column.addWidget(text_label(title, "h1"))
        back = action_button(tr("staff_back_to_list", lang), "staffRequestBack", "primary")
        back.clicked.connect(self.back)
        self.column.addWidget(back)
        frame = QFrame()
        frame.setProperty("variant", "notice")
        box = QVBoxLayout(frame)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(4)
        # Each label above its value, not beside it: at 200% text on a portrait screen a
        # second column would break a phone number over two lines.
        for row, (label, value) in enumerate(view.fields):
            if row:
                box.addSpacing(12)
            box.addWidget(text_label(label, "fieldLabel"))
            value_label = text_label(value, "body")
            value_label.setObjectName(f"staffField-{row}")
            box.addWidget(value_label)
        self.column.addWidget(frame)
        self.finish()

    def spoken_lines(self) -> list[str]:
        return [self.title]
