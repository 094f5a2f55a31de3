"""A call in a later turn of the event loop that dies with its owner.

Not `QTimer.singleShot(ms, owner, slot)`: PySide6 6.12 keeps its own reference to `slot`
when `owner` is deleted before the timer fires. With a bound method that is the owner's
Python wrapper, and through its attributes every wrapper it holds, each with the native
signal data PySide made for it (about 1.3 KB for a scroll area's hint strip). A screen
reset while its strip or its home grid had a turn pending leaked them, the soak's slope
(bench/memhunt.md). A timer that is the owner's child goes with it, connection and all."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def single_shot(owner: QObject, slot: Callable[[], None], ms: int = 0) -> QTimer:
    """A single-shot timer of `owner` calling `slot`; `start()` it for each call wanted
    (a pending one is moved, not doubled). Made once, with the owner."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
