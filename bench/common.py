"""What every benchmark shares: statistics, PSS of a process tree, an X server, the machine."""

from __future__ import annotations

import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
SCREEN = (1920, 1080)
FRAME_MS = 1000 / 60


# Statistics ---------------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values: Sequence[float], digits: int = 1) -> dict[str, float | int]:
    return {
        "n": len(values),
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "p99": round(percentile(values, 99), digits),
        "max": round(max(values), digits),
    }


# Memory -------------------------------------------------------------------------------------
def children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name is in brackets and may hold spaces: read after the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def process_tree(pid: int) -> list[int]:
    tree = children_of()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, []))
    return found


def pss_kb(pid: int) -> int:
    """Proportional set size of one process in KiB (0 if it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def tree_pss_mb(pid: int) -> tuple[float, int]:
    """PSS of `pid` and all its descendants in MB, and how many processes that was."""
    pids = process_tree(pid)
    return sum(pss_kb(p) for p in pids) / 1024, len(pids)


def own_pss_mb() -> float:
    return pss_kb(os.getpid()) / 1024


def own_private_mb() -> float:
    """This process's anonymous memory (Pss_Anon: its heaps, Python's and Qt's) in MB. Unlike
    PSS it leaves out shared library pages, whose share moves by 15-25 MB when another
    process loads the same Qt libraries: growth is read from this one."""
    text = Path(f"/proc/{os.getpid()}/smaps_rollup").read_text()
    match = re.search(r"^Pss_Anon:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


# Processes ----------------------------------------------------------------------------------
def stop_tree(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process we started and everything it started (its own process group)."""
    if proc.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    with suppress(ProcessLookupError, PermissionError):  # helpers left in the group
        os.killpg(proc.pid, signal.SIGKILL)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a measured process: no FBSS_KIOSK_* or Qt overrides from the
    developer's shell."""
    drop = ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_FONT_DPI", "QT_STYLE_OVERRIDE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FBSS_KIOSK_") and k not in drop}
    env.update(extra)
    return env


# X server -----------------------------------------------------------------------------------
@contextmanager
def x_server(scratch: Path) -> Iterator[str | None]:
    """A 1920x1080 Xvfb with matchbox, yielding its DISPLAY; None if they are not installed."""
    if not shutil.which("Xvfb") or not shutil.which("matchbox-window-manager"):
        yield None
        return
    log = (scratch / "xvfb.log").open("ab")
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
         "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_end,), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        start_new_session=True,
    )  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    display = f":{number}"
    wm = subprocess.Popen(
        ["matchbox-window-manager", "-use_titlebar", "no"],
        env={**os.environ, "DISPLAY": display},
        stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            probe = subprocess.run(
                ["xdotool", "get_num_desktops"], env={**os.environ, "DISPLAY": display},
                capture_output=True, check=False,
            )  # fmt: skip
            if probe.returncode == 0:
                break
            time.sleep(0.05)
        yield display
    finally:
        stop_tree(wm)
        stop_tree(xvfb)
        log.close()


# The machine --------------------------------------------------------------------------------
def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem_gb = kb / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    os_name = platform.platform()
    try:
        pretty = Path("/etc/os-release").read_text()
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', pretty, re.MULTILINE)
        os_name = f"{match.group(1)} (kernel {platform.release()})" if match else os_name
    except OSError:
        pass
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{mem_gb:.0f} GiB",
        "os": os_name,
        "python": sys.version.split()[0],
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "chromium": chromium_version(),
    }


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_version() -> str:
    binary = chromium_binary()
    if not binary:
        return "not installed"
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"
