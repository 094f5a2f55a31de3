"""Turn a submitted form into a saved request, or say clearly why not. No Qt.

The UI shows 'thank you' only for `Saved`, which exists only after COMMIT (R3)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.appointments.context import ReasonText, RequestContext, label, language_ok
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
# What the form calls with its values, the reasons it offered (id -> words) and the
# session's language code (RequestService.submit).
Reasons = Mapping[str, ReasonText] | Collection[str]
Submit = Callable[[Mapping[str, str | bool], Reasons, str], Outcome]


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
        kiosk_id: str = "",
        site: str = "",
    ):
        """`channels`: each saved request gets a delivery job per channel (in its own
        transaction), and `notify` is called after each save so delivery starts at once.
        `open_store(data_dir, channels)` opens the store (a test's own, else the real one).
        `kiosk_id` and `site` (the settings) are stored with every request."""
        if channels:  # the outbox (and SQLite) is not imported while a plain kiosk starts
            from kiosk.appointments.form_spec import CHANNELS

            unknown = set(channels) - set(CHANNELS)
            if unknown:
                raise ValueError(f"unknown delivery channel(s): {', '.join(sorted(unknown))}")
        self.data_dir, self.region, self._open_store = data_dir, region, open_store
        self._channels, self._notify = channels, notify
        self._store: RequestStore | None = None
        self._kiosk_id, self._site = kiosk_id or None, site or None

    @staticmethod
    def warm_up() -> None:
        """Import what the first request needs, while nobody is waiting for it."""
        import kiosk.appointments.request
        import kiosk.appointments.store

        kiosk.appointments.request.normalize_phone("+1 201 555 0123")

    def submit(self, form: Mapping[str, str | bool], reasons: Reasons, lang: str = "") -> Outcome:
        """`reasons`: the pick list the form offered, id -> ReasonText (or only the ids);
        `lang`: the language the patient used, recorded with the request."""
        from kiosk.appointments.request import InvalidRequest, to_request

        try:
            request = to_request(form, self.region, reasons)
        except InvalidRequest as exc:
            return Invalid(exc.errors)
        try:
            if self._store is None:
                self._store = self._open_store_now()
            receipt = self._store.save(request, self._context(request.reason, reasons, lang))
        except StoreError as exc:
            log.error("call-back request NOT saved (%s); patient sent to the front desk", exc.kind)
            self.close()
            return Failed(exc.kind)
        log.info("call-back request saved (reference %s)", receipt.reference)
        self._notify()  # only sets an event: never blocks the GUI thread
        return Saved(receipt.reference)

    def _context(self, reason: str, reasons: Reasons, lang: str) -> RequestContext:
        words = reasons.get(reason) if isinstance(reasons, Mapping) else None
        if lang and not language_ok(lang):
            log.warning("language code not recorded: not a BCP 47 tag")  # a UI bug, no PHI
        return RequestContext(
            language=lang if language_ok(lang) else None,
            reason_shown=label(words.shown) if isinstance(words, ReasonText) else None,
            reason_staff=label(words.staff) if isinstance(words, ReasonText) else None,
            kiosk_id=self._kiosk_id,
            site=self._site,
        )

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
