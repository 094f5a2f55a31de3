"""No usable content: the kiosk says so in both languages instead of going blank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import build_window
from kiosk.content.source import ContentSource
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.out_of_service import OutOfServiceScreen


def test_broken_content_shows_out_of_service(
    qtbot: QtBot, themed_app: object, mini_dir: Path, caplog: object
) -> None:
    path = mini_dir / "content.yaml"
    path.write_text("format: [\n", encoding="utf-8")
    content = ContentSource(path, mini_dir / "data").load_at_start().content
    assert content is None
    window = build_window(content, None)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window, OutOfServiceScreen)
    shown = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "Please ask at the front desk" in shown and "pregunte en recepción" in shown


def test_good_content_shows_the_kiosk(qtbot: QtBot, themed_app: object, mini_dir: Path) -> None:
    loaded = ContentSource(mini_dir / "content.yaml", mini_dir / "data").load_at_start()
    window = build_window(loaded.content, "es")
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window.lang == "es"
