"""`doctor`'s delivery checks: is each channel usable, and is anything waiting too long?

Undelivered for more than an hour is a FAIL, not a WARN: getting the request to the clinic is
what the form is for, a patient is waiting for a call that is not coming, and doctor's exit
code is what monitoring sees. A request the clinic's server refused for good is a FAIL for the
same reason (until staff have called the patient and purged it). A channel that cannot be
reached right now is a FAIL too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.appointments.form_spec import EMAIL
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.errors import DeliveryError

OK, WARN, FAIL = "OK", "WARN", "FAIL"
PROBE_TIMEOUT = 5.0  # the staff menu runs doctor on the screen's thread: keep it short

Result = tuple[str, str, str]  # (check name, status, detail)


def check_channels(settings: DeliverySettings) -> list[Result]:
    if not settings.channels:
        return [("delivery", OK, "channel none: requests stay on this kiosk for staff export")]
    results: list[Result] = []
    for name in settings.channels:
        results.append(_check_channel(name, settings))
    return results


def _check_channel(name: str, settings: DeliverySettings) -> Result:
    from dataclasses import replace

    from kiosk.delivery.setup import build_channels

    check = f"delivery {name}"
    secret = settings.smtp_password_file if name == EMAIL else settings.fhir_token_file
    loose = _loose(secret)
    short = replace(
        settings,
        smtp_timeout=min(settings.smtp_timeout, PROBE_TIMEOUT),
        fhir_timeout=min(settings.fhir_timeout, PROBE_TIMEOUT),
    )
    channel = build_channels(short)[name]
    try:
        channel.probe()
    except DeliveryError as exc:
        return check, FAIL, f"{_target(name, settings)}: {exc}"
    where = _target(name, settings)
    if loose:
        return check, WARN, f"{where} reachable; {loose}"
    return check, OK, f"{where} reachable, certificate verified"


def _target(name: str, settings: DeliverySettings) -> str:
    if name == EMAIL:
        return f"{settings.smtp_host}:{settings.port} ({settings.smtp_tls})"
    return settings.fhir_url


def _loose(path: Path | None) -> str:
    """A secret file others can read is worth a warning (the kiosk still works)."""
    if path is None or os.name != "posix":
        return ""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return ""  # the probe reports an unreadable file
    return f"{path} is readable by others (mode {oct(mode)}); use 0600" if mode & 0o077 else ""


def check_outbox(data_dir: Path, settings: DeliverySettings) -> Result:
    from kiosk.appointments.errors import StoreError
    from kiosk.appointments.store import DB_NAME, RequestStore

    if not (data_dir / DB_NAME).is_file():
        return "outbox", OK, "no requests yet"
    try:
        with RequestStore(data_dir, recover=False) as store:
            summary = store.outbox.summary()
            waiting = store.outbox.waiting_by_channel()
    except StoreError as exc:
        return "outbox", FAIL, str(exc)
    orphaned = {ch: n for ch, n in waiting.items() if ch not in settings.channels}
    detail = summary.line()
    if orphaned:
        names = ", ".join(f"{n} for {ch}" for ch, n in sorted(orphaned.items()))
        detail += f"; {names}, no longer a configured channel (add it back to deliver them)"
    if summary.overdue:
        return "outbox", FAIL, f"OVERDUE: {detail}"
    if summary.refused:
        return "outbox", FAIL, detail  # the line says REFUSED and what to do
    return "outbox", WARN if summary.problems or orphaned else OK, detail
