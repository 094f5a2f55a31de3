"""The idle watch wakes the kiosk up only when something can change (issue 22, P6): never on
the start screen, once at the deadline while a patient reads, once a second in the
countdown. The times are on the injected clock, so nothing here waits for real time but
the last test, which lets the real timer run a short watch to its end."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.ui.idle import LISTENING_RECHECK_S, IdleController, IdleState


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def watch(clock: Clock, **options: object) -> IdleController:
    options.setdefault("max_wait_ms", 10**9)
    return IdleController(timeout_s=120, warning_s=30, clock=clock, **options)  # type: ignore[arg-type]


def test_on_the_start_screen_nothing_is_polled(qtbot: QtBot) -> None:
    clock = Clock()
    idle = watch(clock)
    assert idle.is_watching and idle.next_poll_at is None, "asleep from the start"
    idle.wake()
    assert idle.next_poll_at is not None
    idle.sleep()  # the session was reset: back on the start screen
    assert idle.next_poll_at is None
    idle.wake()
    idle.stop()  # the window is being replaced
    assert idle.next_poll_at is None and not idle.is_watching
    idle.deleteLater()


def test_a_reading_patient_costs_one_poll_at_the_deadline(qtbot: QtBot) -> None:
    clock = Clock()
    idle = watch(clock)
    idle.wake()
    assert idle.next_poll_at == 1120.0, "not a poll before the timeout"
    clock.now += 50
    idle.on_activity()  # a tap: the deadline moves later, the armed poll stays
    assert idle.next_poll_at == 1120.0
    clock.now = 1120.0
    idle.poll()  # due by the old deadline, but the patient tapped at 1050
    assert idle.state is IdleState.ACTIVE and idle.next_poll_at == 1170.0
    clock.now = 1170.0
    idle.poll()
    assert idle.state is IdleState.WARNING


def test_a_sooner_deadline_rearms(qtbot: QtBot) -> None:
    """A long topic earns reading time; tapping Back to a short screen takes it away, so
    the deadline comes sooner than the poll that was armed."""
    clock = Clock()
    bonus = [60.0]
    idle = watch(clock, extra_time=lambda: bonus[0])
    idle.wake()
    assert idle.next_poll_at == 1180.0
    clock.now += 5
    bonus[0] = 0.0
    idle.on_activity()
    assert idle.next_poll_at == 1125.0


def test_the_countdown_polls_once_per_second_shown(qtbot: QtBot) -> None:
    clock = Clock()
    idle = watch(clock)
    shown: list[int] = []
    idle.warning_started.connect(shown.append)
    idle.countdown.connect(shown.append)
    idle.wake()
    clock.now = 1120.0
    idle.poll()
    assert shown == [30] and idle.next_poll_at == 1121.0
    clock.now = 1121.0
    idle.poll()
    clock.now = 1121.4  # a late poll: the next still comes at the whole second
    idle.poll()
    assert shown == [30, 29] and idle.next_poll_at == 1122.0
    idle.still_here()
    assert idle.next_poll_at == 1121.4 + 120


def test_while_speech_reads_it_looks_again_each_second(qtbot: QtBot) -> None:
    clock = Clock()
    reading = [True]
    idle = watch(clock, busy=lambda: reading[0])
    idle.wake()
    clock.now = 1120.0
    idle.poll()
    assert idle.state is IdleState.ACTIVE
    assert idle.next_poll_at == 1120.0 + LISTENING_RECHECK_S
    reading[0] = False
    clock.now += LISTENING_RECHECK_S
    idle.poll()  # speech has stopped: the whole timeout counts from the last reading
    assert idle.next_poll_at == 1120.0 + 120


def test_the_timer_alone_warns_counts_down_and_resets(qtbot: QtBot) -> None:
    """No test calls poll() here: the real clock and the real timer do it."""
    owner = QObject()
    idle = IdleController(timeout_s=0.2, warning_s=2, clock=time.monotonic, parent=owner)
    counted: list[int] = []
    idle.countdown.connect(counted.append)
    with qtbot.waitSignal(idle.warning_started, timeout=20_000):
        idle.wake()
    with qtbot.waitSignal(idle.expired, timeout=20_000):
        pass
    assert counted == [1], "one countdown step per whole second, none repeated"
    assert idle.state is IdleState.ASLEEP and idle.next_poll_at is None
    owner.deleteLater()
