"""Turn a submitted form into a saved request, or say clearly why not. No Qt.

The UI shows 'thank you' only for `Saved`, which exists only after COMMIT (R3)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.appointments.errors import StoreError

# The checks (with phonenumbers) and the store (SQLite) are imported at the first request,
# not while the kiosk starts (about 40 ms, docs/benchmarks.md); warm_up() does it early.
if TYPE_CHECKING:
    from kiosk.appointments.store import RequestStore

log = logging.getLogger("kiosk.appointments")


@dataclass(frozen=True)
class Saved:
    reference: str


@dataclass(frozen=True)
class Invalid:
    errors: dict[str, str]  # field -> error code


@dataclass(frozen=True)
class Failed:
    kind: str  # StoreError kind, for the log and staff; never shown with patient data


Outcome = Saved | Invalid | Failed
# What the form calls with its values and the reason ids it offered (RequestService.submit).
Submit = Callable[[Mapping[str, str | bool], Collection[str]], Outcome]


class RequestService:
    """Opens the store on first use (and again after a failure), so a full or read-only
    disk at start-up does not stop the kiosk: the patient is sent to the front desk."""

    def __init__(
        self,
        data_dir: Path,
        region: str = "US",
        channels: tuple[str, ...] = (),
        notify: Callable[[], None] = lambda: None,
        open_store: Callable[[Path, tuple[str, ...]], RequestStore] | None = None,
    ):
        """`channels`: each saved request gets a delivery job per channel (in its own
        transaction), and `notify` is called after each save so delivery starts at once.
        `open_store(data_dir, channels)` opens the store (a test's own, else the real one)."""
        if channels:  # the outbox (and SQLite) is not imported while a plain kiosk starts
            from kiosk.appointments.form_spec import CHANNELS

            unknown = set(channels) - set(CHANNELS)
            if unknown:
                raise ValueError(f"unknown delivery channel(s): {', '.join(sorted(unknown))}")
        self.data_dir, self.region, self._open_store = data_dir, region, open_store
        self._channels, self._notify = channels, notify
        self._store: RequestStore | None = None

    @staticmethod
    def warm_up() -> None:
        """Import what the first request needs, while nobody is waiting for it."""
        import kiosk.appointments.request
        import kiosk.appointments.store

        kiosk.appointments.request.normalize_phone("+1 201 555 0123")

    def submit(self, form: Mapping[str, str | bool], reasons: Collection[str]) -> Outcome:
        from kiosk.appointments.request import InvalidRequest, to_request

        try:
            request = to_request(form, self.region, reasons)
        except InvalidRequest as exc:
            return Invalid(exc.errors)
        try:
            if self._store is None:
                self._store = self._open_store_now()
            receipt = self._store.save(request)
        except StoreError as exc:
            log.error("call-back request NOT saved (%s); patient sent to the front desk", exc.kind)
            self.close()
            return Failed(exc.kind)
        log.info("call-back request saved (reference %s)", receipt.reference)
        self._notify()  # only sets an event: never blocks the GUI thread
        return Saved(receipt.reference)

    def _open_store_now(self) -> RequestStore:
        if self._open_store is not None:
            return self._open_store(self.data_dir, self._channels)
        from kiosk.appointments.store import RequestStore

        return RequestStore(self.data_dir, channels=self._channels)

    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            finally:
                self._store = None
