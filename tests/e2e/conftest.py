"""Real-window fixtures: Xvfb + matchbox on a free display, the kiosk as a subprocess, xdotool,
and the kiosk's window built offscreen in the test process (the "twin") to say where to click.

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
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import load_content
from kiosk.ui.main_window import MainWindow
from tests.conftest import MINI, ROOT

SCREEN_W, SCREEN_H = 1920, 1080  # unless a test asks for another: @pytest.mark.screen(w, h)
Point = tuple[int, int]
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
    # The offscreen twin has no speech engine; the real kiosk must lay out the same bar.
    env["FBSS_KIOSK_SPEECH_ENGINE"] = "none"
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


def read_line(fd: int, timeout: float) -> str:
    """One line from a pipe, e.g. what Xvfb writes to -displayfd once it accepts
    connections; '' if the writer exited or said nothing in time."""
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
        if not chunk:  # EOF: the writer exited (Xvfb: display taken by someone else?)
            break
        data += chunk
    return data.decode().strip()


def start_xvfb(log: Path, size: Point) -> tuple[subprocess.Popen[bytes], str]:
    for attempt, n in enumerate(free_displays()):
        if attempt == 10:
            break
        read_end, write_end = os.pipe()
        with log.open("ab") as out:
            # -noreset: without it the server resets when its last client leaves, e.g. the
            # first `xdotool` readiness probe, and refuses the window manager meanwhile.
            proc = subprocess.Popen(
                ["Xvfb", f":{n}", "-screen", "0", f"{size[0]}x{size[1]}x24",
                 "-nolisten", "tcp", "-noreset", "-displayfd", str(write_end)],
                pass_fds=(write_end,),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
            )  # fmt: skip
        os.close(write_end)
        try:
            number = read_line(read_end, timeout=15)
        finally:
            os.close(read_end)
        if number == str(n) and proc.poll() is None:
            return proc, f":{n}"
        stop(proc)  # lost a race for :n with another X server; try the next number
    pytest.fail(f"could not start Xvfb; see {log}:\n{log.read_text(errors='replace')}")


@pytest.fixture
def screen_size(request: pytest.FixtureRequest) -> Point:
    """The real screen's size: 1920x1080, or what the test's `screen` mark says."""
    mark = request.node.get_closest_marker("screen")
    return (int(mark.args[0]), int(mark.args[1])) if mark else (SCREEN_W, SCREEN_H)


@pytest.fixture
def x_display(request: pytest.FixtureRequest, tmp_path: Path, screen_size: Point) -> Iterator[str]:
    """A fresh Xvfb of `screen_size` with matchbox managing it; yields its DISPLAY (':N')."""
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
    xvfb, display = start_xvfb(xvfb_log, screen_size)
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


QT_PIXELS = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
screen = app.primaryScreen()
print("ready", flush=True)
for line in sys.stdin:
    x, y = (int(n) for n in line.split())
    print(screen.grabWindow(0, x, y, 1, 1).toImage().pixelColor(0, 0).lightness(), flush=True)
"""


