"""'About this information': the notice, who reviewed it and when, and the sources."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.content import Content
from kiosk.design.dates import long_date
from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label

from .base import Screen
from .topic import bullet_list


class AboutScreen(Screen):
    def __init__(self, content: Content, lang: str):
        super().__init__(tr("about", lang), lang, max_width=1200)
        about = content.about
        self.column.addWidget(text_label(tr("about", lang), "h1"))
        notice = QFrame()
        notice.setProperty("variant", "notice")
        box = QVBoxLayout(notice)
        box.setContentsMargins(28, 20, 28, 20)
        box.addWidget(text_label(about.notice.get(lang), "body"))
        self.column.addWidget(notice)
        facts = [
            f"{tr('reviewed_by', lang)}: {about.reviewer_role.get(lang)}",
            f"{tr('reviewed_on', lang)}: {long_date(about.reviewed_on, lang)}",
            f"{tr('next_review', lang)}: {long_date(about.next_review, lang)}",
        ]
        self.column.addWidget(bullet_list(facts))
        self.column.addWidget(text_label(tr("sources", lang), "h2"))
        self.column.addWidget(bullet_list([s.get(lang) for s in about.sources]))
        self.finish()
