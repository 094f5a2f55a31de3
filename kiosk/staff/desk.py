"""What the staff menu can see and do, without Qt: content status, waiting requests,
export to a folder, `doctor`, restart and exit. The window only shows the results. Every
sentence is in the staff session's language (`lang`, kiosk/staff/status_words.py).

Nothing here returns patient data except `requests()`, which the PIN-protected requests
page shows (kiosk/staff/request_view.py); the rest is counts, file names and check
results."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kiosk.appointments.errors import StoreError
from kiosk.content.source import ContentState
from kiosk.design.i18n import tr, trn
from kiosk.fleet.status import staff_lines
from kiosk.staff.export_targets import ExportTarget, find_targets
from kiosk.staff.request_view import RequestView, newest_first, view
from kiosk.staff.status_words import delivery_line, out_of_service_reason
from kiosk.staff.status_words import describe_content as describe_content

# The request store and the export are imported when staff use them, not while the kiosk
# starts (docs/benchmarks.md).

log = logging.getLogger("kiosk.staff")

# Exit codes the supervisor (and run()) understand; see docs/deploy.md.
EXIT_RESTART = 75  # run() starts the kiosk again in the same process slot
EXIT_TO_DESKTOP = 10  # the unit file and Shell Launcher are told not to restart on this


@dataclass(frozen=True)
class StaffStatus:
    content_ok: bool
    content_lines: list[str]
    requests_line: str
    targets: list[ExportTarget]
    kiosk_id: str = ""
    site: str = ""
    out_of_service: bool = False  # no content at all: content_lines say why


class LiveContentView(Protocol):
    """The running kiosk's content, as staff see and reload it (kiosk/content/live.py)."""

    @property
    def state(self) -> ContentState: ...

    def reload(self) -> ContentState: ...


class StaffDesk:
    def __init__(
        self,
        data_dir: Path,
        content: LiveContentView,
        run_doctor: Callable[[Callable[[str], None]], int],
        quit_app: Callable[[int], None],
        media_roots: list[Path] | None = None,
        now: Callable[[], datetime] = datetime.now,
        kiosk_id: str = "",
        site: str = "",
        time_zone: str = "",
    ):
        """`run_doctor` runs `doctor` writing each line to its argument; `quit_app` ends
        the kiosk with an exit code the supervisor understands. `kiosk_id`, `site` and
        `time_zone` are the settings of the same names."""
        self.data_dir, self.content = data_dir, content
        self._doctor, self._quit = run_doctor, quit_app
        self.media_roots, self.now = media_roots, now
        self.kiosk_id, self.site, self.time_zone = kiosk_id, site, time_zone

    def status(self, lang: str = "en") -> StaffStatus:
        state = self.content.state
        ok, lines = describe_content(state, lang)
        lines += staff_lines(self.data_dir, state.path)  # content updates (docs/fleet.md)
        requests, targets = self.requests_line(lang), self.targets()
        out = state.loaded.content is None
        return StaffStatus(ok, lines, requests, targets, self.kiosk_id, self.site, out)

    def out_of_service_reason(self, lang: str = "en") -> str:
        """The out-of-service screen's one line for staff: the first content error."""
        return out_of_service_reason(self.content.state, lang)

    def requests(self, lang: str = "en") -> tuple[int, list[RequestView]]:
        """(how many are stored, the newest of them in words) for the requests page.
        Raises StoreError when the database cannot be read."""
        from kiosk.appointments.store import RequestStore

        with RequestStore(self.data_dir, recover=False) as store:
            records = store.list()
        content = self.content.state.loaded.content
        return len(records), newest_first(records, content, lang, self.time_zone)

    def request(self, reference: str, lang: str = "en") -> RequestView | None:
        """One request in words for its detail page, None if it is no longer stored."""
        from kiosk.appointments.store import RequestStore

        with RequestStore(self.data_dir, recover=False) as store:
            found = [r for r in store.list() if r.reference == reference]
        content = self.content.state.loaded.content
        return view(found[-1], content, lang, self.time_zone) if found else None

    def requests_line(self, lang: str = "en") -> str:
        try:
            from kiosk.appointments.store import RequestStore

            with RequestStore(self.data_dir, recover=False) as store:
                total = len(store.list())
                new = store.count_pending()
                delivery = store.outbox.summary()
        except StoreError as exc:
            return tr("staff_requests_unreadable", lang, kind=exc.kind)
        # Counts only: names are on the requests page and in the export, not in the menu.
        waiting = trn("staff_new_waiting", lang, new)
        stored = f"{waiting}; {trn('staff_stored', lang, total)}"
        if delivery.waiting:
            stored += "\n" + delivery_line(delivery, lang)
        return stored

    def targets(self) -> list[ExportTarget]:
        return find_targets(self.data_dir, self.media_roots)

    def reload_content(self, lang: str = "en") -> tuple[bool, list[str]]:
        log.info("staff: content reload")
        return describe_content(self.content.reload(), lang)

    def export_requests(self, folder: Path, lang: str = "en") -> str:
        name = f"callback-requests-{self.now().strftime('%Y%m%d-%H%M%S')}.csv"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            from kiosk.appointments.export import export_to_file
            from kiosk.appointments.readable import zone
            from kiosk.appointments.store import RequestStore

            with RequestStore(self.data_dir, recover=False) as store:
                records = store.list()
            where = zone(self.time_zone)  # the times staff read, as in `requests export`
            count = export_to_file(records, "csv", folder / name, where=where)
        except StoreError as exc:
            log.error("staff: export failed (%s)", exc.kind)
            return tr("staff_export_unreadable", lang, kind=exc.kind)
        except OSError as exc:
            log.error("staff: export failed (%s)", type(exc).__name__)
            why = exc.strerror or exc
            return tr("staff_export_unwritable", lang, folder=folder, why=why)
        log.info("staff: exported %d request(s) to %s", count, folder)
        return trn("staff_exported", lang, count, path=folder / name)

    def doctor(self) -> tuple[int, list[str]]:
        lines: list[str] = []
        code = self._doctor(lines.append)
        log.info("staff: doctor run (exit %d)", code)
        return code, lines

    def restart(self) -> None:
        log.warning("staff: restart requested")
        self._quit(EXIT_RESTART)

    def exit_to_desktop(self) -> None:
        log.warning("staff: exit to desktop requested")
        self._quit(EXIT_TO_DESKTOP)
