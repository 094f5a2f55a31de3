"""Placeholders in patient text, such as `{emergency_number}`: filled in from the kiosk's
settings when the content is shown (on the kiosk, in screenshots and in the HTML export),
so one content file serves kiosks in places with different local numbers. No Qt, no YAML:
the kiosk fills content it may have read from its cache."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from typing import Any

from .model import Content, LText

# Every name content may use, with what it means (docs/content-format.md lists them).
PLACEHOLDERS: dict[str, str] = {
    "emergency_number": "the local emergency number (the `emergency_number` setting)",
}
# A pair of braces and what is between them on one line: a placeholder, or a mistake.
BRACES = re.compile(r"\{([^{}\n]{0,40})\}")
STRAY_BRACE = re.compile(r"[{}]")


def fill_text(text: str, values: Mapping[str, str]) -> str:
    if "{" not in text:  # nearly every text: no work
        return text
    return BRACES.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _fill(value: Any, values: Mapping[str, str]) -> Any:
    """Every LText inside `value` filled; the rest kept (ids, paths and dates are not
    patient text). Walks the model's dataclasses, so a text added to the model later is
    filled too. What holds no placeholder is returned as it was."""
    if isinstance(value, LText):
        filled = {lang: fill_text(text, values) for lang, text in value.values.items()}
        return value if filled == dict(value.values) else replace(value, values=filled)
    if isinstance(value, tuple):
        items = tuple(_fill(item, values) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = _fill(old, values)
            if new is not old:
                changed[f.name] = new
        return replace(value, **changed) if changed else value
    return value


def fill_content(content: Content, values: Mapping[str, str]) -> Content:
    """`content` with every placeholder replaced by its value. The loader refuses unknown
    names, so after this no `{name}` is left for a patient to see."""
    filled: Content = _fill(content, values)
    return filled


def settings_values(emergency_number: str) -> dict[str, str]:
    """What each placeholder stands for, from the kiosk's settings."""
    return {"emergency_number": emergency_number}
