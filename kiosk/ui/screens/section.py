"""A section: its topics as large rows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.content import Section
from kiosk.paths import ASSETS_DIR
from kiosk.ui.i18n import tr
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.tile import TopicRow

from .base import Screen


def urgent_banner(lang: str) -> QFrame:
    banner = QFrame()
    banner.setProperty("variant", "urgentBanner")
    box = QVBoxLayout(banner)
    box.setContentsMargins(24, 16, 24, 16)
    box.addWidget(text_label(tr("urgent_banner", lang), "onUrgent"))
    return banner


class SectionScreen(Screen):
    topic_chosen = Signal(str)

    def __init__(self, section: Section, lang: str):
        super().__init__(section.title.get(lang), lang)
        self.section = section
        urgent = section.style == "urgent"
        self.column.addWidget(text_label(section.title.get(lang), "h1"))
        self.column.addWidget(text_label(section.summary.get(lang), "lead"))
        if urgent:
            self.column.addWidget(urgent_banner(lang))
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
