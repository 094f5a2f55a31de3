"""Unpacking a bundle trusts nothing in it: each kind of hostile member is refused before
anything is written, and so are archives that are too big or hold too many files."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.fleet.bundle import BundleRefused, Limits, pack_bundle, unpack_bundle
from tests.conftest import MINI


def member(name: str, data: bytes = b"x", **attrs: object) -> Callable[[tarfile.TarFile], None]:
    def add(tar: tarfile.TarFile) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data) if not attrs.get("type") else 0
        for key, value in attrs.items():
            setattr(info, key, value)
        tar.addfile(info, io.BytesIO(data) if info.size else None)

    return add


def archive(tmp_path: Path, *adds: Callable[[tarfile.TarFile], None]) -> Path:
    path = tmp_path / "bundle.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        member("content.yaml", b"format: 1\n")(tar)
        for add in adds:
            add(tar)
    return path


HOSTILE = {
    "dotdot": (member("assets/../../x"), "points outside the bundle"),
    "absolute": (member("/etc/cron.d/x"), "absolute path"),
    "windows drive": (member("C:/x"), "absolute path"),
    "backslash": (member("assets\\..\\..\\x"), "outside the bundle"),
    "symlink": (member("assets/a", type=tarfile.SYMTYPE, linkname="/etc"), "is a link"),
    "hardlink": (member("assets/a", type=tarfile.LNKTYPE, linkname="content.yaml"), "is a link"),
    "fifo": (member("assets/a", type=tarfile.FIFOTYPE), "not a file or folder"),
    "device": (member("assets/a", type=tarfile.CHRTYPE), "not a file or folder"),
    "other top folder": (member("bin/x"), "not content.yaml or assets/"),
    "twice": (member("content.yaml"), "names one path twice"),
    "file then folder": (
        lambda tar: [member("assets/a")(tar), member("assets/a/b")(tar)],  # type: ignore[func-returns-value]
        "as a file and a folder",
    ),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_member_is_refused_and_nothing_escapes(tmp_path: Path, kind: str) -> None:
    add, words = HOSTILE[kind]
    dest = tmp_path / "out" / "new"
    dest.parent.mkdir()
    with pytest.raises(BundleRefused, match=words.replace("(", r"\(")):
        unpack_bundle(archive(tmp_path, add), dest)
    assert not (tmp_path / "x").exists() and not (tmp_path / "out" / "x").exists()


def test_too_many_files_or_too_many_bytes_are_refused(tmp_path: Path) -> None:
    many = archive(tmp_path, *(member(f"assets/{i}.png", b"0123456789") for i in range(20)))
    with pytest.raises(BundleRefused, match="over 10 files"):
        unpack_bundle(many, tmp_path / "a", Limits(members=10))
    with pytest.raises(BundleRefused, match="unpacks to over 100 bytes"):
        unpack_bundle(many, tmp_path / "b", Limits(unpacked_bytes=100))
    with pytest.raises(BundleRefused, match="the limit is 10"):
        unpack_bundle(many, tmp_path / "c", Limits(bundle_bytes=10))


def test_not_a_tar_gz_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bundle.tar.gz"
    path.write_bytes(b"\x1f\x8b this is not gzip")
    with pytest.raises(BundleRefused, match=r"not a readable tar\.gz"):
        unpack_bundle(path, tmp_path / "out")


def test_a_packed_bundle_unpacks_to_the_same_files(tmp_path: Path) -> None:
    icon = (MINI / "assets" / "icons" / "circle.svg").resolve()
    data = pack_bundle(MINI / "content.yaml", MINI / "assets", {icon})
    assert data == pack_bundle(MINI / "content.yaml", MINI / "assets", {icon})
    path = tmp_path / "b.tar.gz"
    path.write_bytes(data)
    content = unpack_bundle(path, tmp_path / "out")
    assert content.read_bytes() == (MINI / "content.yaml").read_bytes()
    assert (tmp_path / "out" / "assets" / "icons" / "circle.svg").read_bytes() == icon.read_bytes()
