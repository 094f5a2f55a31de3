"""UI fixtures: a themed main window on the test content or the shipped content."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content import Content, load_content
from kiosk.launch import Launch, RunMode
from kiosk.settings import Settings
from kiosk.ui.main_window import MainWindow
from tests.conftest import MINI, ROOT

SIZES = [(1920, 1080), (1280, 800), (1080, 1920)]


@pytest.fixture(scope="session")
def mini_content() -> Content:
    return load_content(MINI / "content.yaml").content


@pytest.fixture(scope="session")
def shipped_content() -> Content:
    return load_content(ROOT / "content.yaml").content


@pytest.fixture
def make_window(qtbot: QtBot, themed_app: object) -> Iterator[Callable[..., MainWindow]]:
    made: list[MainWindow] = []

    def make(
        content: Content, size: tuple[int, int] = (1920, 1080), lang: str | None = None
    ) -> MainWindow:
        window = MainWindow(content, lang)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    # Delete, not just close, so later tests do not pay for polishing dead widgets.
    for window in made:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def visible(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.isVisible()


def content_path() -> Path:
    return ROOT / "content.yaml"


@pytest.fixture
def make_kiosk(qtbot: QtBot, themed_app: object, mini_dir: Path) -> Iterator[object]:
    """The kiosk as kiosk/app.py composes it (windowed, on a copy of the test content)."""
    made: list[Kiosk] = []

    def make(preview: bool = False, speech_engine: str = "none", **more: Any) -> Kiosk:
        settings = Settings(
            content=mini_dir / "content.yaml",
            data_dir=mini_dir / "data",
            windowed=True,
            speech_engine=speech_engine,
            **more,
        )
        mode = RunMode.PREVIEW if preview else RunMode.KIOSK
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        kiosk = Kiosk(app, Launch(settings, mode, size=(1280, 800)), debounce_ms=50)
        kiosk.start()
        kiosk.source.wait_for_snapshot()  # made in the background; tests read it
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()  # its timers, watches and window end here, not in a later test
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
