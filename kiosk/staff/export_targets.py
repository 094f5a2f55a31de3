"""Where staff can export requests to: plugged-in removable drives (a USB stick), and a
folder inside the data folder that IT can fetch remotely. No Qt, no file dialog: a
patient must never be able to browse the disk, so staff choose from a short list."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExportTarget:
    label: str
    folder: Path
    drive: str = ""  # a removable drive's name; empty for the kiosk's own exports folder


def linux_media_roots() -> list[Path]:
    """Where desktop auto-mounters (udisks) put USB sticks, plus the classic /media."""
    user = getpass.getuser()
    return [Path("/media") / user, Path("/run/media") / user, Path("/media")]


def mounted_folders(roots: Iterable[Path]) -> list[ExportTarget]:
    """Each writable folder one level below a media root is a plugged-in drive."""
    found: dict[Path, ExportTarget] = {}
    for root in roots:
        try:
            children = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:
            continue
        for child in children:
            if child in found or child in roots or not os.access(child, os.W_OK):
                continue
            found[child] = ExportTarget(f"USB drive {child.name}", child, child.name)
    return list(found.values())


def windows_removable_drives() -> list[ExportTarget]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    mask = kernel32.GetLogicalDrives()
    targets = []
    for index in range(26):
        if mask & (1 << index):
            root = f"{chr(ord('A') + index)}:\\"
            if kernel32.GetDriveTypeW(root) == drive_removable:
                targets.append(ExportTarget(f"USB drive {root}", Path(root), root))
    return targets


def find_targets(data_dir: Path, media_roots: Iterable[Path] | None = None) -> list[ExportTarget]:
    if media_roots is not None:
        removable = mounted_folders(media_roots)
    elif sys.platform == "win32":
        removable = windows_removable_drives()
    else:
        removable = mounted_folders(linux_media_roots())
    return [*removable, ExportTarget("Kiosk exports folder", data_dir / "exports")]
