"""In-process measurements on the real kiosk, built by the real composition root
(`kiosk.app.Kiosk`, windowed 1920x1080): tap latency (P3) and memory over many patient
sessions (P4). Run by `python -m bench` as a child process:

    python -m bench.drive latency --taps 1000 --gap-ms 200 --content content.yaml --out result.json
    python -m bench.drive cycles --cycles 10000 --content content.yaml --out result.json

The platform is whatever QT_QPA_PLATFORM says (xcb on Xvfb under `make bench`).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from bench.common import ROOT, own_private_mb, own_pss_mb, summary
from bench.taps import KINDS, PaintProbe, Tap, floor_taps, run_taps, with_floor
from kiosk.app import Kiosk
from kiosk.cli import build_parser, launch_from
from kiosk.content import ImageBlock
from kiosk.design.tokens import TEXT_SCALES
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.request_form import RequestFormScreen
from kiosk.ui.screens.section import SectionScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.theme import Theme

PATIENT = {
    "first_name": "Ana",
    "last_name": "Lopez",
    "phone": "201 555 0123",
    "email": "ana@example.org",
    "note": "Please call after lunch",
}


def build_kiosk(content: Path, data_dir: Path) -> tuple[Kiosk, MainWindow]:
    """The kiosk as `main.py run --windowed --size 1920x1080` builds it, minus logging,
    the single-instance lock and systemd."""
    argv = ["run", "--windowed", "--size", "1920x1080", "--content", str(content)]
    return kiosk_from([*argv, "--data-dir", str(data_dir)])


def kiosk_from(argv: list[str]) -> tuple[Kiosk, MainWindow]:
    """The kiosk as `main.py` builds it for these arguments, shown and exposed."""
    launch = launch_from(build_parser().parse_args(argv))
    if launch is None:
        raise SystemExit("bad settings")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    Theme().apply(app)
    kiosk = Kiosk(app, launch)
    kiosk.start()
    window = kiosk.window
    if not isinstance(window, MainWindow):
        raise SystemExit("the kiosk is out of service (invalid content?)")
    QTest.qWaitForWindowExposed(window)
    started(kiosk)
    return kiosk, window


def started(kiosk: Kiosk, limit_s: float = 30.0) -> None:
    """Until the steps after the first paint are done (imports, Babel's data, the workers),
    as they are long before a patient's first tap: a bench that taps at once would time
    them as part of its first taps."""
    deadline = time.monotonic() + limit_s
    while (
        kiosk.after_paint is not None and kiosk.after_paint.pending and time.monotonic() < deadline
    ):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def fill_in_form(window: MainWindow, topic_id: str) -> RequestFormScreen:
    """The call-back form opened from `topic_id`, filled in as a patient would (a test
    patient: PATIENT), consent given; not sent."""
    window.open_request(topic_id)
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    for name, value in PATIENT.items():
        form.fields[name].setText(value)
    form.best_time.set_value("morning")
    form.consent.setChecked(True)
    return form


def button(window: QWidget, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    if found is None:
        raise RuntimeError(f"no button named {name}")
    return found


# Latency (P3') ------------------------------------------------------------------------------
def latency(content: Path, taps: int, scratch: Path, gap_ms: int, floor: int) -> dict[str, object]:
    """Tap after tap round the whole content, every kind a patient makes (bench/taps.py);
    each time is from the synthesized click to the flushed paint of what it shows. Between
    taps the kiosk has `gap_ms` to itself, as it has while a patient reads (a tap in the very
    next turn of the event loop would be quicker than any finger). The floor's tap first."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    floor_ms = floor_taps(app, floor)
    _kiosk, window = build_kiosk(content, scratch / "data")
    QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton)  # wake: the home screen
    QTest.qWait(50)
    probe = PaintProbe(window.stack)

    def settle() -> None:
        QTest.qWait(gap_ms)

    times = run_taps(app, probe, kiosk_script(window), taps, settle if gap_ms else lambda: None)
    every = [t for values in times.values() for t in values]
    by_kind = {kind: summary(times[kind], 2) for kind in KINDS if times.get(kind)}
    return {
        "taps": len(every),
        "gap_ms": gap_ms,
        "all_ms": summary(every, 2),
        "by_kind_ms": by_kind,
        "floor_ms": floor_ms,
        "by_kind": with_floor(by_kind, floor_ms),
    }


