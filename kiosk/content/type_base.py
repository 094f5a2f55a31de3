"""The ground every content type stands on: the reading context (where to report, file-wide
facts), the INVALID sentinel, the quoting helpers for messages, and the Type base class."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .draft_words import DraftWords
from .errors import ContentError

ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed; write the text out again"
INVALID: Any = object()  # sentinel: a value that failed and has already been reported

STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = {STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
ALLOWED_TAGS |= {STD + "seq", STD + "map"}


@dataclass
class Ctx:
    """What a read needs besides the node: where to report, and file-wide facts."""

    path: Path
    assets_dir: Path
    languages: tuple[str, ...] = ("en", "es")
    today: date = field(default_factory=date.today)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    ids: dict[str, yaml.Node] = field(default_factory=dict)
    check_readability: bool = False  # staff warnings from `validate`; too slow for start-up
    text: str = ""  # the file's text, to quote a key as the staff wrote it
    # Draft wording to warn on (kiosk/content/draft_words.py); None: no such check.
    drafts: DraftWords | None = None

    def error(self, node: yaml.Node, message: str, key: str = "") -> Any:
        m = node.start_mark
        self.errors.append(ContentError(self.path, m.line + 1, m.column + 1, message, key))
        return INVALID

    def warn(self, node: yaml.Node, message: str, key: str = "", release: bool = False) -> None:
        """`release`: a warning that `validate --release` counts as an error."""
        m = node.start_mark
        self.warn_at(m.line + 1, m.column + 1, message, key, release)

    def warn_at(
        self, line: int, col: int, message: str, key: str = "", release: bool = False
    ) -> None:
        self.warnings.append(ContentError(self.path, line, col, message, key, release))

    def error_at(self, line: int, col: int, message: str, key: str = "") -> None:
        self.errors.append(ContentError(self.path, line, col, message, key))


def suggest(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


SHOWN = 60  # characters of a staff value quoted in a message
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # new lines and tabs are fine


def shown(text: str) -> str:
    """A staff value fit to quote in one line of a message: control characters escaped,
    long values cut (a 2 MB value must not become a 2 MB log line)."""
    cut = text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."
    return CONTROL.sub(lambda m: repr(m.group())[1:-1], cut)


def key_text(node: yaml.Node, ctx: Ctx) -> str:
    """A mapping key as the staff wrote it, even when it is a list or a set of keys."""
    if isinstance(node, yaml.ScalarNode):
        return shown(str(node.value))
    start, end = node.start_mark.index, node.end_mark.index
    return shown(ctx.text[start:end].strip()) if 0 <= start < end <= len(ctx.text) else ""


def kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a set of keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "empty" if node.tag == STD + "null" else f"'{shown(str(node.value))}'"


class Type:
    description = ""

    def read(self, node: yaml.Node, ctx: Ctx) -> Any:
        """Check the node is safe to look at, then read it."""
        if id(node) in ctx.seen:
            return INVALID  # an alias: already reported, with its place, by find_aliases
        ctx.seen.add(id(node))
        if node.tag not in ALLOWED_TAGS:
            return ctx.error(node, f"YAML tags like '{node.tag}' are not allowed")
        return self._read(node, ctx)

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError
