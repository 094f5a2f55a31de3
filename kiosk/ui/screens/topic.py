"""One topic: readable text, bullets, pictures, the 'ask your doctor' question, and Next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.content import BulletsBlock, ImageBlock, Section, TextBlock, Topic
from kiosk.design.i18n import tr
from kiosk.ui.widgets.labels import text_label, warning_banner
from kiosk.ui.widgets.picture import Picture
from kiosk.ui.widgets.take_home import PinnedTakeHome, TakeHomeCard
from kiosk.ui.widgets.wrapping import WrapButton

from .base import COLUMN_MAX_WIDTH, Screen


def bullet_list(items: list[str]) -> QWidget:
    host = QWidget()
    grid = QGridLayout(host)
    grid.setContentsMargins(8, 0, 0, 0)
    grid.setHorizontalSpacing(18)
    grid.setVerticalSpacing(14)
    for row, item in enumerate(items):
        mark = text_label("•", "bulletMark")
        mark.setWordWrap(False)
        grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(text_label(item, "bullet"), row, 1)
    grid.setColumnStretch(1, 1)
    return host


def ask_box(question: str, lang: str) -> QFrame:
    box = QFrame()
    box.setProperty("variant", "ask")
    inner = QVBoxLayout(box)
    inner.setContentsMargins(32, 20, 24, 20)
    inner.setSpacing(8)
    inner.addWidget(text_label(tr("ask_doctor", lang), "h2"))
    inner.addWidget(text_label(question, "body"))
    return box


class TopicScreen(Screen):
    next_requested = Signal(str)
    request_requested = Signal(str)

    def __init__(
        self,
        section: Section,
        topic: Topic,
        lang: str,
        next_topic: Topic | None,
        take_home_url: str = "",
    ):
        """`take_home_url`: the topic's page in the clinic's copy of the web export; with
        one, its QR code is pinned beside the page (and nothing is when there is none)."""
        super().__init__(topic.title.get(lang), lang, max_width=1200)
        self.topic = topic
        self.take_home: TakeHomeCard | None = None
        if take_home_url:
            self.take_home = TakeHomeCard(take_home_url, lang)
            self.pinned = PinnedTakeHome(self, self.outer, self.take_home)
        self.column.addWidget(text_label(section.title.get(lang), "small"))
        self.column.addWidget(text_label(topic.title.get(lang), "h1"))
        if section.style == "urgent":
            self.column.addWidget(warning_banner(tr("urgent_banner", lang)))
        for block in topic.body:
            if isinstance(block, TextBlock):
                self.column.addWidget(text_label(block.text.get(lang), "body"))
            elif isinstance(block, BulletsBlock):
                self.column.addWidget(bullet_list([i.get(lang) for i in block.items]))
            elif isinstance(block, ImageBlock):
                self.column.addWidget(
                    Picture(block.path, block.alt.get(lang), COLUMN_MAX_WIDTH - 400)
                )
        if topic.ask_doctor:
            self.column.addWidget(ask_box(topic.ask_doctor.get(lang), lang))
        self.request_button = WrapButton(tr("request_button", lang))
        self.request_button.setObjectName("requestButton")
        self.request_button.setProperty("variant", "link")
        self.request_button.setAccessibleName(tr("request_button", lang))
        self.request_button.clicked.connect(lambda: self.request_requested.emit(topic.id))
        self.column.addWidget(self.request_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.next_button: WrapButton | None = None
        if next_topic is not None:
            text = tr("next_topic", lang, title=next_topic.title.get(lang))
            self.next_button = WrapButton(text)
            self.next_button.setObjectName("nextButton")
            self.next_button.setProperty("variant", "link")
            self.next_button.setAccessibleName(text)
            self.next_button.clicked.connect(lambda: self.next_requested.emit(next_topic.id))
            self.column.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        self.finish()
