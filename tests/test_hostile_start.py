"""The kiosk started as a real process (offscreen, supervised over a real systemd notify
socket) on hostile content: it must come up, keep its event loop turning (watchdog pings
keep arriving) and stay up, showing the last good content or the out-of-service screen.
Never exit 70 (an unexpected exception) or 139 (a segfault), never freeze.

One file per class of issue 16, started in parallel so the whole test stays well under a
minute; then hypothesis-made mutations of the shipped content, started the same way."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from kiosk.content.snapshot import save_snapshot
from tests.conftest import MINI
from tests.content.mutations import mutated_content
from tests.test_supervision import Listener

ROOT = Path(__file__).resolve().parent
PROJECT = ROOT.parent
BROKEN = ROOT / "content" / "broken"
STAY_UP_S = 10  # how long each kiosk must stay up once started
START_BOUND_S = 120  # generous: several kiosks start at once on a loaded 2-core machine
WATCHDOG_USEC = "2000000"  # a ping every second


@dataclass
class Kiosk:
    """A kiosk process, its stderr (the console log) and its notify socket."""

    proc: subprocess.Popen[str]
    listener: Listener
    lines: list[str] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)
    reader: threading.Thread | None = None

    def read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))
            if "kiosk started (" in line:
                self.started.set()
        self.started.set()  # the process ended: stop waiting

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        if self.reader is not None:
            self.reader.join(timeout=30)  # the pipe is at its end once the process is gone
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        self.listener.close()


def start_kiosk(content: Path, work: Path) -> Kiosk:
    work.mkdir(parents=True, exist_ok=True)
    listener = Listener(work / "n.sock")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FBSS_KIOSK_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        FBSS_KIOSK_LOG_DIR=str(work / "logs"),
        NOTIFY_SOCKET=str(work / "n.sock"),
        WATCHDOG_USEC=WATCHDOG_USEC,
    )
    command = [sys.executable, str(PROJECT / "main.py"), "run", "--content", str(content)]
    command += ["--data-dir", str(work / "data"), "--windowed", "--size", "1280x800"]
    proc = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    kiosk = Kiosk(proc, listener)
    kiosk.reader = threading.Thread(target=kiosk.read, daemon=True)
    kiosk.reader.start()
    return kiosk


def pings(kiosk: Kiosk) -> int:
    return sum(1 for _, message in list(kiosk.listener.received) if message == b"WATCHDOG=1")


def check_stays_up(kiosks: dict[str, Kiosk], start_bound: float) -> None:
    """Each started, then alive and pinging for STAY_UP_S; every wait is bounded. The
    kiosks share one STAY_UP_S window that opens once the last of them has started."""
    for name, kiosk in kiosks.items():
        assert kiosk.started.wait(start_bound), f"{name}: no 'kiosk started' line\n{kiosk.log}"
        assert kiosk.proc.poll() is None, f"{name}: exited {kiosk.proc.returncode}\n{kiosk.log}"
    seen = {name: pings(kiosk) for name, kiosk in kiosks.items()}
    deadline = time.monotonic() + STAY_UP_S
    for name, kiosk in kiosks.items():
        try:  # a bounded wait on the process itself, not a sleep
            code = kiosk.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            continue  # still up: what we want
        pytest.fail(f"{name}: exited {code} while it should stay up\n{kiosk.log}")
    for name, kiosk in kiosks.items():
        count = pings(kiosk) - seen[name]
        assert count >= 2, f"{name}: the event loop froze ({count} watchdog pings)\n{kiosk.log}"
        assert b"READY=1" in [m for _, m in list(kiosk.listener.received)], name
        assert "Traceback" not in kiosk.log and "unexpected " not in kiosk.log, kiosk.log


# One hostile file per class -----------------------------------------------------------------


def corpus(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        shutil.copytree(BROKEN / "assets", folder / "assets")
        shutil.copy(BROKEN / name, folder / "content.yaml")
        return folder / "content.yaml"

    return make


def mini_with(old: str, new: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        shutil.copytree(MINI / "assets", folder / "assets")
        text = (MINI / "content.yaml").read_text(encoding="utf-8")
        assert old in text
        (folder / "content.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
        return folder / "content.yaml"

    return make


def folder_as_content(folder: Path) -> Path:
    (folder / "content.yaml").mkdir(parents=True)
    return folder / "content.yaml"


def link_loop_asset(folder: Path) -> Path:
    path = mini_with("icon: icons/circle.svg", "icon: icons/loop.svg")(folder)
    (folder / "assets" / "icons" / "loop.svg").symlink_to("loop.svg")
    return path


HOSTILE: dict[str, Callable[[Path], Path]] = {
    # 1: not a content error before: exit 70 instead of the last good content
    "asset-name-over-255-bytes": corpus("image-name-too-long.yaml"),
    "asset-name-with-nul": corpus("image-name-has-nul.yaml"),
    "asset-link-loop": link_loop_asset,
    "content-is-a-folder": folder_as_content,
    # 2: rc 139
    "nesting-30000-levels": mini_with("format: 1\n", "format: 1\nx: " + "[" * 30_000 + "\n"),
    # 5: valid before, then a frozen screen
    "svg-use-bomb": corpus("image-svg-use-bomb.yaml"),
    "clinic-name-20000-characters": mini_with("en: Test clinic", "en: " + "Clinic " * 3000),
    # 10
    "non-string-key": corpus("key-not-a-word.yaml"),
}


def run_all(
    cases: dict[str, Callable[[Path], Path]],
    tmp_path: Path,
    snapshot: bool,
    start_bound: float = START_BOUND_S,
) -> None:
    kiosks: dict[str, Kiosk] = {}
    try:
        for name, make in cases.items():
            folder = tmp_path / name
            folder.mkdir()
            content = make(folder / "content")
            if snapshot:  # a good copy from an earlier run, as on a kiosk in service
                save_snapshot(MINI / "content.yaml", MINI / "assets", folder / "work" / "data")
            kiosks[name] = start_kiosk(content, folder / "work")
        check_stays_up(kiosks, start_bound)
        for kiosk in kiosks.values():
            if snapshot:
                assert "kiosk started (content ok)" in kiosk.log, kiosk.log
                assert "showing the last good content" in kiosk.log, kiosk.log
    finally:
        for kiosk in kiosks.values():
            kiosk.stop()
    for name, kiosk in kiosks.items():
        assert kiosk.proc.returncode not in (70, 139, -11), (name, kiosk.log)


@pytest.mark.skipif(os.name != "posix", reason="needs the notify socket and symlinks")
def test_the_kiosk_stays_up_on_each_class_of_hostile_content(tmp_path: Path) -> None:
    run_all(HOSTILE, tmp_path, snapshot=True)


def fifo_as_content(folder: Path) -> Path:
    folder.mkdir(parents=True)
    os.mkfifo(folder / "content.yaml")
    return folder / "content.yaml"


@pytest.mark.skipif(os.name != "posix", reason="needs FIFOs")
def test_the_kiosk_stays_up_on_a_fifo_as_content(tmp_path: Path) -> None:
    # Before issue 16 the open of the FIFO never returned: no start line at all.
    run_all({"fifo": fifo_as_content}, tmp_path, snapshot=True, start_bound=60)


# Mutations of the shipped content ------------------------------------------------------------

FUZZ_STARTS = 6


def shipped_mutations() -> list[str]:
    """FUZZ_STARTS mutations of the shipped content, the same ones on every run."""
    found: list[str] = []

    @settings(
        derandomize=True,
        max_examples=FUZZ_STARTS,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutated_content())
    def collect(text: str) -> None:
        found.append(text)

    collect()
    return found[:FUZZ_STARTS]


def test_the_kiosk_stays_up_on_mutated_shipped_content(tmp_path: Path) -> None:
    def writer(text: str) -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            folder.mkdir(parents=True)
            shutil.copytree(PROJECT / "assets", folder / "assets")
            (folder / "content.yaml").write_text(text, encoding="utf-8")
            return folder / "content.yaml"

        return make

    texts = shipped_mutations()
    assert len(set(texts)) == FUZZ_STARTS
    cases = {f"mutation-{n}": writer(text) for n, text in enumerate(texts)}
    run_all(cases, tmp_path, snapshot=False)
