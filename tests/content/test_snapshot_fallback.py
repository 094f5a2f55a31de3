"""An error the content checks did not foresee (issue 16, item 1) is a failed load, never a
crash: the last good content stays up, or the kiosk shows out of service."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

import kiosk.content.loader
import kiosk.content.source
from kiosk.content.snapshot import snapshot_path
from kiosk.content.source import ContentSource, Loaded

BOOM = [
    OSError(errno.ENAMETOOLONG, "File name too long"),
    ValueError("embedded null byte"),
    RecursionError("maximum recursion depth exceeded"),
]


def with_snapshot(mini_dir: Path, data_dir: Path) -> ContentSource:
    source = ContentSource(mini_dir / "content.yaml", data_dir)
    assert source.load_at_start(snapshot_in_background=False).content is not None
    assert snapshot_path(data_dir).is_file()
    return source


def edit(mini_dir: Path) -> None:
    """Any change, so the ready-made copy (kiosk/content/cache.py) is not used."""
    path = mini_dir / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def fail_for(monkeypatch: pytest.MonkeyPatch, staff_file: Path, exc: Exception) -> None:
    """The loader fails on the staff's file only (the snapshot still loads)."""
    real = kiosk.content.loader.load_content

    def load(path: Path, *args: object, **kwargs: object) -> object:
        if Path(path) == staff_file:
            raise exc
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kiosk.content.loader, "load_content", load)


def assert_failed_quietly(loaded: Loaded, caplog: pytest.LogCaptureFixture) -> None:
    assert loaded.errors, "a failed load says so"
    messages = [r.getMessage() for r in caplog.records]
    assert any("unexpected" in m and " at " in m for m in messages), messages
    # Type and place only: the exception's own text can quote the staff's file.
    assert not any("embedded null byte" in m or "too long" in m for m in messages), messages


@pytest.mark.parametrize("exc", BOOM, ids=lambda e: type(e).__name__)
def test_at_start_an_unexpected_error_shows_the_last_good_content(
    mini_dir: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    exc: Exception,
) -> None:
    with_snapshot(mini_dir, data_dir)
    edit(mini_dir)
    fail_for(monkeypatch, mini_dir / "content.yaml", exc)
    caplog.set_level(logging.ERROR, "kiosk.content")
    loaded = ContentSource(mini_dir / "content.yaml", data_dir).load_at_start()
    assert loaded.content is not None and loaded.from_snapshot
    assert_failed_quietly(loaded, caplog)


@pytest.mark.parametrize("exc", BOOM, ids=lambda e: type(e).__name__)
def test_without_a_snapshot_it_is_out_of_service_not_a_crash(
    mini_dir: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    exc: Exception,
) -> None:
    fail_for(monkeypatch, mini_dir / "content.yaml", exc)
    caplog.set_level(logging.ERROR, "kiosk.content")
    loaded = ContentSource(mini_dir / "content.yaml", data_dir).load_at_start()
    assert loaded.content is None
    assert_failed_quietly(loaded, caplog)


def test_on_a_live_save_an_unexpected_error_is_a_rejected_edit(
    mini_dir: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = with_snapshot(mini_dir, data_dir)
    edit(mini_dir)
    fail_for(monkeypatch, mini_dir / "content.yaml", ValueError("embedded null byte"))
    caplog.set_level(logging.ERROR, "kiosk.content")
    loaded = source.reload()  # app.py keeps what it shows when content is None
    assert loaded.content is None
    assert_failed_quietly(loaded, caplog)
    assert source.wait_for_snapshot(timeout=60)
    assert snapshot_path(data_dir).is_file()  # the good copy is untouched


def test_a_failing_cache_or_snapshot_does_not_fail_a_good_load(
    mini_dir: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*args: object, **kwargs: object) -> bool:
        raise MemoryError

    monkeypatch.setattr(kiosk.content.source, "write_cache", broken)
    monkeypatch.setattr(kiosk.content.source, "save_snapshot", broken)
    caplog.set_level(logging.ERROR, "kiosk.content")
    source = ContentSource(mini_dir / "content.yaml", data_dir)
    loaded = source.load_at_start(snapshot_in_background=False)
    assert loaded.content is not None and not loaded.errors
    assert source.wait_for_snapshot(timeout=60)
    assert sum("unexpected MemoryError" in r.getMessage() for r in caplog.records) == 2


def long_name_image(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    name = "icons/" + "a" * 300 + ".svg"  # over the 255 bytes a file name may have
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("image: icons/circle.svg", f"image: {name}"), encoding="utf-8")


def content_is_a_folder(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize("break_it", [long_name_image, content_is_a_folder])
def test_real_broken_files_fall_back_to_the_last_good_content(
    mini_dir: Path, data_dir: Path, break_it: object
) -> None:
    source = with_snapshot(mini_dir, data_dir)
    break_it(mini_dir)  # type: ignore[operator]
    live = source.reload()
    assert live.content is None and live.errors
    assert source.wait_for_snapshot(timeout=60)
    at_start = ContentSource(mini_dir / "content.yaml", data_dir).load_at_start()
    assert at_start.content is not None and at_start.from_snapshot and at_start.errors
