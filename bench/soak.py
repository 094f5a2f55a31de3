"""A day-long soak, compressed (P7, issue 22): many patient sessions on the real kiosk
(`kiosk.app.Kiosk`, as bench/drive.py builds it, windowed 1920x1080), with its idle watch on
an injected clock that jumps, so every session that ends by walking away is reset by the
idle watch itself ("still there?", the countdown, the wipe) without waiting.

    python -m bench.soak [--sessions N] [--quick]

Each session: wake, a section, a topic, the call-back form filled in. Every 10th switches
language and back, every 10th (others) steps the text size; every 50th sends its request,
which the kiosk's delivery worker e-mails through a real SMTP server on loopback (aiosmtpd,
STARTTLS with a trustme certificate and a password, as tests/delivery do); the other
sessions are left alone until the idle watch resets them. Every 500th session the copy of
content.yaml the kiosk runs on is edited (see edit_content) and reloaded as the content
watch does (`LiveContent.reload`); the kiosk swaps
it in at the next reset. The watch itself also sees the edit and may reload once more.

Read at the start (after warm-up) and at the end, after a garbage collection: private
memory (Pss_Anon), open file descriptors, threads (Python's and the OS's), and Qt objects
(every QObject under the application, plus top-level widgets and all widgets). At the end
the e-mails the server received are counted against the requests sent: 0 may be lost.
Writes bench/soak.json.
"""

from __future__ import annotations

import argparse
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
from collections import Counter
from pathlib import Path
from typing import Any

from bench.common import CACHE, ROOT, clean_env, own_private_mb, x_server

OUT = ROOT / "bench" / "soak.json"
SEND_EVERY, RELOAD_EVERY, SWITCH_EVERY = 50, 500, 10
PATIENT = {
    "first_name": "Ana",
    "last_name": "Lopez",
    "phone": "201 555 0123",
    "email": "ana@example.org",
    "note": "Please call after lunch",
}


