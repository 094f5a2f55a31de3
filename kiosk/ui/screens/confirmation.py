"""'Thank you': shown only after the request is committed (R3), with a short reference
code and never the name or phone (R4). It clears itself; the window owns the timer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.wrapping import WrapButton

from .base import Screen


class ConfirmationScreen(Screen):
    done = Signal()

    def __init__(self, reference: str, lang: str):
        super().__init__(tr("thanks_title", lang), lang, max_width=1100)
        self.reference = reference
        self.column.addStretch(1)
        for text, role in (
            (tr("thanks_title", lang), "h1"),
            (tr("thanks_body", lang), "lead"),
            (tr("thanks_reference", lang, code=reference), "reference"),
            (tr("thanks_returning", lang), "small"),
        ):
            label = text_label(text, role)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.column.addWidget(label)
        button = WrapButton(tr("done", lang))
        button.setObjectName("doneButton")
        button.setProperty("variant", "primary")
        button.setAccessibleName(tr("done", lang))
        button.clicked.connect(self.done)
        self.column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.finish()
