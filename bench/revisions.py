"""`python -m bench.revisions BASE [OTHER]`: start-up and tap latency of two revisions of the
kiosk in one run, interleaved, so "no worse than before" is a ratio measured on the same
machine at the same moment (issues 17, 18, 21). Each revision is checked out into
bench/.cache (a detached git worktree, its modules compiled as `make bytecode` does) and runs
its own code, its own content and its own bench/drive.py. OTHER defaults to the working tree.
Results: bench/revisions.json and a table on stdout."""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import CACHE, ROOT, clean_env, machine, summary, x_server
from bench.startup import Variant, floor_variant, measure

OUT = ROOT / "bench" / "revisions.json"


def checkout(revision: str) -> tuple[str, Path]:
    """The revision's short name and a tree of it (the working tree for '.')."""
    if revision == ".":
        return "working tree", ROOT
    sha = subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=ROOT, check=True,
        capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    tree = CACHE / f"rev-{sha}"
    if not (tree / "main.py").exists():
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=True)
        subprocess.run(
            ["git", "worktree", "add", "--force", "--detach", str(tree), sha],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    compileall.compile_dir(tree / "kiosk", quiet=1)
    return sha, tree


def kiosk_of(name: str, tree: Path, data: Path) -> Variant:
    def argv(scratch: Path) -> list[str]:
        return [sys.executable, str(tree / "main.py"), "run", "--content",
                str(tree / "content.yaml"), "--data-dir", str(data)]  # fmt: skip

    return Variant(name, argv, env={"PYTHONPATH": str(tree)})


def taps_of(
    tree: Path, display: str | None, taps: int, drive: Path | None = None
) -> dict[str, list[float]]:
    """One run of a latency benchmark on the tree: the tree's own, or with `drive` the
    bench package of that tree (the same probe for both revisions; it must run on both)."""
    out = Path(tempfile.mkstemp(suffix=".json", dir=CACHE)[1])
    path = str(tree)
    if drive is not None:  # a folder holding only `bench`, so `kiosk` is the tree's
        holder = Path(tempfile.mkdtemp(prefix="drive-", dir=CACHE))
        (holder / "bench").symlink_to(drive / "bench", target_is_directory=True)
        path = f"{holder}{os.pathsep}{tree}"
    env = clean_env(XDG_STATE_HOME=str(CACHE / "state"), PYTHONPATH=path)
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'offscreen.json'}"
    done = subprocess.run(
        [sys.executable, "-m", "bench.drive", "latency", "--taps", str(taps), "--content",
         str(tree / "content.yaml"), "--out", str(out)],
        env=env, cwd=tree if drive is None else CACHE, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"latency in {tree} failed:\n{done.stderr[-3000:]}")
    result = json.loads(out.read_text())
    out.unlink()
    # Older drives report summaries only: keep the medians and p99s of each run.
    return {"median": [result["all_ms"]["median"]], "p99": [result["all_ms"]["p99"]]}


