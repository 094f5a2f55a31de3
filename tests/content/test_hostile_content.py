"""Hostile content made at test time (too big to keep in tests/content/broken/): each must
be refused with a located message, never a crash (rc 139, a traceback, "could not check")
or a hang. Cases that crashed or hung the old code run `validate` as a real process, so a
regression fails the test instead of killing or stalling pytest."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content import ContentErrors, load_content
from kiosk.content.spec import ID_MAX, MAX_SECTIONS, TEXT_KINDS, json_schema
from kiosk.content.svg_check import MAX_ELEMENTS, MAX_NESTING
from kiosk.content.types import Asset
from kiosk.content.yaml_source import MAX_DEPTH
from tests.conftest import MINI

ROOT = Path(__file__).resolve().parents[2]
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def validate(path: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`main.py validate` as a real process; a hang is a TimeoutExpired, a failure."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FBSS_KIOSK_")}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(path), *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )


def refused_at(result: subprocess.CompletedProcess[str], path: Path) -> list[re.Match[str]]:
    """The located errors of a refused file; fails on anything else."""
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "could not check" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.endswith("not valid")]
    found = [LOCATED.match(line) for line in lines if not line.endswith("(warning)")]
    assert found and all(found), result.stderr
    assert all(m["path"] == str(path) for m in found if m)
    return [m for m in found if m]


def errors_of(path: Path, assets: Path | None = None) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_content(path, assets)
    return [str(e) for e in info.value.errors]


def mini_copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    path = target / "content.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


# 1-2: nesting ---------------------------------------------------------------------------

NESTINGS = {
    "flow": lambda n: "about: " + "[" * n + "]" * n + "\n",
    "dashes": lambda n: "about:\n  " + "- " * n + "x\n",
    "keys": lambda n: "about: " + "{a: [" * (n // 2) + "1" + "]}" * (n // 2) + "\n",
    "questions": lambda n: "? " * n + "x\n",
}


@pytest.mark.parametrize("kind", NESTINGS)
def test_deep_nesting_is_refused_before_it_can_crash_the_parser(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "content.yaml"
    path.write_text("format: 1\n" + NESTINGS[kind](30_000), encoding="utf-8")  # about 60 KB
    [error] = refused_at(validate(path), path)  # the old code: rc 139, a segfault
    assert f"nested more than {MAX_DEPTH} levels deep" in error["msg"]
    assert int(error["line"]) == (3 if kind == "dashes" else 2)


def test_nesting_the_shipped_content_needs_is_fine(tmp_path: Path) -> None:
    levels = MAX_DEPTH - 1  # and the top-level mapping makes MAX_DEPTH
    nested = "[" * levels + "]" * levels
    path = mini_copy(tmp_path, "format: 1\n", f"format: 1\nextra: {nested}\n")
    assert errors_of(path) == [f"{path}:3:1: unknown key 'extra' in content file"]


# 1, 10: the content path is not a readable file -----------------------------------------


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "content.yaml"
    os.mkfifo(path)
    return path


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "content.yaml").mkdir()
    return tmp_path / "content.yaml"


NOT_FILES = {
    "fifo": (_fifo, "this path is a pipe (FIFO), not a file"),  # the old code hung here
    "folder": (_folder, "this path is a folder, not a file"),
    "device": (lambda _: Path("/dev/zero"), "this path is a device, not a file"),
}


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", NOT_FILES)
def test_content_path_that_is_not_a_file_is_a_located_error(tmp_path: Path, kind: str) -> None:
    make, message = NOT_FILES[kind]
    path = make(tmp_path)
    [error] = refused_at(validate(path), path)
    assert (error["line"], error["col"], error["msg"]) == ("1", "1", message)


@pytest.mark.parametrize(
    "name",
    ["content\0.yaml", "x" * 300 + ".yaml", "/".join(["folder"] * 800) + "/content.yaml"],
    ids=["nul", "name-too-long", "path-too-long"],
)
def test_a_content_path_the_system_refuses_is_a_content_error(tmp_path: Path, name: str) -> None:
    [error] = errors_of(tmp_path / name)
    assert ":1:1: cannot read the file: " in error


# 1: asset paths: every problem located on the line of the key that names the file ---------


def test_asset_name_over_255_bytes_is_located(tmp_path: Path) -> None:
    name = "icons/" + "ü" * 130 + ".svg"  # 130 characters, 260 bytes
    path = mini_copy(tmp_path, "icon: icons/circle.svg", f"icon: {name}")
    [error] = errors_of(path)  # the old code: OSError ENAMETOOLONG, exit 70
    assert error.startswith(f"{path}:{line_of(path, 'ü')}:")
    assert "has a file or folder name longer than 255 bytes" in error


def test_asset_path_longer_than_the_system_allows_is_located(tmp_path: Path) -> None:
    path = mini_copy(tmp_path)
    deep_assets = tmp_path.joinpath(*["a" * 200] * 25)  # over PATH_MAX, never created
    [error, *_] = errors_of(path, deep_assets)
    assert error.startswith(f"{path}:{line_of(path, 'icon:')}:")
    assert "assets/icons/circle.svg cannot be read: File name too long" in error


@pytest.mark.skipif(os.name != "posix", reason="needs symlinks and FIFOs")
def test_asset_link_loop_and_pipe_are_located(tmp_path: Path) -> None:
    path = mini_copy(tmp_path, "icon: icons/circle.svg", "icon: icons/loop.svg")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("image: icons/circle.svg", "image: icons/pipe.svg"), "utf-8")
    icons = path.parent / "assets" / "icons"
    (icons / "loop.svg").symlink_to("loop.svg")
    os.mkfifo(icons / "pipe.svg")
    errors = errors_of(path)  # the old code: RuntimeError, exit 70
    assert errors == [
        f"{path}:{line_of(path, 'loop.svg')}:11: assets/icons/loop.svg cannot be read: "
        "it is a link that leads back to itself",
        f"{path}:{line_of(path, 'pipe.svg')}:20: assets/icons/pipe.svg is a pipe (FIFO), "
        "not a file",
    ]


# 5: text, list and picture budgets ---------------------------------------------------------


def test_a_20000_character_clinic_name_is_refused_on_its_line(tmp_path: Path) -> None:
    path = mini_copy(tmp_path, "en: Test clinic", "en: " + "Clinic " * 3000)
    [error] = errors_of(path)  # the old code: valid, and over 30 s to lay out at start
    assert error.startswith(f"{path}:{line_of(path, 'Clinic Clinic')}:")
    assert "too long (20,999 characters; the limit here is 60)" in error


def test_too_many_sections_are_refused(tmp_path: Path) -> None:
    path = mini_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: alpha")
    section = text[start : text.index("appointments:")]
    copies = "".join(
        section.replace("id: alpha", f"id: s{n}-alpha").replace("id: beta", f"id: s{n}-beta")
        for n in range(MAX_SECTIONS // 2 + 1)  # each copy has two sections
    )
    path.write_text(text[:start] + copies + text[start + len(section) :], "utf-8")
    [error] = errors_of(path)
    assert error.startswith(f"{path}:{line_of(path, '  - id: s0-alpha')}:")
    assert f"this list has {MAX_SECTIONS + 2} items; the limit is {MAX_SECTIONS}" in error


def _svg_case(tmp_path: Path, svg: str) -> Path:
    path = mini_copy(tmp_path, "icon: icons/circle.svg", "icon: icons/made.svg")
    (path.parent / "assets" / "icons" / "made.svg").write_text(svg, encoding="utf-8")
    return path


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">{}</svg>'


def test_an_svg_with_too_many_elements_is_refused(tmp_path: Path) -> None:
    path = _svg_case(tmp_path, SVG.format('<rect width="1" height="1"/>' * 200_000))
    [error] = errors_of(path)
    assert error.startswith(f"{path}:{line_of(path, 'made.svg')}:")
    assert f"is an SVG with over {MAX_ELEMENTS:,} elements" in error


def test_an_svg_nested_too_deep_is_refused(tmp_path: Path) -> None:
    path = _svg_case(tmp_path, SVG.format("<g>" * 5000 + "</g>" * 5000))
    [error] = errors_of(path)
    assert f"is an SVG nested over {MAX_NESTING} levels deep" in error


def test_an_ordinary_drawing_with_shared_parts_passes(tmp_path: Path) -> None:
    """Gradients and a few <use> copies, as drawing programs write them, stay valid."""
    shapes = "".join(
        f'<use href="#dot" x="{n}"/><rect fill="url(#g)" x="{n}"/>' for n in range(500)
    )
    gradient = '<linearGradient id="g"><stop/><stop/></linearGradient>'
    defs = f'<defs>{gradient}<circle id="dot" r="1"/></defs>'
    path = _svg_case(tmp_path, SVG.format(defs + shapes))
    load_content(path)


def test_every_text_limit_is_in_the_schema_and_the_docs() -> None:
    schema = json_schema()
    docs = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    for kind in TEXT_KINDS:
        texts = schema["$defs"][kind.name]["properties"]
        assert {t["maxLength"] for t in texts.values()} == {kind.max_len}
        assert f"| {kind.name} | {kind.max_len:,} |" in docs
    section = schema["properties"]["sections"]
    assert section["maxItems"] == MAX_SECTIONS
    assert section["items"]["properties"]["id"]["maxLength"] == ID_MAX
    assert section["items"]["properties"]["icon"]["maxLength"] == Asset.MAX_PATH
    committed = (ROOT / "content.schema.json").read_text(encoding="utf-8")
    assert '"maxLength": 60' in committed
