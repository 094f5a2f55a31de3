"""A day-long soak, compressed (P7, issue 22): many patient sessions on the real kiosk
(`kiosk.app.Kiosk`, as bench/drive.py builds it, windowed 1920x1080), with its idle watch on
an injected clock that jumps, so every session that ends by walking away is reset by the
idle watch itself ("still there?", the countdown, the wipe) without waiting.

    python -m bench.soak [--sessions N] [--quick] [--warmup N] [--budget SECONDS]
                         [--skip reload,send,language,text] [--trace FRAMES]

Each session: wake, a section, a topic, the call-back form filled in. The topic and what
else the session does come from a plan derived from the content (Plan): every topic in
turn; about every 10th session switches language and back (after 0-2 text-size steps),
another 10th steps the text size, cycling so that every topic x language x text size is
shown. Every 50th sends its request, which the kiosk's delivery worker e-mails through a
real SMTP server on loopback (aiosmtpd, STARTTLS with a trustme certificate and a
password, as tests/delivery do); the other sessions are left alone until the idle watch
resets them. Every 500th session the copy of content.yaml the kiosk runs on is edited
(see edit_content) and reloaded as the content watch does (`LiveContent.reload`); the
kiosk swaps it in at the next reset. The watch itself also sees the edit and may reload
once more.

The warm-up is the plan's first pass over every topic x language x text size, with a send
and a reload (Plan.warmup). Read then and at the end, after a garbage collection: private
memory (Pss_Anon), open file descriptors, threads (Python's and the OS's), and Qt objects
(every QObject under the application, Qt's gesture objects apart, plus top-level widgets
and all widgets); memory and Qt objects also every 500 sessions just after a reset. At the
end the e-mails the server received are counted against the requests sent: 0 may be lost.
Writes bench/soak.json.
"""

from __future__ import annotations

import argparse
import ctypes
import email
import email.policy
import gc
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import CACHE, ROOT, clean_env, own_private_mb, x_server

OUT = ROOT / "bench" / "soak.json"
SEND_EVERY, RELOAD_EVERY, SWITCH_EVERY = 50, 500, 10
SKIPPABLE = ("reload", "send", "language", "text")
SETTLE = "events and paints (settle)"
DAY = 50_000  # the compressed day's sessions (issue 22)


class JumpingClock:
    """time.monotonic, plus whatever the soak has skipped ahead."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.skipped

    def jump(self, seconds: float) -> None:
        self.skipped += seconds


@dataclass(frozen=True)
class Step:
    """What one session does: the topic it reads, the text size steps it takes there, and
    the language it switches to and back from (None: no switch)."""

    section: str
    topic: str
    text_steps: int
    language: str | None


class Plan:
    """Which topic, text size and language each session shows, derived from the content:
    every topic in turn; for each topic, every 10th visit (staggered over the topics)
    switches language and back and another steps the text size, cycling through every
    other language and every text size, so every topic x language x text size is shown."""

    def __init__(self, content: Any, scales: int):
        self.topics = [(s.id, t.id) for s in content.sections for t in s.topics]
        self.default = content.default_language
        self.others = [lang for lang in content.languages if lang != self.default]
        self.scales = scales

    def __call__(self, n: int) -> Step:
        index, visit = n % len(self.topics), n // len(self.topics)
        slot, turn = divmod(index + visit, SWITCH_EVERY)[::-1]
        section, topic = self.topics[index]
        if slot == 0 and self.others:
            lang = self.others[turn % len(self.others)]
            return Step(section, topic, (turn // len(self.others)) % self.scales, lang)
        if slot == SWITCH_EVERY // 2 and self.scales > 1:
            return Step(section, topic, 1 + turn % (self.scales - 1), None)
        return Step(section, topic, 0, None)

    def size(self) -> dict[str, int]:
        return {"topics": len(self.topics), "languages": 1 + len(self.others),
                "text_sizes": self.scales}  # fmt: skip

    def shown(self, step: Step) -> set[tuple[str, str, int]]:
        """The (topic, language, text size) screens a session builds."""
        seen = {(step.topic, self.default, step.text_steps)}
        if step.language:
            seen.add((step.topic, step.language, step.text_steps))
        return seen

    def first_pass(self) -> int:
        """The session after which every topic x language x text size has been shown."""
        wanted = len(self.topics) * (1 + len(self.others)) * self.scales
        seen: set[tuple[str, str, int]] = set()
        n = 0
        while len(seen) < wanted:
            n += 1
            seen |= self.shown(self(n))
        return n

    def warmup(self) -> int:
        """Long enough for the first pass over all of them, a send and a content reload."""
        return max(self.first_pass(), SEND_EVERY, RELOAD_EVERY)


def subject_sink() -> Any:
    """The SMTP server's handler, keeping only each mail's subject: the test servers'
    MailSink keeps every whole message, which here would be the soak's own growth (1,000
    parsed e-mails in 50,000 sessions) counted in the kiosk's private memory."""
    from tests.delivery.servers import MailSink

    class SubjectSink(MailSink):
        def __init__(self) -> None:
            super().__init__()
            self.subjects: list[str] = []

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            with self.cond:
                self.subjects.append(str(message["Subject"]))
            return "250 OK queued"

    return SubjectSink()


