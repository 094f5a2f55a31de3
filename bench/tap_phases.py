"""Where a tap's time goes (P3'), by kind: the same taps as the latency benchmark
(bench/drive.py `kiosk_script`, 300 ms apart), each split at three moments:

- **handler**: from the click until its handling returns (press, release, the `clicked`
  slot: the kiosk's own work for the tap, run synchronously inside the click);
- **posted**: from there until the window's paint starts (the top-level window receives
  QEvent.UpdateRequest): what the handler left posted (polish, layout requests, deferred
  deletes, zero timers);
- **paint**: from the start of that paint until the next turn of the event loop after the
  screen was painted (the probe's moment: the frame has been flushed to X).

With `--profile`, cProfile runs from the click to the paint of each timed tap, and the
kiosk's (or Qt's) functions that took the most time per tap are listed by kind: the
profile that says why. The profile adds its own cost, so its times are shares, not the
latency; the phases come from a run without it.

    python -m bench.tap_phases [--taps 300] [--profile] [--out bench/tap_phases.json]

Run on Xvfb (xcb) like `make bench`; it opens its own display when DISPLAY is unset."""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from bench.common import ROOT, summary, x_server
from bench.taps import KINDS, PaintProbe, Tap, run_taps

PHASES = ("handler", "posted", "paint")


class UpdateClock(QObject):
    """The moments the top-level window starts a paint (QEvent.UpdateRequest)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.starts: list[float] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self.starts.append(time.perf_counter())
        return False


class PhaseRecorder:
    """Wraps each step of a tap script so that its moments are recorded (see the module)."""

    def __init__(self, clock: UpdateClock, profile: bool):
        self.clock = clock
        self.profile = profile
        self.profiles: dict[str, cProfile.Profile] = {}
        self.phases: dict[str, dict[str, list[float]]] = {}
        self.current: Tap | None = None
        self.t0 = self.t1 = self.shown_at = 0.0

    def wrap(self, script: Iterator[Tap]) -> Iterator[Tap]:
        for step in script:
            if step.kind is None:
                yield step
                continue
            yield Tap(step.kind, self._target(step), self._check(step), step.what)

    def _target(self, step: Tap):  # type: ignore[no-untyped-def]
        def target() -> QWidget:
            widget = step.target()
            self.current, self.shown_at = step, 0.0
            self.clock.starts.clear()
            if self.profile:
                assert step.kind is not None
                self.profiles.setdefault(step.kind, cProfile.Profile()).enable()
            self.t0 = time.perf_counter()
            return widget

        return target

    def _check(self, step: Tap):  # type: ignore[no-untyped-def]
        def check() -> bool:
            ok = step.check()
            if ok and self.current is step and not self.shown_at:
                self.shown_at = time.perf_counter()
            return ok

        return check

    def clicked(self, step: Tap) -> None:
        if step.kind is not None:
            self.t1 = time.perf_counter()

    def painted(self) -> None:
        """Called between taps (the settle), right after the tap's time was taken."""
        step, self.current = self.current, None
        if step is None or step.kind is None:
            return
        done = time.perf_counter()
        if self.profile:
            self.profiles[step.kind].disable()
        # The paint that showed the tap's effect started at the last UpdateRequest before
        # the probe saw it; a handler that painted synchronously leaves none after t1.
        starts = [t for t in self.clock.starts if self.t1 <= t <= (self.shown_at or done)]
        paint_start = starts[-1] if starts else self.t1
        by = self.phases.setdefault(step.kind, {phase: [] for phase in PHASES})
        by["handler"].append((self.t1 - self.t0) * 1000)
        by["posted"].append((paint_start - self.t1) * 1000)
        by["paint"].append((done - paint_start) * 1000)

    def top_functions(self, kind: str, n: int, taps: int) -> list[dict[str, object]]:
        """The functions that took the most time of their own, in ms per tap."""
        stats = pstats.Stats(self.profiles[kind])
        rows = []
        for (path, line, name), (_cc, _nc, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            where = name if path == "~" else f"{Path(path).name}:{line}({name})"
            rows.append({"function": where, "own_ms": tottime * 1000 / taps,
                         "cumulative_ms": cumtime * 1000 / taps})  # fmt: skip
        rows.sort(key=lambda row: -float(row["own_ms"]))  # type: ignore[arg-type]
        return [{k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}
                for row in rows[:n]]  # fmt: skip


def measure(content: Path, taps: int, gap_ms: int, profile: bool) -> dict[str, object]:
    from bench.drive import build_kiosk, kiosk_script

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    _kiosk, window = build_kiosk(content, Path(tempfile.mkdtemp(prefix="fbss-phases-")))
    QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton)  # wake: the home screen
    QTest.qWait(50)
    recorder = PhaseRecorder(UpdateClock(window), profile)

    def settle() -> None:
        recorder.painted()
        QTest.qWait(gap_ms)

    probe = PaintProbe(window.stack)
    times = run_taps(
        app, probe, recorder.wrap(kiosk_script(window)), taps, settle, recorder.clicked
    )
    out: dict[str, object] = {"taps": taps, "gap_ms": gap_ms, "profiled": profile}
    kinds: dict[str, object] = {}
    for kind in KINDS:
        if kind not in times:
            continue
        phases = recorder.phases[kind]
        entry: dict[str, object] = {"total_ms": summary(times[kind], 2)}
        entry.update({f"{phase}_ms": summary(phases[phase], 2) for phase in PHASES})
        if profile:
            entry["top_functions"] = recorder.top_functions(kind, 8, len(times[kind]))
        kinds[kind] = entry
    out["by_kind"] = kinds
    return out