class PixelReader:
    """Reads single pixels off the X screen in milliseconds: one Qt client (no window) kept
    running, where a screenshot each time would take a second."""

    def __init__(self, display: str, log: Path):
        with log.open("ab") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", QT_PIXELS],
                env=x_env(display),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
            )
        try:
            self._answer("start")
        except AssertionError:
            self.close()
            raise

    def _answer(self, what: str) -> str:
        assert self.proc.stdout is not None
        line = read_line(self.proc.stdout.fileno(), timeout=15)
        if not line:
            raise AssertionError(f"the pixel reader gave no answer to {what} (its log is below)")
        return line

    def lightness(self, x: int, y: int) -> int:
        """HSL lightness, 0 (black) to 255 (white), of the screen pixel at (x, y)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{x} {y}\n".encode())
        self.proc.stdin.flush()
        return int(self._answer(f"pixel {x},{y}"))

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        stop(self.proc)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def pixels(request: pytest.FixtureRequest, x_display: str, tmp_path: Path) -> Iterator[PixelReader]:
    """Reads the colour of single pixels of the real screen."""
    log = tmp_path / "pixel-reader.log"
    register_log(request, "pixel reader", log)
    reader = PixelReader(x_display, log)
    try:
        yield reader
    finally:
        reader.close()


# The kiosk ------------------------------------------------------------------------------
@dataclass
class Kiosk:
    display: str
    proc: subprocess.Popen[bytes]
    stderr: Path
    data_dir: Path
    wid: str = ""
    size: Point = (SCREEN_W, SCREEN_H)

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

    def wait_full_screen(self) -> None:
        """With a window manager running, the window still covers the whole screen."""
        full = {"X": 0, "Y": 0, "WIDTH": self.size[0], "HEIGHT": self.size[1]}
        geometry: dict[str, int] = {}

        def covers_screen() -> bool:
            geometry.update(self.geometry())
            return all(geometry.get(key) == value for key, value in full.items())

        try:
            poll("the window to cover the screen", covers_screen, timeout=10)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; its geometry is {geometry}") from None

    def _move(self, x: int, y: int) -> list[str]:
        """The xdotool words that put the pointer at window coordinates (x, y) first."""
        self.alive()
        geo = self.geometry()
        target = (geo["X"] + x, geo["Y"] + y)
        pointer = self.shell("getmouselocation")
        # `mousemove --sync` waits for the pointer to move, forever if it is already there.
        if (pointer["X"], pointer["Y"]) != target:
            return ["mousemove", "--sync", str(target[0]), str(target[1])]
        return []

    def click(self, x: int, y: int) -> None:
        """A real left click at window coordinates (x, y)."""
        xdotool(self.display, *self._move(x, y), "click", "1")

    def wheel_down(self, x: int, y: int, notches: int) -> None:
        """Turn a real mouse wheel towards the patient `notches` times over (x, y)."""
        xdotool(
            self.display, *self._move(x, y), "click", "--repeat", str(notches),
            "--delay", "20", "5", timeout=10 + notches * 0.1,
        )  # fmt: skip

    def key(self, *keys: str) -> None:
        """Press and release keys on the physical keyboard, e.g. key("Tab")."""
        self.alive()
        xdotool(self.display, "key", "--delay", "50", *keys)

    def type(self, text: str) -> None:
        """Type text on the physical keyboard, into whatever has keyboard focus."""
        self.alive()
        xdotool(self.display, "type", "--delay", "50", text, timeout=10 + len(text) * 0.1)

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


KioskStarter = Callable[..., Kiosk]


@pytest.fixture
def start_kiosk(
    request: pytest.FixtureRequest, x_display: str, tmp_path: Path, screen_size: Point
) -> Iterator[KioskStarter]:
    """A function that runs `main.py run` full screen on the mini content, with any further
    `run` options given to it, and returns once the kiosk's window is visible. Data goes to
    a fresh folder (`Kiosk.data_dir`). Every kiosk started is stopped afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*options: str) -> Kiosk:
        n = len(started) + 1
        stderr = tmp_path / ("kiosk-stderr.log" if n == 1 else f"kiosk{n}-stderr.log")
        data_dir = tmp_path / ("data" if n == 1 else f"data{n}")
        register_log(request, "kiosk stderr" if n == 1 else f"kiosk {n} stderr", stderr)
        with stderr.open("wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "main.py", "run",
                 "--content", "tests/data/mini/content.yaml", "--data-dir", str(data_dir),
                 *options],
                cwd=ROOT,
                env=x_env(x_display),
                stdin=subprocess.DEVNULL,
                stdout=err,
                stderr=err,
            )  # fmt: skip
        started.append(proc)
        app = Kiosk(x_display, proc, stderr, data_dir, size=screen_size)

        def window_shown() -> bool:
            app.alive()
            found = xdotool(
                x_display, "search", "--onlyvisible", "--pid", str(proc.pid),
                "--name", "^Test clinic - ", check=False,
            )  # fmt: skip
            app.wid = next(iter(found.stdout.split()), "")
            return bool(app.wid)

        poll("the kiosk window to appear", window_shown, timeout=30)
        return app

    try:
        yield start
    finally:
        for proc in started:
            stop(proc)


@pytest.fixture
def kiosk(start_kiosk: KioskStarter) -> Kiosk:
    """`main.py run` full screen on the mini content; returned once its window is visible."""
    return start_kiosk()


# The offscreen twin ---------------------------------------------------------------------
@pytest.fixture
def twin(qtbot: QtBot, themed_app: QApplication, screen_size: Point) -> MainWindow:
    """The kiosk's window built offscreen in this process at the real screen's size.

    The layout only depends on the content, the size and the fonts, which are the same, so
    where a widget is in the twin is where it is on the real screen, as long as the twin is
    put through the same steps (same screen, same focus, same scrolling)."""
    window = MainWindow(load_content(MINI / "content.yaml").content)
    qtbot.addWidget(window)
    window.resize(*screen_size)
    window.show()
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == screen_size
    return window


def settle() -> None:
    """Let the twin's posted work run: new layouts, deferred scrolling into view."""
    for _ in range(3):
        QApplication.processEvents()


def find(window: QWidget, name: str) -> QWidget:
    found = window.findChild(QWidget, name)
    assert found is not None, f"no widget named {name}"
    return found


def reachable(window: QWidget, widget: QWidget) -> bool:
    """Whether a click at the widget's centre lands on it: shown, not scrolled away, not
    under the on-screen keyboard or anything else."""
    settle()
    hit = window.childAt(widget.mapTo(window, widget.rect().center()))
    return widget.isVisible() and hit is not None and (hit is widget or widget.isAncestorOf(hit))


def centre(window: QWidget, widget: QWidget) -> Point:
    """Window coordinates of the widget's centre, checked to be where a click lands on it."""
    ok = reachable(window, widget)  # first: it lets the layout settle
    point = widget.mapTo(window, widget.rect().center())
    if not ok:
        hit = window.childAt(point)
        raise AssertionError(
            f"a click at {widget.objectName()}'s centre {point.toTuple()} would not reach it "
            f"(visible: {widget.isVisible()}; it lands on {type(hit).__name__} "
            f"{hit.objectName() if hit else ''!r})"
        )
    return point.x(), point.y()


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
