"""Idle cost (P6, issue 22): what the kiosk costs while nobody touches it, beside the bare
window (bench/floor.py) measured at the same time.

    python -m bench.idle_cost [--minutes M] [--quick] [--share-seconds S]

Three processes run side by side, each on its own Xvfb (offscreen without one): the floor,
the real kiosk (`main.py run`, shipped content, new data folder, no speech engine) left on
its start screen, and a second kiosk driven once to a topic screen (a real click on the
start screen, a tile and a row, then left alone; its idle timeout is an hour). They run as
under systemd: NOTIFY_SOCKET and WATCHDOG_USEC=30 s (deploy/fbss-kiosk.service) are set,
so the watchdog pings. Over M minutes each process tree's CPU time (utime + stime from
/proc/PID/stat) and its threads' context switches (voluntary + nonvoluntary, from
/proc/PID/task/*/status) are read at the start and the end: CPU seconds per hour and
wake-ups per second, per thread name as well.

Then, in this process, the real `run()` with an application event filter that counts every
QTimerEvent by its receiver (the QTimer's owner and attribute, or the class of an object's
own timer), first on the start screen, then on a topic screen: each timer's wake-ups per
second. Writes bench/idle_cost.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench.common import CACHE, ROOT, clean_env, process_tree, stop_tree, x_server

OUT = ROOT / "bench" / "idle_cost.json"
REPORT_ENV = "FBSS_KIOSK_BENCH_REPORT"
TOPIC_ENV = "BENCH_IDLE_TOPIC"  # the wrapper below writes what it reached there
WATCHDOG_USEC = "30000000"  # WatchdogSec=30 in deploy/fbss-kiosk.service
TICK = os.sysconf("SC_CLK_TCK")
KIOSK_FLAGS = ["--idle-timeout", "3600"]  # the topic screen stays up for the whole period
BENCH_TIMER = "bench-phase"
SETTLE_S = 8.0  # after the first paint: the after-paint steps and the drive to a topic


# Reading /proc ---------------------------------------------------------------------------------
def cpu_ticks(pid: int) -> int:
    """utime + stime + cutime + cstime of one process, in clock ticks (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return sum(int(v) for v in fields[11:15])


def switches(pid: int) -> dict[str, tuple[str, int, int]]:
    """Each thread of `pid` (key pid/tid): its name, context switches and nanoseconds on a
    CPU so far (schedstat: finer than the clock ticks of /proc/PID/stat)."""
    found: dict[str, tuple[str, int, int]] = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            status = (task / "status").read_text()
            ran_ns = int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
        name, count = "?", 0
        for line in status.splitlines():
            key, _, value = line.partition(":")
            if key == "Name":
                name = value.strip()
            elif key in ("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"):
                count += int(value)
        found[f"{pid}/{task.name}"] = (name, count, ran_ns)
    return found


def sample(pid: int) -> dict[str, Any]:
    pids = process_tree(pid)
    threads: dict[str, tuple[str, int, int]] = {}
    for p in pids:
        threads.update(switches(p))
    return {"t": time.monotonic(), "ticks": sum(cpu_ticks(p) for p in pids), "threads": threads,
            "processes": len(pids)}  # fmt: skip


def rates(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    seconds = after["t"] - before["t"]
    by_name: Counter[str] = Counter()
    ran_ns = 0
    for key, (name, count, ns) in after["threads"].items():
        _, count0, ns0 = before["threads"].get(key, (name, 0, 0))
        by_name[name] += count - count0
        ran_ns += ns - ns0
    total = sum(by_name.values())
    cpu_s = ran_ns / 1e9  # threads that ended in between are left out (none, idle)
    ticks_s = (after["ticks"] - before["ticks"]) / TICK
    return {
        "seconds": round(seconds, 1),
        "cpu_s": round(cpu_s, 4),
        "cpu_s_per_hour": round(cpu_s / seconds * 3600, 3),
        "cpu_s_per_hour_from_ticks": round(ticks_s / seconds * 3600, 2),
        "wakeups_per_s": round(total / seconds, 2),
        "threads": len(after["threads"]),
        "processes": after["processes"],
        "wakeups_per_s_by_thread": {
            name: round(n / seconds, 3) for name, n in by_name.most_common() if n > 0
        },
    }


# The supervisor's side of sd_notify ---------------------------------------------------------
class NotifySink:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET, read on a thread: unread,
    its queue (net.unix.max_dgram_qlen, often 10) fills and the kiosk's next ping blocks
    the GUI thread, which would make a frozen kiosk look like a quiet one."""

    def __init__(self, path: Path) -> None:
        self.path, self.pings = path, 0
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.5)
        self._open = True
        self._thread = threading.Thread(target=self._read, name="notify-sink", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while self._open:
            try:
                self.pings += self.sock.recv(256).count(b"WATCHDOG=1")
            except TimeoutError:
                continue
            except OSError:
                return

    def close(self) -> None:
        self._open = False
        self._thread.join(5)
        self.sock.close()


# The processes ---------------------------------------------------------------------------------
def start(name: str, argv: list[str], display: str | None, scratch: Path, notify: str,
          extra: dict[str, str]) -> tuple[subprocess.Popen[bytes], Path]:  # fmt: skip
    folder = scratch / name
    folder.mkdir()
    report = folder / "first-paint.json"
    env = clean_env(
        **{REPORT_ENV: str(report), "XDG_STATE_HOME": str(folder / "state")},
        FBSS_KIOSK_SPEECH_ENGINE="none", NOTIFY_SOCKET=notify, WATCHDOG_USEC=WATCHDOG_USEC,
        PYTHONPATH=str(ROOT), **extra,
    )  # fmt: skip
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'offscreen.json'}"
    log = (folder / "output.log").open("wb")
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        start_new_session=True, cwd=folder,
    )  # fmt: skip
    log.close()
    return proc, report


def kiosk_argv(data_dir: Path, topic: bool) -> list[str]:
    base = ["run", "--content", str(ROOT / "content.yaml"), "--data-dir", str(data_dir)]
    if topic:
        return [sys.executable, "-m", "bench.idle_cost", "topic-kiosk", "--", *base, *KIOSK_FLAGS]
    return [sys.executable, str(ROOT / "main.py"), *base, *KIOSK_FLAGS]


def wait_painted(procs: dict[str, tuple[subprocess.Popen[bytes], Path]], scratch: Path) -> None:
    deadline = time.monotonic() + 90
    for name, (proc, report) in procs.items():
        while not report.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                log = (scratch / name / "output.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{name} did not paint:\n{log}")
            time.sleep(0.1)


def measure_processes(minutes: float, scratch: Path) -> dict[str, Any]:
    notify_path = scratch / "notify.sock"
    notify = NotifySink(notify_path)
    topic_mark = scratch / "topic-reached.txt"
    with ExitStack() as stack:
        displays = [stack.enter_context(x_server(scratch)) for _ in range(3)]
        floor = [sys.executable, str(ROOT / "bench" / "floor.py")]
        procs = {
            "floor": start("floor", floor, displays[0], scratch, str(notify_path), {}),
            "kiosk-start-screen": start(
                "kiosk-start-screen", kiosk_argv(scratch / "data-start", topic=False),
                displays[1], scratch, str(notify_path), {},
            ),
            "kiosk-topic": start(
                "kiosk-topic", kiosk_argv(scratch / "data-topic", topic=True), displays[2],
                scratch, str(notify_path), {TOPIC_ENV: str(topic_mark)},
            ),
        }  # fmt: skip
        try:
            wait_painted(procs, scratch)
            time.sleep(SETTLE_S)
            reached = topic_mark.read_text() if topic_mark.exists() else "not reached"
            print(f"  topic kiosk is on: {reached}", flush=True)
            before = {name: sample(proc.pid) for name, (proc, _) in procs.items()}
            print(f"  idle for {minutes:g} min", flush=True)
            time.sleep(minutes * 60)
            after = {name: sample(proc.pid) for name, (proc, _) in procs.items()}
            for name, (proc, _) in procs.items():
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} ended during the idle period ({proc.returncode})")
        finally:
            for proc, _ in procs.values():
                stop_tree(proc)
    notify.close()
    result: dict[str, Any] = {name: rates(before[name], after[name]) for name in procs}
    result["topic_screen"] = reached
    result["watchdog_pings_received"] = notify.pings
    result["display"] = "Xvfb 1920x1080 + matchbox, xcb (one each)" if displays[0] else "offscreen"
    return result


# The topic kiosk: `main.py run`, driven once to a topic ---------------------------------------
def drive_to_topic(window: Any, mark: Path, then: Any = None) -> None:
    """Real clicks, a turn of the event loop apart: the start screen, the first section's
    tile, its first topic's row. Writes the screen reached to `mark`."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    section = window.content.sections[0]
    names = [f"tile-{section.id}", f"row-{section.topics[0].id}"]

    def click(step: int) -> None:
        if step == 0:
            QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton)
        else:
            button = window.findChild(QPushButton, names[step - 1])
            if button is None:
                mark.write_text(f"no button {names[step - 1]}")
                return
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        if step < len(names):
            QTimer.singleShot(500, lambda: click(step + 1))
        else:
            mark.write_text(type(window.current_screen).__name__)
            if then is not None:
                then()

    click(0)


def topic_kiosk(argv: list[str]) -> int:
    """`main.py run ARGS` with one addition: once the start screen is painted and the rest
    is built, drive it to a topic (the kiosk's code is not changed)."""
    from PySide6.QtCore import QTimer

    from kiosk.cli import main
    from kiosk.ui import display

    mark = Path(os.environ[TOPIC_ENV])
    first_painted = display.Display.first_painted

    def painted_then_drive(self: display.Display) -> None:
        first_painted(self)
        QTimer.singleShot(2000, lambda: drive_to_topic(self.window, mark))

    display.Display.first_painted = painted_then_drive  # type: ignore[method-assign]
    return main(argv)


# Each timer's share: in this process ----------------------------------------------------------
def timer_shares(seconds: float, scratch: Path) -> dict[str, Any]:
    """The real `run()` here, an application event filter counting QTimerEvents per
    receiver: `seconds` on the start screen, then `seconds` on a topic."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.cli import main
    from kiosk.ui import display

    notify = NotifySink(scratch / "share-notify.sock")
    os.environ.update(NOTIFY_SOCKET=str(scratch / "share-notify.sock"),
                      WATCHDOG_USEC=WATCHDOG_USEC, FBSS_KIOSK_SPEECH_ENGINE="none")  # fmt: skip
    app = QApplication.instance() or QApplication(sys.argv[:1])
    names: dict[int, str] = {}

    def name_of(receiver: QObject) -> str:
        key = id(receiver)
        if key not in names:
            cls = receiver.metaObject().className()
            owner = receiver.parent()
            if cls == "QTimer" and owner is not None:
                attr = next((a for a, v in vars(owner).items() if v is receiver), "?")
                names[key] = f"{type(owner).__name__}.{attr} ({receiver.interval()} ms)"
            elif cls == "QSingleShotTimer":
                names[key] = "QTimer.singleShot (one-shot)"
            elif cls == "QTimer":
                names[key] = f"QTimer without an owner ({receiver.interval()} ms)"
            else:
                names[key] = f"{type(receiver).__name__} own timer ({cls})"
        return names[key]

    phases: dict[str, Counter[str]] = {"start screen": Counter(), "topic": Counter()}
    events: dict[str, Counter[str]] = {"start screen": Counter(), "topic": Counter()}
    state: dict[str, Any] = {"phase": None}

    class Count(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            phase = state["phase"]
            if phase is not None and watched.objectName() != BENCH_TIMER:
                kind = event.type()
                events[phase][kind.name] += 1
                if kind == QEvent.Type.Timer:
                    phases[phase][name_of(watched)] += 1
            return False

    counter = Count()
    app.installEventFilter(counter)
    mark = scratch / "share-topic.txt"
    first_painted = display.Display.first_painted

    def begin(phase: str | None, next_step: Any, after_s: float) -> None:
        # The bench's own timer, named so it is not counted (PySide's singleShot with a
        # callable makes an unnamed QTimer without an owner, which would be).
        timer = QTimer(counter)
        timer.setObjectName(BENCH_TIMER)
        timer.setSingleShot(True)
        timer.timeout.connect(next_step)
        state["phase"] = phase
        state[f"t-{phase}"] = time.monotonic()
        timer.start(round(after_s * 1000))

    def end_phase(phase: str) -> None:
        state[f"s-{phase}"] = time.monotonic() - state[f"t-{phase}"]
        state["phase"] = None

    def painted(self: display.Display) -> None:
        first_painted(self)
        window = self.window

        def on_topic() -> None:
            QTimer.singleShot(3000, lambda: begin("topic", finish, seconds))

        def finish() -> None:
            end_phase("topic")
            app.exit(0)

        def to_topic() -> None:
            end_phase("start screen")
            drive_to_topic(window, mark, on_topic)

        QTimer.singleShot(round(SETTLE_S * 1000), lambda: begin("start screen", to_topic, seconds))

    display.Display.first_painted = painted  # type: ignore[method-assign]
    data = scratch / "share-data"
    main(["run", "--content", str(ROOT / "content.yaml"), "--data-dir", str(data),
          *KIOSK_FLAGS])  # fmt: skip
    notify.close()
    out: dict[str, Any] = {"topic_screen": mark.read_text() if mark.exists() else "not reached",
                           "watchdog_pings_received": notify.pings}  # fmt: skip
    for phase, counts in phases.items():
        span = state.get(f"s-{phase}", seconds)
        out[phase] = {
            "seconds": round(span, 1),
            "timer_wakeups_per_s": round(sum(counts.values()) / span, 3),
            "by_timer_per_s": {k: round(n / span, 3) for k, n in counts.most_common()},
            "events_per_s": {k: round(n / span, 3) for k, n in events[phase].most_common(8)},
        }
    return out


# Report ---------------------------------------------------------------------------------------
def met_words(k: dict[str, Any], floor_cpu: float) -> str:
    """Each half of the target on its own: a floor that used no CPU at all gives no ratio
    to meet (any kiosk that pings a watchdog uses some), and that must not hide the other."""
    cpu = "yes" if k["cpu_s_per_hour"] <= 1.2 * floor_cpu else "**no**"
    if not floor_cpu:
        cpu = "**no** (the floor used 0 s)"
    wakes = "yes" if k["wakeups_per_s"] <= 2 else "**no**"
    return f"CPU {cpu}; wake-ups {wakes}"


def table(r: dict[str, Any]) -> str:
    proc = r["processes"]
    floor = proc["floor"]
    rows = [
        "| what (idle over {:g} min) | CPU s/hour | x floor | wake-ups/s | target | met |".format(
            r["minutes"]
        ),
        "|---|---|---|---|---|---|",
        f"| bare window (floor) | {floor['cpu_s_per_hour']:.3f} | 1.0x | "
        f"{floor['wakeups_per_s']:.2f} | - | - |",
    ]
    for name, label in (("kiosk-start-screen", "kiosk on its start screen"),
                        ("kiosk-topic", f"kiosk on a topic ({proc['topic_screen']})")):  # fmt: skip
        k = proc[name]
        base = floor["cpu_s_per_hour"]
        ratio = f"{k['cpu_s_per_hour'] / base:.1f}x" if base else "floor is 0"
        met = met_words(k, base)
        rows.append(f"| {label} | {k['cpu_s_per_hour']:.2f} | {ratio} | "
                    f"{k['wakeups_per_s']:.2f} | <= 1.2x, <= 2/s | {met} |")  # fmt: skip
    lines = ["\n".join(rows), "", "Wake-ups per second by thread (context switches):", ""]
    for name in ("floor", "kiosk-start-screen", "kiosk-topic"):
        parts = ", ".join(f"{t} {n:.2f}" for t, n in proc[name]["wakeups_per_s_by_thread"].items())
        lines.append(f"- {name}: {parts or 'none'}")
    shares = r.get("timer_shares")
    if shares:
        lines += [
            "",
            "Timer wake-ups per second of the main thread (QTimerEvents, in-process):",
            "",
        ]
        lines += ["| timer | start screen | topic |", "|---|---|---|"]
        start_s, topic_s = shares["start screen"], shares["topic"]
        keys = list(dict.fromkeys([*start_s["by_timer_per_s"], *topic_s["by_timer_per_s"]]))
        for key in keys:
            lines.append(f"| {key} | {start_s['by_timer_per_s'].get(key, 0):.3f} | "
                         f"{topic_s['by_timer_per_s'].get(key, 0):.3f} |")  # fmt: skip
        lines.append(f"| **all timers** | {start_s['timer_wakeups_per_s']:.3f} | "
                     f"{topic_s['timer_wakeups_per_s']:.3f} |")  # fmt: skip
    return "\n".join(lines)


def measure(minutes: float, share_s: float, scratch: Path) -> dict[str, Any]:
    """The three processes over `minutes`, then the timer shares (`share_s` a phase); also
    what `python -m bench --idle-cost M` calls."""
    print(f"idle cost: floor, kiosk on its start screen and on a topic, {minutes:g} min",
          flush=True)  # fmt: skip
    result: dict[str, Any] = {"minutes": minutes, "processes": measure_processes(minutes, scratch)}
    print(f"timer shares: {share_s:g} s on the start screen, then on a topic", flush=True)
    with x_server(scratch) as display:
        done = subprocess.run(
            [sys.executable, "-m", "bench.idle_cost", "shares", str(share_s), str(scratch)],
            cwd=ROOT, env=share_env(scratch, display), capture_output=True, text=True,
            check=False,
        )  # fmt: skip
    share_file = scratch / "shares.json"
    if done.returncode == 0 and share_file.exists():
        result["timer_shares"] = json.loads(share_file.read_text())
    else:
        print(f"timer shares failed:\n{done.stderr[-2000:]}", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["topic-kiosk"]:
        return topic_kiosk(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        "python -m bench.idle_cost", None, __doc__, formatter_class=raw
    )
    parser.add_argument("--quick", action="store_true", help="1 minute each, 30 s shares")
    parser.add_argument("--minutes", type=float, help="idle period of each process (10)")
    parser.add_argument("--share-seconds", type=float, help="each phase of the share run (120)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    minutes = args.minutes or (1.0 if args.quick else 10.0)
    share_s = args.share_seconds or (30.0 if args.quick else 120.0)
    CACHE.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="idle-", dir=CACHE))
    try:
        result = measure(minutes, share_s, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"written: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


def share_env(scratch: Path, display: str | None) -> dict[str, str]:
    env = clean_env(PYTHONPATH=str(ROOT), XDG_STATE_HOME=str(scratch / "share-state"))
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'offscreen.json'}"
    return env


def shares_main(seconds: float, scratch: Path) -> int:
    result = timer_shares(seconds, scratch)
    (scratch / "shares.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    if sys.argv[1:2] == ["shares"]:
        raise SystemExit(shares_main(float(sys.argv[2]), Path(sys.argv[3])))
    raise SystemExit(main())
