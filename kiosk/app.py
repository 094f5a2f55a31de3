"""Composition root: the only place that loads content, builds the window and wires them."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.appointments.service import RequestService
from kiosk.content import Content, ContentErrors, load_content
from kiosk.paths import default_data_dir
from kiosk.ui.idle import ActivityFilter, IdleController
from kiosk.ui.main_window import MainWindow, Submit
from kiosk.ui.screens.out_of_service import OutOfServiceScreen
from kiosk.ui.theme import Theme

log = logging.getLogger("kiosk")


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    data_dir = args.data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    content = load_or_report(args.content)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("FBSS kiosk")
    Theme().apply(app)
    service = RequestService(data_dir)
    window = build_window(content, args.lang, service.submit, args.idle_timeout)
    app.aboutToQuit.connect(service.close)
    if isinstance(window, MainWindow):
        idle = IdleController(args.idle_timeout, args.idle_warning)
        activity = wire_idle(app, window, idle)  # noqa: F841 - kept alive for the app's life
        window.reset_session()  # start on the calm start screen
    if args.windowed:
        width, height = args.size or (1280, 800)
        window.resize(width, height)
        window.show()
    else:
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        screen = app.primaryScreen()
        # Take the whole screen ourselves so no window manager is needed.
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    log.info("kiosk started (%s)", "content ok" if content else "OUT OF SERVICE: no valid content")
    return app.exec()


def load_or_report(path: Path) -> Content | None:
    """The content, or None after logging every error (the kiosk then says it is out of
    service rather than showing nothing)."""
    try:
        result = load_content(path)
    except ContentErrors as exc:
        for error in exc.errors:
            log.error("content: %s", error)
        print(f"{path}: content is not valid; run `python main.py validate`", file=sys.stderr)
        return None
    for warning in result.warnings:
        log.warning("content: %s", warning)
    return result.content


def build_window(
    content: Content | None,
    lang: str | None,
    submit: Submit | None = None,
    idle_seconds: float = 120,
) -> QWidget:
    if content is None:
        return OutOfServiceScreen()
    return MainWindow(content, lang, submit=submit, idle_seconds=idle_seconds)


def wire_idle(app: QApplication, window: MainWindow, idle: IdleController) -> ActivityFilter:
    """Connect activity, the idle timer and the window's warning and reset."""
    activity = ActivityFilter(app)
    app.installEventFilter(activity)
    activity.activity.connect(idle.on_activity)
    idle.extra_time = window.reading_time_bonus
    idle.warning_started.connect(window.show_idle_warning)
    idle.countdown.connect(window.update_idle_countdown)
    idle.warning_cleared.connect(window.hide_idle_warning)
    idle.expired.connect(window.reset_session)
    window.still_here.connect(idle.still_here)
    window.session_started.connect(idle.wake)
    window.session_reset.connect(idle.sleep)
    return activity
