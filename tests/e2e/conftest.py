"""Real-window fixtures: Xvfb + matchbox on a free display, the kiosk as a subprocess, xdotool.

Every process started here is stopped in the fixture's finalizer, pass or fail. When a test
fails, the logs of the kiosk (its stderr), the window manager and Xvfb, and a screenshot path
if one could be taken, are attached to the failure report.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCREEN_W, SCREEN_H = 1920, 1080
BINARIES = ("Xvfb", "matchbox-window-manager", "xdotool")
LOGS = pytest.StashKey[list[tuple[str, Path]]]()
XSERVER = pytest.StashKey[tuple[str, Path]]()  # (DISPLAY, folder for screenshots)
# Qt variables from the developer's shell that would change the real window's layout.
QT_ENV_DROP = (
    "QT_SCALE_FACTOR",
    "QT_SCREEN_SCALE_FACTORS",
    "QT_AUTO_SCREEN_SCALE_FACTOR",
    "QT_ENABLE_HIGHDPI_SCALING",
    "QT_FONT_DPI",
    "QT_STYLE_OVERRIDE",
    "QT_QPA_PLATFORMTHEME",
    "WAYLAND_DISPLAY",
)


def ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def x_env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in QT_ENV_DROP}
    env["DISPLAY"] = display
    env["QT_QPA_PLATFORM"] = "xcb"
    return env


def poll(what: str, check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Call `check` until it returns True; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def register_log(request: pytest.FixtureRequest, name: str, path: Path) -> None:
    request.node.stash.setdefault(LOGS, []).append((name, path))


# X server and window manager -------------------------------------------------------------
def free_displays(first: int = 100, count: int = 100) -> Iterator[int]:
    for n in range(first, first + count):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            yield n


def read_displayfd(fd: int, timeout: float) -> str:
    """What Xvfb writes to -displayfd once it accepts connections ('' if it exited first)."""
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 64)
        if not chunk:  # EOF: Xvfb exited (display taken by someone else?)
            break
        data += chunk
    return data.decode().strip()


def start_xvfb(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    for attempt, n in enumerate(free_displays()):
        if attempt == 10:
            break
        read_end, write_end = os.pipe()
        with log.open("ab") as out:
            # -noreset: without it the server resets when its last client leaves, e.g. the
            # first `xdotool` readiness probe, and refuses the window manager meanwhile.
            proc = subprocess.Popen(
                ["Xvfb", f":{n}", "-screen", "0", f"{SCREEN_W}x{SCREEN_H}x24",
                 "-nolisten", "tcp", "-noreset", "-displayfd", str(write_end)],
                pass_fds=(write_end,),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
            )  # fmt: skip
        os.close(write_end)
        try:
            number = read_displayfd(read_end, timeout=15)
        finally:
            os.close(read_end)
        if number == str(n) and proc.poll() is None:
            return proc, f":{n}"
        stop(proc)  # lost a race for :n with another X server; try the next number
    pytest.fail(f"could not start Xvfb; see {log}:\n{log.read_text(errors='replace')}")


@pytest.fixture
def x_display(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh 1920x1080 Xvfb with matchbox managing it; yields its DISPLAY (':N')."""
    missing = [name for name in BINARIES if shutil.which(name) is None]
    if missing:
        message = f"real-window test needs {', '.join(missing)} (Debian: xvfb, "
        message += "matchbox-window-manager, xdotool; `make test` installs them)"
        if ci():
            pytest.fail(message + " - CI is set, so this is a failure, not a skip")
        pytest.skip(message)

    xvfb_log, wm_log = tmp_path / "xvfb.log", tmp_path / "matchbox.log"
    register_log(request, "Xvfb", xvfb_log)
    register_log(request, "matchbox-window-manager", wm_log)
    xvfb, display = start_xvfb(xvfb_log)
    wm: subprocess.Popen[bytes] | None = None
    try:
        with wm_log.open("ab") as out:
            wm = subprocess.Popen(
                ["matchbox-window-manager", "-use_titlebar", "no"],
                env=x_env(display),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
            )

        def wm_ready() -> bool:
            assert wm is not None
            if wm.poll() is not None:
                raise AssertionError(f"matchbox-window-manager exited with code {wm.returncode}")
            # Refused (exit 1) until a window manager advertises _NET_NUMBER_OF_DESKTOPS.
            return xdotool(display, "get_num_desktops", check=False).returncode == 0

        poll("the window manager to start", wm_ready)
        request.node.stash[XSERVER] = (display, tmp_path)
        yield display
    finally:
        if wm is not None:
            stop(wm)
        stop(xvfb)


