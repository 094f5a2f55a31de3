"""The content.yaml format, declared once: used to validate, to build the model and to
emit the JSON Schema that editors use."""

from __future__ import annotations

from typing import Any

import yaml

from . import model, readability
from .types import Asset, Choice, Ctx, Date, Field, List, Localized, Object, Text, TextKind

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
SUPPORTED_LANGUAGES = ("en", "es")

# The most characters each kind of text may have, in any language: room for what the
# screen shows without clipping the buttons beside it, with headroom over the shipped
# content (longest now: name 21, title 40, line 87, sentence 174, paragraph 221).
# Past these, laying out the text made the kiosk miss its watchdog (issue 16).
NAME = TextKind("name", 60)
TITLE = TextKind("title", 80)
LINE = TextKind("line", 160)
SENTENCE = TextKind("sentence", 400)
PARAGRAPH = TextKind("paragraph", 1200)
TEXT_KINDS = (NAME, TITLE, LINE, SENTENCE, PARAGRAPH)
# How many items a list may have: what one screen can show (shipped content: 8 sections,
# at most 9 topics, 4 blocks, 6 bullets, 5 sources, 5 reasons; the benchmarks use 25
# sections of 40 topics).
MAX_SECTIONS = 40
MAX_TOPICS = 100
MAX_BLOCKS = 30
MAX_BULLETS = 20
MAX_SOURCES = 20
MAX_REASONS = 20
MAX_LANGUAGES = 10
MAX_DRAFT_PHRASES = 200
DRAFT_PHRASE_MAX = 80
ID_MAX = 64


def _unique_id(values: dict[str, Any], nodes: dict[str, yaml.Node], ctx: Ctx) -> bool:
    ident = values["id"]
    if ident in ctx.ids:
        first = ctx.ids[ident].start_mark.line + 1
        ctx.error(nodes["id"], f"id '{ident}' is already used on line {first}", "id")
        return False
    ctx.ids[ident] = nodes["id"]
    return True


def _build_block(v: dict[str, Any], n: dict[str, yaml.Node], ctx: Ctx) -> Any:
    if "image" in v:
        if "alt" not in v:
            return ctx.error(n["image"], "an image needs 'alt': words that describe it", "alt")
        return model.ImageBlock(v["image"], v["alt"])
    if "alt" in v:
        return ctx.error(n["alt"], "'alt' belongs to an image block", "alt")
    if "text" in v:
        return model.TextBlock(v["text"])
    return model.BulletsBlock(v["bullets"])


def _build_topic(v: dict[str, Any], n: dict[str, yaml.Node], ctx: Ctx) -> Any:
    _unique_id(v, n, ctx)
    topic = model.Topic(v["id"], v["title"], v["body"], v.get("summary"), v.get("ask_doctor"))
    if ctx.check_readability and "en" in ctx.languages:
        level = readability.grade(text.get("en") for text in topic.texts())
        if level is not None and level > readability.TARGET_GRADE:
            ctx.warn(
                n["id"],
                f"topic '{topic.id}' reads at grade {level:.1f}; aim for "
                f"{readability.TARGET_GRADE:g} or lower (shorter sentences, common words)",
            )
    return topic


def _build_section(v: dict[str, Any], n: dict[str, yaml.Node], ctx: Ctx) -> Any:
    _unique_id(v, n, ctx)
    return model.Section(
        v["id"], v["icon"], v["title"], v["summary"], v["topics"], v.get("style", "normal")
    )


def _build_about(v: dict[str, Any], n: dict[str, yaml.Node], ctx: Ctx) -> Any:
    if v["next_review"] < ctx.today:
        ctx.warn(
            n["next_review"],
            f"the review date {v['next_review']} has passed; please review",
            release=True,
        )
    if v["next_review"] < v["reviewed_on"]:
        return ctx.error(n["next_review"], "next_review is before reviewed_on", "next_review")
    return model.About(
        v["notice"], v["reviewer_role"], v["reviewed_on"], v["next_review"], v["sources"]
    )


def _build_content(v: dict[str, Any], n: dict[str, yaml.Node], ctx: Ctx) -> Any:
    return model.Content(
        languages=ctx.languages,
        clinic_name=v["clinic"],
        home=v["home"],
        about=v["about"],
        sections=v["sections"],
        appointments=v["appointments"],
        source=ctx.path,
    )


ID = Text(
    ID_PATTERN, "must use lowercase letters, digits and dashes, like 'treatment-options'", ID_MAX
)

BLOCK = Object(
    "block",
    {
        "text": Field(Localized(PARAGRAPH), False, "A paragraph."),
        "bullets": Field(
            List(Localized(SENTENCE), 1, MAX_BULLETS), False, "A list of short points."
        ),
        "image": Field(Asset(), False, "A picture, relative to assets/ (PNG, JPEG or SVG)."),
        "alt": Field(
            Localized(SENTENCE), False, "Words that describe the picture (required with image)."
        ),
    },
    _build_block,
    exactly_one_of=("text", "bullets", "image"),
    description="One block of a topic: text, bullets, or image (with alt).",
)

