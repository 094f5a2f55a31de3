"""The last content that loaded cleanly, kept in the data folder so a broken edit at
start-up still shows the last good version instead of a blank or broken kiosk. No Qt."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("kiosk.content")

SNAPSHOT_DIR = "last-good-content"
CONTENT_NAME = "content.yaml"
FINGERPRINT = ".fingerprint"


def fingerprint(content_path: Path, assets_dir: Path) -> str:
    """What changes when staff change anything: the content file's checksum, size and
    time, and every asset's name, size and time. It detects edits; it is no defence
    against someone who can write the files anyway, so a CRC is enough (and it needs no
    OpenSSL at start-up, unlike hashlib)."""
    data = content_path.read_bytes()
    stat = content_path.stat()
    lines = [f"{zlib.crc32(data):08x}\0{len(data)}\0{stat.st_mtime_ns}"]
    if assets_dir.is_dir():
        for path in sorted(assets_dir.rglob("*")):
            if path.is_file():
                stat = path.stat()
                rel = path.relative_to(assets_dir).as_posix()
                lines.append(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(lines)


def _reuse_from(previous: Path, staging: Path) -> Callable[[str, str], object]:
    """A copy function for copytree that takes an unchanged file (same size and time) from
    the previous snapshot as a hard link instead of copying it again: after a text edit the
    pictures, often hundreds of megabytes, are not copied before the kiosk can start.
    Both are private copies the kiosk never writes to, so sharing them is safe."""

    def copy(source: str, dest: str) -> object:
        old = previous / Path(dest).relative_to(staging)
        try:
            new_stat, old_stat = os.stat(source), old.stat()
            if (new_stat.st_size, new_stat.st_mtime_ns) == (old_stat.st_size, old_stat.st_mtime_ns):
                os.link(old, dest)
                return dest
        except OSError:
            pass  # no previous copy, or links not possible here: copy as usual
        return shutil.copy2(source, dest)

    return copy


def snapshot_path(data_dir: Path) -> Path:
    return data_dir / SNAPSHOT_DIR / CONTENT_NAME


def save_snapshot(
    content_path: Path, assets_dir: Path, data_dir: Path, stamp: str | None = None
) -> bool:
    """Copy content.yaml and assets/ into the data folder, replacing the old snapshot in
    one step. `stamp` is their fingerprint when the caller has it already. Returns False
    (after logging) if it could not; the kiosk carries on."""
    target = data_dir / SNAPSHOT_DIR
    try:
        stamp = stamp or fingerprint(content_path, assets_dir)
        marker = target / FINGERPRINT
        if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
            return True  # nothing changed since the last snapshot
        data_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=data_dir))
        shutil.copy2(content_path, staging / CONTENT_NAME)
        if assets_dir.is_dir():
            reuse = _reuse_from(target / "assets", staging / "assets")
            shutil.copytree(assets_dir, staging / "assets", symlinks=False, copy_function=reuse)
        (staging / FINGERPRINT).write_text(stamp, encoding="utf-8")
        old = data_dir / (SNAPSHOT_DIR + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
        return True
    except OSError as exc:
        log.error("could not keep a copy of the good content: %s", exc.strerror or exc)
        return False
