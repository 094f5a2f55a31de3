"""Logging for the kiosk: the console plus rotating files in the platform's log folder.
Nothing a patient types is ever passed to a logger; a test runs a whole flow and searches
the files for it."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


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
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger("kiosk").error("cannot write logs in %s: %s", log_dir, exc.strerror)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
