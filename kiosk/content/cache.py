"""A private, ready-to-use copy of the last content that passed every check, so a restart
with nothing changed skips the YAML parse and the checks (about 300-500 ms for 1,000 topics,
docs/benchmarks.md). No Qt, no YAML here.

The copy is a pickle in the kiosk's own data folder. It is only read when the kiosk's user
owns it and nobody else may write it, and only classes of the content model (plus Path and
date) may be rebuilt from it, so it can never run code. Anything unexpected is a miss: the
kiosk then reads content.yaml as usual."""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import errors, model

log = logging.getLogger("kiosk.content")

CACHE_NAME = "content-cache.pickle"
FORMAT = 1
_ALLOWED = {
    ("kiosk.content.model", name)
    for name in (
        "LText", "TextBlock", "BulletsBlock", "ImageBlock", "Topic", "Section", "About",
        "Reason", "AppointmentInfo", "Home", "Content",
    )
} | {
    ("kiosk.content.errors", "ContentError"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "Path"),
    ("datetime", "date"),
}  # fmt: skip


@dataclass(frozen=True)
class CachedContent:
    content: model.Content
    warnings: list[errors.ContentError]


def code_stamp() -> str:
    """Changes whenever the checks could: the content package's code and Python itself."""
    here = Path(__file__).parent
    parts = [f"format {FORMAT}", sys.version]
    for source in sorted(here.glob("*.py")):
        stat = source.stat()
        parts.append(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def cache_key(fingerprint: str, content_path: Path, assets_dir: Path) -> str:
    """What must be the same for the copy to be used: the file and pictures (their
    fingerprint), where they are, and the code that checked them."""
    return "\n".join([fingerprint, str(content_path.resolve()), str(assets_dir), code_stamp()])


class _ModelOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of the content model")
        return super().find_class(module, name)


def _review_overdue(content: model.Content, today: date) -> bool:
    # The one check that depends on the day: a copy made before the review date passed
    # lacks that warning, so it is not used after it.
    return content.about.next_review < today


def read_cache(data_dir: Path, key: str, today: date | None = None) -> CachedContent | None:
    """The copy made for `key`, or None (missing, stale, not ours, or damaged)."""
    path = data_dir / CACHE_NAME
    try:
        with path.open("rb") as file:
            stat = os.fstat(file.fileno())
            if hasattr(os, "geteuid") and (stat.st_uid != os.geteuid() or stat.st_mode & 0o022):
                log.warning("content cache ignored: it is not private to the kiosk user")
                return None
            stored = _ModelOnly(file).load()
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged or from another version: read the YAML instead
        log.warning("content cache ignored (%s)", type(exc).__name__)
        return None
    if not (isinstance(stored, dict) and stored.get("key") == key):
        return None
    content, warnings = stored.get("content"), stored.get("warnings")
    if not isinstance(content, model.Content) or not isinstance(warnings, list):
        return None
    if stored.get("overdue") != _review_overdue(content, today or date.today()):
        return None
    return CachedContent(content, warnings)


def write_cache(
    data_dir: Path,
    key: str,
    content: model.Content,
    warnings: list[errors.ContentError],
    today: date | None = None,
) -> bool:
    """Replace the copy in one step (0600); False, after logging, if it could not."""
    stored = {
        "key": key,
        "content": content,
        "warnings": list(warnings),
        "overdue": _review_overdue(content, today or date.today()),
    }
    staging = None
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".content-cache-", dir=data_dir)
        staging = Path(name)
        with os.fdopen(handle, "wb") as file:  # mkstemp makes it 0600
            pickle.dump(stored, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staging, data_dir / CACHE_NAME)
        return True
    except (OSError, pickle.PicklingError) as exc:
        log.warning("could not keep the content cache: %s", getattr(exc, "strerror", None) or exc)
        if staging is not None:
            staging.unlink(missing_ok=True)
        return False


def drop_cache(data_dir: Path) -> None:
    (data_dir / CACHE_NAME).unlink(missing_ok=True)
