"""A corpus of broken content files, each as staff might write it. Every one must make
`validate` exit 1 with a located `PATH:LINE:COL: message` (the one named in the file's
first line) and never a traceback. The oversize-file case is made at test time."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kiosk.content.yaml_source import MAX_BYTES
from tests.conftest import run_main

HERE = Path(__file__).parent / "broken"
ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted(HERE.glob("*.yaml"))
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def expected(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name}: first line must say what to expect"
    return first.removeprefix("# expect: ")


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return run_main("validate", str(path), "--assets", str(HERE / "assets"))


def test_the_corpus_is_big_enough() -> None:
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_broken_file_is_refused_with_a_located_message(path: Path) -> None:
    result = validate(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.endswith("not valid")]
    located = [LOCATED.match(line) for line in lines if not line.endswith("(warning)")]
    assert located and all(located), result.stderr
    assert all(m["path"] == str(path) and int(m["line"]) >= 1 for m in located if m)
    assert expected(path) in result.stderr, result.stderr


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    path.write_text("# padding\n" * (MAX_BYTES // 10 + 10), encoding="utf-8")
    result = validate(path)
    assert result.returncode == 1
    assert f"{path}:1:1: the file is too large" in result.stderr


def test_huge_image_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    big = tmp_path / "assets" / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (11 * 1024 * 1024))
    source = (HERE / "image-missing.yaml").read_text(encoding="utf-8")
    path = tmp_path / "content.yaml"
    path.write_text(source.replace("icons/circel.svg", "big.png"), encoding="utf-8")
    result = run_main("validate", str(path))
    assert result.returncode == 1
    assert "assets/big.png is too large" in result.stderr and "limit 10 MB" in result.stderr


def test_wide_image_is_only_a_warning(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    (tmp_path / "assets").mkdir()
    header = struct.pack(">IIBBBBB", 4000, 3000, 8, 2, 0, 0, 0)
    (tmp_path / "assets" / "wide.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    )
    source = (HERE / "image-missing.yaml").read_text(encoding="utf-8")
    path = tmp_path / "content.yaml"
    path.write_text(source.replace("icons/circel.svg", "wide.png"), encoding="utf-8")
    (tmp_path / "assets" / "icons").mkdir()
    (tmp_path / "assets" / "icons" / "circle.svg").write_bytes(
        (HERE / "assets" / "icons" / "circle.svg").read_bytes()
    )
    result = run_main("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert "wide.png is 4000 pixels wide; 2400 is enough" in result.stderr
