"""Text types: a plain text with an optional pattern and limit, and a text per language
whose limit comes from its kind (a title, a paragraph: see TextKind and spec.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .model import LText
from .publish_checks import check_text
from .type_base import CONTROL_IN_TEXT, INVALID, STD, Ctx, Type, key_text, kind_of, shown, suggest


class Text(Type):
    """A non-empty string. Any plain scalar counts as text, so `es: No` stays the word 'No'."""

    def __init__(self, pattern: str = "", rule: str = "", max_len: int = 0):
        self.pattern, self.rule, self.max_len = pattern, rule, max_len

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return ctx.error(node, f"expected text, found {kind_of(node)}")
        value = str(node.value).strip()
        if not value or node.tag == STD + "null":
            return ctx.error(node, "this text is empty")
        if self.max_len and len(value) > self.max_len:
            return ctx.error(
                node,
                f"this text is too long ({len(value):,} characters; the limit here is "
                f"{self.max_len:,}); shorten it or split it",
            )
        bad = CONTROL_IN_TEXT.search(value)
        if bad:  # "\0" or "\a" typed as an escape: invisible, or it cuts the text short
            code = ord(bad.group())
            return ctx.error(node, f"this text contains a control character (U+{code:04X})")
        if self.pattern and not re.fullmatch(self.pattern, value):
            return ctx.error(node, f"'{shown(value)}' {self.rule}")
        return value

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.pattern:
            s["pattern"] = f"^{self.pattern}$"
        if self.max_len:
            s["maxLength"] = self.max_len
        return s


@dataclass(frozen=True)
class TextKind:
    """A kind of text (a title, a paragraph) and the most characters the screen has room for."""

    name: str
    max_len: int


class Localized(Type):
    """One text per configured language, each no longer than its kind allows (see
    docs/content-format.md); a missing translation is an error."""

    def __init__(self, kind: TextKind, description: str = ""):
        self.kind, self.description = kind, description
        self._text = Text(max_len=kind.max_len)

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not isinstance(node, yaml.MappingNode):
            langs = ", ".join(ctx.languages)
            return ctx.error(
                node, f"expected a text for each language ({langs}), found {kind_of(node)}"
            )
        values: dict[str, str] = {}
        ok = True
        given = {str(k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        absent = [lang for lang in ctx.languages if lang not in given]
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                codes = list(ctx.languages)
                ctx.error(key_node, f"'{key_text(key_node, ctx)}' is not a language code {codes}")
                ok = False
                continue
            lang = str(key_node.value)
            if lang not in ctx.languages:
                # Two-letter codes are too short for fuzzy matching; the one language
                # that is missing is the best guess.
                hint = suggest(lang, list(ctx.languages)) or (
                    f"; did you mean '{absent[0]}'?" if len(absent) == 1 else ""
                )
                ctx.error(
                    key_node,
                    f"'{shown(lang)}' is not one of the languages {list(ctx.languages)}{hint}",
                )
                ok = False
                continue
            text = self._text.read(value_node, ctx)
            ok = ok and text is not INVALID and check_text(value_node, lang, text, ctx)
            values[lang] = text
        for lang in ctx.languages:
            if lang not in values:
                ctx.error(node, f"missing the '{lang}' translation", key=lang)
                ok = False
        return LText(values, ctx.languages[0]) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.kind.name}"}