def kiosk_script(window: MainWindow) -> Iterator[Tap]:
    """Round the content, one section and topic after another: tile, a language switch and
    back, row, language and back, every text size, contrast on and off, Back, Back home;
    tile, row, the top bar's Home; the call-back tile, a name typed on the on-screen keys,
    Next and Back between the form's steps, and Home."""
    sections = window.content.sections
    langs = window.content.languages

    def on(name: str) -> Callable[[], QWidget]:
        """A button of the screen being shown (kept screens have buttons of the same name)."""
        return lambda: button(window.current_screen, name)

    def bar(name: str) -> Callable[[], QWidget]:
        return lambda: button(window, name)

    def shows(kind: type) -> Callable[[], bool]:
        return lambda: isinstance(window.current_screen, kind)

    def language() -> Iterator[Tap]:
        for lang in (*langs[1:2], langs[0]) if len(langs) > 1 else ():
            yield Tap("language", bar("languageButton"), lambda lang=lang: window.lang == lang)

    def form() -> RequestFormScreen:
        screen = window.current_screen
        assert isinstance(screen, RequestFormScreen)
        return screen

    def typed(field: str, text: str) -> Iterator[Tap]:
        yield Tap(None, lambda: form().fields[field], what=f"field {field}")
        for char in text:
            yield Tap(None, lambda c=char: form().keyboard.keys[c], what=f"key {char}")

    n = 0
    while True:
        first, second = sections[n % len(sections)], sections[(n + 1) % len(sections)]
        rounds = n // len(sections)
        topic = first.topics[rounds % len(first.topics)]
        other = second.topics[rounds % len(second.topics)]
        yield Tap("tile", on(f"tile-{first.id}"), shows(SectionScreen), first.id)
        yield from language()
        yield Tap("row", on(f"row-{topic.id}"), shows(TopicScreen), topic.id)
        yield from language()
        for scale in (*TEXT_SCALES[1:], TEXT_SCALES[0]):
            size = lambda scale=scale: window.session.text_scale == scale  # noqa: E731
            yield Tap("text-size", bar("textSizeButton"), size)
        for high in (True, False):
            look = lambda high=high: window.session.high_contrast is high  # noqa: E731
            yield Tap("contrast", bar("contrastButton"), look)
        yield Tap("back", bar("backButton"), shows(SectionScreen))
        yield Tap("back-home", bar("backButton"), shows(HomeScreen))
        yield Tap("tile", on(f"tile-{second.id}"), shows(SectionScreen), second.id)
        yield Tap("row", on(f"row-{other.id}"), shows(TopicScreen), other.id)
        yield Tap("home", bar("homeButton"), shows(HomeScreen))
        yield Tap(None, on("tile-request"), shows(RequestFormScreen), "call-back tile")
        yield from typed("first_name", "an")
        yield from typed("last_name", "lo")
        yield Tap(None, lambda: form().keyboard.keys["next"], what="keyboard Done")
        yield Tap("form-step", lambda: form().next_step, lambda: form().step == 1)
        yield Tap("form-step", lambda: form().back_step, lambda: form().step == 0)
        yield Tap(None, bar("homeButton"), shows(HomeScreen), "home from the form")
        n += 1


