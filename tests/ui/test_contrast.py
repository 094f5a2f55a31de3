"""Contrast (A3), computed from the theme tokens with WCAG 2.x relative luminance: text at
least 4.5:1 in the default theme and 7:1 in high contrast; control outlines and focus
rings at least 3:1 in both (WCAG 1.4.11)."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

import pytest

from kiosk.design.tokens import DEFAULT_COLOURS, HIGH_CONTRAST_COLOURS
from kiosk.paths import ASSETS_DIR
from kiosk.ui.theme import Theme

Kind = Literal["text", "outline", "disabled"]
THEMES = {"default": DEFAULT_COLOURS, "high contrast": HIGH_CONTRAST_COLOURS}
MINIMUM: dict[Kind, dict[str, float]] = {
    "text": {"default": 4.5, "high contrast": 7.0},
    # Non-text contrast: what shows where a control is, and where the focus is.
    "outline": {"default": 3.0, "high contrast": 3.0},
    # WCAG 1.4.3 exempts inactive controls (the Back button with nowhere to go back to); we
    # still keep their words readable, just clearly dimmer than the live buttons.
    "disabled": {"default": 3.0, "high contrast": 3.0},
}
# Tokens that are not a colour anything is read or seen against: the scrim only dims the
# page behind the idle warning (whose card has its own surface and outline).
NOT_PAIRED = {"scrim"}


class Pair(NamedTuple):
    fg: str
    bg: str
    kind: Kind
    where: str


# Every foreground/background pair that assets/theme.qss paints, in one place. When a rule
# there puts a colour token on a new background, add the pair here: the drift test below
# fails for any colour, background or border token of the stylesheet that is missing.
PAIRS = [
    # Words.
    Pair("ink", "bg", "text", "headings, body, bullets, field labels on the page"),
    Pair("ink", "surface", "text", "tiles, rows, notices, fields, choices, keys, idle card"),
    Pair("ink", "ask_bg", "text", "'ask your doctor' box, call-back tile"),
    Pair("ink", "urgent_bg", "text", "urgent tile"),
    Pair("ink", "pressed", "text", "a tile, row or link under the finger"),
    Pair("muted", "bg", "text", "lead and small text on the page"),
    Pair("muted", "surface", "text", "tile and row summaries"),
    Pair("muted", "ask_bg", "text", "call-back tile summary"),
    Pair("muted", "urgent_bg", "text", "urgent tile summary"),
    Pair("primary", "bg", "text", "bullet marks, the reference code"),
    Pair("primary", "surface", "text", "link buttons (Ask the clinic, Next, About)"),
    Pair("primary", "pressed", "text", "a link button under the finger"),
    Pair("primary", "on_primary", "text", "a pressed or switched-on bar button"),
    Pair("urgent", "bg", "text", "field errors"),
    Pair("urgent", "surface", "text", "the idle countdown"),
    Pair("focus_text", "surface", "text", "a focused check box's words"),
    Pair("on_primary", "primary", "text", "top bar title, start screen, hint, chosen choice"),
    Pair("on_primary", "primary_dark", "text", "bar buttons, a pressed primary button"),
    Pair("on_primary", "urgent", "text", "the urgent banner"),
    # Where the controls are.
    Pair("border", "bg", "outline", "tiles, rows, fields and choices on the page"),
    Pair("border", "surface", "outline", "keys, notice frames, scrollbar handle"),
    Pair("border", "keyboard_bg", "outline", "keys on the keyboard"),
    Pair("primary", "bg", "outline", "link buttons, ask box, call-back tile, primary button"),
    Pair("primary", "surface", "outline", "check box, primary button in the idle card"),
    Pair("primary_dark", "surface", "outline", "primary button edge"),
    Pair("urgent", "bg", "outline", "urgent tile, invalid field"),
    Pair("urgent", "surface", "outline", "invalid field in a card"),
    Pair("field_focus", "bg", "outline", "the field being typed into"),
    Pair("on_primary", "primary", "outline", "bar buttons, the start prompt"),
    Pair("on_primary", "primary_dark", "outline", "bar button edge against its face"),
    Pair("focus", "bg", "outline", "focus ring around a tile, link or choice"),
    Pair("focus", "surface", "outline", "focus ring in a card"),
    Pair("focus", "ask_bg", "outline", "focus ring on the call-back tile"),
    Pair("focus", "urgent_bg", "outline", "focus ring on the urgent tile"),
    Pair("focus_on_dark", "primary", "outline", "focus ring in the blue bars"),
    Pair("focus_on_dark", "primary_dark", "outline", "... against the bar button it rings"),
    # Switched off.
    Pair("primary_muted", "primary", "disabled", "Back with nowhere to go back to"),
]


def channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    match = re.fullmatch(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", colour)
    assert match, f"{colour!r} is not #rrggbb"
    r, g, b = (channel(int(h, 16)) for h in match.groups())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def failures(colours: dict[str, str], theme: str) -> list[str]:
    found = []
    for pair in PAIRS:
        ratio = contrast(colours[pair.fg], colours[pair.bg])
        need = MINIMUM[pair.kind][theme]
        if ratio < need:
            found.append(f"{pair.fg} on {pair.bg} ({pair.where}): {ratio:.2f} < {need}")
    return found


def qss_tokens() -> dict[str, set[str]]:
    """Colour tokens of the stylesheet template by the property they fill."""
    template = (ASSETS_DIR / "theme.qss").read_text(encoding="utf-8")
    template = re.sub(r"/\*.*?\*/", "", template, flags=re.DOTALL)
    used: dict[str, set[str]] = {"color": set(), "background": set(), "border": set()}
    for prop, value in re.findall(r"([a-z-]+)\s*:\s*([^;{}]+)", template):
        kind = prop.split("-")[0]
        if kind in used:
            used[kind] |= {t for t in re.findall(r"\$(\w+)", value) if t in DEFAULT_COLOURS}
    return used


@pytest.mark.parametrize("theme", THEMES)
def test_every_pair_meets_its_ratio(theme: str) -> None:
    assert not failures(THEMES[theme], theme)


def test_the_checker_knows_the_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the usual grey
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#767676", "#ffffff")


def test_the_checker_fails_a_bad_pair() -> None:
    pale = dict(DEFAULT_COLOURS, muted="#8a939c", border="#c5ccd3")
    found = failures(pale, "default")
    assert any(f.startswith("muted on bg") for f in found)
    assert any(f.startswith("border on surface") for f in found)
    # 5.7:1 passes the default theme and misses the 7:1 of high contrast.
    grey = dict(DEFAULT_COLOURS, muted="#666666")
    assert not any(f.startswith("muted on surface") for f in failures(grey, "default"))
    assert any(f.startswith("muted on surface") for f in failures(grey, "high contrast"))


def test_every_colour_the_stylesheet_uses_is_checked() -> None:
    used = qss_tokens()
    text = {p.fg for p in PAIRS if p.kind != "outline"}
    grounds = {p.bg for p in PAIRS}
    edges = {p.fg for p in PAIRS if p.kind != "text"}
    assert used["color"] - NOT_PAIRED <= text, "a text colour with no pair"
    # A background that marks a thing (the scrollbar handle) is checked as an outline.
    assert used["background"] - NOT_PAIRED <= grounds | edges, "a background with no pair"
    assert used["border"] - NOT_PAIRED <= edges, "an outline colour with no pair"
    assert {p.fg for p in PAIRS} | grounds <= set(DEFAULT_COLOURS)


def test_both_themes_fill_every_token() -> None:
    assert set(HIGH_CONTRAST_COLOURS) == set(DEFAULT_COLOURS)
    sheet = Theme.for_session(2.0, high_contrast=True).stylesheet()
    assert "$" not in sheet.replace("$assets", "")
    assert HIGH_CONTRAST_COLOURS["focus"] in sheet


def test_high_contrast_focus_differs_from_the_outlines() -> None:
    """Outlines are black in high contrast, so a focus ring of the same black would only
    be a little thicker: the ring must stand out from the outline it replaces too."""
    colours = HIGH_CONTRAST_COLOURS
    assert contrast(colours["focus"], colours["border"]) >= 3.0
    assert contrast(colours["field_focus"], colours["border"]) >= 3.0
