"""'Thank you': shown only after the request is committed (R3), with a short reference
code and never the name or phone (R4). The code is large, with a sentence on what it is
for, and stays until Done or the window's timer clears the screen (`seconds`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.wrapping import WrapButton

from .base import Screen

BOX_MAX_WIDTH = 900


class ConfirmationScreen(Screen):
    done = Signal()

    def __init__(self, reference: str, lang: str, seconds: int = 60):
        super().__init__(tr("thanks_title", lang), lang, max_width=1100)
        self.reference = reference
        self.centre.setContentsMargins(40, 16, 40, 16)  # all of it on a 1280x800 screen
        self.column.setSpacing(16)
        self.column.addStretch(1)
        for text, role in ((tr("thanks_title", lang), "h1"), (tr("thanks_body", lang), "lead")):
            label = text_label(text, role)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.column.addWidget(label)
        # The code, what it is called and what it is for, together in one box.
        box = QFrame()
        box.setObjectName("referenceBox")
        box.setProperty("variant", "notice")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(40, 16, 40, 16)
        inner.setSpacing(4)
        self.code_label = text_label(reference, "reference")
        self.code_label.setObjectName("referenceCode")
        self.purpose_label = text_label(tr("thanks_code_purpose", lang), "lead")
        for label in (text_label(tr("thanks_reference", lang), "small"), self.code_label):
            inner.addWidget(label)
        inner.addWidget(self.purpose_label)
        for label in box.findChildren(type(self.code_label)):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.setMaximumWidth(BOX_MAX_WIDTH)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 100)
        row.addStretch(1)
        self.column.addLayout(row)
        button = WrapButton(tr("done", lang))
        button.setObjectName("doneButton")
        button.setProperty("variant", "primary")
        button.setAccessibleName(tr("done", lang))
        button.clicked.connect(self.done)
        self.column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        returning = text_label(tr("thanks_returning", lang, seconds=seconds), "small")
        returning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(returning)
        self.finish()