def malloc_mb() -> dict[str, float]:
    """glibc's heap (Qt's and every C library's allocations, not Python's small objects):
    in use, and free but kept by malloc (fragmentation), from mallinfo2; {} elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        info = libc.mallinfo2
    except (OSError, AttributeError):
        return {}

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks",
                    "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                    "keepcost")]  # fmt: skip

    info.restype = MallInfo2
    got = info()
    mb = 1024 * 1024
    return {"malloc_in_use_mb": round((got.uordblks + got.hblkhd) / mb, 2),
            "malloc_free_mb": round(got.fordblks / mb, 2)}  # fmt: skip


def fd_kinds() -> list[str]:
    """What each open file descriptor is: a file's path, or socket/pipe/anon_inode."""
    kinds = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # the listing's own descriptor
        kinds.append(target.split(":[", 1)[0] if ":[" in target else target)
    return sorted(kinds)


def counts(app: Any) -> dict[str, int]:
    from PySide6.QtCore import QObject

    windows = app.topLevelWidgets()
    return {
        "fds": len(os.listdir("/proc/self/fd")),
        "python_threads": threading.active_count(),
        "os_threads": len(os.listdir("/proc/self/task")),
        "qobjects_under_app": len(app.findChildren(QObject)),
        "qobjects_in_windows": sum(len(w.findChildren(QObject)) for w in windows),
        "top_level_widgets": len(windows),
        "all_widgets": len(app.allWidgets()),
    }


def settings_file(folder: Path, content: Path, server: Any, certs: Any) -> Path:
    from tests.delivery.servers import HOST, SMTP_PASSWORD, SMTP_USER

    password = folder / "smtp-password"
    password.write_text(SMTP_PASSWORD + "\n", encoding="utf-8")
    password.chmod(0o600)
    path = folder / "settings.toml"
    path.write_text(
        f"[kiosk]\ncontent = '{content}'\ndata_dir = '{folder / 'data'}'\n"
        f"log_dir = '{folder / 'logs'}'\nwindowed = true\nspeech_engine = 'none'\n\n"
        f"[delivery]\nchannels = ['email']\nsmtp_host = '{HOST}'\nsmtp_port = {server.port}\n"
        f"smtp_tls = 'starttls'\nsmtp_username = '{SMTP_USER}'\n"
        f"smtp_password_file = '{password}'\nsmtp_from = 'kiosk@clinic.example'\n"
        f"smtp_to = ['frontdesk@clinic.example']\nsmtp_ca_file = '{certs.ca_file}'\n"
        "smtp_timeout = 10\n",
        encoding="utf-8",
    )
    return path


def edit_content(content: Path, n: int) -> None:
    """An edit as staff save one (a comment at the end numbered anew): the file's
    fingerprint changes, so the kiosk parses it, keeps a new last good copy and offers
    the new content, swapped in at the next reset."""
    text = content.read_text(encoding="utf-8").split("\n# soak edit ", 1)[0]
    content.write_text(f"{text}\n# soak edit {n}\n", encoding="utf-8")


