"""The requests page of the staff menu (after the PIN): the stored call-back requests,
newest first, one button each, and a detail page with every field. Both are extra pages
of the window, so Close, an idle reset or the end of staff mode destroys them with what
they show. Speech never reads them: a waiting room must not hear a patient's name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout

from kiosk.design.i18n import tr, trn
from kiosk.staff.request_view import RequestView
from kiosk.ui.screens.staff_menu import action_button
from kiosk.ui.widgets.labels import text_label

from .base import Screen


def list_words(view: RequestView) -> str:
    """A request's button: reference, time and status; name and phone; what it is about."""
    lines = [f"{view.reference} · {view.when} · {view.status}", f"{view.name} · {view.phone}"]
    return "\n".join([*lines, view.summary] if view.summary else lines)


class RequestListScreen(Screen):
    back = Signal()
    opened = Signal(int)  # the index in `views`

    def __init__(self, views: Sequence[RequestView], total: int, lang: str = "en"):
        super().__init__(tr("staff_requests", lang), lang, max_width=1100)
        self.views = list(views)
        self.column.addWidget(text_label(tr("staff_requests", lang), "h1"))
        back = action_button(tr("staff_back_to_menu", lang), "staffRequestsBack", "primary")
        back.clicked.connect(self.back)
        self.column.addWidget(back)
        if not self.views:
            self.column.addWidget(text_label(tr("staff_no_requests", lang), "lead"))
        elif total > len(self.views):
            words = trn("staff_showing_newest", lang, total, shown=len(self.views))
            self.column.addWidget(text_label(words, "lead"))
        for index, view in enumerate(self.views):
            button = action_button(list_words(view), f"staffRequest-{index}")
            button.setAccessibleName(tr("staff_request_title", lang, reference=view.reference))
            button.clicked.connect(lambda _=False, i=index: self.opened.emit(i))
            self.column.addWidget(button)
        self.finish()

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
        grid = QGridLayout(frame)
        grid.setContentsMargins(24, 20, 24, 20)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(1, 1)
        for row, (label, value) in enumerate(view.fields):
            grid.addWidget(text_label(label, "fieldLabel"), row, 0)
            value_label = text_label(value, "body")
            value_label.setObjectName(f"staffField-{row}")
            grid.addWidget(value_label, row, 1)
        self.column.addWidget(frame)
        self.finish()

    def spoken_lines(self) -> list[str]:
        return [self.title]
