"""The theme's tokens, no Qt: colours (default and high contrast), text sizes and pixel
sizes. assets/theme.qss is filled from them (kiosk/ui/theme.py), the HTML export's style
sheet too (kiosk/export_html.py), and tests/ui/test_contrast.py checks their ratios."""

from __future__ import annotations

# Every text/background pair the theme uses, and the ratios they must reach, are listed in
# tests/ui/test_contrast.py (A3: 4.5:1 here, 7:1 in high contrast, 3:1 for outlines).
DEFAULT_COLOURS: dict[str, str] = {
    "bg": "#f6f4ef",
    "surface": "#ffffff",
    "ink": "#17212b",
    "muted": "#3a4754",
    "border": "#6f7c89",  # control outlines: >= 3:1 on bg, surface and the keyboard
    "primary": "#1f4e79",
    "primary_dark": "#163a5c",
    "primary_muted": "#8fa7bf",
    "on_primary": "#ffffff",
    "pressed": "#dbe7f3",
    "ask_bg": "#e6eef7",
    "urgent": "#9b1c1c",
    "urgent_bg": "#fdeeee",
    "focus": "#b34700",  # focus rings on light backgrounds
    "focus_text": "#b34700",  # a focused check box's words
    "focus_on_dark": "#ffd166",  # focus rings in the blue bars
    "field_focus": "#1f4e79",  # the outline of the field being typed into
    "scrim": "rgba(10, 20, 30, 200)",
    "keyboard_bg": "#dfe3e8",
}

# Black on white with one strong blue, for low vision (A3). Outlines are black, so focus is
# a bright blue ring (>= 3:1 against both the white around it and the black outline it
# replaces) and a yellow one in the dark bars.
HIGH_CONTRAST_COLOURS: dict[str, str] = {
    "bg": "#ffffff",
    "surface": "#ffffff",
    "ink": "#000000",
    "muted": "#000000",
    "border": "#000000",
    "primary": "#002b5c",
    "primary_dark": "#000000",
    "primary_muted": "#c8d2dc",
    "on_primary": "#ffffff",
    "pressed": "#ffe066",
    "ask_bg": "#ffffff",
    "urgent": "#7a0000",
    "urgent_bg": "#ffffff",
    "focus": "#0b5fd9",
    "focus_text": "#003d99",
    "focus_on_dark": "#ffd500",
    "field_focus": "#0b5fd9",
    "scrim": "rgba(0, 0, 0, 230)",
    "keyboard_bg": "#ffffff",
}

TEXT_SCALES = (1.0, 1.5, 2.0)  # A2: 100/150/200%
# Buttons in the bars and keyboard keys are already large and must stay on one line, so
# they grow less than reading text (content text gets the full size). The clinic's name in
# the top bar too: at full size its long words would squeeze Back and Home in portrait.
# The start screen too: a new patient always meets it at 100% (the reset), and staff
# previews at other sizes must still show all of it.
CHROME_POINTS = (
    "nav_pt",
    "key_pt",
    "nav_title_pt",
    "hint_pt",
    "start_title_pt",
    "start_text_pt",
    "start_button_pt",
    "take_home_pt",
)
CHROME_SCALE_CAP = 1.25

# Point sizes at 100% text; body text stays >= 22 pt (requirement U1).
BASE_POINTS: dict[str, float] = {
    "h1_pt": 34,
    "code_pt": 60,  # the reference code on the thank-you screen
    "h2_pt": 28,
    "lead_pt": 24,
    "body_pt": 24,
    "small_pt": 22,
    "tile_title_pt": 26,
    "nav_pt": 22,
    "nav_title_pt": 28,
    "key_pt": 22,
    "hint_pt": 22,  # the "more below" pill: one line that never takes two lines of text
    "start_title_pt": 34,
    "start_text_pt": 24,
    "start_button_pt": 28,
    # The sentence under a topic's QR code: in a side panel as wide as the code, so it
    # grows as the chrome does (a long word at 200% would not fit the panel).
    "take_home_pt": 22,
}

PIXELS: dict[str, int] = {
    "touch_px": 72,
    "radius": 14,
    "hint_radius": 22,
    "scrollbar_px": 18,
    "key_px": 64,
}

FONT_FAMILIES = ["Noto Sans", "Segoe UI", "DejaVu Sans", "Arial"]


def colours_for(high_contrast: bool) -> dict[str, str]:
    """A copy of one variant's colours."""
    return dict(HIGH_CONTRAST_COLOURS if high_contrast else DEFAULT_COLOURS)


def points(key: str, text_scale: float = 1.0) -> float:
    """The point size of `key` at a text scale; the chrome grows less (CHROME_SCALE_CAP)."""
    if key in CHROME_POINTS:
        text_scale = min(text_scale, CHROME_SCALE_CAP)
    return BASE_POINTS[key] * text_scale


def rgba(colour: str, alpha: float) -> str:
    """'#rrggbb' at an opacity, for CSS: rgba(r,g,b,alpha)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"
