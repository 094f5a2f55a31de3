"""Checks that text is fit to publish: no draft or placeholder wording ("to be confirmed",
"TODO", "por confirmar") and no unknown `{name}` placeholder. Draft wording is a warning
that `validate --release` turns into an error; an unknown placeholder is always an error
(a patient would see the braces). Each is reported on the line of the file it is on."""

from __future__ import annotations

import difflib
import re

import yaml

from .placeholders import BRACES, PLACEHOLDERS, STRAY_BRACE
from .type_base import Ctx, shown

Place = tuple[int, int]


def _blank_placeholders(text: str) -> str:
    """`text` with each `{...}` turned into spaces: what is left are lone braces, at the
    same places."""
    return BRACES.sub(lambda m: " " * len(m.group(0)), text)


def _places(
    node: yaml.Node, ctx: Ctx, found: re.Pattern[str], count: int, blank: bool = False
) -> list[Place]:
    """The 1-based line and column of each of the `count` matches of `found` in the
    node's source (quotes, folds and all), in order; the node's own place for each when
    the source does not show them one for one (a text written with escapes)."""
    start, end = node.start_mark.index, node.end_mark.index
    source = ctx.text[start:end] if 0 <= start < end <= len(ctx.text) else ""
    matches = list(found.finditer(_blank_placeholders(source) if blank else source))
    if len(matches) != count:
        return [(node.start_mark.line + 1, node.start_mark.column + 1)] * count
    places = []
    for match in matches:
        at = start + match.start()
        line_start = ctx.text.rfind("\n", 0, at) + 1
        places.append((ctx.text.count("\n", 0, at) + 1, at - line_start + 1))
    return places


def _check_draft(node: yaml.Node, lang: str, value: str, ctx: Ctx) -> None:
    if ctx.drafts is None:
        return
    found = ctx.drafts.find(value)
    if not found:
        return
    pattern = ctx.drafts.pattern
    for match, (line, col) in zip(found, _places(node, ctx, pattern, len(found)), strict=True):
        phrase = " ".join(value[match.start() : match.end()].split())
        ctx.warn_at(
            line,
            col,
            f"draft wording '{shown(phrase)}' ({lang}): write the final text",
            release=True,
        )


def _check_placeholders(node: yaml.Node, lang: str, value: str, ctx: Ctx) -> bool:
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    ok = True
    found = list(BRACES.finditer(value))
    for match, (line, col) in zip(found, _places(node, ctx, BRACES, len(found)), strict=True):
        name = match.group(1)
        if name in PLACEHOLDERS:
            continue
        guess = name.strip().lower().replace(" ", "_")
        close = difflib.get_close_matches(guess, list(PLACEHOLDERS), n=1, cutoff=0.6)
        hint = f"; did you mean '{{{close[0]}}}'?" if close else ""
        message = f"unknown placeholder '{shown(match.group(0))}' ({lang}){hint}"
        ctx.error_at(line, col, f"{message} (known: {known})")
        ok = False
    stray = list(STRAY_BRACE.finditer(_blank_placeholders(value)))
    places = _places(node, ctx, STRAY_BRACE, len(stray), blank=True)
    for match, (line, col) in zip(stray, places, strict=True):
        message = f"a lone '{match.group()}' ({lang}): braces only mark a placeholder"
        ctx.error_at(line, col, f"{message}, such as {known}")
        ok = False
    return ok


def check_text(node: yaml.Node, lang: str, value: str, ctx: Ctx) -> bool:
    """Warn on draft wording, refuse unknown placeholders; False if `value` is refused."""
    _check_draft(node, lang, value, ctx)
    if "{" not in value and "}" not in value:
        return True
    return _check_placeholders(node, lang, value, ctx)