class JumpingClock:
    """time.monotonic, plus whatever the soak has skipped ahead."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.skipped

    def jump(self, seconds: float) -> None:
        self.skipped += seconds


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


def soak(sessions: int, warmup: int, folder: Path, budget_s: float) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton

    from bench.drive import kiosk_from
    from kiosk.ui.screens.request_form import RequestFormScreen
    from tests.delivery.servers import MailSink, SmtpServer, make_certs

    content_dir = folder / "content"
    content_dir.mkdir()
    content = content_dir / "content.yaml"
    shutil.copy2(ROOT / "content.yaml", content)
    shutil.copytree(ROOT / "assets", content_dir / "assets")
    certs = make_certs(folder / "certs")
    sink = MailSink()
    server = SmtpServer(sink, certs, "starttls")
    server.start()
    settings = settings_file(folder, content, server, certs)
    kiosk, window = kiosk_from(["run", "--settings", str(settings), "--size", "1920x1080"])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    clock = JumpingClock()
    state = {"sent": 0, "idle_resets": 0, "reloads": 0, "swapped": 0, "text_size": 0}

    def settle() -> None:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

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
        shown = window.content
        QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton)
        settle()
        sections = window.content.sections
        section = sections[n % len(sections)]
        topic = section.topics[(n // len(sections)) % len(section.topics)]
        window.open_section(section.id)
        settle()
        window.open_topic(topic.id)
        settle()
        langs = window.content.languages
        if len(langs) > 1 and n % SWITCH_EVERY == 0:
            window.set_language(langs[1])
            settle()
            window.set_language(langs[0])
            settle()
        if n % SWITCH_EVERY == SWITCH_EVERY // 2:
            window.next_text_size()
            state["text_size"] += 1
            settle()
        window.open_request(topic.id)
        form = window.current_screen
        assert isinstance(form, RequestFormScreen)
        for name, value in PATIENT.items():
            form.fields[name].setText(value)
        form.best_time.set_value("morning")
        form.consent.setChecked(True)
        settle()
        if n % SEND_EVERY == 0:
            form.go_to(len(form.pages) - 1)  # the review page, where Send is
            click("sendButton")
            settle()
            if type(window.current_screen).__name__ != "ConfirmationScreen":
                raise RuntimeError(f"session {n}: the request was not saved")
            state["sent"] += 1
            window.reset_session()  # what the thank-you screen's timer does
            settle()
        else:
            idle_reset()
        if window.content is not shown:
            state["swapped"] += 1
        if n % RELOAD_EVERY == 0 or n == warmup:  # one in the warm-up too
            edit_content(content, n)
            kiosk.live.reload()  # what the content watch calls once the edit settles
            state["reloads"] += 1
            settle()

    def measure() -> dict[str, Any]:
        settle()
        gc.collect()
        kinds = sorted(o.metaObject().className() for o in app.findChildren(QObject))
        return {"private_mb": round(own_private_mb(), 2), **counts(app), "fd_kinds": fd_kinds(),
                "app_children": kinds}  # fmt: skip

    started = time.perf_counter()
    for n in range(warmup):
        session(n + 1)
    begin = measure()
    samples = [(0, begin["private_mb"])]
    step = max(1, sessions // 20)
    done = 0
    for n in range(1, sessions + 1):
        session(warmup + n)
        done = n
        out_of_time = time.perf_counter() - started > budget_s
        if n % step == 0 or n == sessions or out_of_time:
            samples.append((n, own_private_mb()))
            print(f"  {n:>6} sessions  {samples[-1][1]:6.1f} MB", flush=True)
        if out_of_time:
            break
    seconds = time.perf_counter() - started
    # Every request sent is e-mailed: wait for the last ones (bounded), then count.
    deadline = time.monotonic() + 120
    while len(sink.mails) < state["sent"] and time.monotonic() < deadline:
        settle()
        time.sleep(0.05)
    time.sleep(1.0)  # the worker's connection closes after its last send
    end = measure()
    subjects = [str(mail.message["Subject"]) for mail in sink.mails]
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
        "clock_skipped_hours": round(clock.skipped / 3600, 1),
        **state,
        "requests_sent": state["sent"],
        "mails_received": len(sink.mails),
        "mails_distinct": len(set(subjects)),
        "lost": max(0, state["sent"] - len(sink.mails)),
        "outbox_at_end": pending,
        "start": begin,
        "end": end,
        "growth_mb": round(end["private_mb"] - begin["private_mb"], 2),
        # What the descriptors open at the end and not at the start are (a multiset).
        "new_fds": sorted((Counter(end["fd_kinds"]) - Counter(begin["fd_kinds"])).elements()),
        "new_app_children": sorted(
            (Counter(end["app_children"]) - Counter(begin["app_children"])).elements()
        ),
        "samples": [[n, round(mb, 2)] for n, mb in samples],
    }


def table(r: dict[str, Any]) -> str:
    s, e = r["start"], r["end"]
    asked = f" (of {r['sessions_asked']:,} asked)" if r["sessions"] < r["sessions_asked"] else ""
    rows = [
        f"| soak: {r['sessions']:,} sessions{asked} after {r['warmup_sessions']} "
        "(compressed day) | start | end | change | target | met |",
        "|---|---|---|---|---|---|",
    ]
    growth = r["growth_mb"]
    met = "yes" if growth <= 2 else "**no**"
    rows.append(f"| private memory (Pss_Anon) | {s['private_mb']:.1f} MB | "
                f"{e['private_mb']:.1f} MB | {growth:+.2f} MB | <= 2 MB | {met} |")  # fmt: skip
    for key, label in (("fds", "open file descriptors"), ("os_threads", "threads (OS)"),
                       ("python_threads", "threads (Python)"),
                       ("qobjects_under_app", "QObjects under the application"),
                       ("qobjects_in_windows", "QObjects under the top-level widgets"),
                       ("top_level_widgets", "top-level widgets"),
                       ("all_widgets", "all widgets")):  # fmt: skip
        change = e[key] - s[key]
        rows.append(f"| {label} | {s[key]} | {e[key]} | {change:+d} | no growth | "
                    f"{'yes' if change <= 0 else '**no**'} |")  # fmt: skip
    lost = r["lost"]
    rows.append(f"| requests e-mailed through loopback SMTP | {r['requests_sent']} sent | "
                f"{r['mails_received']} received ({r['mails_distinct']} distinct) | {lost} lost | "
                f"0 lost | {'yes' if lost == 0 else '**no**'} |")  # fmt: skip
    notes = (f"{r['idle_resets']:,} idle resets, {r['reloads']} content reloads "
             f"({r['swapped']} swapped in at a reset), {r['text_size']:,} text-size steps; "
             f"{r['ms_per_session']} ms a session, {r['seconds']:.0f} s in all; the idle clock "
             f"skipped {r['clock_skipped_hours']:,} h")  # fmt: skip
    if r.get("new_app_children"):
        notes += f"; new QObjects under the app: {', '.join(r['new_app_children'])}"
    if r.get("new_fds"):
        notes += f"; descriptors open at the end only: {', '.join(r['new_fds'])}"
    return "\n".join(rows) + "\n\n" + notes


def child(args: argparse.Namespace) -> int:
    logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd: a deprecation per mail
    folder = Path(tempfile.mkdtemp(prefix="soak-", dir=CACHE))
    try:
        result = soak(args.sessions, args.warmup, folder, args.budget)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    from PySide6.QtGui import QGuiApplication

    result["platform"] = QGuiApplication.platformName()
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


def run(sessions: int, warmup: int, budget: float, out: Path) -> dict[str, Any] | None:
    """The soak in a child process on its own Xvfb (offscreen without one); None if it
    failed. Also what `python -m bench --soak` calls."""
    CACHE.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="soak-run-", dir=CACHE))
    env = clean_env(PYTHONPATH=str(ROOT), XDG_STATE_HOME=str(scratch / "state"))
    print(f"soak: {sessions:,} sessions after {warmup}", flush=True)
    try:
        with x_server(scratch) as display:
            if display:
                env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            else:
                env["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests/offscreen.json'}"
            command = [sys.executable, "-m", "bench.soak", "--child", "--sessions",
                       str(sessions), "--warmup", str(warmup),
                       "--out", str(out), "--budget", str(budget)]  # fmt: skip
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
    parser.add_argument("--warmup", type=int, default=100)
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
    result = run(args.sessions, args.warmup, args.budget, args.out)
    if result is None:
        return 1
    print(table(result))
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
