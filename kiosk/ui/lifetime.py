"""Callbacks that can outlive the Qt object they call into.

A timer or a thread's callback that keeps a bound method of a widget keeps only the
Python wrapper alive, not the C++ widget: once the window is deleted, the next call raises
"Internal C++ object already deleted" inside the event loop (and the kiosk exits 70). Such
callbacks hold the method weakly and answer `default` once its object is gone."""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject


def while_alive[T](method: Callable[[], T], default: T) -> Callable[[], T]:
    """`method()` while its object (a QObject) lives, else `default`; holds no strong
    reference to the object."""
    ref = weakref.WeakMethod(method)
    owner_ref = weakref.ref(getattr(method, "__self__"))  # noqa: B009 - a bound method

    def call() -> T:
        bound, owner = ref(), owner_ref()
        if bound is None or owner is None:
            return default
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            return default
        return bound()

    return call
