"""Appointment (call-back) requests without Qt: the model and its validation, the durable
SQLite store, staff export and the `requests` command line.

Never import PySide6 here: staff commands and these tests run on machines with no display.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.appointments.errors import StoreError
    from kiosk.appointments.form_spec import BEST_TIMES
    from kiosk.appointments.records import SavedReceipt, StoredRequest
    from kiosk.appointments.request import (
        ERROR_CODES,
        AppointmentRequest,
        InvalidRequest,
        normalize_phone,
        to_request,
        validate,
    )
    from kiosk.appointments.store import RequestStore

# Imported on first use (PEP 562): the kiosk's start-up and `--help` should not pay for
# SQLite and the phone-number tables until a request is actually made.
_WHERE = {
    "StoreError": "errors",
    "SavedReceipt": "records",
    "StoredRequest": "records",
    "BEST_TIMES": "form_spec",
    "ERROR_CODES": "request",
    "AppointmentRequest": "request",
    "InvalidRequest": "request",
    "normalize_phone": "request",
    "to_request": "request",
    "validate": "request",
    "RequestStore": "store",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"kiosk.appointments.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'kiosk.appointments' has no attribute {name!r}")


__all__ = [
    "BEST_TIMES",
    "ERROR_CODES",
    "AppointmentRequest",
    "InvalidRequest",
    "RequestStore",
    "SavedReceipt",
    "StoreError",
    "StoredRequest",
    "normalize_phone",
    "to_request",
    "validate",
]
