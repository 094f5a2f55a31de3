"""What the kiosk knows about its content updates, kept in `<data>/updates/state.json`:
the version it accepted, where from, and the last check. Read by doctor and the staff
menu, written by the update client. No Qt, no tuf (cheap to import)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

UPDATES_DIR = "updates"
STATE_NAME = "state.json"
ROOT_NAME = "root.json"


def updates_dir(data_dir: Path) -> Path:
    return data_dir / UPDATES_DIR


def trusted_root_path(data_dir: Path, setting: Path | None) -> Path:
    """The root.json IT ships to the kiosk: the `[updates] root` setting, or this default."""
    return setting if setting is not None else updates_dir(data_dir) / ROOT_NAME


@dataclass(frozen=True)
class UpdateState:
    version: int = 0  # the accepted content version (0: none yet)
    target: str = ""  # e.g. content.tar.gz or sites/north/content.tar.gz
    sha256: str = ""
    folder: str = ""  # the unpacked bundle, relative to the updates folder
    url: str = ""  # the repository polled last
    checked: str = ""  # ISO time of the last poll (UTC)
    result: str = ""  # its outcome in words, e.g. "no new content"
    ok: bool = True  # False: the last poll was refused or failed

    def content_path(self, data_dir: Path) -> Path | None:
        if not self.folder:
            return None
        path = updates_dir(data_dir) / self.folder / "content.yaml"
        return path if path.is_file() else None


def read_state(data_dir: Path) -> UpdateState:
    """The saved state; a missing or damaged file is no updates yet."""
    try:
        raw = json.loads((updates_dir(data_dir) / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UpdateState()
    if not isinstance(raw, dict):
        return UpdateState()
    known = {f.name: f.type for f in fields(UpdateState)}
    kept = {k: v for k, v in raw.items() if k in known}
    try:
        return UpdateState(**kept)
    except TypeError:
        return UpdateState()


def write_state(data_dir: Path, state: UpdateState) -> None:
    folder = updates_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".state-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(state), out, indent=1)
    os.replace(temp, folder / STATE_NAME)


def installed_version(url: str, data_dir: Path) -> str:
    """The published version the updates installed (the metrics' content version), or
    "local" when the content is this disk's own file."""
    state = read_state(data_dir) if url else None
    usable = state is not None and state.version and state.content_path(data_dir) is not None
    return str(state.version) if state is not None and usable else "local"


def status_line(url: str, data_dir: Path, content_file: Path) -> str:
    """One line for staff and doctor: the content version, where it came from, the last check."""
    if not url:
        return f"Content from the file {content_file} (updates are off)"
    state = read_state(data_dir)
    if state.version and state.content_path(data_dir) is not None:
        where = f"Content version {state.version} from {state.url or url} ({state.target})"
    else:
        where = f"Content from the file {content_file}; no update received yet from {url}"
    checked = state.checked.replace("T", " ")[:16] + " UTC" if state.checked else "never"
    return f"{where}; last checked {checked}: {state.result or 'not yet'}"


def staff_lines(data_dir: Path, content_file: Path) -> list[str]:
    """The staff menu's update line; none on a kiosk that never polled (updates off)."""
    state = read_state(data_dir)
    return [status_line(state.url, data_dir, content_file)] if state.checked else []
