"""The live content without Qt: which edits reach the screen, when, and what staff see
(kiosk/content/live.py). The screen is a recording stand-in for kiosk/ui/display.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.content import Content
from kiosk.content.live import LiveContent
from kiosk.content.source import ContentSource, Loaded
from kiosk.staff.desk import StaffDesk

OLD, NEW = "Alpha section", "Alpha renamed"


class Screen:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def _title(self, content: Content | None) -> str:
        return content.sections[0].title.get("en") if content else "out of service"

    def show(self, content: Content | None) -> None:
        self.calls.append(("show", self._title(content)))

    def replace_now(self, content: Content) -> None:
        self.calls.append(("replace_now", self._title(content)))

    def offer(self, content: Content) -> None:
        self.calls.append(("offer", self._title(content)))


def live(mini_dir: Path, preview: bool = False) -> LiveContent:
    source = ContentSource(mini_dir / "content.yaml", mini_dir / "data")
    quiet = lambda loaded, path: None  # noqa: E731 - the log is tested elsewhere
    return LiveContent(source, preview, now=lambda: datetime(2026, 12, 1), on_problems=quiet)


def edit(mini_dir: Path, old: str, new: str) -> None:
    path = mini_dir / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_a_good_edit_waits_for_the_reset(mini_dir: Path) -> None:
    content, screen = live(mini_dir), Screen()
    content.start(screen)
    content.source.wait_for_snapshot()
    edit(mini_dir, OLD, NEW)
    state = content.reload()
    assert screen.calls == [("show", OLD), ("offer", NEW)]
    assert content.pending is not None and state.loaded.content is content.pending
    content.reset_done()
    assert content.pending is None


def test_a_preview_replaces_at_once(mini_dir: Path) -> None:
    content, screen = live(mini_dir, preview=True), Screen()
    content.start(screen)
    content.source.wait_for_snapshot()
    edit(mini_dir, OLD, NEW)
    content.reload()
    assert screen.calls == [("show", OLD), ("replace_now", NEW)]
    assert content.pending is None


def test_a_broken_edit_is_never_shown_but_staff_see_its_errors(mini_dir: Path) -> None:
    content, screen = live(mini_dir), Screen()
    content.start(screen)
    content.source.wait_for_snapshot()
    edit(mini_dir, "    summary: {en: The first section.", "    sumary: {")
    state = content.reload()
    assert screen.calls == [("show", OLD)]
    assert state.loaded.content is not None and state.loaded.from_snapshot
    assert state.loaded.errors


def test_out_of_service_then_a_fix_shows_a_new_screen(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text("format: [\n", encoding="utf-8")
    content, screen = live(mini_dir), Screen()
    assert content.start(screen) is None
    path.write_text(good, encoding="utf-8")
    content.reload()
    content.source.wait_for_snapshot()
    assert screen.calls == [("show", "out of service"), ("show", OLD)]


def test_the_staff_desk_reloads_through_the_live_content(mini_dir: Path) -> None:
    content, screen = live(mini_dir), Screen()
    content.start(screen)
    content.source.wait_for_snapshot()
    desk = StaffDesk(mini_dir / "data", content, lambda out: 0, lambda code: None)
    edit(mini_dir, OLD, NEW)
    ok, lines = desk.reload_content()
    assert ok and lines[0].startswith("Content OK")
    assert screen.calls[-1] == ("offer", NEW)
    assert desk.status().content_ok
    assert isinstance(content.state.loaded, Loaded)