def cpu_to_paint(
    trees: list[tuple[str, Path]], rounds: int, display: str | None, scratch: Path
) -> dict[str, dict[str, float]]:
    """CPU time to the first paint of the floor and each tree, interleaved (bench/paint_cpu.py),
    with each tree's own data folder from the start-up runs (a restart, as there)."""
    runs: dict[str, list[float]] = {"floor": [], **{name: [] for name, _ in trees}}
    order: list[tuple[str, Path | None]] = [("floor", None), *trees]
    for index in range(rounds):
        shift = index % len(order)  # rotated, as the start-up runs are
        for name, tree in order[shift:] + order[:shift]:
            out = Path(tempfile.mkstemp(suffix=".json", dir=scratch)[1])
            env = clean_env(FBSS_KIOSK_BENCH_REPORT=str(out) + ".paint",
                            XDG_STATE_HOME=str(scratch / "state"))  # fmt: skip
            if tree is not None:
                env["PYTHONPATH"] = str(tree)
            if display:
                env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            else:
                env["QT_QPA_PLATFORM"] = "offscreen"
            data = scratch / f"data-{name.replace(' ', '-')}"
            args = [] if tree is None else ["--content", str(tree / "content.yaml"),
                                            "--data-dir", str(data)]  # fmt: skip
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "paint_cpu.py"),
                 "floor" if tree is None else str(tree), str(out), *args],
                env=env, capture_output=True, timeout=120, check=False,
            )  # fmt: skip
            with contextlib.suppress(ValueError, KeyError):  # did not paint: shows in n
                runs[name].append(float(json.loads(out.read_text())["cpu_ms"]))
            out.unlink(missing_ok=True)
    return {name: summary(values, 1) for name, values in runs.items() if values}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.revisions", description=__doc__)
    parser.add_argument("base", help="the revision to compare with, e.g. 281ae41")
    parser.add_argument("other", nargs="?", default=".", help="default: the working tree")
    parser.add_argument("--rounds", type=int, default=6, help="start-up runs of each")
    parser.add_argument("--tap-runs", type=int, default=4, help="latency runs of each")
    parser.add_argument("--taps", type=int, default=200, help="taps per latency run")
    parser.add_argument("--cpu-rounds", type=int, default=10, help="CPU-to-paint runs of each")
    parser.add_argument(
        "--drive-from", metavar="REV",
        help="time both revisions' taps with this revision's bench/drive.py (default: own)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    CACHE.mkdir(exist_ok=True)
    trees = [checkout(args.base), checkout(args.other)]
    drive = checkout(args.drive_from)[1] if args.drive_from else None
    scratch = Path(tempfile.mkdtemp(prefix="revisions-", dir=CACHE))
    results: dict[str, object] = {"machine": machine(), "revisions": [n for n, _ in trees]}
    results["taps_timed_by"] = args.drive_from or "each revision's own bench/drive.py"
    with x_server(scratch) as display:
        results["display"] = "Xvfb + matchbox, xcb" if display else "offscreen"
        variants = [floor_variant()]
        for name, tree in trees:
            variants.append(kiosk_of(name, tree, scratch / f"data-{name.replace(' ', '-')}"))
        print(f"start-up: {args.rounds} interleaved rounds", flush=True)
        results["startup"] = measure(variants, args.rounds, display, scratch)
        print(f"CPU to first paint: {args.cpu_rounds} interleaved rounds", flush=True)
        results["cpu_to_paint_ms"] = cpu_to_paint(trees, args.cpu_rounds, display, scratch)
        taps: dict[str, dict[str, list[float]]] = {n: {"median": [], "p99": []} for n, _ in trees}
        for index in range(args.tap_runs):
            order = trees if index % 2 == 0 else trees[::-1]
            for name, tree in order:
                run = taps_of(tree, display, args.taps, drive)
                for key in ("median", "p99"):
                    taps[name][key] += run[key]
                print(f"  taps {name:<14} median {run['median'][0]:6.1f} ms "
                      f"p99 {run['p99'][0]:6.1f} ms", flush=True)  # fmt: skip
        results["taps"] = {
            n: {k: summary(v, 2) for k, v in t.items() if v} for n, t in taps.items()
        }
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


def table(results: dict[str, object]) -> str:
    startup = results["startup"]
    taps = results["taps"]
    assert isinstance(startup, dict) and isinstance(taps, dict)
    base, other = (str(n) for n in results["revisions"])  # type: ignore[attr-defined]
    floor = startup["floor"]["start_ms"]["median"]

    def start(name: str) -> float:
        return float(startup[name]["start_ms"]["median"])

    def tap(name: str, key: str) -> float:
        # The median of the runs' medians, and of their p99s.
        return float(taps[name][key]["median"])

    rows = [
        f"| measure | {base} | {other} | {other} / {base} |",
        "|---|---|---|---|",
        f"| start-up, median ms (floor {floor:.0f}) | {start(base):.0f} "
        f"({start(base) / floor:.2f}x) | {start(other):.0f} ({start(other) / floor:.2f}x) | "
        f"{start(other) / start(base):.2f} |",
    ]
    cpu = results.get("cpu_to_paint_ms")
    if isinstance(cpu, dict) and base in cpu and other in cpu:
        a, b = cpu[base]["median"], cpu[other]["median"]
        f = cpu["floor"]["median"] if "floor" in cpu else float("nan")
        rows.append(f"| CPU to first paint, median ms (floor {f:.0f}) | {a:.0f} | {b:.0f} | "
                    f"{b / a:.2f} |")  # fmt: skip
    for key in ("median", "p99") if taps[base] else ():
        a, b = tap(base, key), tap(other, key)
        rows.append(f"| tap {key}, ms | {a:.1f} | {b:.1f} | {b / a:.2f} |")
    return "\n".join(rows) + f"\n({results['display']})"


if __name__ == "__main__":
    raise SystemExit(main())
