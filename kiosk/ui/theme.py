"""The single templated theme: tokens (colours, sizes) poured into assets/theme.qss."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.paths import ASSETS_DIR

DEFAULT_COLOURS: dict[str, str] = {
    "bg": "#f6f4ef",
    "surface": "#ffffff",
    "ink": "#17212b",
    "muted": "#3a4754",
    "border": "#9aa7b4",
    "primary": "#1f4e79",
    "primary_dark": "#163a5c",
    "primary_muted": "#8fa7bf",
    "on_primary": "#ffffff",
    "pressed": "#dbe7f3",
    "ask_bg": "#e6eef7",
    "urgent": "#9b1c1c",
    "urgent_bg": "#fdeeee",
    "focus": "#b34700",
    "focus_on_dark": "#ffd166",
    "scrim": "rgba(10, 20, 30, 200)",
    "keyboard_bg": "#dfe3e8",
}

# Point sizes at 100% text; body text stays >= 22 pt (requirement U1).
BASE_POINTS: dict[str, float] = {
    "h1_pt": 34,
    "h2_pt": 28,
    "lead_pt": 24,
    "body_pt": 24,
    "small_pt": 22,
    "tile_title_pt": 26,
    "nav_pt": 22,
    "key_pt": 22,
}

PIXELS: dict[str, int] = {
    "touch_px": 72,
    "radius": 14,
    "hint_radius": 22,
    "scrollbar_px": 18,
    "key_px": 64,
}

FONT_FAMILIES = ["Noto Sans", "Segoe UI", "DejaVu Sans", "Arial"]


@dataclass(frozen=True)
class Theme:
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    text_scale: float = 1.0
    template_path: Path = ASSETS_DIR / "theme.qss"

    def tokens(self) -> dict[str, str]:
        out = dict(self.colours)
        out.update({k: f"{round(v * self.text_scale)}pt" for k, v in BASE_POINTS.items()})
        out.update({k: f"{v}px" for k, v in PIXELS.items()})
        out["assets"] = ASSETS_DIR.as_posix()
        return out

    def stylesheet(self) -> str:
        return Template(self.template_path.read_text(encoding="utf-8")).substitute(self.tokens())

    def apply(self, app: QApplication) -> None:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(BASE_POINTS["body_pt"] * self.text_scale)
        app.setFont(font)
        app.setStyleSheet(self.stylesheet())


def set_variant(widget: QWidget, name: str, value: str) -> None:
    """Switch a styling property and re-polish so the theme picks it up."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
