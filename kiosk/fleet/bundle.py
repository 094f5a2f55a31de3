"""The content bundle: content.yaml and the pictures it shows, in one tar.gz. No Qt.

Packing is deterministic (sorted names, fixed times, owners and modes), so the same content
gives the same bytes and the same hash. Unpacking trusts nothing in the archive, even a
signed one (a compromised office PC signs too): only plain files and folders, no `..`, no
absolute names, no links or devices, within a size and a file-count budget."""

from __future__ import annotations

import gzip
import io
import os
import stat
import tarfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.content.snapshot import CONTENT_NAME, MAX_CONTENT_BYTES, SNAPSHOT_BUDGET

MAX_BUNDLE_BYTES = 256 * 1024 * 1024  # compressed, as the signed metadata gives its length
MAX_UNPACKED_BYTES = SNAPSHOT_BUDGET  # what the last good copy may hold anyway
MAX_MEMBERS = 10_000
_FIXED_TIME = 0  # 1970: no build time in the bytes


class BundleRefused(ValueError):
    """An archive the kiosk will not unpack; the message says why (no file contents)."""


@dataclass(frozen=True)
class Limits:
    bundle_bytes: int = MAX_BUNDLE_BYTES
    unpacked_bytes: int = MAX_UNPACKED_BYTES
    members: int = MAX_MEMBERS


def pack_bundle(content_path: Path, assets_dir: Path, used: Iterable[Path]) -> bytes:
    """content.yaml plus the used pictures (absolute paths inside `assets_dir`)."""
    root = assets_dir.resolve()
    files = {CONTENT_NAME: content_path}
    for path in used:
        real = Path(path).resolve()
        if real.is_relative_to(root) and real.is_file():
            files[f"assets/{real.relative_to(root).as_posix()}"] = real
    folders = {str(p) for name in files for p in PurePosixPath(name).parents if str(p) != "."}
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(folders | set(files)):
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = _FIXED_TIME, 0, 0, "", ""
            if name in files:
                data = files[name].read_bytes()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
            else:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
    # gzip's own header holds a time and a file name: both fixed.
    return gzip.compress(raw.getvalue(), compresslevel=9, mtime=_FIXED_TIME)


def _member_name(member: tarfile.TarInfo) -> PurePosixPath:
    name = PurePosixPath(member.name)
    if member.name.startswith(("/", "\\")) or name.is_absolute() or ":" in member.name:
        raise BundleRefused(f"archive member {member.name!r} has an absolute path")
    if any(part == ".." for part in name.parts) or "\\" in member.name:
        raise BundleRefused(f"archive member {member.name!r} points outside the bundle (..)")
    if not name.parts or name.parts[0] not in (CONTENT_NAME, "assets"):
        raise BundleRefused(f"archive member {member.name!r} is not content.yaml or assets/")
    return name


def check_members(tar: tarfile.TarFile, limits: Limits) -> list[tarfile.TarInfo]:
    """Every member checked before anything is written."""
    members, total = [], 0
    for member in tar:
        members.append(member)
        if len(members) > limits.members:
            raise BundleRefused(f"the bundle holds over {limits.members:,} files")
        name = _member_name(member)
        if member.issym() or member.islnk():
            raise BundleRefused(f"archive member {member.name!r} is a link")
        if not (member.isreg() or member.isdir()):
            raise BundleRefused(f"archive member {member.name!r} is not a file or folder")
        if str(name) == CONTENT_NAME and member.size > MAX_CONTENT_BYTES:
            raise BundleRefused(f"content.yaml is over {MAX_CONTENT_BYTES:,} bytes")
        total += member.size
        if total > limits.unpacked_bytes:
            raise BundleRefused(f"the bundle unpacks to over {limits.unpacked_bytes:,} bytes")
    if not any(m.name == CONTENT_NAME and m.isreg() for m in members):
        raise BundleRefused("the bundle has no content.yaml")
    return members


def unpack_bundle(archive: Path, dest: Path, limits: Limits | None = None) -> Path:
    """Unpack into the new folder `dest` (which must not exist); returns its content.yaml.
    Raises BundleRefused (nothing left behind is the caller's: it removes `dest`)."""
    limits = limits or Limits()
    size = os.stat(archive).st_size
    if size > limits.bundle_bytes:
        raise BundleRefused(f"the bundle is {size:,} bytes; the limit is {limits.bundle_bytes:,}")
    dest.mkdir(mode=0o700)
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            members = check_members(tar, limits)
            for member in members:
                target = dest.joinpath(*PurePosixPath(member.name).parts)
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True, mode=0o700)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                source = tar.extractfile(member)
                assert source is not None  # a regular member always has data
                # "x": a name given twice in the archive is refused, not overwritten.
                with source, open(target, "xb") as out:
                    written = 0
                    while chunk := source.read(1024 * 1024):
                        written += len(chunk)
                        if written > member.size:
                            raise BundleRefused(
                                f"archive member {member.name!r} is longer than it says"
                            )
                        out.write(chunk)
                os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
    except (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise BundleRefused(f"the bundle is not a readable tar.gz ({type(exc).__name__})") from None
    except FileExistsError:
        raise BundleRefused("the bundle names one path twice, or as a file and a folder") from None
    except OSError as exc:  # e.g. a file where a member needs a folder; or a full disk
        raise BundleRefused(f"the bundle could not be unpacked ({exc.strerror or exc})") from None
    return dest / CONTENT_NAME
