"""What the staff menu can see and do, without Qt: content status, waiting requests,
export to a folder, `doctor`, restart and exit. The window only shows the results.

Nothing here returns patient data: counts, file names and check results only."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kiosk.appointments.errors import StoreError
from kiosk.content.source import ContentState
from kiosk.fleet.status import staff_lines
from kiosk.staff.export_targets import ExportTarget, find_targets

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


def describe_content(state: ContentState) -> tuple[bool, list[str]]:
    loaded = state.loaded
    when = state.at.strftime("%Y-%m-%d %H:%M")
    lines = [f"File: {state.path}", f"Checked: {when}"]
    if loaded.content is not None and not loaded.from_snapshot:
        topics = sum(len(s.topics) for s in loaded.content.sections)
        lines.insert(0, f"Content OK: {len(loaded.content.sections)} sections, {topics} topics")
    elif loaded.content is not None:
        lines.insert(0, "Content file has errors: showing the last good copy")
    else:
        lines.insert(0, "Content file has errors and there is no good copy")
    lines += [str(error) for error in loaded.errors[:3]]
    if len(loaded.errors) > 3:
        lines.append(f"... and {len(loaded.errors) - 3} more; run `python main.py validate`")
    if loaded.warnings:
        lines.append(f"{len(loaded.warnings)} warning(s); run `python main.py validate`")
    return loaded.content is not None and not loaded.errors, lines


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
    ):
        """`run_doctor` runs `doctor` writing each line to its argument; `quit_app` ends
        the kiosk with an exit code the supervisor understands."""
        self.data_dir, self.content = data_dir, content
        self._doctor, self._quit = run_doctor, quit_app
        self.media_roots, self.now = media_roots, now

    def status(self) -> StaffStatus:
        ok, lines = describe_content(self.content.state)
        lines += staff_lines(self.data_dir, self.content.state.path)  # docs/fleet.md
        return StaffStatus(ok, lines, self.requests_line(), self.targets())

    def requests_line(self) -> str:
        try:
            from kiosk.appointments.store import RequestStore

            with RequestStore(self.data_dir, recover=False) as store:
                total = len(store.list())
                new = store.count_pending()
                delivery = store.outbox.summary()
        except StoreError as exc:
            return f"Could not read the requests ({exc.kind}); run doctor"
        # Counts only: staff see names in the export, never on this screen.
        stored = f"{new} new call-back request(s) waiting; {total} stored on this kiosk"
        if delivery.waiting:
            stored += f"\nDelivery: {delivery.line()}"
        return stored

    def targets(self) -> list[ExportTarget]:
        return find_targets(self.data_dir, self.media_roots)

    def reload_content(self) -> tuple[bool, list[str]]:
        log.info("staff: content reload")
        return describe_content(self.content.reload())

    def export_requests(self, folder: Path) -> str:
        name = f"callback-requests-{self.now().strftime('%Y%m%d-%H%M%S')}.csv"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            from kiosk.appointments.export import export_to_file
            from kiosk.appointments.store import RequestStore

            with RequestStore(self.data_dir, recover=False) as store:
                count = export_to_file(store.list(), "csv", folder / name)
        except StoreError as exc:
            log.error("staff: export failed (%s)", exc.kind)
            return f"Export failed: could not read the requests ({exc.kind})"
        except OSError as exc:
            log.error("staff: export failed (%s)", type(exc).__name__)
            return f"Export failed: could not write to {folder} ({exc.strerror or exc})"
        log.info("staff: exported %d request(s) to %s", count, folder)
        return f"Exported {count} request(s) to {folder / name}"

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
