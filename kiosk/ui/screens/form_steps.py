"""The pages of the call-back form: one per question of the form spec's STEPS, and the review
page that shows every answer with a Change button. Built here, driven by request_form.py."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.wrapping import WrapButton

QUESTIONS = {
    "name": "q_name",
    "phone": "q_phone",
    "best_time": "q_best_time",
    "reason": "q_reason",
    "consent": "q_consent",
}
# What each review row is called (the field labels the patient saw).
REVIEW_LABELS = {
    "name": "review_name",
    "phone": "phone",
    "best_time": "best_time",
    "reason": "reason",
    "consent": "consent",
}


def page(question: str, lang: str) -> tuple[QWidget, QVBoxLayout]:
    """An empty step page headed by its question."""
    widget = QWidget()
    box = QVBoxLayout(widget)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(20)
    heading = text_label(tr(QUESTIONS[question], lang), "h1")
    heading.setObjectName(f"question-{question}")
    box.addWidget(heading)
    return widget, box


def step_button(text: str, name: str, primary: bool) -> WrapButton:
    button = WrapButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setProperty("variant", "primary" if primary else "link")
    return button


class ReviewPage(QWidget):
    """Every answer, each with its Change button; `answers[step]` holds the shown text."""

    def __init__(self, steps: list[str], lang: str):
        super().__init__()
        self.setObjectName("reviewPage")
        self.box = box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(20)
        box.addWidget(text_label(tr("review_title", lang), "h1"))
        box.addWidget(text_label(tr("review_intro", lang), "lead"))
        self.answers: dict[str, QLabel] = {}
        self.change: dict[str, WrapButton] = {}
        for step in steps:
            row = QFrame()
            row.setProperty("variant", "review")
            line = QHBoxLayout(row)
            line.setContentsMargins(24, 16, 16, 16)
            line.setSpacing(16)
            words = QVBoxLayout()
            words.setSpacing(4)
            what = tr(REVIEW_LABELS[step], lang)
            words.addWidget(text_label(what, "fieldLabel"))
            answer = text_label("", "answer")
            words.addWidget(answer)
            line.addLayout(words, 1)
            change = step_button(tr("change", lang), f"change-{step}", primary=False)
            change.setAccessibleName(tr("change_named", lang, what=what))
            line.addWidget(change)
            self.answers[step] = answer
            self.change[step] = change
            box.addWidget(row)