TOPIC = Object(
    "topic",
    {
        "id": Field(ID, description="Unique id: lowercase letters, digits and dashes."),
        "title": Field(Localized(TITLE), description="Short title."),
        "summary": Field(Localized(LINE), False, "One line shown in the section's list."),
        "body": Field(
            List(BLOCK, 1, MAX_BLOCKS), description="The topic's text, bullets and images."
        ),
        "ask_doctor": Field(Localized(LINE), False, "A question the patient may ask their doctor."),
    },
    _build_topic,
)

SECTION = Object(
    "section",
    {
        "id": Field(ID, description="Unique id: lowercase letters, digits and dashes."),
        "icon": Field(Asset(), description="Icon file, relative to assets/."),
        "style": Field(Choice("normal", "urgent"), False, "'urgent' shows a warning colour."),
        "title": Field(Localized(TITLE), description="Short title on the home tile."),
        "summary": Field(Localized(LINE), description="One line on the home tile."),
        "topics": Field(List(TOPIC, 1, MAX_TOPICS), description="The section's topics, in order."),
    },
    _build_section,
)

ABOUT = Object(
    "about",
    {
        "notice": Field(Localized(PARAGRAPH), description="Education, not medical advice."),
        "reviewer_role": Field(
            Localized(LINE), description="Who reviewed it (a role, not a name)."
        ),
        "reviewed_on": Field(Date(), description="Date of the last review, YYYY-MM-DD."),
        "next_review": Field(Date(), description="Date of the next review, YYYY-MM-DD."),
        "sources": Field(
            List(Localized(SENTENCE), 1, MAX_SOURCES), description="Where the facts come from."
        ),
    },
    _build_about,
)

CLINIC = Object(
    "clinic",
    {"name": Field(Localized(NAME), description="Shown in the header.")},
    lambda v, n, c: v["name"],
)

HOME = Object(
    "home",
    {
        "title": Field(Localized(TITLE), description="Heading of the home screen."),
        "intro": Field(Localized(PARAGRAPH), description="One line under the heading."),
    },
    lambda v, n, c: model.Home(v["title"], v["intro"]),
)


def _build_reason(v: dict[str, Any], n: dict[str, yaml.Node], ctx: Ctx) -> Any:
    _unique_id(v, n, ctx)
    return model.Reason(v["id"], v["label"])


REASON = Object(
    "reason",
    {
        "id": Field(ID, description="Unique id, stored with the request."),
        "label": Field(Localized(TITLE), description="What the patient taps."),
    },
    _build_reason,
)

APPOINTMENTS = Object(
    "appointments",
    {
        "privacy_notice": Field(Localized(PARAGRAPH), description="Shown beside the consent box."),
        "reasons": Field(
            List(REASON, 1, MAX_REASONS), description="The pick list of reasons for a call."
        ),
    },
    lambda v, n, c: model.AppointmentInfo(v["privacy_notice"], v["reasons"]),
    description="The call-back request form.",
)

LANGUAGES = List(Choice(*SUPPORTED_LANGUAGES), 1, MAX_LANGUAGES)
DRAFT_PHRASES = List(Text(max_len=DRAFT_PHRASE_MAX), 0, MAX_DRAFT_PHRASES)

CONTENT = Object(
    "content file",
    {
        "format": Field(Choice(1), description="Format version; always 1."),
        "languages": Field(LANGUAGES, description="Language codes; the first is the default."),
        "clinic": Field(CLINIC),
        "home": Field(HOME),
        "about": Field(ABOUT, description="Review information and notice."),
        "sections": Field(
            List(SECTION, 1, MAX_SECTIONS), description="Sections on the home screen, in order."
        ),
        "appointments": Field(APPOINTMENTS, description="The call-back request form."),
        "draft_phrases": Field(
            DRAFT_PHRASES,
            False,
            "Draft wording `validate` warns on and `validate --release` refuses, in any "
            "language (replaces the built-in list; [] turns the check off).",
        ),
    },
    _build_content,
    description="Patient education content for the FBSS kiosk.",
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of content.yaml, for editors."""
    schema = CONTENT.schema()

    def localized(kind: TextKind) -> dict[str, Any]:
        text = {"type": "string", "minLength": 1, "maxLength": kind.max_len}
        return {
            "type": "object",
            "description": f"The same text in each language ({kind.name}: at most "
            f"{kind.max_len} characters).",
            "properties": {lang: text for lang in SUPPORTED_LANGUAGES},
            "required": list(SUPPORTED_LANGUAGES),
            "additionalProperties": False,
        }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "FBSS kiosk content",
        **schema,
        "$defs": {kind.name: localized(kind) for kind in TEXT_KINDS},
    }
