"""The content a patient reads, as plain immutable data. No Qt, no YAML here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class LText:
    """A string in every configured language; `get` never fails for a known language."""

    values: Mapping[str, str]
    default_lang: str = "en"

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values.get(self.default_lang, "")

    def all_texts(self) -> Iterator[tuple[str, str]]:
        yield from self.values.items()


@dataclass(frozen=True)
class TextBlock:
    text: LText


@dataclass(frozen=True)
class BulletsBlock:
    items: tuple[LText, ...]


@dataclass(frozen=True)
class ImageBlock:
    path: Path  # absolute, resolved, inside the assets directory
    alt: LText


Block = TextBlock | BulletsBlock | ImageBlock


@dataclass(frozen=True)
class Topic:
    id: str
    title: LText
    body: tuple[Block, ...]
    summary: LText | None = None
    ask_doctor: LText | None = None

    def texts(self) -> Iterator[LText]:
        """Every piece of patient-facing text in reading order."""
        yield self.title
        if self.summary:
            yield self.summary
        for block in self.body:
            if isinstance(block, TextBlock):
                yield block.text
            elif isinstance(block, BulletsBlock):
                yield from block.items
            else:
                yield block.alt
        if self.ask_doctor:
            yield self.ask_doctor


@dataclass(frozen=True)
class Section:
    id: str
    icon: Path
    title: LText
    summary: LText
    topics: tuple[Topic, ...]
    style: str = "normal"


@dataclass(frozen=True)
class About:
    notice: LText
    reviewer_role: LText
    reviewed_on: date
    next_review: date
    sources: tuple[LText, ...]


@dataclass(frozen=True)
class Reason:
    id: str
    label: LText


@dataclass(frozen=True)
class AppointmentInfo:
    """What the call-back form needs from content: the privacy notice and reasons."""

    privacy_notice: LText
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Home:
    title: LText
    intro: LText


@dataclass(frozen=True)
class Content:
    languages: tuple[str, ...]
    clinic_name: LText
    home: Home
    about: About
    sections: tuple[Section, ...]
    appointments: AppointmentInfo
    source: Path = field(default=Path("content.yaml"))

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def topic(self, topic_id: str) -> tuple[Section, Topic] | None:
        for section in self.sections:
            for topic in section.topics:
                if topic.id == topic_id:
                    return section, topic
        return None
