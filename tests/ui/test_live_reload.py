"""Staff edit content.yaml while the kiosk runs: good edits arrive at the next reset (at once
on the start screen), broken ones never reach the screen, and a broken file at start-up
falls back to the last good copy."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content.snapshot import snapshot_path
from kiosk.ui.content_watcher import ContentWatcher
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.out_of_service import OutOfServiceScreen

OLD, NEW = "Alpha section", "Alpha renamed"


def edit(path: Path, old: str, new: str, atomic: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if atomic:  # how many editors save: write a new file, then rename it over the old one
        temp = path.with_name(".content.yaml.swp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    else:
        path.write_text(text, encoding="utf-8")


def section_title(kiosk: Kiosk) -> str:
    assert isinstance(kiosk.window, MainWindow)
    return kiosk.window.content.sections[0].title.get("en")


def test_watcher_survives_an_atomic_rename_save(qtbot: QtBot, mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    watcher = ContentWatcher(path, mini_dir / "assets", debounce_ms=50)
    with qtbot.waitSignal(watcher.changed, timeout=5000):
        edit(path, OLD, "First rename", atomic=True)
    with qtbot.waitSignal(watcher.changed, timeout=5000):  # the watch was not lost
        edit(path, "First rename", "Second rename", atomic=True)
    with qtbot.waitSignal(watcher.changed, timeout=5000):  # assets are watched too
        (mini_dir / "assets" / "icons" / "new.svg").write_text("<svg/>", encoding="utf-8")


def test_a_burst_of_writes_is_one_reload(qtbot: QtBot, mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    watcher = ContentWatcher(path, mini_dir / "assets", debounce_ms=200)
    seen: list[int] = []
    watcher.changed.connect(lambda: seen.append(1))
    with qtbot.waitSignal(watcher.changed, timeout=5000):
        for i in range(5):
            edit(path, OLD if i == 0 else f"Burst {i - 1}", f"Burst {i}")
    qtbot.waitUntil(lambda: not watcher.timer.isActive())
    assert seen == [1]


def test_good_edit_on_the_start_screen_shows_at_once(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    assert kiosk.window.on_start_screen
    with qtbot.waitSignal(kiosk.watcher.changed, timeout=5000):
        edit(mini_dir / "content.yaml", OLD, NEW)
    assert section_title(kiosk) == NEW
    assert snapshot_path(mini_dir / "data").read_text(encoding="utf-8").count(NEW) == 1


def test_good_edit_waits_for_the_patient_to_finish(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.window.wake()
    kiosk.window.open_section("alpha")
    with qtbot.waitSignal(kiosk.watcher.changed, timeout=5000):
        edit(mini_dir / "content.yaml", OLD, NEW)
    assert section_title(kiosk) == OLD, "never changes under a patient's finger"
    kiosk.window.reset_session()
    assert section_title(kiosk) == NEW


def test_broken_edit_keeps_the_old_content_and_logs_the_line(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    with caplog.at_level(logging.INFO), qtbot.waitSignal(kiosk.watcher.changed, timeout=5000):
        edit(mini_dir / "content.yaml", "    summary: {en: The first section.", "    sumary: {")
    assert section_title(kiosk) == OLD
    assert kiosk.window.isVisible()
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("content.yaml:" in m and "YAML syntax error" in m for m in lines), lines
    assert any("edit rejected" in m for m in lines)


def test_broken_file_at_start_falls_back_to_the_last_good_copy(
    make_kiosk: object, mini_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = make_kiosk()  # type: ignore[operator]
    first.window.close()
    (mini_dir / "content.yaml").write_text("format: [\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        second = make_kiosk()  # type: ignore[operator]
    assert isinstance(second.window, MainWindow)
    assert section_title(second) == OLD
    assert "showing the last good content" in caplog.text


def test_no_good_content_at_all_then_a_fix_brings_it_back(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path
) -> None:
    path = mini_dir / "content.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text("format: [\n", encoding="utf-8")
    kiosk = make_kiosk()  # type: ignore[operator]
    assert isinstance(kiosk.window, OutOfServiceScreen)
    with qtbot.waitSignal(kiosk.watcher.changed, timeout=5000):
        path.write_text(good, encoding="utf-8")
    assert isinstance(kiosk.window, MainWindow) and kiosk.window.isVisible()


def test_preview_shows_a_saved_edit_at_once_on_the_same_screen(
    qtbot: QtBot, make_kiosk: object, mini_dir: Path, tmp_path: Path
) -> None:
    kiosk = make_kiosk(preview=True)  # type: ignore[operator]
    window = kiosk.window
    assert isinstance(window, MainWindow) and not window.on_start_screen
    assert kiosk.idle is None, "nothing times out in preview"
    window.open_section("alpha")
    window.open_topic("alpha-one")
    with qtbot.waitSignal(kiosk.watcher.changed, timeout=5000):
        edit(mini_dir / "content.yaml", "title: {en: Alpha one,", "title: {en: Alpha one fixed,")
    assert window.windowTitle() == "Test clinic - Alpha one fixed"
    assert len(window.history) == 3, "still on the topic, with Back to the section"
    window.grab().save(str(tmp_path / "preview.png"))


def test_speech_arrives_after_the_first_screen(qtbot: QtBot, make_kiosk: object) -> None:
    kiosk = make_kiosk(speech_engine="mock")  # type: ignore[operator]
    assert kiosk.window.speaker is None  # the first paint does not wait for the engine
    qtbot.waitUntil(lambda: kiosk.window.speaker is not None)
    kiosk.window.wake()
    assert kiosk.window.access.speech.isVisible()
