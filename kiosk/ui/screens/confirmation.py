"""'Thank you': shown only after the request is committed (R3), with a short reference
code and never the name or phone (R4). The code is large, with a sentence on what it is
for, and stays until Done or the window's timer clears the screen (`seconds`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.wrapping import WrapButton

from .base import Screen


class ConfirmationScreen(Screen):
    done = Signal()

    def __init__(self, reference: str, lang: str, seconds: int = 60):
        super().__init__(tr("thanks_title", lang), lang, max_width=1100)
        self.reference = reference
        self.column.addStretch(1)
        for text, role in (
            (tr("thanks_title", lang), "h1"),
            (tr("thanks_body", lang), "lead"),
            (tr("thanks_reference", lang), "lead"),
        ):
            label = text_label(text, role)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.column.addWidget(label)
        self.code_label = text_label(reference, "reference")
        self.code_label.setObjectName("referenceCode")
        self.code_label.setAccessibleName(tr("thanks_reference", lang) + " " + reference)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.code_label)
        self.purpose_label = text_label(tr("thanks_code_purpose", lang), "lead")
        self.purpose_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.purpose_label)
        returning = text_label(tr("thanks_returning", lang, seconds=seconds), "small")
        returning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(returning)
        button = WrapButton(tr("done", lang))
        button.setObjectName("doneButton")
        button.setProperty("variant", "primary")
        button.setAccessibleName(tr("done", lang))
        button.clicked.connect(self.done)
        self.column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.finish()