def soak(
    sessions: int,
    warmup: int | None,
    folder: Path,
    budget_s: float,
    skip: frozenset[str] = frozenset(),
    trace: int = 0,
) -> dict[str, Any]:
    """`warmup` None: the plan's own (Plan.warmup). `skip`: parts of the session left out
    (SKIPPABLE), to split the memory growth between them. `trace`: tracemalloc from the
    end of the warm-up with this many frames, its growth listed by where it was allocated."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QGesture, QPushButton

    from bench.drive import fill_in_form, kiosk_from
    from kiosk.design.tokens import TEXT_SCALES
    from kiosk.ui.widgets.kinetic_scroll import KineticScrollArea
    from tests.delivery.servers import SmtpServer, make_certs

    content_dir = folder / "content"
    content_dir.mkdir()
    content = content_dir / "content.yaml"
    shutil.copy2(ROOT / "content.yaml", content)
    shutil.copytree(ROOT / "assets", content_dir / "assets")
    certs = make_certs(folder / "certs")
    sink = subject_sink()
    server = SmtpServer(sink, certs, "starttls")
    server.start()
    settings = settings_file(folder, content, server, certs)
    kiosk, window = kiosk_from(["run", "--settings", str(settings), "--size", "1920x1080"])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    clock = JumpingClock()
    plan = Plan(window.content, len(TEXT_SCALES))
    warmup = plan.warmup() if warmup is None else warmup
    state = {"sent": 0, "idle_resets": 0, "reloads": 0, "swapped": 0, "text_size": 0,
             "language": 0}  # fmt: skip

    # Where the time goes, without a profiler's overhead: each step's own time, and apart
    # from it the event processing (paints, layouts, deferred deletes) of every settle().
    times: Counter[str] = Counter()
    marks = {"last": time.perf_counter(), "settled": 0.0}

    def settle() -> None:
        begun = time.perf_counter()
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        took = time.perf_counter() - begun
        times[SETTLE] += took
        marks["settled"] += took

    def mark(name: str) -> None:
        now = time.perf_counter()
        times[name] += now - marks["last"] - marks["settled"]
        marks["last"], marks["settled"] = now, 0.0

    def click(name: str) -> None:
        found = window.findChild(QPushButton, name)
        if found is None:
            raise RuntimeError(f"no button named {name}")
        QTest.mouseClick(found, Qt.MouseButton.LeftButton)

    def idle_reset() -> None:
        """Walk away: the idle watch warns, counts down and wipes, on the jumping clock."""
        idle = kiosk.idle
        assert idle is not None
        if idle.clock is not clock:  # a new window has a new watch
            idle.clock = clock
            idle.wake()
        clock.jump(idle.effective_timeout() + 1)
        idle.poll()
        settle()
        clock.jump(idle.warning_s + 1)
        idle.poll()
        settle()
        if not window.on_start_screen:
            raise RuntimeError("the idle watch did not reset the session")
        state["idle_resets"] += 1

    def session(n: int) -> None:
        mark("the soak's own (measuring)")
        shown = window.content
        step = plan(n)
        QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton)
        settle()
        mark("wake (home shown)")
        window.open_section(step.section)
        settle()
        mark("section screen")
        window.open_topic(step.topic)
        settle()
        mark("topic screen")
        if "text" not in skip:
            for _ in range(step.text_steps):
                window.next_text_size()
                state["text_size"] += 1
                settle()
            mark("text size steps")
        if step.language and "language" not in skip:
            back = window.lang
            window.set_language(step.language)
            settle()
            window.set_language(back)
            state["language"] += 1
            settle()
            mark("language switches")
        form = fill_in_form(window, step.topic)
        settle()
        mark("form built and filled in")
        if n % SEND_EVERY == 0 and "send" not in skip:
            form.go_to(len(form.pages) - 1)  # the review page, where Send is
            click("sendButton")
            settle()
            if type(window.current_screen).__name__ != "ConfirmationScreen":
                raise RuntimeError(f"session {n}: the request was not saved")
            state["sent"] += 1
            window.reset_session()  # what the thank-you screen's timer does
            settle()
            mark("send and reset")
        else:
            idle_reset()
            mark("idle reset (warning, countdown, wipe, new home)")
        if window.content is not shown:
            state["swapped"] += 1
        if n % RELOAD_EVERY == 0 and "reload" not in skip:
            edit_content(content, n)
            kiosk.live.reload()  # what the content watch calls once the edit settles
            state["reloads"] += 1
            settle()
            mark("content reload")

    def gestures() -> int:
        """Qt's gesture objects under the application (its gesture manager's): a flick and
        a pan gesture for each kinetic scroll area that has had a press, kept for a while
        after their screen is deleted. Counted apart and shown at every sample, so that
        the rest is the count that must not grow and their own number is seen not to."""
        return len(app.findChildren(QGesture))

    def measure() -> dict[str, Any]:
        settle()
        gc.collect()
        kinds = sorted(o.metaObject().className() for o in app.findChildren(QObject))
        found = counts(app)
        found["gestures"] = gestures()
        found["qobjects_not_gestures"] = found["qobjects_under_app"] - found["gestures"]
        found.update(malloc_mb())
        found["python_blocks"] = sys.getallocatedblocks()
        found["python_wrappers"] = python_wrappers()
        return {"private_mb": round(own_private_mb(), 2), **found, "fd_kinds": fd_kinds(),
                "app_children": kinds}  # fmt: skip

    def python_wrappers() -> dict[str, int]:
        """Python wrappers of QObjects still alive, by class ("gone:" when their C++ object
        is deleted): a wrapper kept by a reference holds its signal instances' native data
        (PySide's), which Qt's own counts do not show."""
        import shiboken6

        kinds: Counter[str] = Counter()
        for o in gc.get_objects():
            if isinstance(o, QObject):
                gone = "" if shiboken6.isValid(o) else "gone:"
                kinds[gone + type(o).__name__] += 1
        return dict(kinds)

    def sample(n: int) -> list[float]:
        """Memory and Qt objects at the same point of every sampled session: just after its
        reset, on the start screen (no garbage collection: the soak's pace)."""
        under_app = len(app.findChildren(QObject))
        areas = sum(isinstance(w, KineticScrollArea) for w in app.allWidgets())
        return [n, round(own_private_mb(), 2), under_app - gestures(), gestures(), areas]

    started = time.perf_counter()
    for n in range(warmup):
        session(n + 1)
    warmup_s = time.perf_counter() - started
    begin = measure()
    if trace:
        tracemalloc.start(trace)
    samples = [sample(0)]
    every = max(1, min(500, sessions // 40))
    done = 0
    for n in range(1, sessions + 1):
        session(warmup + n)
        done = n
        out_of_time = time.perf_counter() - started > budget_s
        if n % every == 0 or n == sessions or out_of_time:
            samples.append(sample(n))
            _, mb, objects, gests, areas = samples[-1]
            print(f"  {n:>6} sessions  {mb:6.1f} MB  {objects:.0f} QObjects + "
                  f"{gests:.0f} gestures ({areas:.0f} scroll areas)", flush=True)  # fmt: skip
        if out_of_time:
            break
    seconds = time.perf_counter() - started
    python_growth = python_heap_growth() if trace else []
    # Every request sent is e-mailed: wait for the last ones (bounded), then count.
    deadline = time.monotonic() + 120
    while len(sink.subjects) < state["sent"] and time.monotonic() < deadline:
        settle()
        time.sleep(0.05)
    time.sleep(1.0)  # the worker's connection closes after its last send
    end = measure()
    subjects = list(sink.subjects)
    kiosk.close()
    server.stop()
    from kiosk.appointments import RequestStore

    with RequestStore(folder / "data", channels=("email",)) as store:
        pending = store.outbox.summary().line()
    return {
        "sessions": done,
        "sessions_asked": sessions,
        "warmup_sessions": warmup,
        "seconds": round(seconds, 1),
        "ms_per_session": round(seconds * 1000 / (done + warmup), 1),
        "ms_per_session_by_step": {
            name: round(t * 1000 / (done + warmup), 1) for name, t in times.most_common()
        },
        "warmup_first_pass": plan.first_pass(),
        "warmup_seconds": round(warmup_s, 1),
        "plan": plan.size(),
        "skipped": sorted(skip),
        "python_growth": python_growth,
        "clock_skipped_hours": round(clock.skipped / 3600, 1),
        **state,
        "requests_sent": state["sent"],
        "mails_received": len(sink.subjects),
        "mails_distinct": len(set(subjects)),
        "lost": max(0, state["sent"] - len(sink.subjects)),
        "outbox_at_end": pending,
        "start": begin,
        "end": end,
        "growth_mb": round(end["private_mb"] - begin["private_mb"], 2),
        # What the descriptors open at the end and not at the start are (a multiset).
        "new_fds": sorted((Counter(end["fd_kinds"]) - Counter(begin["fd_kinds"])).elements()),
        "new_python_wrappers": dict(
            Counter(end["python_wrappers"]) - Counter(begin["python_wrappers"])
        ),
        "new_app_children": sorted(
            (Counter(end["app_children"]) - Counter(begin["app_children"])).elements()
        ),
        # [session, MB, QObjects but gestures, gestures, live kinetic scroll areas]
        "samples": samples,
        "slope_mb_per_1000": slope(samples),
    }


def python_heap_growth() -> list[list[Any]]:
    """What Python allocated since tracemalloc started and still holds, by where."""
    gc.collect()
    snapshot = tracemalloc.take_snapshot().filter_traces(
        (tracemalloc.Filter(False, tracemalloc.__file__),)
    )
    tracemalloc.stop()
    top = snapshot.statistics("traceback")[:15]
    return [[round(s.size / 1024, 1), s.count, [str(f) for f in s.traceback][:6]] for s in top]


def slope(samples: list[list[float]], since: int = 0) -> float:
    """Least squares MB per 1,000 sessions over the samples from session `since` on."""
    points = [(n, mb) for n, mb, *_ in samples if n >= since]
    if len(points) < 2:
        return 0.0
    mean_n = sum(n for n, _ in points) / len(points)
    mean_mb = sum(mb for _, mb in points) / len(points)
    var = sum((n - mean_n) ** 2 for n, _ in points)
    cov = sum((n - mean_n) * (mb - mean_mb) for n, mb in points)
    return round(cov / var * 1000, 3) if var else 0.0


def table(r: dict[str, Any]) -> str:
    s, e = r["start"], r["end"]
    asked = f" (of {r['sessions_asked']:,} asked)" if r["sessions"] < r["sessions_asked"] else ""
    rows = [
        f"| soak: {r['sessions']:,} sessions{asked} after a warm-up of "
        f"{r['warmup_sessions']:,} | start | end | change | target | met |",
        "|---|---|---|---|---|---|",
    ]
    growth = r["growth_mb"]
    met = "yes" if growth <= 2 else "**no**"
    rows.append(f"| private memory (Pss_Anon) | {s['private_mb']:.1f} MB | "
                f"{e['private_mb']:.1f} MB | {growth:+.2f} MB | <= 2 MB | {met} |")  # fmt: skip
    per_1000 = r.get("slope_mb_per_1000", 0.0)
    day = per_1000 * DAY / 1000
    rows.append(f"| private memory, slope after the warm-up | | | {per_1000:+.3f} MB per 1,000 "
                f"({day:+.1f} MB carried on to {DAY:,}) | <= 2 MB over {DAY:,} | "
                f"{'yes' if day <= 2 else '**no**'} |")  # fmt: skip
    for key, label in (("fds", "open file descriptors"), ("os_threads", "threads (OS)"),
                       ("python_threads", "threads (Python)"),
                       ("qobjects_not_gestures",
                        "QObjects under the application, gestures apart"),
                       ("qobjects_in_windows", "QObjects under the top-level widgets"),
                       ("top_level_widgets", "top-level widgets"),
                       ("all_widgets", "all widgets")):  # fmt: skip
        change = e[key] - s[key]
        rows.append(f"| {label} | {s[key]} | {e[key]} | {change:+d} | no growth | "
                    f"{'yes' if change <= 0 else '**no**'} |")  # fmt: skip
    # Gesture objects: the most in the first and in the second half of the samples.
    half = len(r["samples"]) // 2
    first, second = (max((x[3] for x in part), default=0)
                     for part in (r["samples"][:half + 1], r["samples"][half:]))  # fmt: skip
    rows.append(f"| Qt gesture objects under the application (most in 1st / 2nd half of samples) | "
                f"{s['gestures']} | {e['gestures']} | {first} / {second} | no growth | "
                f"{'yes' if second <= first else '**no**'} |")  # fmt: skip
    lost = r["lost"]
    rows.append(f"| requests e-mailed through loopback SMTP | {r['requests_sent']} sent | "
                f"{r['mails_received']} received ({r['mails_distinct']} distinct) | {lost} lost | "
                f"0 lost | {'yes' if lost == 0 else '**no**'} |")  # fmt: skip
    plan = r["plan"]
    notes = (f"Warm-up: the first pass over {plan['topics']} topics x {plan['languages']} "
             f"languages x {plan['text_sizes']} text sizes ends at session "
             f"{r['warmup_first_pass']:,}"
             f"{'' if r['warmup_sessions'] >= r['warmup_first_pass'] else ' (after this warm-up)'}"
             ", with a send and a content reload "
             f"({r['warmup_seconds']:.0f} s). Growth after it: "
             f"{r['slope_mb_per_1000']:+.3f} MB per 1,000 sessions (least squares over "
             f"{len(r['samples'])} samples). "
             f"{r['idle_resets']:,} idle resets, {r['reloads']} content reloads "
             f"({r['swapped']} swapped in at a reset), {r['text_size']:,} text-size steps, "
             f"{r['language']:,} language switches (there and back); "
             f"{r['ms_per_session']} ms a session, {r['seconds']:.0f} s in all; the idle clock "
             f"skipped {r['clock_skipped_hours']:,} h")  # fmt: skip
    if r.get("new_app_children"):
        notes += f"; new QObjects under the app: {', '.join(r['new_app_children'])}"
    if r.get("ms_per_session_by_step"):
        steps = ", ".join(f"{name} {ms}" for name, ms in r["ms_per_session_by_step"].items())
        notes += f"; ms of a session by step: {steps}"
    if "malloc_in_use_mb" in s:
        notes += (f"; glibc heap in use {e['malloc_in_use_mb'] - s['malloc_in_use_mb']:+.2f} MB,"
                  f" free but kept {e['malloc_free_mb'] - s['malloc_free_mb']:+.2f} MB; Python "
                  f"objects {e['python_blocks'] - s['python_blocks']:+,} blocks")  # fmt: skip
    if r.get("skipped"):
        notes += f"; left out: {', '.join(r['skipped'])}"
    if r.get("new_fds"):
        notes += f"; descriptors open at the end only: {', '.join(r['new_fds'])}"
    return "\n".join(rows) + "\n\n" + notes


def child(args: argparse.Namespace) -> int:
    logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd: a deprecation per mail
    folder = Path(tempfile.mkdtemp(prefix="soak-", dir=CACHE))
    try:
        skip = frozenset(args.skip.split(",")) if args.skip else frozenset()
        result = soak(args.sessions, args.warmup, folder, args.budget, skip, args.trace)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    from PySide6.QtGui import QGuiApplication

    result["platform"] = QGuiApplication.platformName()
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


def run(
    sessions: int,
    warmup: int | None,
    budget: float,
    out: Path,
    extra: tuple[str, ...] = (),
) -> dict[str, Any] | None:
    """The soak in a child process on its own Xvfb (offscreen without one); None if it
    failed. Also what `python -m bench --soak` calls. `warmup` None: the plan's own."""
    CACHE.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="soak-run-", dir=CACHE))
    env = clean_env(PYTHONPATH=str(ROOT), XDG_STATE_HOME=str(scratch / "state"))
    print(f"soak: {sessions:,} sessions after {warmup or 'the first pass'}", flush=True)
    try:
        with x_server(scratch) as display:
            if display:
                env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            else:
                env["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests/offscreen.json'}"
            command = [sys.executable, "-m", "bench.soak", "--child", "--sessions",
                       str(sessions), "--out", str(out), "--budget", str(budget),
                       *(["--warmup", str(warmup)] if warmup is not None else []),
                       *extra]  # fmt: skip
            done = subprocess.run(command, env=env, cwd=ROOT, check=False)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0:
        print(f"soak failed ({done.returncode})", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(out.read_text())
    result["display"] = "Xvfb 1920x1080 + matchbox, xcb" if display else "offscreen"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sessions", type=int, help="patient sessions (50,000; quick 2,000)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--warmup", type=int, default=None,
        help="sessions before the start reading (default: the first pass over every topic x "
        "language x text size, a send and a reload, from the content)",
    )  # fmt: skip
    parser.add_argument("--skip", default="", help=f"leave out parts: {','.join(SKIPPABLE)}")
    parser.add_argument("--trace", type=int, default=0, metavar="FRAMES",
                        help="tracemalloc after the warm-up; list what Python kept")  # fmt: skip
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--budget", type=float, default=float("inf"), metavar="SECONDS",
        help="stop the sessions after this long and report how many ran",
    )  # fmt: skip
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sessions = args.sessions or (2_000 if args.quick else 50_000)
    if args.child:
        return child(args)
    if set(filter(None, args.skip.split(","))) - set(SKIPPABLE):
        parser.error(f"--skip takes {','.join(SKIPPABLE)}")
    extra = (*(["--skip", args.skip] if args.skip else []),
             *(["--trace", str(args.trace)] if args.trace else []))  # fmt: skip
    result = run(args.sessions, args.warmup, args.budget, args.out, extra)
    if result is None:
        return 1
    print(table(result))
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
