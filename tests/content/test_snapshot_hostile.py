"""What assets/ holds cannot make the last-good copy fill the disk, read outside assets/,
leave half-made copies, or kill the thread that makes it (issue 16, items 3 and 4)."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

import kiosk.content.snapshot
import kiosk.content.source
from kiosk.content.snapshot import SNAPSHOT_DIR, save_snapshot, snapshot_path
from kiosk.content.source import ContentSource

NOT_UTF8 = os.fsdecode(b"caf\xe9-\xff.svg")


def copied(data_dir: Path) -> set[str]:
    assets = data_dir / SNAPSHOT_DIR / "assets"
    return {p.relative_to(assets).as_posix() for p in assets.rglob("*") if not p.is_dir()}


def leftovers(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.glob(".snapshot-*"))


def paths(mini_dir: Path) -> tuple[Path, Path]:
    return mini_dir / "content.yaml", mini_dir / "assets"


def test_only_the_used_regular_files_are_copied(mini_dir: Path, tmp_path: Path) -> None:
    content, assets = paths(mini_dir)
    outside = tmp_path / "outside"
    (outside / "etc").mkdir(parents=True)
    (outside / "etc" / "shadow").write_text("root:secret", encoding="utf-8")
    (outside / "big.svg").write_bytes(b"<svg/>" + b" " * 2_000_000)
    (assets / "etc").symlink_to(outside / "etc")  # a link to a folder outside assets/
    (assets / "big.svg").symlink_to(outside / "big.svg")  # to a file outside
    (assets / "unused.svg").write_text("<svg/>", encoding="utf-8")  # ours, but not shown
    os.mkfifo(assets / "pipe.svg")  # a FIFO: reading it would block forever
    (assets / "icons" / "alias.svg").symlink_to("circle.svg")  # inside: allowed
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("image: icons/circle.svg", "image: icons/alias.svg"), "utf-8")

    data = tmp_path / "data"
    assert save_snapshot(content, assets, data)
    assert copied(data) == {"icons/circle.svg", "icons/alias.svg"}
    alias = data / SNAPSHOT_DIR / "assets" / "icons" / "alias.svg"
    assert (
        not alias.is_symlink() and alias.read_bytes() == (assets / "icons/circle.svg").read_bytes()
    )
    assert ContentSource(content, data).load_at_start().content is not None


def test_a_link_to_an_endless_device_is_never_read(mini_dir: Path, tmp_path: Path) -> None:
    content, assets = paths(mini_dir)
    (assets / "zero.svg").symlink_to("/dev/zero")  # once wrote 12 GB in 40 s
    (assets / "icons" / "zero.svg").symlink_to("/dev/zero")
    data = tmp_path / "data"
    assert save_snapshot(content, assets, data)
    assert copied(data) == {"icons/circle.svg"}


def test_over_the_budget_there_is_no_new_copy_and_the_old_one_stays(
    mini_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    content, assets = paths(mini_dir)
    data = tmp_path / "data"
    assert save_snapshot(content, assets, data)
    before = snapshot_path(data).read_bytes()
    content.write_text(content.read_text(encoding="utf-8") + "\n# edit\n", encoding="utf-8")
    (assets / "icons" / "circle.svg").write_text("<svg> </svg>", encoding="utf-8")  # recopied
    monkeypatch.setattr(kiosk.content.snapshot, "SNAPSHOT_BUDGET", len(content.read_bytes()) + 5)
    caplog.set_level(logging.ERROR, "kiosk.content")
    assert not save_snapshot(content, assets, data)
    assert "budget" in caplog.text
    assert snapshot_path(data).read_bytes() == before
    assert leftovers(data) == []


def test_a_failed_copy_leaves_nothing_behind(
    mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, assets = paths(mini_dir)
    data = tmp_path / "data"

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert not save_snapshot(content, assets, data)
    assert leftovers(data) == []


def test_copies_left_by_a_crash_are_cleaned_at_the_next_snapshot(
    mini_dir: Path, tmp_path: Path
) -> None:
    content, assets = paths(mini_dir)
    data = tmp_path / "data"
    crashed = data / ".snapshot-x1y2z3" / "assets"
    crashed.mkdir(parents=True)
    (crashed / "picture.png").write_bytes(b"half a copy")
    assert save_snapshot(content, assets, data)
    assert leftovers(data) == []
    assert snapshot_path(data).is_file()


def test_a_file_name_that_is_not_utf8_breaks_nothing(
    mini_dir: Path, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content, assets = paths(mini_dir)
    (assets / NOT_UTF8).write_text("<svg/>", encoding="utf-8")
    source = ContentSource(content, data_dir)
    for _ in range(3):  # every start used to leave one more full copy behind
        assert source.load_at_start(snapshot_in_background=True).content is not None
        assert source.wait_for_snapshot(timeout=60)
    assert snapshot_path(data_dir).is_file()
    assert leftovers(data_dir) == []
    assert "could not keep a copy" not in caplog.text


def test_a_live_save_makes_the_snapshot_off_the_gui_thread(
    mini_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = kiosk.content.source.save_snapshot

    def record(*args: object, **kwargs: object) -> bool:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kiosk.content.source, "save_snapshot", record)
    source = ContentSource(mini_dir / "content.yaml", data_dir)
    assert source.reload().content is not None  # what app.py calls on a live save
    assert source.wait_for_snapshot(timeout=60)
    assert threads and threading.main_thread() not in threads
    assert snapshot_path(data_dir).is_file()


def test_the_snapshot_thread_logs_its_failure_instead_of_dying(
    mini_dir: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    uncaught: list[object] = []
    monkeypatch.setattr(threading, "excepthook", uncaught.append)

    def bug(*args: object, **kwargs: object) -> bool:
        raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(kiosk.content.snapshot.Path, "write_text", bug)
    caplog.set_level(logging.ERROR, "kiosk.content")
    source = ContentSource(mini_dir / "content.yaml", data_dir)
    assert source.load_at_start(snapshot_in_background=True).content is not None
    assert source.wait_for_snapshot(timeout=60)
    assert uncaught == []
    assert "unexpected UnicodeEncodeError" in caplog.text
    assert leftovers(data_dir) == []


def test_links_between_folders_inside_assets_are_followed_by_name_without_looping(
    mini_dir: Path, tmp_path: Path
) -> None:
    content, assets = paths(mini_dir)
    (assets / "pictures").symlink_to("icons")  # another name for the same folder
    (assets / "icons" / "loop").symlink_to("..")  # a link to a parent
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("image: icons/circle.svg", "image: pictures/circle.svg"))
    data = tmp_path / "data"
    assert save_snapshot(content, assets, data)
    assert copied(data) == {"icons/circle.svg", "pictures/circle.svg"}
    assert ContentSource(content, data).load_at_start().content is not None


def test_a_tree_made_endless_by_links_is_refused(
    mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, assets = paths(mini_dir)
    for a in "abcdef":
        (assets / a).mkdir()
    for a in "abcdef":
        for b in "abcdef":
            if a != b:
                (assets / a / b).symlink_to(f"../{b}")  # 6! paths through them
    monkeypatch.setattr(kiosk.content.snapshot, "MAX_WALK", 2_000)
    data = tmp_path / "data"
    assert not save_snapshot(content, assets, data)
    assert leftovers(data) == []
