"""The kiosk paints its start screen first and builds the rest right after
(kiosk/ui/after_paint.py): nothing a patient needs is missing once it is up, and the first
tap finds the home screen ready."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content.snapshot import snapshot_path
from kiosk.launch import Launch, RunMode
from kiosk.settings import Settings
from kiosk.ui.after_paint import AfterFirstPaint
from kiosk.ui.app_filter import NAME, AppFilter
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.home import HomeScreen
from tests.conftest import ROOT


def test_steps_wait_for_the_first_paint_then_run_in_order(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    after = AfterFirstPaint(widget, [lambda: ran.append("a"), lambda: ran.append("b")])
    qtbot.wait(20)  # events flow, but nothing is painted yet
    assert ran == []
    widget.show()
    qtbot.waitUntil(lambda: ran == ["a", "b"])
    assert after.pending == 0


def test_a_window_that_is_never_painted_still_gets_its_steps(qtbot: QtBot) -> None:
    widget = QWidget()  # never shown: e.g. a display that never exposes the window
    qtbot.addWidget(widget)
    ran: list[str] = []
    AfterFirstPaint(widget, [lambda: ran.append("done")], fallback_ms=30)
    qtbot.waitUntil(lambda: ran == ["done"])


def test_the_start_screen_comes_first_and_home_is_ready_behind_it(
    qtbot: QtBot, make_kiosk: object
) -> None:
    kiosk: Kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    assert isinstance(window, MainWindow) and window.on_start_screen
    # Before the first paint: only the start screen exists.
    assert window.findChildren(HomeScreen) == []
    assert kiosk.staff is None
    assert kiosk.after_paint is not None
    qtbot.waitUntil(lambda: kiosk.after_paint is not None and kiosk.after_paint.pending == 0)
    homes = window.findChildren(HomeScreen)
    assert len(homes) == 1 and window.on_start_screen
    assert kiosk.staff is not None  # the hidden staff taps work from now on
    assert window.windowTitle().endswith("- start")
    assert window.attract.hasFocus() or not window.isActiveWindow()
    window.wake()
    assert window.current_screen is homes[0]  # shown, not built again


def test_the_copy_of_the_good_content_is_made_after_the_first_paint(
    qtbot: QtBot, themed_app: object, mini_dir: Path
) -> None:
    """The snapshot thread would take turns with the GUI thread for the interpreter while
    the start screen is built: it starts once that screen is painted, by itself."""
    data_dir = mini_dir / "data"
    settings = Settings(
        content=mini_dir / "content.yaml", data_dir=data_dir, windowed=True, speech_engine="none"
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    kiosk = Kiosk(app, Launch(settings, RunMode.KIOSK, size=(1280, 800)), debounce_ms=50)
    try:
        kiosk.start()
        assert kiosk.window is not None and kiosk.after_paint is not None
        assert "content-snapshot" not in {t.name for t in threading.enumerate()}
        assert not snapshot_path(data_dir).exists()
        qtbot.waitUntil(lambda: kiosk.after_paint is not None and kiosk.after_paint.pending == 0)
        qtbot.waitUntil(snapshot_path(data_dir).exists, timeout=30_000)  # nobody asked for it
        assert kiosk.source.wait_for_snapshot(timeout=30)
        assert snapshot_path(data_dir).read_bytes() == (mini_dir / "content.yaml").read_bytes()
    finally:
        kiosk.close()


def test_a_tap_before_the_first_paint_still_gets_a_home_screen(
    qtbot: QtBot, make_kiosk: object
) -> None:
    kiosk: Kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    assert isinstance(window, MainWindow)
    window.wake()  # a patient faster than the first frame
    assert isinstance(window.current_screen, HomeScreen)
    qtbot.waitUntil(lambda: kiosk.after_paint is not None and kiosk.after_paint.pending == 0)
    assert isinstance(window.current_screen, HomeScreen) and not window.on_start_screen
    # Once: the others there may be are its copies in the other languages and looks, built
    # ahead for a switch (kiosk/ui/prebuild.py).
    ahead = list(window.prebuild.ready.values())
    assert len([h for h in window.findChildren(HomeScreen) if h not in ahead]) == 1


def test_input_is_watched_from_the_first_frame(qtbot: QtBot, make_kiosk: object) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    for old in app.findChildren(AppFilter, NAME, Qt.FindChildOption.FindDirectChildrenOnly):
        shiboken6.delete(old)  # as in a new process: nothing watched yet
    kiosk: Kiosk = make_kiosk()  # type: ignore[operator]
    shared = app.findChild(AppFilter, NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    assert isinstance(shared, AppFilter) and not shared.installed
    assert shared.handlers, "lockdown and idle are registered, waiting for the first frame"
    qtbot.waitUntil(lambda: kiosk.after_paint is not None and kiosk.after_paint.pending == 0)
    assert shared.installed
    assert kiosk.window is not None
    kiosk.window.close()  # the lockdown is on: a close is refused
    assert kiosk.window.isVisible()


def test_starting_the_kiosk_loads_no_form_checks_speech_or_delivery() -> None:
    """Guards the start-up time (docs/benchmarks.md): these load after the first paint."""
    script = (
        "import sys, kiosk.app;"
        "heavy = ('phonenumbers', 'yaml', 'kiosk.delivery.worker', 'PySide6.QtTextToSpeech',"
        " 'kiosk.appointments.store', 'kiosk.ui.screens.request_form', 'kiosk.ui.staff_mode',"
        " 'babel', 'kiosk.appointments.service', 'sqlite3', 'kiosk.ui.update_poller',"
        " 'kiosk.cli_fleet', 'kiosk.content.publish_checks');"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
