"""Icons are drawn once and reused, but a picture staff replace is drawn anew."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.tile import icon_pixmap

RED = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="10" height="10" fill="#ff0000"/></svg>'
)
BLUE = RED.replace("#ff0000", "#0000ff")


def test_a_replaced_icon_is_drawn_again(qtbot: QtBot, tmp_path: Path) -> None:
    icon = tmp_path / "icon.svg"
    icon.write_text(RED, encoding="utf-8")
    first = icon_pixmap(icon, 48)
    assert first.toImage().pixelColor(24, 24).red() == 255
    assert icon_pixmap(icon, 48).cacheKey() == first.cacheKey()  # reused, not drawn again
    icon.write_text(BLUE, encoding="utf-8")
    later = icon.stat().st_mtime_ns + 10**9
    os.utime(icon, ns=(later, later))
    again = icon_pixmap(icon, 48)
    assert again.toImage().pixelColor(24, 24).blue() == 255