# xdotool and screenshots ------------------------------------------------------------------
def xdotool(
    display: str, *args: str, check: bool = True, timeout: float = 10
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["xdotool", *args],
        env=x_env(display),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
    return result


QT_GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""


def screenshot(display: str, stem: Path) -> Path | None:
    """Save the whole X screen for a person to look at; None if no tool could. Never fails."""
    if shutil.which("import"):  # ImageMagick
        target, cmd = stem.with_suffix(".png"), ["import", "-window", "root"]
    elif shutil.which("xwd"):
        target, cmd = stem.with_suffix(".xwd"), ["xwd", "-root", "-silent", "-out"]
    else:  # PySide6 is here anyway: a throwaway Qt client grabs the root window
        target, cmd = stem.with_suffix(".png"), [sys.executable, "-c", QT_GRAB]
    try:
        done = subprocess.run(
            [*cmd, str(target)],
            env=x_env(display),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return target if done.returncode == 0 and target.exists() else None


# The kiosk ------------------------------------------------------------------------------
@dataclass
class Kiosk:
    display: str
    proc: subprocess.Popen[bytes]
    stderr: Path
    wid: str = ""

    def alive(self) -> None:
        if self.proc.poll() is not None:
            raise AssertionError(
                f"the kiosk exited with code {self.proc.returncode} (its stderr is below)"
            )

    def name(self) -> str:
        return xdotool(self.display, "getwindowname", self.wid).stdout.rstrip("\n")

    def shell(self, command: str, *args: str) -> dict[str, int]:
        """The numbers an xdotool `--shell` command prints, e.g. {'X': 0, 'WIDTH': 1920}."""
        out = xdotool(self.display, command, "--shell", *args).stdout
        pairs = (line.split("=", 1) for line in out.splitlines() if "=" in line)
        return {key: int(value) for key, value in pairs if value.lstrip("-").isdigit()}

    def geometry(self) -> dict[str, int]:
        return self.shell("getwindowgeometry", self.wid)

    def click(self, x: int, y: int) -> None:
        """A real left click at window coordinates (x, y)."""
        self.alive()
        geo = self.geometry()
        target = (geo["X"] + x, geo["Y"] + y)
        pointer = self.shell("getmouselocation")
        move: list[str] = []
        # `mousemove --sync` waits for the pointer to move, forever if it is already there.
        if (pointer["X"], pointer["Y"]) != target:
            move = ["mousemove", "--sync", str(target[0]), str(target[1])]
        xdotool(self.display, *move, "click", "1")

    def wait_for_name(self, expected: str, timeout: float = 10) -> None:
        last = ""

        def named() -> bool:
            nonlocal last
            self.alive()
            last = self.name()
            return last == expected

        try:
            poll(f"window name {expected!r}", named, timeout)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the window is still named {last!r}") from None

    def screenshot(self, label: str) -> None:
        shot = screenshot(self.display, self.stderr.parent / f"screen-{label}")
        if shot is not None:
            print(f"screenshot: {shot}")


@pytest.fixture
def kiosk(request: pytest.FixtureRequest, x_display: str, tmp_path: Path) -> Iterator[Kiosk]:
    """`main.py run` full screen on the mini content; yields once its window is visible."""
    stderr = tmp_path / "kiosk-stderr.log"
    register_log(request, "kiosk stderr", stderr)
    with stderr.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "main.py", "run",
             "--content", "tests/data/mini/content.yaml", "--data-dir", str(tmp_path / "data")],
            cwd=ROOT,
            env=x_env(x_display),
            stdin=subprocess.DEVNULL,
            stdout=err,
            stderr=err,
        )  # fmt: skip
    app = Kiosk(x_display, proc, stderr)
    try:

        def window_shown() -> bool:
            app.alive()
            found = xdotool(
                x_display, "search", "--onlyvisible", "--pid", str(proc.pid),
                "--name", "^Test clinic - ", check=False,
            )  # fmt: skip
            app.wid = next(iter(found.stdout.split()), "")
            return bool(app.wid)

        poll("the kiosk window to appear", window_shown, timeout=30)
        yield app
    finally:
        stop(proc)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On failure, attach the processes' logs (and a screenshot) to the report pytest prints."""
    report = yield
    if report.failed and report.when in ("setup", "call"):
        xserver = item.stash.get(XSERVER, None)
        if xserver is not None:  # the X server is still up: the finalizers run after this
            shot = screenshot(xserver[0], xserver[1] / "screen-at-failure")
            if shot is not None:
                report.sections.append(("screenshot at failure", str(shot)))
        for name, path in item.stash.get(LOGS, []):
            text = path.read_text(errors="replace") if path.exists() else "(no file)"
            report.sections.append((name, text.strip() or "(empty)"))
    return report