# Large photos (P5) --------------------------------------------------------------------------
def photos(content: Path, scratch: Path) -> dict[str, object]:
    """Open every topic that has a photo, by a tap on its row in the section's list: the
    time to the painted topic (the photo decoded at display size) and memory before and
    after all of them (the decoded pictures are held in a bounded cache)."""
    from kiosk.patient.navigation import Route, RouteKind

    _kiosk, window = build_kiosk(content, scratch / "data")
    QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton)
    probe = PaintProbe(window.stack)
    app = QApplication.instance()
    assert app is not None
    wanted = [
        (section.id, topic.id)
        for section in window.content.sections
        for topic in section.topics
        if any(isinstance(block, ImageBlock) for block in topic.body)
    ]
    times: list[float] = []
    pss: list[float] = []

    def next_photo() -> None:
        if len(times) == len(wanted):
            app.exit(0)
            return
        section_id, topic_id = wanted[len(times)]
        window.show_route(Route(RouteKind.SECTION, section_id))
        QCoreApplication.processEvents()
        if not pss:
            pss.append(own_pss_mb())
        start = time.perf_counter()

        def painted() -> None:
            times.append((time.perf_counter() - start) * 1000)
            QTimer.singleShot(0, next_photo)

        def opened() -> bool:
            screen = window.current_screen
            return isinstance(screen, TopicScreen) and screen.topic.id == topic_id

        probe.arm(painted, opened)
        QTest.mouseClick(button(window, f"row-{topic_id}"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, next_photo)
    app.exec()
    gc.collect()
    pss.append(own_pss_mb())
    return {
        "photo_topics": len(times),
        "open_ms": summary(times, 1),
        "pss_before_mb": round(pss[0], 1),
        "pss_after_mb": round(pss[-1], 1),
    }


# Memory over sessions (P4) -------------------------------------------------------------------
def cycles(
    content: Path, count: int, scratch: Path, warmup: int, budget_s: float
) -> dict[str, object]:
    """`count` patient sessions after `warmup` ones: wake (home), a section, a topic, the
    call-back form filled in, then the reset between patients. Every 10th session also
    switches language and back; every 100th sends the form (SQLite). Every screen is shown
    and painted. Memory (private, and total PSS) is read after a garbage collection. Stops
    early after `budget_s` seconds and reports how many sessions ran."""
    kiosk, window = build_kiosk(content, scratch / "data")
    sections = window.content.sections
    langs = window.content.languages
    app = QApplication.instance()
    assert app is not None

    def settle() -> None:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def session(n: int) -> None:
        QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton)
        settle()
        section = sections[n % len(sections)]
        topic = section.topics[(n // len(sections)) % len(section.topics)]
        window.open_section(section.id)
        settle()
        window.open_topic(topic.id)
        settle()
        if len(langs) > 1 and n % 10 == 0:
            window.set_language(langs[1])
            settle()
            window.set_language(langs[0])
            settle()
        form = fill_in_form(window, topic.id)
        settle()
        if n % 100 == 0:
            form.go_to(len(form.pages) - 1)  # the review page, where Send is
            QTest.mouseClick(button(window, "sendButton"), Qt.MouseButton.LeftButton)
            settle()
        window.reset_session()
        settle()

    totals: list[tuple[int, float]] = []

    def sample(n: int) -> float:
        """Private memory after a garbage collection; total PSS is kept alongside."""
        settle()
        gc.collect()
        totals.append((n, own_pss_mb()))
        return own_private_mb()

    started = time.perf_counter()
    for n in range(warmup):
        session(n)
    samples = [(0, sample(0))]
    step = max(1, count // 20)
    deadline = started + budget_s
    done = 0
    for n in range(1, count + 1):
        session(warmup + n)
        done = n
        out_of_time = time.perf_counter() > deadline
        if n % step == 0 or n == count or out_of_time:
            samples.append((n, sample(n)))
        if out_of_time:
            break
    seconds = time.perf_counter() - started
    per_1000 = slope_per_1000(samples)
    growth = samples[-1][1] - samples[0][1]
    kiosk.service.close()
    return {
        "cycles": done,
        "cycles_asked": count,
        "warmup_cycles": warmup,
        "seconds": round(seconds, 1),
        "ms_per_cycle": round(seconds * 1000 / (warmup + done), 1),
        "slope_mb_per_1000": round(per_1000, 3),
        # Measured over 10,000 sessions; over fewer, the larger of what was measured and
        # the trend (least squares) carried on to 10,000.
        "growth_10000_mb": round(growth if done >= 10_000 else max(growth, per_1000 * 10), 2),
        "private_start_mb": round(samples[0][1], 1),
        "private_end_mb": round(samples[-1][1], 1),
        "growth_mb": round(growth, 2),
        "samples": [[n, round(mb, 2)] for n, mb in samples],
        # Total PSS as well: it also moves with other processes' use of the same libraries.
        "pss_start_mb": round(totals[0][1], 1),
        "pss_end_mb": round(totals[-1][1], 1),
        "pss_growth_mb": round(totals[-1][1] - totals[0][1], 2),
        "pss_samples": [[n, round(mb, 2)] for n, mb in totals],
    }


def skip_app_filters() -> None:
    """Make QApplication.installEventFilter a no-op (diagnosis of its per-event cost)."""

    def install(self: QApplication, watcher: QObject) -> None:
        return None

    QApplication.installEventFilter = install  # type: ignore[method-assign,assignment]


def slope_per_1000(samples: list[tuple[int, float]]) -> float:
    """Least-squares growth of PSS in MB per 1,000 sessions (0 with fewer than 2 points)."""
    if len(samples) < 2:
        return 0.0
    xs = [n for n, _ in samples]
    ys = [mb for _, mb in samples]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mean_x) ** 2 for x in xs)
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return cov / var * 1000 if var else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.drive")
    parser.add_argument("what", choices=["latency", "cycles", "photos"])
    parser.add_argument("--taps", type=int, default=1000)
    parser.add_argument("--gap-ms", type=int, default=300, help="latency: idle time between taps")
    parser.add_argument("--floor-taps", type=int, default=300, help="latency: taps on the floor")
    parser.add_argument("--cycles", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--budget", type=float, default=3600.0, metavar="SECONDS")
    parser.add_argument("--content", type=Path, default=ROOT / "content.yaml")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--without-app-filters",
        action="store_true",
        help="diagnosis only: do not install application-wide event filters, to measure "
        "what they cost (the kiosk then has no idle watch, lockdown or keyboard navigation)",
    )
    args = parser.parse_args(argv)
    if args.without_app_filters:
        skip_app_filters()
    scratch = Path(tempfile.mkdtemp(prefix="fbss-bench-"))
    if args.what == "latency":
        result = latency(args.content, args.taps, scratch, args.gap_ms, args.floor_taps)
    elif args.what == "photos":
        result = photos(args.content, scratch)
    else:
        result = cycles(args.content, args.cycles, scratch, args.warmup, args.budget)
    result["platform"] = QGuiApplication.platformName()
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
