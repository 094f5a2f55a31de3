"""`python -m bench [--quick]`: every benchmark, then bench/results.json, bench/results.md
and the table in docs/benchmarks.md. `make bench` installs Chromium first when missing."""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import fleet_updates, idle_cost, scale, soak, speech, startup
from bench.common import CACHE, ROOT, clean_env, machine, x_server
from bench.report import write_reports

RESULTS = ROOT / "bench" / "results.json"


def drive(what: str, display: str | None, *args: str) -> dict[str, object]:
    """Run bench/drive.py in its own process on the X server (or offscreen without one)."""
    out = Path(tempfile.mkstemp(suffix=".json", dir=CACHE)[1])
    env = clean_env(XDG_STATE_HOME=str(CACHE / "state"), PYTHONPATH=str(ROOT))
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'offscreen.json'}"
    done = subprocess.run(
        [sys.executable, "-m", "bench.drive", what, *args, "--out", str(out)],
        env=env, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"bench.drive {what} failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(out.read_text())
    out.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs (about 2 minutes)")
    parser.add_argument("--rounds", type=int, help="start-up runs of each variant")
    parser.add_argument("--taps", type=int, help="taps for the latency benchmark")
    parser.add_argument("--cycles", type=int, help="patient sessions for memory growth")
    parser.add_argument(
        "--cycles-budget", type=float, metavar="SECONDS",
        help="stop the sessions after this long and report how many ran",
    )  # fmt: skip
    parser.add_argument("--no-docs", action="store_true", help="leave docs/benchmarks.md alone")
    parser.add_argument("--idle-cost", type=float, metavar="MINUTES", help="also P6 idle cost")
    parser.add_argument("--soak", type=int, metavar="SESSIONS", help="also the P7 soak")
    args = parser.parse_args(argv)
    quick = args.quick
    rounds = args.rounds or (3 if quick else 10)
    taps = args.taps or (200 if quick else 1000)
    cycles = args.cycles or (500 if quick else 10_000)
    budget = args.cycles_budget or (60 if quick else 1800)

    CACHE.mkdir(exist_ok=True)
    # The kiosk as installed (`make bytecode`): its modules compiled ahead, not at each start.
    compileall.compile_dir(ROOT / "kiosk", quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=CACHE))
    began = time.monotonic()
    results: dict[str, object] = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if quick else "full",
        "machine": machine(),
    }
    print("machine:", results["machine"], flush=True)
    try:
        print("preparing: HTML export for Chromium, generated content at scale", flush=True)
        site = startup.prepare_site(ROOT / "content.yaml", scratch / "site")
        big = scale.generate(CACHE / "scale")
        results["scale"] = scale.validation(big)
        with x_server(scratch) as display:
            results["display"] = "Xvfb 1920x1080 + matchbox, xcb" if display else "offscreen"
            content = ROOT / "content.yaml"
            variants = [
                startup.floor_variant(),
                startup.kiosk_variant("kiosk", content, scratch / "data"),
                startup.kiosk_variant("kiosk-no-speech", content, scratch / "data-quiet"),
                startup.kiosk_variant(
                    "kiosk-preview",
                    content,
                    scratch / "data-preview",
                    "--size",
                    "1920x1080",
                    command="preview",
                ),
                startup.kiosk_variant("kiosk-1000", big, scratch / "data-1000"),
            ]
            # P5 is about the content: its kiosks run without the speech engine (finding 5).
            for quiet in (variants[2], variants[4]):
                quiet.env["FBSS_KIOSK_SPEECH_ENGINE"] = "none"
            chromium = startup.chromium_variant(site)
            if chromium is not None:
                variants.append(chromium)
            print(f"start-up: {rounds} interleaved rounds", flush=True)
            with speech.daemon_kept_up() as kept_up:
                results["speech_daemon_kept_up"] = kept_up
                results["startup"] = startup.measure(variants, rounds, display, scratch)
            if kept_up and speech.wait_until_daemon_gone():
                cold = startup.kiosk_variant("kiosk-speech-cold", content, scratch / "data")
                cold.before = speech.wait_until_daemon_gone
                print("start-up with the speech daemon not running (as at boot)", flush=True)
                results["startup_speech_cold"] = startup.measure(
                    [cold], max(2, rounds // 3), display, scratch, warmup=0
                )
            # A staff edit makes the kiosk keep a new last good copy before it starts; a new
            # data folder (a new install) has to copy every picture once.
            edited = startup.kiosk_variant("kiosk-1000-edited", big, scratch / "data-1000")
            edited.before = startup.edit_content(big)
            new_install = startup.kiosk_variant("kiosk-1000-new-install", big, None)
            for quiet in (edited, new_install):
                quiet.env["FBSS_KIOSK_SPEECH_ENGINE"] = "none"
            print("start-up after an edit / on a new data folder (1,000 topics)", flush=True)
            results["startup_after_edit"] = startup.measure(
                [edited, new_install], max(2, rounds // 3), display, scratch, warmup=0
            )
            print(f"latency: {taps} taps", flush=True)
            results["latency"] = drive("latency", display, "--taps", str(taps))
            print("photos: every topic with a 12 MP photo", flush=True)
            results["photos"] = drive("photos", display, "--content", str(big))
            print(f"memory: up to {cycles} sessions or {budget:.0f} s", flush=True)
            results["cycles"] = drive(
                "cycles", display, "--cycles", str(cycles), "--budget", str(budget)
            )
        print("content updates: update clients against one repository", flush=True)
        results["fleet_updates"] = fleet_updates.measure()
        if args.idle_cost:  # issue 22: bench/idle_cost.py, bench/soak.py
            results["idle_cost"] = idle_cost.measure(args.idle_cost, 120.0, scratch)
        if args.soak:
            results["soak"] = soak.run(args.soak, None, float("inf"), soak.OUT)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results["seconds"] = round(time.monotonic() - began)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = write_reports(results, docs=not args.no_docs)
    print(table)
    docs = "" if args.no_docs else ", docs/benchmarks.md"
    print(f"written: bench/results.json, bench/results.md{docs} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
