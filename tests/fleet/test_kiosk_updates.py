"""The whole kiosk (offscreen) with updates on: content published at the office reaches the
screen at the next reset, never under a patient's finger, and is what the kiosk starts
with next time; a refused update leaves the screen alone."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.content.snapshot import snapshot_path
from kiosk.fleet.config import UpdateSettings
from kiosk.fleet.status import read_state
from kiosk.fleet.update_client import NEW, REFUSED, UpdateClient
from kiosk.ui.main_window import MainWindow
from kiosk.ui.update_poller import UpdatePoller
from tests.fleet.conftest import Office
from tests.fleet.helpers import edit


def section_title(kiosk: Kiosk) -> str:
    assert isinstance(kiosk.window, MainWindow)
    return kiosk.window.content.sections[0].title.get("en")


def updating_kiosk(qtbot: QtBot, make: object, office: Office, mini_dir: Path) -> Kiosk:
    root = mini_dir / "it" / "root.json"
    root.parent.mkdir()
    shutil.copy(office.root, root)
    updates = UpdateSettings(url=office.url, interval=3600, root=root)
    kiosk: Kiosk = make(updates=updates)  # type: ignore[operator]
    qtbot.waitUntil(lambda: kiosk.updates is not None and kiosk.updates.last is not None)
    return kiosk


def poll(qtbot: QtBot, kiosk: Kiosk) -> str:
    """One poll, driven directly, waited for on its signal (no sleeps)."""
    poller = kiosk.updates
    assert poller is not None
    qtbot.waitUntil(lambda: not poller.busy)
    with qtbot.waitSignal(poller.polled, timeout=30_000) as blocker:
        assert poller.poll_now()
    return str(blocker.args[0].kind)  # type: ignore[index]


def test_published_content_arrives_at_the_next_reset(
    qtbot: QtBot, make_kiosk: object, office: Office, mini_dir: Path
) -> None:
    edit(office.content, "Alpha section", "Alpha v1")
    office.publish()
    kiosk = updating_kiosk(qtbot, make_kiosk, office, mini_dir)
    assert kiosk.updates is not None and kiosk.updates.last is not None
    assert kiosk.updates.last.kind == NEW
    assert section_title(kiosk) == "Alpha v1", "on the start screen: at once"

    kiosk.window.wake()  # type: ignore[union-attr]
    kiosk.window.open_section("alpha")  # type: ignore[union-attr]
    edit(office.content, "Alpha v1", "Alpha v2")
    office.publish()
    assert poll(qtbot, kiosk) == NEW
    assert section_title(kiosk) == "Alpha v1", "never changes under a patient's finger"
    kiosk.window.reset_session()  # type: ignore[union-attr]
    assert section_title(kiosk) == "Alpha v2"
    assert read_state(kiosk.data_dir).version == 2
    kiosk.source.wait_for_snapshot()
    kept = snapshot_path(kiosk.data_dir).read_text(encoding="utf-8")
    assert "Alpha v2" in kept, "the update is the new last good copy"
    assert any("Content version 2 from" in line for line in kiosk.desk.status().content_lines)


def test_a_restarted_kiosk_starts_with_the_accepted_update(
    qtbot: QtBot, make_kiosk: object, office: Office, mini_dir: Path
) -> None:
    edit(office.content, "Alpha section", "Alpha v1")
    office.publish()
    first = updating_kiosk(qtbot, make_kiosk, office, mini_dir)
    first.close()
    second: Kiosk = make_kiosk(updates=first.launch.settings.updates)  # type: ignore[operator]
    assert section_title(second) == "Alpha v1", "before any poll: the accepted content"


def test_a_refused_update_leaves_the_screen_alone(
    qtbot: QtBot, make_kiosk: object, office: Office, mini_dir: Path
) -> None:
    office.publish()
    kiosk = updating_kiosk(qtbot, make_kiosk, office, mini_dir)
    edit(office.content, "Alpha section", "Alpha tampered")
    office.publish()
    for bundle in (office.repo / "targets").glob("*.tar.gz"):
        bundle.write_bytes(bundle.read_bytes()[:-10] + b"0123456789")
    assert poll(qtbot, kiosk) == REFUSED
    kiosk.window.reset_session()  # type: ignore[union-attr]
    assert section_title(kiosk) == "Alpha section"


def test_the_client_is_made_and_polls_off_the_gui_thread(
    qtbot: QtBot, office: Office, tmp_path: Path
) -> None:
    """python-tuf's import (~250 ms) and every poll happen on the worker, never the GUI."""
    office.publish()
    threads: list[threading.Thread] = []

    def make_client() -> UpdateClient:
        threads.append(threading.current_thread())
        return UpdateClient(office.url, tmp_path / "data", office.root)

    taken: list[Path] = []
    poller = UpdatePoller(make_client, 3_600_000, lambda path: taken.append(path) or True)
    with qtbot.waitSignal(poller.polled, timeout=30_000) as blocker:
        poller.start()
    assert threads and threads[0] is not threading.main_thread()
    assert blocker.args[0].kind == NEW and len(taken) == 1  # type: ignore[index]
    poller.stop()
    poller.timer.stop()


def test_an_update_is_checked_once_in_the_worker_not_again_on_the_gui_thread(
    qtbot: QtBot,
    make_kiosk: object,
    office: Office,
    mini_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The worker checks the bundle's content and leaves the ready-to-use copy; the GUI
    thread then reads that copy instead of parsing the YAML again (for 1,000 topics the
    parse is 300-500 ms a patient would feel)."""
    import kiosk.content.loader as loader

    office.publish()
    kiosk = updating_kiosk(qtbot, make_kiosk, office, mini_dir)
    parsed_on: list[str] = []
    real = loader.load_content

    def counting(*args: object, **kwargs: object) -> object:
        parsed_on.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    edit(office.content, "Alpha section", "Alpha v2")
    office.publish()  # checks the content too, at the office: not counted
    monkeypatch.setattr(loader, "load_content", counting)
    assert poll(qtbot, kiosk) == NEW
    kiosk.window.reset_session()  # type: ignore[union-attr]
    assert section_title(kiosk) == "Alpha v2"
    assert len(parsed_on) == 1 and parsed_on[0] != threading.main_thread().name
