"""The last content that loaded cleanly, kept in the data folder so a broken edit at
start-up still shows the last good version instead of a blank or broken kiosk. No Qt.

Only what that content uses is copied (content.yaml and the pictures it names), as
regular files, within a size budget: the data folder also holds the request database,
and a link in assets/ to /dev/zero or /etc must never fill it (issue 16)."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ContentErrors
from .files import READ_FLAGS, not_regular
from .model import Content, ImageBlock

log = logging.getLogger("kiosk.content")

SNAPSHOT_DIR = "last-good-content"
CONTENT_NAME = "content.yaml"
FINGERPRINT = ".fingerprint"
STAGING_PREFIX = ".snapshot-"
MAX_CONTENT_BYTES = 2 * 1024 * 1024  # the loader's own cap (yaml_source.MAX_BYTES)
SNAPSHOT_BUDGET = 512 * 1024 * 1024  # all copied files together
FREE_SPACE_RESERVE = 64 * 1024 * 1024  # left free for the request database
MAX_WALK = 100_000  # names looked at in assets/, following links inside it
_CHUNK = 1024 * 1024


class SnapshotRefused(OSError):
    """A file the snapshot will not copy (not regular, too big, over budget)."""


def _printable(name: str) -> str:
    # A name that is not UTF-8 arrives with surrogates, which no UTF-8 file can hold.
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def open_regular(path: Path) -> int:
    """A read-only descriptor for `path`, which must be a regular file (opened as the
    loader opens staff files: a FIFO must not block the open)."""
    fd = os.open(path, READ_FLAGS)
    problem = not_regular(os.fstat(fd).st_mode)
    if problem:
        os.close(fd)
        raise SnapshotRefused(f"{_printable(str(path))} {problem}")
    return fd


def fingerprint(content_path: Path, assets_dir: Path) -> str:
    """What changes when staff change anything: the content file's checksum, size and
    time, and every asset's name, size and time. It detects edits; it is no defence
    against someone who can write the files anyway, so a CRC is enough (and it needs no
    OpenSSL at start-up, unlike hashlib). Raises OSError if content.yaml cannot be read
    (the loader then reports it with its place)."""
    fd = open_regular(content_path)
    with os.fdopen(fd, "rb") as file:
        st = os.fstat(file.fileno())
        data = file.read(MAX_CONTENT_BYTES + 1)  # bigger is refused by the loader anyway
    lines = [f"{zlib.crc32(data):08x}\0{st.st_size}\0{st.st_mtime_ns}"]
    if assets_dir.is_dir():
        for path in sorted(assets_dir.rglob("*")):
            try:
                if path.is_file():
                    st = path.stat()
                    rel = _printable(path.relative_to(assets_dir).as_posix())
                    lines.append(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}")
            except OSError:
                continue  # a link that went away, a name too long: not a file we use
    return "\n".join(lines)


def used_assets(content: Content) -> set[Path]:
    """The pictures `content` shows: absolute, resolved paths inside its assets folder."""
    used = {section.icon for section in content.sections}
    for section in content.sections:
        for topic in section.topics:
            used |= {block.path for block in topic.body if isinstance(block, ImageBlock)}
    return used


def _files_to_copy(assets_dir: Path, used: set[Path]) -> Iterator[tuple[Path, Path]]:
    """(name under assets/, real file) for each used picture, by the name content.yaml
    gives it. Links are followed only while they stay inside assets/ (the loader allows
    no other), so nothing outside it is ever read."""
    root = assets_dir.resolve()
    visited = 0

    def walk(folder: Path, rel: Path, above: frozenset[Path]) -> Iterator[tuple[Path, Path]]:
        nonlocal visited
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda e: e.name)
        visited += len(found)
        if visited > MAX_WALK:  # links between folders can make the tree endless
            raise SnapshotRefused(f"assets/ holds over {MAX_WALK:,} names (with its links)")
        for entry in found:
            real = Path(entry.path)  # `folder` is real: no link on the way
            try:
                if entry.is_symlink():
                    real = real.resolve()
                    if not real.is_relative_to(root):
                        continue  # outside assets/: never read, never copied
                mode = os.stat(real, follow_symlinks=False).st_mode
            except (OSError, RuntimeError):  # dangling link, link loop (3.12 RuntimeError)
                continue
            if stat.S_ISDIR(mode) and real not in above:  # a link to a parent: a loop
                yield from walk(real, rel / entry.name, above | {real})
            elif stat.S_ISREG(mode) and real in used:
                yield rel / entry.name, real

    yield from walk(root, Path(), frozenset({root}))


def _copy(source: Path, dest: Path, budget: int) -> int:
    """Copy one regular file, at most `budget` bytes; returns the bytes written. The
    modification time is kept, so the next snapshot can reuse the copy (_reuse)."""
    fd = open_regular(source)
    with os.fdopen(fd, "rb") as src, open(dest, "xb") as out:
        st = os.fstat(src.fileno())
        written = 0
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > budget:
                raise SnapshotRefused("the content's files are over the snapshot budget")
            out.write(chunk)
    os.utime(dest, ns=(st.st_atime_ns, st.st_mtime_ns))
    return written


def _unchanged(source: Path, old: Path) -> bool:
    """The previous snapshot holds `source` as it is now (same size and time)."""
    try:
        new_stat, old_stat = os.stat(source), os.stat(old, follow_symlinks=False)
    except OSError:
        return False
    same = (new_stat.st_size, new_stat.st_mtime_ns) == (old_stat.st_size, old_stat.st_mtime_ns)
    return same and stat.S_ISREG(old_stat.st_mode)


def _reuse(source: Path, old: Path, dest: Path) -> bool:
    """Take an unchanged file from the previous snapshot as a hard link instead of
    copying it again: after a text edit the pictures, often hundreds of megabytes, are
    not copied again. Both are private copies the kiosk never writes to, so sharing them
    is safe."""
    if not _unchanged(source, old):
        return False
    try:
        os.link(old, dest)
        return True
    except OSError:
        return False  # links not possible here: copy as usual


def snapshot_path(data_dir: Path) -> Path:
    return data_dir / SNAPSHOT_DIR / CONTENT_NAME


def _clean_leftovers(data_dir: Path) -> None:
    """Half-made copies from a run that crashed or was killed mid-copy. A kill between the
    two renames below leaves only the `.old` copy: that one is put back, not removed."""
    for leftover in data_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    old, target = data_dir / (SNAPSHOT_DIR + ".old"), data_dir / SNAPSHOT_DIR
    if old.is_dir() and not target.exists():
        os.replace(old, target)
    shutil.rmtree(old, ignore_errors=True)


def _fill(
    staging: Path, content_path: Path, assets_dir: Path, used: set[Path], previous: Path
) -> None:
    """content.yaml and the used pictures into `staging`, within the budget."""
    budget = SNAPSHOT_BUDGET
    budget -= _copy(content_path, staging / CONTENT_NAME, MAX_CONTENT_BYTES)
    plan = list(_files_to_copy(assets_dir, used)) if assets_dir.is_dir() else []
    needed = sum(real.stat().st_size for rel, real in plan if not _unchanged(real, previous / rel))
    if needed > budget:
        raise SnapshotRefused(
            f"the content's pictures need {needed:,} bytes; the snapshot budget is {budget:,}"
        )
    free = shutil.disk_usage(staging).free
    if needed + FREE_SPACE_RESERVE > free:
        raise SnapshotRefused(f"only {free:,} bytes free in the data folder")
    for rel, real in plan:
        dest = staging / "assets" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not _reuse(real, previous / rel, dest):
            budget -= _copy(real, dest, budget)


def save_snapshot(
    content_path: Path,
    assets_dir: Path,
    data_dir: Path,
    stamp: str | None = None,
    used: Iterable[Path] | None = None,
) -> bool:
    """Copy content.yaml and the pictures in `used` (see used_assets) into the data
    folder, replacing the old snapshot in one step. `stamp` is their fingerprint when the
    loader checked them; a copy whose files changed meanwhile is dropped. Returns False
    (after logging) if it could not; the kiosk carries on and nothing is left behind."""
    target = data_dir / SNAPSHOT_DIR
    staging: Path | None = None
    try:
        stamp = stamp or fingerprint(content_path, assets_dir)
        marker = target / FINGERPRINT
        if marker.is_file() and marker.read_text(encoding="utf-8", errors="replace") == stamp:
            return True  # nothing changed since the last snapshot
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _clean_leftovers(data_dir)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=data_dir))
        (staging / "assets").mkdir()
        if used is None:
            from .loader import load_content  # only callers that did not load it already

            used = used_assets(load_content(content_path, assets_dir).content)
        resolved = {Path(p).resolve() for p in used}
        _fill(staging, content_path, assets_dir, resolved, target / "assets")
        if fingerprint(content_path, assets_dir) != stamp:
            log.info("content changed while it was being copied; the next load copies it")
            return False
        (staging / FINGERPRINT).write_text(stamp, encoding="utf-8")
        old = data_dir / (SNAPSHOT_DIR + ".old")
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        staging = None
        shutil.rmtree(old, ignore_errors=True)
        return True
    except ContentErrors:
        log.error("could not keep a copy of the good content: it does not load")
        return False
    except OSError as exc:
        reason = (
            str(exc) if isinstance(exc, SnapshotRefused) else exc.strerror or type(exc).__name__
        )
        log.error("could not keep a copy of the good content: %s", reason)
        return False
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
