"""Nothing outlives its owner: timers and callbacks that could fire after the window (or
the kiosk) they serve is gone must die with it, or find it gone and do nothing.

Each test replaces or deletes the owner while the timer is due, then lets the event loop
run: a timer with a 0 ms interval fires on every pass, so no test waits on the clock.
pytest-qt fails a test on any exception raised inside a Qt callback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, wire_idle
from kiosk.content import Content
from kiosk.ui.after_paint import AfterFirstPaint
from kiosk.ui.app_filter import remove_app_filter
from kiosk.ui.display import idle_for
from kiosk.ui.idle import IdleController, IdleState
from kiosk.ui.main_window import MainWindow
from kiosk.ui.speech import Speaker


class Seconds:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def delete_now(widget: QObject) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def turn_event_loop(times: int = 5) -> None:
    for _ in range(times):
        QCoreApplication.processEvents()


def test_window_replaced_while_an_idle_poll_is_due(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    clock = Seconds()
    window = MainWindow(mini_content)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # Made without a parent, as a caller might: wiring ties it to the window it watches.
    idle = IdleController(timeout_s=120, warning_s=30, clock=clock, max_wait_ms=0)
    activity = wire_idle(app, window, idle)
    window.wake()
    assert idle.state is IdleState.ACTIVE
    clock.now += 10_000  # a warning is due at the next poll
    delete_now(window)
    turn_event_loop()  # before the fix: RuntimeError from the deleted QStackedWidget
    assert not shiboken6.isValid(idle), "the idle watch ends with its window"
    assert not shiboken6.isValid(activity)
    remove_app_filter(activity)


def test_idle_callbacks_find_a_deleted_window_gone(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    clock = Seconds()
    """What wiring hands the idle watch holds no strong reference to the window and
    answers 'nothing to add' once it is gone."""
    window = MainWindow(mini_content)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    idle = idle_for(window, timeout_s=120, warning_s=30, clock=clock, max_wait_ms=60_000)
    activity = wire_idle(app, window, idle)
    extra_time, busy = idle.extra_time, idle.busy
    idle.setParent(None)  # keep the watch itself alive to hold its callbacks
    delete_now(window)
    assert extra_time() == 0.0 and busy() is False
    idle.deleteLater()
    remove_app_filter(activity)


def test_kiosk_replacing_its_window_stops_the_old_idle_watch(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], mini_dir: Path
) -> None:
    kiosk = make_kiosk()
    old_window, old_idle = kiosk.window, kiosk.idle
    assert isinstance(old_window, MainWindow) and old_idle is not None
    old_window.wake()
    kiosk.show(old_window.content)  # e.g. back in service: a new window
    assert not old_idle.is_watching, "the old window's idle watch no longer polls"
    turn_event_loop()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(old_window) and not shiboken6.isValid(old_idle)
    assert kiosk.idle is not old_idle and kiosk.idle is not None and kiosk.idle.is_watching


def test_after_paint_steps_run_when_the_first_screen_is_replaced(
    qtbot: QtBot, themed_app: object
) -> None:
    """The start screen can be replaced (new content on the start screen) before the
    steps after the first paint have run: speech, delivery and the staff gesture must
    still start."""
    owner = QObject()
    widget = QWidget()
    ran: list[str] = []
    AfterFirstPaint(
        widget, [lambda: ran.append("a"), lambda: ran.append("b")], fallback_ms=60_000, owner=owner
    )
    delete_now(widget)
    qtbot.waitUntil(lambda: ran == ["a", "b"])
    owner.deleteLater()


def test_after_paint_steps_end_with_their_owner(qtbot: QtBot, themed_app: object) -> None:
    owner = QObject()
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    AfterFirstPaint(widget, [lambda: ran.append("a")], fallback_ms=0, owner=owner)
    delete_now(owner)
    turn_event_loop()
    assert ran == [], "a closed kiosk starts nothing"


def test_closed_kiosk_stops_watching_content_and_timers(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], mini_dir: Path
) -> None:
    kiosk = make_kiosk()
    window, watcher = kiosk.window, kiosk.watcher
    assert window is not None
    kiosk.close()
    path = mini_dir / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    turn_event_loop()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(watcher), "no reload can reach a closed kiosk"
    assert not shiboken6.isValid(window)
    kiosk.close()  # twice is harmless (the fixture closes it again)


def test_speech_outliving_a_window_never_calls_into_it(
    qtbot: QtBot, themed_app: object, mini_content: Content
) -> None:
    """The speaker belongs to the application and serves each window in turn."""
    app = QApplication.instance()
    speaker = Speaker("mock", app)
    window = MainWindow(mini_content, speaker=speaker)
    delete_now(window)
    speaker.stop()  # emits speaking_changed: nothing may be connected to the dead window
    turn_event_loop()
    delete_now(speaker)
