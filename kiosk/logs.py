"""Logging for the kiosk: the console plus rotating files in the platform's log folder.
Nothing a patient types is ever passed to a logger; a test runs a whole flow and searches
the files for it."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5
PRIVATE = 0o600  # README: logs are readable by the kiosk's user only


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it opens, the first and each one after a rollover, is 0600: the
    standard handler leaves new files to the umask (0644 on most systems)."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE)
        try:
            if hasattr(os, "fchmod"):  # an older file, or one the umask widened
                os.fchmod(fd, PRIVATE)
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise


def _tighten(path: Path) -> None:
    """Rotated files kept from before this version may be 0644."""
    for old in [path, *(path.with_name(f"{path.name}.{n}") for n in range(1, BACKUPS + 1))]:
        try:
            if old.is_file() and not old.is_symlink():
                old.chmod(PRIVATE)
        except OSError:
            pass  # not ours: the new files are still private


def setup_logging(log_dir: Path | None, level: str = "INFO") -> Path | None:
    """Log to the console and, when possible, to log_dir/kiosk.log (rotating, 0600).
    Returns the log file, or None if the folder could not be used (then console only)."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(FORMAT))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if log_dir is None:
        return None
    path = log_dir / "kiosk.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _tighten(path)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger("kiosk").error("cannot write logs in %s: %s", log_dir, exc.strerror)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
