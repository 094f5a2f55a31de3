"""The single templated theme: the tokens of kiosk/design/tokens.py poured into
assets/theme.qss."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.design.tokens import BASE_POINTS, DEFAULT_COLOURS, FONT_FAMILIES, PIXELS, colours_for
from kiosk.design.tokens import points as token_points
from kiosk.paths import ASSETS_DIR


@dataclass(frozen=True)
class Theme:
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    text_scale: float = 1.0
    template_path: Path = ASSETS_DIR / "theme.qss"

    @classmethod
    def for_session(cls, text_scale: float = 1.0, high_contrast: bool = False) -> Theme:
        return cls(colours_for(high_contrast), text_scale)

    def points(self, key: str) -> float:
        return token_points(key, self.text_scale)

    def tokens(self) -> dict[str, str]:
        out = dict(self.colours)
        out.update({k: f"{round(self.points(k))}pt" for k in BASE_POINTS})
        out.update({k: f"{v}px" for k, v in PIXELS.items()})
        # The on-screen keys grow with the text like the key caps' font (capped).
        grow = self.points("key_pt") / BASE_POINTS["key_pt"]
        out["osk_key_px"] = f"{round(PIXELS['key_px'] * grow)}px"
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
