"""Start-up (P1, P2, P5): wall time from process start to the first painted screen, and the
PSS of the whole process tree once started, for the kiosk, a bare PySide6 window (the floor)
and Chromium in kiosk mode showing the content exported to HTML. Runs are interleaved so a
busy moment on the machine hits every variant alike."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, chromium_binary, clean_env, stop_tree, summary, tree_pss_mb

REPORT_ENV = "FBSS_KIOSK_BENCH_REPORT"
PAINT_MARK = "FBSS_FIRST_PAINT "
# Bench-only: the exported site has no script; the copy Chromium opens reports its first
# contentful paint (a time on the wall clock) on the console, which --enable-logging prints.
PAINT_SCRIPT = (
    "<script>new PerformanceObserver(function(l){l.getEntries().forEach(function(e){"
    "if(e.name==='first-contentful-paint'){console.log('" + PAINT_MARK + "'+"
    "(performance.timeOrigin+e.startTime))}})}).observe({type:'paint',buffered:true});"
    "</script>"
)
CHROMIUM_FLAGS = [
    "--kiosk",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-sandbox",
]
SETTLE_S = 2.0  # after the first paint, before memory is read
TIMEOUT_S = 60.0


@dataclass
class Variant:
    name: str
    argv: Callable[[Path], list[str]]  # given a fresh scratch folder for this run
    env: dict[str, str] = field(default_factory=dict)
    chromium: bool = False
    before: Callable[[], None] = lambda: None  # runs before each start, untimed


@dataclass
class Run:
    ms: float
    pss_mb: float
    processes: int
    screen: str


def kiosk_variant(
    name: str, content: Path, data_dir: Path | None, *flags: str, command: str = "run"
) -> Variant:
    """`main.py run` (or `preview`) on `content`. A given data folder is kept between runs
    (a restart: the last good copy of the content is already there); with None every run
    gets a new one (the first start after an edit, which makes that copy)."""

    def argv(scratch: Path) -> list[str]:
        folder = data_dir or scratch / "data"
        return [sys.executable, str(ROOT / "main.py"), command, "--content", str(content),
                "--data-dir", str(folder), *flags]  # fmt: skip

    return Variant(name, argv)


def edit_content(content: Path) -> Callable[[], None]:
    """Before each start, change a comment at the end of `content` as a staff edit would:
    the kiosk then keeps a new last good copy of content.yaml and every picture."""
    counter = [0]

    def edit() -> None:
        counter[0] += 1
        text = content.read_text(encoding="utf-8").split("\n# bench edit ", 1)[0]
        content.write_text(f"{text}\n# bench edit {counter[0]}\n", encoding="utf-8")

    return edit


def floor_variant() -> Variant:
    return Variant("floor", lambda _: [sys.executable, str(ROOT / "bench" / "floor.py")])


def chromium_variant(site: Path) -> Variant | None:
    binary = chromium_binary()
    if binary is None:
        return None
    page = (site / "en" / "index.html").as_uri()

    def argv(scratch: Path) -> list[str]:
        profile = scratch / "chromium-profile"
        profile.mkdir()
        return [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                "--enable-logging=stderr", "--v=0", page]  # fmt: skip

    return Variant("chromium", argv, chromium=True)


def prepare_site(content: Path, target: Path) -> Path:
    """Export `content` to HTML (the real command) and add the paint reporter to the copy."""
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export-html", str(target), "--content",
         str(content)],
        check=True, capture_output=True, env=clean_env(),
    )  # fmt: skip
    for page in target.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("</head>", PAINT_SCRIPT + "</head>", 1), encoding="utf-8")
    return target


def paint_time(variant: Variant, report: Path, log: Path) -> float | None:
    """The wall-clock second of the first paint, once reported."""
    if variant.chromium:
        if not log.exists():
            return None
        for line in log.read_text(errors="replace").splitlines():
            if PAINT_MARK in line:
                return float(line.split(PAINT_MARK, 1)[1].split('"', 1)[0]) / 1000
        return None
    if report.exists():
        return float(json.loads(report.read_text())["wall"])
    return None


def run_once(variant: Variant, display: str | None, scratch_root: Path) -> Run:
    scratch = Path(tempfile.mkdtemp(prefix=f"{variant.name}-", dir=scratch_root))
    report = scratch / "first-paint.json"
    log = scratch / "output.log"
    env = clean_env(
        **{REPORT_ENV: str(report), "XDG_STATE_HOME": str(scratch / "state")}, **variant.env
    )
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env.update(QT_QPA_PLATFORM=f"offscreen:configfile={ROOT / 'tests' / 'offscreen.json'}")
    argv = variant.argv(scratch)
    variant.before()
    with log.open("wb") as out:
        start = time.time()
        proc = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
            start_new_session=True, cwd=scratch,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + TIMEOUT_S
        painted = None
        while painted is None:
            painted = paint_time(variant, report, log)
            if painted is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"{variant.name} did not report a first paint:\n{tail}")
                time.sleep(0.01)
        time.sleep(SETTLE_S)
        pss, count = tree_pss_mb(proc.pid)
        screen = "home page" if variant.chromium else json.loads(report.read_text())["screen"]
        return Run((painted - start) * 1000, pss, count, screen)
    finally:
        stop_tree(proc)
        shutil.rmtree(scratch, ignore_errors=True)


def measure(
    variants: list[Variant], rounds: int, display: str | None, scratch: Path, warmup: int = 1
) -> dict[str, dict[str, object]]:
    """`rounds` interleaved runs of every variant (the order rotates each round), after
    `warmup` rounds that are not counted (they fill the disk cache)."""
    runs: dict[str, list[Run]] = {v.name: [] for v in variants}
    for index in range(warmup + rounds):
        shift = index % len(variants)
        for variant in variants[shift:] + variants[:shift]:
            result = run_once(variant, display, scratch)
            if index >= warmup:
                runs[variant.name].append(result)
            print(f"  {variant.name:<18} {result.ms:7.0f} ms {result.pss_mb:7.1f} MB"
                  f"{'' if index >= warmup else '  (warm-up)'}", flush=True)  # fmt: skip
    out: dict[str, dict[str, object]] = {}
    for name, done in runs.items():
        out[name] = {
            "start_ms": summary([r.ms for r in done], 0),
            "pss_mb": summary([r.pss_mb for r in done], 1),
            "processes": max(r.processes for r in done),
            "first_screen": done[0].screen,
        }
    return out
