"""A section: its topics as large rows."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.content import Section
from kiosk.design.i18n import tr
from kiosk.paths import ASSETS_DIR
from kiosk.ui.widgets.labels import text_label, warning_banner
from kiosk.ui.widgets.tile import TopicRow

from .base import Screen


class SectionScreen(Screen):
    topic_chosen = Signal(str)

    def __init__(self, section: Section, lang: str):
        super().__init__(section.title.get(lang), lang)
        self.section = section
        urgent = section.style == "urgent"
        self.column.addWidget(text_label(section.title.get(lang), "h1"))
        self.column.addWidget(text_label(section.summary.get(lang), "lead"))
        if urgent:
            self.column.addWidget(warning_banner(tr("urgent_banner", lang)))
        self.rows: list[TopicRow] = []
        for topic in section.topics:
            summary = topic.summary.get(lang) if topic.summary else ""
            row = TopicRow(
                topic.title.get(lang), summary, ASSETS_DIR / "ui" / "chevron.svg", urgent
            )
            row.setObjectName(f"row-{topic.id}")
            row.clicked.connect(lambda _=False, tid=topic.id: self.topic_chosen.emit(tid))
            self.rows.append(row)
            self.column.addWidget(row)
        self.finish()
