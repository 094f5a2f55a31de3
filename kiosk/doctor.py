"""`python main.py doctor`: check an install and say plainly what is wrong.

Each check gives OK, WARN or FAIL with one line of detail; any FAIL makes the exit code 1.
Qt is only loaded for the screen and speech checks, offscreen when there is no display."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.settings import Settings, SettingsError, load_settings

OK, WARN, FAIL = "OK", "WARN", "FAIL"
EXIT_BAD_SETTINGS = 2  # a settings file that cannot be used (kiosk/settings.py)


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str


def check_settings(path: Path | None, flags: dict[str, object]) -> tuple[Check, Settings]:
    try:
        settings = load_settings(path, flags=flags)
    except SettingsError as exc:
        fallback = load_settings(None, environ={}, flags=flags)
        return Check("settings", FAIL, "; ".join(exc.problems)), fallback
    where = str(path) if path else "defaults (no --settings file)"
    return Check("settings", OK, where), settings


def check_content(settings: Settings) -> Check:
    """Read-only: loads the file (and the last good copy if needed) without saving anything.
    Content the kiosk cannot show is a FAIL even when the last good copy stands in: staff's
    edits are not reaching the screen, and monitoring only sees the exit code."""
    from kiosk.content import ContentErrors, load_content
    from kiosk.content.snapshot import snapshot_path

    try:
        result = load_content(settings.content)
    except Exception as exc:  # unreadable, not a file, a bug: never a traceback here
        errors = exc.errors if isinstance(exc, ContentErrors) else []
        first = errors[0] if errors else f"{settings.content}: cannot be read ({_why(exc)})"
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        snapshot = snapshot_path(settings.data_dir)
        try:
            load_content(snapshot, snapshot.parent / "assets")
        except Exception:
            return Check("content", FAIL, f"{first}{more}; the kiosk shows 'out of service'")
        return Check("content", FAIL, f"{first}{more}; the kiosk shows the last good copy")
    topics = sum(len(s.topics) for s in result.content.sections)
    warn = f"; {len(result.warnings)} warning(s), run validate" if result.warnings else ""
    status = WARN if result.warnings else OK
    return Check("content", status, f"{settings.content}: {topics} topics{warn}")


def check_updates(settings: Settings) -> Check:
    """Signed content updates (docs/fleet.md): the version, where from, the last check."""
    from kiosk.fleet.status import read_state, status_line, trusted_root_path

    updates = settings.updates
    line = status_line(updates.url, settings.data_dir, settings.content)
    if not updates.url:
        return Check("updates", OK, line)
    root = trusted_root_path(settings.data_dir, updates.root)
    if not root.is_file():
        return Check("updates", FAIL, f"no trusted root at {root}: nothing can be accepted")
    state = read_state(settings.data_dir)
    return Check("updates", OK if state.ok and state.checked else WARN, line)


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc) or type(exc).__name__


def _writable(folder: Path) -> str:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return f"not writable: {exc.strerror or exc}"
    return ""


def check_folder(name: str, folder: Path) -> Check:
    problem = _writable(folder)
    return Check(name, FAIL if problem else OK, f"{folder} {problem}".strip())


def check_database(settings: Settings) -> Check:
    from kiosk.appointments.errors import StoreError
    from kiosk.appointments.store import DB_NAME, RequestStore

    if not (settings.data_dir / DB_NAME).is_file():
        return Check("database", OK, "no requests yet (created on the first one)")
    try:
        with RequestStore(settings.data_dir, recover=False) as store:
            info = store.diagnostics()
            pending = store.count_pending()
    except StoreError as exc:
        return Check("database", FAIL, str(exc))
    mode = oct((settings.data_dir / DB_NAME).stat().st_mode & 0o777)
    # "new" is the staff's to-do list (not yet marked as called back), not delivery.
    detail = f"integrity ok, {info['journal_mode']}, {pending} new for staff, mode {mode}"
    return Check("database", OK if mode == "0o600" else WARN, detail)


def check_delivery(settings: Settings) -> list[Check]:
    """Each channel reachable with a verified certificate; nothing waiting over an hour."""
    from kiosk.delivery.health import check_channels, check_outbox

    results = check_channels(settings.delivery)
    outbox = check_outbox(settings.data_dir, settings.delivery)
    if not settings.delivery.channels and outbox[1] == OK:
        # Nothing is sent anywhere, so nothing has been "delivered" either: say where the
        # requests are. (Jobs left from a removed channel still show as check_outbox says.)
        kept = f"{_stored(settings)} kept on this kiosk for staff export"
        outbox = ("outbox", OK, f"not used (channel none): {kept}")
    results.append(outbox)
    return [Check(*result) for result in results]


def _stored(settings: Settings) -> str:
    from kiosk.appointments.errors import StoreError
    from kiosk.appointments.store import DB_NAME, RequestStore

    if not (settings.data_dir / DB_NAME).is_file():
        return "0 requests"
    try:
        with RequestStore(settings.data_dir, recover=False) as store:
            count = len(store.list(None))
    except StoreError:
        return "requests"  # the database check reports the problem itself
    return f"{count} request(s)"


def check_display(speech_engine: str = "") -> list[Check]:
    """Screens and the speech engine need Qt; without a display, look offscreen."""
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if no_display and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        QGuiApplication([])
    screens = [
        f"{s.name()} {s.geometry().width()}x{s.geometry().height()}".strip()
        for s in QGuiApplication.screens()
    ]
    platform = QGuiApplication.platformName()
    screen_check = Check(
        "screens",
        OK if screens and platform != "offscreen" else WARN,
        f"{platform}: {', '.join(screens) or 'none'}",
    )
    return [screen_check, check_speech(speech_engine)]


def check_speech(engine: str) -> Check:
    """The same engine the kiosk would use, and which languages it has a voice for."""
    from kiosk.ui.speech import Speaker

    speaker = Speaker(engine or None)
    if not speaker.available:
        return Check("speech", WARN, f"{speaker.reason}; the Listen button is hidden")
    languages = speaker.languages()
    ours = [lang for lang in ("en", "es") if lang in languages]
    missing = [lang for lang in ("en", "es") if lang not in languages]
    detail = f"{speaker.engine}: voices for {', '.join(ours) or 'neither en nor es'}"
    detail += f" ({len(languages)} languages in all)"
    if missing:
        detail += f"; no voice for {', '.join(missing)}: Listen is hidden in it"
    return Check("speech", WARN if missing else OK, detail)


def run_doctor(
    settings_path: Path | None, flags: dict[str, object], out: Callable[[str], None]
) -> int:
    first, settings = check_settings(settings_path, flags)
    checks = [first, check_content(settings)]
    checks.append(Check("kiosk", OK, f"{settings.kiosk_id}, site: {settings.site or '(not set)'}"))
    checks.append(check_updates(settings))
    checks.append(check_folder("data folder", settings.data_dir))
    checks.append(check_database(settings))
    checks += check_delivery(settings)
    checks.append(check_folder("log folder", settings.log_dir))
    checks += check_display(settings.speech_engine)
    width = max(len(c.name) for c in checks)
    for check in checks:
        out(f"{check.status:<4}  {check.name:<{width}}  {check.detail}")
    failed = [c for c in checks if c.status == FAIL]
    warned = [c for c in checks if c.status == WARN]
    also = f", {len(warned)} warning(s)" if warned else ""
    code = EXIT_BAD_SETTINGS if first.status == FAIL else 1 if failed else 0
    if failed:
        out(f"{len(failed)} problem(s){also}: exit {code}")
    else:
        out(f"no problems{also}" if warned else "all checks passed")
    return code