def table(result: dict[str, object]) -> str:
    lines = [
        "| tap | n | total median / p99 ms | handler median | posted median | paint median "
        "| p99 tap: handler / posted / paint |",
        "|---|---|---|---|---|---|---|",
    ]
    by_kind = result["by_kind"]
    assert isinstance(by_kind, dict)
    for kind, entry in by_kind.items():
        total = entry["total_ms"]
        med = {phase: entry[f"{phase}_ms"]["median"] for phase in PHASES}
        p99 = {phase: entry[f"{phase}_ms"]["p99"] for phase in PHASES}
        lines.append(
            f"| {kind} | {total['n']} | {total['median']:.1f} / {total['p99']:.1f} "
            f"| {med['handler']:.1f} | {med['posted']:.1f} | {med['paint']:.1f} "
            f"| {p99['handler']:.1f} / {p99['posted']:.1f} / {p99['paint']:.1f} |"
        )
    return "\n".join(lines)


def profile_lines(result: dict[str, object]) -> str:
    by_kind = result["by_kind"]
    assert isinstance(by_kind, dict)
    out = []
    for kind, entry in by_kind.items():
        tops = entry.get("top_functions") or []
        own = "; ".join(f"{row['function']} {row['own_ms']:.1f}" for row in tops[:6])
        out.append(f"- **{kind}** (ms of own time per tap): {own}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tap_phases")
    parser.add_argument("--taps", type=int, default=300)
    parser.add_argument("--gap-ms", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="cProfile each timed tap")
    parser.add_argument("--content", type=Path, default=ROOT / "content.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "tap_phases.json")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        with x_server(Path(tempfile.mkdtemp(prefix="fbss-phases-x-"))) as display:
            if display is None:
                raise SystemExit("needs Xvfb and matchbox-window-manager (make bench-deps)")
            os.environ["DISPLAY"] = display
            os.environ["QT_QPA_PLATFORM"] = "xcb"
            return run(args)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    return run(args)


def run(args: argparse.Namespace) -> int:
    result = measure(args.content, args.taps, args.gap_ms, args.profile)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(table(result))
    if args.profile:
        print(profile_lines(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
